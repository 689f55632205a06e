"""Every page of the built website in headless Chromium, served over http:// and opened from file://.

For each page: no console error, no page error, no failed request, no request
leaving the site (MathJax is served by the site itself; no page loads require.js
or the ipywidgets HTML manager, and none embeds ipywidgets state); every math
element typeset by MathJax and no raw TeX left; every slider figure live; every
image with alt text; and for every ``janus.widgets.explore`` figure (a
``<div class="janus-explore">``, ``janus.widgets.StaticExplorer``), moving each
slider with the mouse (dragging its thumb, clicking on its track) and with the
keyboard (Home/End, arrows) shows the frame for the new value, checked against
the frames the figure carries (the data: URI and alt text of that frame in its
JSON), with the value in its readout and its aria-valuetext. Over http, a page
with math preloads MathJax's common fonts, each fetched once.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "sphinx"))
import janus_site  # noqa: E402

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[2] / "_build" / "html"

#: Every HTML page of the build (discovered, not listed by hand).
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
               if p.relative_to(SITE).parts[0] not in {"_static", "_sources", "_images"})

TIMEOUT = 30_000  # ms, for MathJax and the widgets to finish

WAIT_FOR_MATHJAX = """async () => {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) { await mj.startup.promise; }
  return true;
}"""

WIDGETS_RENDERED = """() => [...document.querySelectorAll('.janus-explore')]
  .every(box => box.dataset.live === '1')"""

INSPECT = r"""() => {
  const out = {};
  const boxes = [...document.querySelectorAll('.janus-explore')];
  out.widgets = boxes.length;
  out.unrendered = boxes.filter(box => {
    const img = box.querySelector('img');
    return box.dataset.live !== '1' || !img || !img.complete || img.naturalWidth === 0
      || img.getBoundingClientRect().height === 0
      || [...box.querySelectorAll('input[type="range"]')].some(i => i.getBoundingClientRect().width === 0);
  }).length;
  // what the ipywidgets HTML manager needed: none of it is left
  out.ipywidgets = document.querySelectorAll('script[type^="application/vnd.jupyter.widget"], .jupyter-widgets').length;
  out.widgetScripts = [...document.querySelectorAll('script[src]')].map(s => s.getAttribute('src'))
    .filter(src => /require(\.min)?\.js|embed-amd|html-manager|widgets-shim/.test(src));
    // math: every .math element holds typeset output and no raw TeX
  const maths = [...document.querySelectorAll('.math')];
  out.math = maths.length;
  out.mathjaxLoaded = !!(window.MathJax && window.MathJax.startup);
  out.untypeset = [];
  for (const m of maths) {
    const copy = m.cloneNode(true);
    copy.querySelectorAll('mjx-container').forEach(c => c.remove());
    const raw = copy.textContent.trim();
    if (!m.querySelector('mjx-container') || raw) out.untypeset.push((raw || m.textContent).slice(0, 80));
  }
  out.texErrors = [...document.querySelectorAll('mjx-merror')].map(e => e.textContent.slice(0, 80));
  // raw TeX outside math elements, code and scripts
  const skip = 'pre, code, script, style, textarea, mjx-container, .highlight, .math';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  out.rawTex = [];
  const pattern = /\\\(|\\\[|\$\$|\\begin\{|\$[^$\s][^$]*\\[A-Za-z]+[^$]*\$/;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement && node.parentElement.closest(skip)) continue;
    if (pattern.test(node.textContent)) out.rawTex.push(node.textContent.trim().slice(0, 80));
  }
  // alt text, not the file name Sphinx puts there when a figure has none
  out.imagesWithoutAlt = [...document.querySelectorAll('img')]
    .filter(i => {
      const alt = (i.getAttribute('alt') || '').trim();
      return !alt || alt === i.getAttribute('src') || /^\S+\.(png|jpe?g|gif|svg|webp)$/i.test(alt);
    })
    .map(i => i.outerHTML.slice(0, 120));
  out.explore = document.querySelectorAll('.janus-explore').length;
  return out;
}"""

#: The explore figures of the page, from the JSON each one carries.
EXPLORE_MODELS = """() => [...document.querySelectorAll('.janus-explore')].map(box => {
  const data = JSON.parse(box.querySelector('script.janus-explore-data').textContent);
  return {sliders: data.controls.map(c => ({labels: c.values, index: c.initial})),
          frames: data.frames};
})"""

SHOWN_FRAME = """(n) => {
  const box = document.querySelectorAll('.janus-explore')[n];
  const imgs = [...box.querySelectorAll('img')].filter(i => i.getBoundingClientRect().height > 0);
  if (imgs.length !== 1) return {count: imgs.length};
  const img = imgs[0];
  const ranges = [...box.querySelectorAll('input[type="range"]')];
  return {count: 1, alt: img.getAttribute('alt'), src: img.getAttribute('src'),
          complete: img.complete && img.naturalWidth > 0,
          values: ranges.map(r => Number(r.value)),
          valuetexts: ranges.map(r => r.getAttribute('aria-valuetext')),
          readouts: [...box.querySelectorAll('output')].map(r => r.textContent.trim())};
}"""


class Recorder:
    """Collects what goes wrong on a page: console errors, page errors, bad requests."""

    def __init__(self, page, allowed_prefix: str):
        self.problems: list[str] = []
        self.allowed = allowed_prefix

        def on_console(msg):
            if msg.type == "error":
                self.problems.append(f"console error: {msg.text}")

        self.fonts: list[str] = []                # the URLs of the web fonts asked for

        def on_request(request):
            url = request.url
            if url.split("?")[0].endswith((".woff", ".woff2")):
                self.fonts.append(url)
            if not (url.startswith(self.allowed) or url.startswith(("data:", "blob:"))):
                self.problems.append(f"request leaving the site: {url[:150]}")

        def on_response(response):
            if response.status >= 400:
                self.problems.append(f"HTTP {response.status}: {response.url[:150]}")

        page.on("console", on_console)
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on("request", on_request)
        page.on("requestfailed", lambda r: self.problems.append(
            f"failed request: {r.url[:150]} ({r.failure})"))
        page.on("response", on_response)


def open_page(browser, url: str, allowed_prefix: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")

    def guard(route):
        # the site must work offline: anything from elsewhere is refused (and reported)
        if route.request.url.startswith((allowed_prefix, "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    recorder = Recorder(page, allowed_prefix)
    page.goto(url, wait_until="load")
    target = redirect_target(url, allowed_prefix)
    if target:                            # e.g. index.html, a redirect to the first page
        page.wait_for_url(target, timeout=TIMEOUT)
        page.wait_for_load_state("load")
    try:
        page.wait_for_load_state("networkidle")
        page.evaluate(WAIT_FOR_MATHJAX)
        page.wait_for_function(WIDGETS_RENDERED, timeout=TIMEOUT)
    except PlaywrightTimeout:
        recorder.problems.append(f"the page did not finish loading MathJax and its widgets "
                                 f"within {TIMEOUT / 1000:.0f} s")
    return context, page, recorder


def redirect_target(url: str, prefix: str) -> str | None:
    """The URL a page redirects to with <meta http-equiv="refresh">, if it does."""
    text = (SITE / url[len(prefix):]).read_text(encoding="utf-8", errors="replace")
    match = re.search(r'<meta[^>]+http-equiv="refresh"[^>]+url=([^"]+)"', text, re.IGNORECASE)
    if not match:
        return None
    base = url.rsplit("/", 1)[0] + "/"
    return base + match.group(1).strip()


def check_static(page) -> list[str]:
    """Math, widgets and alt texts of a loaded page."""
    info = page.evaluate(INSPECT)
    problems = []
    if info["math"] and not info["mathjaxLoaded"]:
        problems.append(f"{info['math']} math elements but MathJax is not loaded")
    problems += [f"math not typeset by MathJax: {t!r}" for t in info["untypeset"]]
    problems += [f"TeX error: {t!r}" for t in info["texErrors"]]
    problems += [f"raw TeX in the text: {t!r}" for t in info["rawTex"]]
    if info["unrendered"]:
        problems.append(f"{info['unrendered']} of {info['widgets']} slider figures not live")
    if info["ipywidgets"]:
        problems.append(f"{info['ipywidgets']} ipywidgets elements (widget state or views) on the page")
    problems += [f"the page loads {src}" for src in info["widgetScripts"]]
    problems += [f"image without alt text: {t}" for t in info["imagesWithoutAlt"]]
    return problems


def expected_frame(model, indices):
    """The frame of ``indices``: row-major, the first control varies slowest."""
    flat = 0
    for slider, i in zip(model["sliders"], indices):
        flat = flat * len(slider["labels"]) + i
    return model["frames"][flat]


def wait_for_frame(page, n: int, src: str):
    page.wait_for_function(
        """([n, src]) => {
             const box = document.querySelectorAll('.janus-explore')[n];
             return [...box.querySelectorAll('img')].some(
               i => i.getBoundingClientRect().height > 0 && i.getAttribute('src') === src);
           }""", arg=[n, src], timeout=10_000)


#: Width of the thumb of Chromium's range input in CSS pixels: the thumb's centre
#: runs from half of it after the track's start to half of it before its end.
THUMB = 16


def thumb_x(box, value: int, size: int) -> float:
    return box["x"] + THUMB / 2 + (box["width"] - THUMB) * value / (size - 1)


def move_slider(page, n: int, k: int, target: int, size: int, how: str) -> None:
    """Move slider ``k`` of explore figure ``n`` to option ``target``: ``drag`` its thumb
    or ``click`` on its track with the mouse, or press keys (``key``: Home/End to an
    end, arrows for one step) on the focused slider."""
    slider = page.locator(".janus-explore").nth(n).locator('input[type="range"]').nth(k)
    slider.scroll_into_view_if_needed()
    track = slider.bounding_box()
    current = int(slider.input_value())
    y = track["y"] + track["height"] / 2
    if how == "drag":
        page.mouse.move(thumb_x(track, current, size), y)
        page.mouse.down()
        page.mouse.move(thumb_x(track, target, size), y, steps=8)
        page.mouse.up()
    elif how == "click":
        page.mouse.click(thumb_x(track, target, size), y)
    else:
        slider.focus()
        if target in (0, size - 1) and abs(target - current) > 1:
            page.keyboard.press("Home" if target == 0 else "End")
        else:
            for _ in range(abs(target - current)):
                page.keyboard.press("ArrowRight" if target > current else "ArrowLeft")


def check_explore_widgets(page) -> list[str]:
    """Move every slider of every explore figure and check the frame shown."""
    models = page.evaluate(EXPLORE_MODELS)
    shown = page.locator(".janus-explore").count()
    problems = []
    if len(models) != shown:
        return [f"{shown} explore figures on the page but {len(models)} with frames"]
    for n, model in enumerate(models):
        indices = [s["index"] for s in model["sliders"]]
        frame = page.evaluate(SHOWN_FRAME, n)
        start = expected_frame(model, indices)
        if frame["count"] != 1 or frame["src"] != start["src"] or frame["alt"] != start["alt"]:
            problems.append(f"explore {n}: the first frame shown is not the frame of the initial values")
            continue
        if frame["values"] != indices:
            problems.append(f"explore {n}: the sliders start at {frame['values']}, not {indices}")
        for k, slider in enumerate(model["sliders"]):
            size = len(slider["labels"])
            if size < 2:
                continue
            # drag the thumb to the far end, keys to the other end and one step back,
            # then click on the track in the middle
            far = size - 1 if indices[k] < size - 1 else 0
            near = size - 1 - far
            moves = [(far, "drag"), (near, "key"), (near + (1 if near == 0 else -1), "key"),
                     ((size - 1) // 2, "click")]
            for target, how in moves:
                if target == indices[k]:
                    continue
                before = page.evaluate(SHOWN_FRAME, n)["src"]
                move_slider(page, n, k, target, size, how)
                indices[k] = target
                want = expected_frame(model, indices)
                where = f"explore {n}, slider {k} ({how} to {slider['labels'][target]})"
                try:
                    wait_for_frame(page, n, want["src"])
                except PlaywrightTimeout:
                    got = page.evaluate(SHOWN_FRAME, n)
                    problems.append(f"{where}: the image did not change to {want['alt']!r} "
                                    f"(the sliders are at {got.get('values')})")
                    return problems
                got = page.evaluate(SHOWN_FRAME, n)
                if got["count"] != 1 or not got["complete"]:
                    problems.append(f"{where}: {got['count']} images shown, or not loaded")
                if got["values"] != indices:
                    problems.append(f"{where}: the sliders are at {got['values']}, not {indices}")
                if got["readouts"][k] != slider["labels"][target]:
                    problems.append(f"{where}: the slider shows {got['readouts'][k]!r}")
                if got["valuetexts"][k] != slider["labels"][target]:
                    problems.append(f"{where}: its aria-valuetext is {got['valuetexts'][k]!r}")
                if got["alt"] != want["alt"]:
                    problems.append(f"{where}: the alt text is {got['alt']!r}, not {want['alt']!r}")
                if got["src"] == before:
                    problems.append(f"{where}: the image did not change")
    return problems


def check_math_fonts(page, fetched: list[str], prefix: str) -> list[str]:
    """Over http, a page with math preloads the MathJax fonts that every such page uses
    (``janus_site.MATH_FONTS``) from the site, and the browser uses the preloaded font:
    each is fetched once. (From a file, the page preloads none: a preload there would
    be refused, which the console errors would show.)"""
    if not prefix.startswith("http") or not page.evaluate("() => !!window.MathJax"):
        return []
    preloaded = page.evaluate("() => [...document.querySelectorAll('link[rel=preload]')]"
                              ".map(l => l.href)")
    problems = []
    for name in janus_site.MATH_FONTS:
        url = [u for u in preloaded if u.endswith(f"/{name}.woff")]
        if len(url) != 1 or not url[0].startswith(prefix):
            problems.append(f"the MathJax font {name} is not preloaded from the site ({url})")
        elif fetched.count(url[0]) != 1:
            problems.append(f"the MathJax font {name} was fetched {fetched.count(url[0])} times")
    return problems


def page_problems(browser, url: str, allowed_prefix: str) -> list[str]:
    """Everything a reader would find wrong with one page: the static checks, the widgets
    moved with the mouse, MathJax's preloaded fonts, and the console errors and requests
    recorded meanwhile."""
    context, page, recorder = open_page(browser, url, allowed_prefix)
    try:
        problems = check_static(page) + check_explore_widgets(page)
        page.wait_for_timeout(200)
        problems += check_math_fonts(page, recorder.fonts, allowed_prefix)
        return problems + recorder.problems
    finally:
        context.close()


@pytest.mark.parametrize("page_path", PAGES or ["(no built website)"])
def test_page_over_http(browser, server, site, page_path):
    problems = page_problems(browser, server + page_path, server)
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


def file_pages() -> list[str]:
    chapters = [p for p in PAGES if p.startswith("chapters/")]
    with_widgets = [p for p in chapters
                    if '<div class="janus-explore"' in (SITE / p).read_text(encoding="utf-8", errors="replace")]
    return ["index.html"] + (with_widgets or chapters)[:1]


@pytest.mark.parametrize("page_path", file_pages() if PAGES else ["(no built website)"])
def test_page_from_file(browser, site, page_path):
    prefix = Path(site).resolve().as_uri() + "/"
    problems = page_problems(browser, prefix + page_path, prefix)
    assert not problems, f"{page_path} from file://:\n  " + "\n  ".join(problems)


def test_pages_were_found():
    """The build has the pages of the table of contents, a notebook download and the assets."""
    assert "intro.html" in PAGES and any(p.startswith("chapters/") for p in PAGES), PAGES
    assert (SITE / "_sources" / "intro.ipynb").exists(), "no .ipynb download for intro.md"
    for page in PAGES:
        if page.startswith("chapters/"):
            notebook = SITE / "_sources" / Path(page).with_suffix(".ipynb")
            assert notebook.exists(), f"no .ipynb download for {page}"
            json.loads(notebook.read_text())
    vendor = SITE / "_static" / "vendor"
    assert (vendor / "mathjax" / "tex-mml-chtml.js").exists(), "MathJax is not served by the site"
    assert (SITE / "_static" / "janus-explore.js").exists(), "no _static/janus-explore.js"
    for gone in ["require.js", "widgets-shim.js", "html-manager"]:
        assert not (vendor / gone).exists(), f"_static/vendor/{gone} is still copied into the site"


def test_no_page_carries_widget_state_or_loads_the_widget_manager():
    """The slider figures are plain HTML: no page embeds ipywidgets state or views, none
    loads require.js or the ipywidgets HTML manager, and every page with a slider figure
    loads janus-explore.js (the check can fail: the book has slider figures, and they are found)."""
    figures = 0
    for page in PAGES:
        text = (SITE / page).read_text(encoding="utf-8", errors="replace")
        assert "application/vnd.jupyter.widget" not in text, f"{page} embeds ipywidgets state"
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)
        assert not [s for s in scripts if re.search(r"require(\.min)?\.js|embed-amd|html-manager|widgets-shim", s)], \
            f"{page} loads {scripts}"
        if '<div class="janus-explore"' in text:
            assert any("janus-explore.js" in s for s in scripts), f"{page} does not load janus-explore.js"
        figures += text.count('<div class="janus-explore"')
    assert figures >= 5, f"only {figures} slider figures in the whole book"


PHONE_LAYOUT = """() => [...document.querySelectorAll('.janus-explore')].map(box => {
  const width = document.documentElement.clientWidth;
  const img = box.querySelector('img').getBoundingClientRect();
  const parts = [...box.querySelectorAll('label, input[type="range"], output')]
    .map(e => e.getBoundingClientRect());
  return {width, imgLeft: img.left, imgRight: img.right, imgHeight: img.height,
          right: Math.max(...parts.map(r => r.right)), left: Math.min(...parts.map(r => r.left)),
          sliderWidths: [...box.querySelectorAll('input[type="range"]')].map(i => i.getBoundingClientRect().width),
          scroll: document.documentElement.scrollWidth};
})"""


def test_slider_figures_fit_a_phone(browser, server):
    """At the width of a phone (390 CSS pixels) every figure's image shrinks with the page
    and its labels, sliders and values fit on the screen, each slider usably wide."""
    pages = [p for p in PAGES
             if '<div class="janus-explore"' in (SITE / p).read_text(encoding="utf-8", errors="replace")]
    assert pages
    problems = []
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=3, has_touch=True)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(server + path, wait_until="load")
            page.wait_for_function(WIDGETS_RENDERED, timeout=TIMEOUT)
            for n, box in enumerate(page.evaluate(PHONE_LAYOUT)):
                where = f"{path}, explore {n}"
                if box["imgLeft"] < 0 or box["imgRight"] > box["width"] or box["imgHeight"] <= 0:
                    problems.append(f"{where}: the image spans {box['imgLeft']:.0f} to "
                                    f"{box['imgRight']:.0f} px of {box['width']} px")
                if box["left"] < 0 or box["right"] > box["width"]:
                    problems.append(f"{where}: the sliders span {box['left']:.0f} to "
                                    f"{box['right']:.0f} px of {box['width']} px")
                if min(box["sliderWidths"]) < 120:
                    problems.append(f"{where}: a slider is only {min(box['sliderWidths']):.0f} px wide")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
