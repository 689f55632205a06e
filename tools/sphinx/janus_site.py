"""Sphinx extension of the Janus book: small fixes of the built pages.

Loaded through ``sphinx.local_extensions`` in ``_config.yml``.

Sphinx 7.4 adds an inline ``<script>`` registered after the builder started
twice to every page (once as registered, once re-read from the registry with
another file name), so that ``const`` declarations such as sphinx-thebe's
``THEBE_JS_URL`` raise "Identifier has already been declared" in the browser.
:func:`drop_duplicate_scripts` keeps the first copy of each script.

A long proof is written as ``{prf:proof}`` with ``:class: dropdown``; the
toggle script of the theme cannot fold it (a proof has no title bar), so
:func:`fold_dropdown_proofs` wraps it in an HTML ``<details>`` element: folded
until the reader opens it, with no script at all.

The theme loads fontawesome.js (1.5 MB) on every page although its icons come
from its CSS web font; :func:`drop_unused_theme_scripts` removes it.

On a page with math, MathJax asks for its web fonts only once it has typeset the
page, and the page's load event waits for them; :func:`preload_math_fonts` has
the browser fetch the three fonts every page with math uses while MathJax is
still loading (over http(s) only: a page opened from a file may not preload a
font, which is fetched in CORS mode).

Sphinx copies the static files only when it writes pages; :class:`StaticFiles`
copies the book's own (``_static/``) when a build writes no page, so that an
edit of ``_static/janus.css`` alone reaches the site.

The slider figures of ``janus.widgets.explore`` are plain HTML on the built
pages: :func:`setup` sets the environment variable ``JANUS_STATIC_FIGURES=1``
(``janus.widgets.STATIC_ENV``) in this process, so that the kernels of the
pages myst-nb executes itself, and those of ``tools/build_edition.py``, inherit
it (``tools/execute_notebooks.py`` sets it for the pages it executes in the background).

While ``make book`` builds, ``tools/execute_notebooks.py`` executes the pages
missing from the execution cache in the background (``tools/build_site.py``
starts it and names its status folder in ``JANUS_EXECUTION_STATUS``):
:class:`Execution` makes Sphinx read those pages again, read the other pages
first, then these in the order they should finish, and wait for each page's
marker before reading it, so that Sphinx reads while the kernels run.

Citations read "Kuhle (2026)", with round brackets as economists write them:
:func:`register_round_author_year` adds sphinxcontrib-bibtex's author-year
referencing style with round brackets under the name ``author_year_round``
(the plugin mechanism that sphinxcontrib-bibtex documents for custom styles);
:func:`register_pybtex_backends` saves pybtex a scan of the installed packages
per citation.
"""

from __future__ import annotations

import gc
import json
import os
import posixpath
import re
import sys
import time
from pathlib import Path

#: Environment variable naming the status folder of the pages executed while Sphinx runs.
EXECUTION_STATUS_ENV = "JANUS_EXECUTION_STATUS"


class Execution:
    """The pages that ``tools/execute_notebooks.py --status folder`` executes while Sphinx runs.

    The folder holds ``plan.json`` (the executor's process id and the pages, in
    the order they should finish), a marker for each page finished, and
    ``finished`` once the executor is done. Waiting ends when the marker
    appears, when ``finished`` does, or when the executor's process is gone.
    """

    POLL = 0.05                      # seconds between two looks at the folder
    PLAN_TIMEOUT = 120.0             # seconds to wait for plan.json

    def __init__(self, folder: str):
        self.folder = Path(folder)
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from execute_notebooks import marker

        self._marker = marker
        self._plan = None

    def _over(self, pid: int | None) -> bool:
        if (self.folder / "finished").exists():
            return True
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False

    def plan(self) -> dict:
        """``{"pid": ..., "pages": [...]}``, once the executor has written it."""
        if self._plan is None:
            deadline = time.monotonic() + self.PLAN_TIMEOUT
            path = self.folder / "plan.json"
            while not path.exists() and not self._over(None) and time.monotonic() < deadline:
                time.sleep(self.POLL)
            try:
                self._plan = json.loads(path.read_text())
            except (OSError, ValueError):
                self._plan = {"pid": None, "pages": []}
        return self._plan

    def docnames(self, env) -> list[str]:
        """The pages being executed, as Sphinx names them, in the order they should finish."""
        names = (env.path2doc(page) for page in self.plan()["pages"])
        return [name for name in names if name]

    def wait(self, env, docname: str) -> None:
        """Return once ``docname`` is executed (or its execution is over)."""
        for page in self.plan()["pages"]:
            if env.path2doc(page) == docname:
                done = self._marker(self.folder, page)
                while not done.exists() and not self._over(self.plan()["pid"]):
                    time.sleep(self.POLL)
                return


def _execution(app):
    folder = os.environ.get(EXECUTION_STATUS_ENV)
    if not folder or app.builder.format != "html":
        return None
    if not hasattr(app, "_janus_execution"):
        app._janus_execution = Execution(folder)
    return app._janus_execution


def keep_doctrees(app, env) -> None:
    """While the pages are written, unpickle each page's doctree once for the look-ups.

    Sphinx looks up the page of every numbered reference (``{numref}``, a
    proof's or an exercise's number, the reader notebooks' references) by
    unpickling that page's whole doctree, and the chapter pages, with their
    figures, are the largest: each page's doctree was unpickled several times,
    seconds of a clean build. The doctrees Sphinx writes come from its own cache; the
    look-ups now share one copy of each page's doctree, which they only read.
    """
    load = env.get_doctree
    kept: dict = {}

    def get_doctree(docname):
        if docname not in kept:
            kept[docname] = load(docname)
        return kept[docname]

    env.get_doctree = get_doctree


def forget_doctrees(app, exception) -> None:
    app.env.__dict__.pop("get_doctree", None)


def reread_executed_pages(app, env, added, changed, removed):
    execution = _execution(app)
    return execution.docnames(env) if execution else []


def read_executed_pages_last(app, env, docnames) -> None:
    execution = _execution(app)
    if execution:
        last = [name for name in execution.docnames(env) if name in docnames]
        docnames[:] = [name for name in docnames if name not in last] + last


def wait_for_execution(app, docname, source) -> None:
    execution = _execution(app)
    if execution:
        execution.wait(app.env, docname)


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    kept = []
    for script in scripts:
        filename = getattr(script, "filename", script) or ""
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    scripts[:] = kept


#: MathJax's CHTML fonts that every page of the book with math uses (measured on the
#: built site: the others, such as the sizes of large delimiters, vary by page).
MATH_FONTS = ("MathJax_Zero", "MathJax_Main-Regular", "MathJax_Math-Italic")

#: Where MathJax's CHTML output finds its fonts, relative to its script's folder.
MATH_FONT_DIR = "output/chtml/fonts/woff-v2"

_PRELOAD_FONTS = """<script>
  /* MathJax's fonts, fetched while MathJax loads (janus_site.preload_math_fonts) */
  if (location.protocol !== "file:") {{
    {fonts}.forEach(function (name) {{
      var link = document.createElement("link");
      link.rel = "preload"; link.as = "font"; link.type = "font/woff"; link.crossOrigin = "";
      link.href = "{folder}/" + name + ".woff";
      document.head.appendChild(link);
    }});
  }}
</script>
"""


def preload_math_fonts(app, pagename, templatename, context, doctree) -> None:
    """On a page that loads MathJax, fetch :data:`MATH_FONTS` from the start."""
    mathjax = getattr(app.config, "mathjax_path", None)
    scripts = context.get("script_files") or []
    # the script as added by sphinx.ext.mathjax: mathjax_path, under _static/ if relative
    names = {mathjax, "_static/" + mathjax} if mathjax else set()
    if not any(str(getattr(s, "filename", s)).split("?")[0] in names for s in scripts):
        return
    folder = posixpath.join("_static", posixpath.dirname(mathjax), MATH_FONT_DIR)
    context["metatags"] = context.get("metatags", "") + _PRELOAD_FONTS.format(
        fonts=json.dumps(list(MATH_FONTS)), folder=context["pathto"](folder, 1))


def fold_dropdown_proofs(app, doctree, docname) -> None:
    if app.builder.format != "html":
        return
    from docutils import nodes
    from sphinx_proof.nodes import proof_node

    for proof in list(doctree.findall(proof_node)):
        # the directive's :class: options sit on the admonition inside the node
        if not any("dropdown" in child.get("classes", []) for child in proof.children
                   if isinstance(child, nodes.Element)):
            continue
        parent = proof.parent
        index = parent.index(proof)
        parent.insert(index + 1, nodes.raw("", "</details>", format="html"))
        parent.insert(index, nodes.raw(
            "", '<details class="janus-proof"><summary>Proof (click to show)</summary>', format="html"))


#: The theme's own icons are drawn by its CSS web font; its fontawesome.js (1.5 MB)
#: only serves custom icon links, which the book has none of.
_FONTAWESOME_JS = re.compile(r'\n?[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js'
                             r'(\?digest=[0-9a-f]+)?"></script>')


def drop_unused_theme_scripts(app, exception) -> None:
    """Remove the theme's fontawesome.js from every built page (see :data:`_FONTAWESOME_JS`)."""
    if exception is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        slim = _FONTAWESOME_JS.sub("", text)
        if slim != text:
            path.write_text(slim, encoding="utf-8")


class StaticFiles:
    """Copy the book's static files (``html_static_path``) when a build writes no page.

    Sphinx copies them after writing the pages, and not at all when no page is out
    of date: an edit to ``_static/janus.css`` or ``_static/janus-explore.js`` alone
    would then never reach the site. (The pages keep the ``?v=`` checksums they
    were written with, which the files' next full write updates.)
    """

    def __init__(self):
        self.wrote_a_page = False

    def page_written(self, app, pagename, templatename, context, doctree) -> None:
        self.wrote_a_page = True

    def copy_if_no_page_written(self, app, exception) -> None:
        if exception is not None or app.builder.format != "html" or self.wrote_a_page:
            return
        from sphinx.util.fileutil import copy_asset
        from sphinx.util.matching import Matcher

        excluded = Matcher([*app.config.exclude_patterns, "**/.*"])
        for entry in app.config.html_static_path:
            copy_asset(os.path.join(app.confdir, entry), os.path.join(app.outdir, "_static"),
                       excluded)


def register_round_author_year() -> None:
    """Register the referencing style ``author_year_round``: author-year, round brackets."""
    from dataclasses import dataclass, field

    import sphinxcontrib.bibtex.plugin
    from sphinxcontrib.bibtex.style.referencing import BracketStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    def round_brackets() -> BracketStyle:
        return BracketStyle(left="(", right=")")

    @dataclass
    class RoundAuthorYearReferenceStyle(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
        bracket_textual: BracketStyle = field(default_factory=round_brackets)
        bracket_author: BracketStyle = field(default_factory=round_brackets)
        bracket_label: BracketStyle = field(default_factory=round_brackets)
        bracket_year: BracketStyle = field(default_factory=round_brackets)

    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearReferenceStyle)


def register_pybtex_backends() -> None:
    """Register pybtex's plain-text and Markdown backends as run-time plugins: the same
    classes, found at once.

    sphinxcontrib-bibtex asks pybtex for its plain-text backend for every citation it
    resolves (and the reader notebooks render their reference lists in Markdown), and
    pybtex finds an installed plugin by scanning the entry points of every installed
    package, each time (about 25 ms; a build resolves some 160 citations). A run-time
    plugin is looked up first, in a dict.
    """
    import pybtex.plugin

    for name in ("plaintext", "markdown"):
        backend = pybtex.plugin.find_plugin("pybtex.backends", name)
        pybtex.plugin.register_plugin("pybtex.backends", name, backend, force=True)


def collect_garbage_less_often() -> None:
    """Run CPython's cyclic garbage collector less often in the Sphinx process.

    A build allocates millions of small objects (docutils nodes, and each of the
    dozens of doctrees Sphinx unpickles again to resolve numbered references);
    with the default thresholds the collector runs after every 700 net
    allocations and again and again walks the whole, growing heap. Measured on
    this book: about a third of Sphinx's time. With these thresholds the build
    uses somewhat more memory (a few hundred MB at most) for far fewer
    collections.
    """
    gc.set_threshold(100_000, 50, 1000)


def setup(app):
    collect_garbage_less_often()
    from janus._build import STATIC_ENV

    os.environ[STATIC_ENV] = "1"
    register_round_author_year()
    register_pybtex_backends()
    app.connect("env-get-outdated", reread_executed_pages)
    app.connect("env-before-read-docs", read_executed_pages_last)
    app.connect("source-read", wait_for_execution)
    app.connect("env-check-consistency", keep_doctrees)
    app.connect("build-finished", forget_doctrees)
    app.connect("build-finished", drop_unused_theme_scripts)
    static = StaticFiles()
    app.connect("html-page-context", static.page_written)
    app.connect("build-finished", static.copy_if_no_page_written)
    app.connect("doctree-resolved", fold_dropdown_proofs)
    # run after every extension that adds scripts to a page
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", preload_math_fonts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
