"""Every page of the built website in headless Chromium, served over http:// and opened from file://.

For each page: no console error, no page error, no failed request, no request
leaving the site (MathJax, require.js and the widget manager are served by the
site itself); every math element typeset by MathJax and no raw TeX left; every
widget rendered; every image with alt text; and for every ``janus.widgets.explore``
figure, moving each slider with the mouse (dragging its handle and clicking on
its track) shows the frame for the new value, checked against the widget state
embedded in the page (the PNG bytes and the alt text of that frame).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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

WIDGETS_RENDERED = """() => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  return views.every(v => {
    const area = v.previousElementSibling;
    return area && area.classList.contains('widget-subarea') && area.querySelector('.jupyter-widgets');
  });
}"""

INSPECT = r"""() => {
  const out = {};
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  out.widgets = views.length;
  out.unrendered = views.filter(v => {
    const area = v.previousElementSibling;
    if (!area || !area.classList.contains('widget-subarea')) return true;
    const root = area.querySelector('.jupyter-widgets');
    return !root || root.getBoundingClientRect().height === 0;
  }).length;
  out.widgetErrors = [...document.querySelectorAll('.widget-subarea')]
    .filter(a => /Error displaying widget|Could not create|Failed to/i.test(a.textContent))
    .map(a => a.textContent.slice(0, 200));
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

#: The explore widgets of the page, from the widget state the page embeds.
EXPLORE_MODELS = """() => {
  const tag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  if (!tag) return [];
  const state = JSON.parse(tag.textContent).state;
  const id = ref => ref.replace('IPY_MODEL_', '');
  const found = [];
  const walk = (mid) => {
    const m = state[mid];
    if (!m) return;
    const s = m.state;
    if ((s._dom_classes || []).includes('janus-explore')) {
      const kids = s.children.map(id);
      const sliders = kids.slice(0, -1).map(k => ({labels: state[k].state._options_labels,
                                                  index: state[k].state.index}));
      const frame = (mid2) => {
        const im = state[mid2];
        return {alt: im.state.tooltip, png: im.buffers[0].data};
      };
      const stack = state[kids[kids.length - 1]].state;
      const frames = stack.children.map(c => {
        const inner = state[id(c)];
        return inner.model_name === 'StackModel' ? inner.state.children.map(x => frame(id(x))) : frame(id(c));
      });
      found.push({sliders, frames});
      return;
    }
    for (const key of ['children']) {
      if (Array.isArray(s[key])) s[key].forEach(c => walk(id(c)));
    }
  };
  document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')
    .forEach(v => walk(JSON.parse(v.textContent).model_id));
  return found;
}"""

SHOWN_FRAME = """async (n) => {
  const box = document.querySelectorAll('.janus-explore')[n];
  const imgs = [...box.querySelectorAll('img')].filter(i => i.getBoundingClientRect().height > 0);
  if (imgs.length !== 1) return {count: imgs.length};
  const img = imgs[0];
  const data = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  let bin = '';
  for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return {count: 1, alt: img.getAttribute('alt'), png: btoa(bin),
          readouts: [...box.querySelectorAll('.widget-readout')].map(r => r.textContent.trim())};
}"""


class Recorder:
    """Collects what goes wrong on a page: console errors, page errors, bad requests."""

    def __init__(self, page, allowed_prefix: str):
        self.problems: list[str] = []
        self.allowed = allowed_prefix

        def on_console(msg):
            if msg.type == "error":
                self.problems.append(f"console error: {msg.text}")

        def on_request(request):
            url = request.url
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
        problems.append(f"{info['unrendered']} of {info['widgets']} widgets not rendered")
    problems += [f"widget error: {t}" for t in info["widgetErrors"]]
    problems += [f"image without alt text: {t}" for t in info["imagesWithoutAlt"]]
    return problems


def decode(b64: str) -> bytes:
    return base64.b64decode("".join(b64.split()))


def expected_frame(model, indices):
    frame = model["frames"][indices[0]]
    return frame[indices[1]] if len(indices) == 2 else frame


def wait_for_frame(page, n: int, alt: str):
    page.wait_for_function(
        """([n, alt]) => {
             const box = document.querySelectorAll('.janus-explore')[n];
             return [...box.querySelectorAll('img')].some(
               i => i.getBoundingClientRect().height > 0 && i.getAttribute('alt') === alt);
           }""", arg=[n, alt], timeout=10_000)


def move_slider(page, n: int, k: int, target: int, size: int, how: str) -> None:
    """Move slider ``k`` of explore widget ``n`` to option ``target`` with the mouse."""
    box = page.locator(".janus-explore").nth(n)
    slider = box.locator(".widget-slider").nth(k)
    slider.scroll_into_view_if_needed()
    track = slider.locator(".noUi-base").bounding_box()
    handle = slider.locator(".noUi-handle").bounding_box()
    x = track["x"] + track["width"] * (target / (size - 1) if size > 1 else 0.5)
    x = min(max(x, track["x"] + 2), track["x"] + track["width"] - 2)   # on the track
    y = track["y"] + track["height"] / 2
    if how == "drag":
        page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
        page.mouse.down()
        page.mouse.move(x, y, steps=8)
        page.mouse.up()
    else:
        page.mouse.click(x, y)


def check_explore_widgets(page) -> list[str]:
    """Move every slider of every explore figure and check the frame shown."""
    models = page.evaluate(EXPLORE_MODELS)
    shown = page.locator(".janus-explore").count()
    problems = []
    if len(models) != shown:
        return [f"{shown} explore widgets on the page but {len(models)} in the widget state"]
    for n, model in enumerate(models):
        indices = [s["index"] for s in model["sliders"]]
        frame = page.evaluate(SHOWN_FRAME, n)
        start = expected_frame(model, indices)
        if frame["count"] != 1 or decode(frame["png"]) != decode(start["png"]):
            problems.append(f"explore {n}: the first frame shown is not the frame of the initial values")
            continue
        for k, slider in enumerate(model["sliders"]):
            size = len(slider["labels"])
            if size < 2:
                continue
            # drag the handle to the far end, then click on the track at the other end
            far = size - 1 if indices[k] < size - 1 else 0
            for target, how in [(far, "drag"), (size - 1 - far, "click")]:
                if target == indices[k]:
                    continue
                before = decode(page.evaluate(SHOWN_FRAME, n)["png"])
                move_slider(page, n, k, target, size, how)
                indices[k] = target
                want = expected_frame(model, indices)
                where = f"explore {n}, slider {k} ({how} to {slider['labels'][target]})"
                try:
                    wait_for_frame(page, n, want["alt"])
                except PlaywrightTimeout:
                    problems.append(f"{where}: the image did not change to {want['alt']!r}")
                    return problems
                got = page.evaluate(SHOWN_FRAME, n)
                if got["readouts"][k] != slider["labels"][target]:
                    problems.append(f"{where}: the slider shows {got['readouts'][k]!r}")
                if decode(got["png"]) != decode(want["png"]):
                    problems.append(f"{where}: the image is not the frame of these values")
                if decode(got["png"]) == before:
                    problems.append(f"{where}: the image did not change")
    return problems


def page_problems(browser, url: str, allowed_prefix: str) -> list[str]:
    """Everything a reader would find wrong with one page: the static checks, the widgets
    moved with the mouse, and the console errors and requests recorded meanwhile."""
    context, page, recorder = open_page(browser, url, allowed_prefix)
    try:
        problems = check_static(page) + check_explore_widgets(page)
        page.wait_for_timeout(200)
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
                    if "janus-explore" in (SITE / p).read_text(encoding="utf-8", errors="replace")]
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
    for asset in ["require.js", "widgets-shim.js", "html-manager/embed-amd.js",
                  "mathjax/tex-mml-chtml.js"]:
        assert (vendor / asset).exists(), asset
