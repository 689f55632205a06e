"""Print both editions of the built website to PDF: ``make pdf``.

Each page of the table of contents (``_toc.yml``, in its order; the API
reference is left out of print) is opened in headless Chromium from the built
site, its math typeset by MathJax, and printed with the site's print style
(``_static/janus-print.css``): every slider figure becomes three static panels
(its first, middle and last frames, ``_static/janus-print.js``), and every folded
solution (full edition only: the student edition has none) and proof is opened. The pages are joined
with pypdf into one file with a bookmark per page:

- ``_build/html``          -> ``_build/pdf/janus.pdf`` (with the solutions)
- ``_build/student/html``  -> ``_build/pdf/janus-student.pdf`` (without)

Chromium is Debian's ``/usr/bin/chromium`` (or ``$JANUS_CHROMIUM``), driven by
Playwright as in the browser tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("JANUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EDITIONS = {
    "full": (ROOT / "_build" / "html", ROOT / "_build" / "pdf" / "janus.pdf"),
    "student": (ROOT / "_build" / "student" / "html", ROOT / "_build" / "pdf" / "janus-student.pdf"),
}
#: pages of the website left out of print: the API reference (course/api and its pages)
NOT_PRINTED = "course/api"


def printed(page: str) -> bool:
    """Whether a page of the website goes into the PDF."""
    return page != NOT_PRINTED and not page.startswith(NOT_PRINTED + "/")
TIMEOUT = 60_000  # ms

WAIT_FOR_MATHJAX = """async () => {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) { await mj.startup.promise; }
  if (mj && mj.typesetPromise) { await mj.typesetPromise(); }
  return true;
}"""

#: open every folded solution and dropdown (sphinx-togglebutton) and every folded
#: proof (<details class="janus-proof">); hidden code cells stay folded
UNFOLD = """() => {
  document.querySelectorAll('details.janus-proof').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('button.toggle-button').forEach(b => b.classList.remove('toggle-button-hidden'));
}"""


def toc_pages(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """The documents of the table of contents, in reading order."""
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    pages = [spec["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(spec.get("chapters"))
    for part in spec.get("parts", []):
        walk(part.get("chapters"))
    return [p.removesuffix(".md").removesuffix(".ipynb") for p in pages]


def print_edition(browser, site: Path, out: Path, edition: str) -> int:
    from pypdf import PdfReader, PdfWriter

    if not (site / "index.html").exists():
        raise SystemExit(f"no built site in {site}: run `make {'book' if edition == 'full' else 'student'}`")
    pages = [p for p in toc_pages() if printed(p)]
    writer = PdfWriter()
    with tempfile.TemporaryDirectory() as tmp:
        context = browser.new_context()
        # a slider figure prints as three panels that janusPrintPanels (_static/janus-print.js)
        # draws from the frames inside the figure's HTML (its JSON): no script to wait for
        page = context.new_page()
        for number, doc in enumerate(pages):
            html = site / f"{doc}.html"
            if not html.exists():
                raise SystemExit(f"{html} is missing: is {doc} in the built site?")
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=TIMEOUT)
            page.evaluate(WAIT_FOR_MATHJAX)
            page.evaluate(UNFOLD)
            page.evaluate("() => window.janusPrintPanels && window.janusPrintPanels()")
            page.wait_for_function("() => [...document.images].every(i => i.complete)",
                                   timeout=TIMEOUT)
            part = Path(tmp) / f"{number:03d}.pdf"
            page.pdf(path=str(part), format="A4", print_background=True,
                     margin={"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"})
            title = page.title().split("\u2014")[0].split(" - ")[0].strip() or doc
            start = len(writer.pages)
            for pdf_page in PdfReader(str(part)).pages:
                writer.add_page(pdf_page)
            writer.add_outline_item(title=title, page_number=start)
        context.close()
        title = "Janus" + (" (student edition)" if edition == "student" else "")
        writer.add_metadata({"/Title": title, "/Author": "The Janus authors"})
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as handle:
            writer.write(handle)
    return len(writer.pages)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("editions", nargs="*", metavar="{full,student}",
                        help="the editions to print (default: both)")
    args = parser.parse_args(argv)
    unknown = set(args.editions) - set(EDITIONS)
    if unknown:
        parser.error(f"unknown edition {', '.join(sorted(unknown))}: choose from {', '.join(EDITIONS)}")
    args.editions = args.editions or sorted(EDITIONS)
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
                         "(or set JANUS_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for edition in args.editions:
                site, out = EDITIONS[edition]
                count = print_edition(browser, site, out, edition)
                print(f"{out.relative_to(ROOT)}: {count} pages")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
