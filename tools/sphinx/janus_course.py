"""Sphinx extension of the Janus book: the course editions, the version and the licences.

Loaded through ``sphinx.local_extensions`` in ``_config.yml``.

Two editions are built from the same sources, selected by the configuration
value ``janus_edition``:

``"full"`` (the default, ``make book``)
    The reader's and instructor's edition: every solution is folded under its
    exercise.
``"student"`` (``make student``, through ``tools/build_edition.py``)
    No solution appears anywhere. Every solution node, written with
    ``{solution}`` or gated between ``{solution-start}`` and ``{solution-end}``,
    is removed from the doctree as soon as the page is read (after
    sphinx-exercise has merged the gated ones), so it reaches neither the
    HTML, nor the search index, nor any other output. The page sources are not
    copied (``html_copy_source = False``), the theme's download buttons for the
    source and the notebook are dropped, and the launch buttons (Binder) are
    switched off: the theme copies the executed notebook, solutions included,
    into ``_sources/`` for them. The print (PDF) button stays. The reader
    notebooks (which hold the solutions) are not written; the problem sets
    (``problem-sets/<chapter>.ipynb``, see ``reader_notebooks.py``) are.

sphinx-exercise's own ``hide_solutions = True`` is not used: it drops
``{solution}`` directives but leaves gated ``{solution-start}``/``{solution-end}``
nodes that no writer knows (``NotImplementedError: unknown node type:
solution_end_node``).

Every page's footer shows the book's version (``__version__`` of ``janus``) and
its licences (code MIT, text and figures CC BY 4.0).
"""

from __future__ import annotations

import re
from pathlib import Path

EDITIONS = ("full", "student")
LICENCE_FOOTER = (
    'Janus {version}{edition}. Code: <a href="https://opensource.org/license/mit">MIT licence</a>; '
    'text and figures: <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. '
    'How to cite: <code>CITATION.cff</code> in the repository.'
)
#: header buttons of sphinx-book-theme that download a page's source or its notebook
SOURCE_BUTTONS = {"download-source-button", "download-notebook-button"}


def book_version(srcdir) -> str:
    """The version of ``janus`` (its ``__version__``), read without importing it."""
    text = (Path(srcdir) / "janus" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, flags=re.M)
    if not found:
        raise ValueError("janus/__init__.py defines no __version__ = \"...\"")
    return found.group(1)


def is_student(config) -> bool:
    return config.janus_edition == "student"


def configure(app, config) -> None:
    if config.janus_edition not in EDITIONS:
        from sphinx.errors import ConfigError
        raise ConfigError(f"janus_edition must be one of {EDITIONS}; got {config.janus_edition!r}")
    version = book_version(app.srcdir)
    config.version = config.release = version
    options = dict(config.html_theme_options or {})
    edition = ", student edition" if is_student(config) else ""
    footer = LICENCE_FOOTER.format(version=version, edition=edition)
    options["extra_footer"] = footer
    if is_student(config):
        config.html_copy_source = False
        config.html_show_sourcelink = False
        options["launch_buttons"] = {}
        options["announcement"] = ("Student edition: the exercises without their solutions.")
        config.html_title = f"{config.html_title or config.project} (student edition)"
    config.html_theme_options = options


def remove_solutions(app, doctree) -> None:
    """Student edition: drop every solution from the page as soon as it is read."""
    if not is_student(app.config):
        return
    from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

    for cls in (solution_node, solution_start_node, solution_end_node):
        for node in list(doctree.findall(cls)):
            node.parent.remove(node)


def drop_source_buttons(app, pagename, templatename, context, doctree) -> None:
    """Student edition: no button that downloads the page's source or notebook."""
    if not is_student(app.config):
        return

    def keep(buttons):
        kept = []
        for button in buttons:
            if button.get("label") in SOURCE_BUTTONS:
                continue
            if "buttons" in button:
                button = {**button, "buttons": keep(button["buttons"])}
            kept.append(button)
        return kept

    if "header_buttons" in context:
        context["header_buttons"][:] = keep(context["header_buttons"])


def setup(app):
    app.add_config_value("janus_edition", "full", "env", types=[str])
    app.connect("config-inited", configure)
    # before sphinx-exercise registers the solutions' labels (priority 500)
    app.connect("doctree-read", remove_solutions, priority=100)
    # after sphinx-book-theme adds its header buttons (priority 501)
    app.connect("html-page-context", drop_source_buttons, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
