"""Reader notebooks: every page of the book that has code, as a plain Jupyter notebook.

A chapter is a MyST Markdown notebook. Opened as it is (jupytext, or the ``.ipynb``
that the theme offers for download), it shows the MyST source: ``{glue:text}``
placeholders, ``{prf:proposition}`` and ``{exercise}`` fences, the hidden cells that
glue numbers for the text, and no static figure (they are glued with
``display=False``). This Sphinx extension writes, for every such page, a *reader
notebook* that a student can run top to bottom:

- directives become Jupyter Markdown: definitions, propositions, proofs, exercises,
  solutions and admonitions are headed blocks (each its own cell) with the number the
  website shows ("Proposition 2.1"), taken from Sphinx (``env.toc_fignumbers``);
- math stays math (an equation label is dropped);
- ``{glue:text}`` becomes the value, formatted as on the website, read from the glue
  data that myst-nb saved when it executed the chapter;
- ``{cite:t}``/``{cite:p}`` become the text the website shows ("Kuhle (2026)"), with
  the reference list at the end of the notebook; ``{numref}``, ``{ref}``,
  ``{prf:ref}`` and ``{doc}`` become links to the website;
- ``remove-cell`` cells that only glue values are dropped; other ``remove-cell``,
  ``hide-input`` and ``remove-input`` cells are kept with their code folded
  (``jupyter.source_hidden``);
- ``from myst_nb import glue`` becomes ``from janus._display import glue``, whose
  ``glue`` shows a figure where the book's glues it away: every figure appears when
  the cell that draws it runs;
- a first code cell installs the book's package when it is missing (Colab), from the
  repository address of ``_config.yml`` (``repository: url:``, the one place).

A directive or role the converter does not know stops the build with the file, the
line and the name of the construct (:class:`ConversionError`), never a raw notebook.

A page's notebook is made when its doctree is resolved (``doctree-resolved``: all
numbers are known then) and written to ``<outdir>/_sources/<page>.ipynb``, the file
the page's download button serves, when the page is written (``html-page-context``,
after sphinx-book-theme copied myst-nb's executed notebook there). The Binder and
Colab launch buttons are pointed at the reader notebook
(:func:`retarget_launch_buttons`). Builders that write no pages get the notebooks at
``build-finished``.

Every page with exercises also gets a *problem set*, ``<outdir>/problem-sets/<page>.ipynb``
(:func:`problem_set`): the page's exercise cells as this converter made them for the
reader notebook, numbered as on the website, each followed by empty answer cells and,
for a numeric exercise that :mod:`janus.check` knows, a cell ``answer = None`` /
``janus.check("label", answer)`` that runs unfilled; no solution, since solutions are
separate directives. A sentence at the top of the page's "Exercises" section links it
(:func:`add_problem_set_link`). The student edition (``janus_edition = "student"``)
writes the problem sets and no reader notebook.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat

#: Folder (relative to the repository root) where Binder's postBuild puts the reader
#: notebooks; the Binder button opens ``<NOTEBOOK_DIR>/<page>.ipynb``.
NOTEBOOK_DIR = "notebooks"
#: Branch of the repository that holds the published website (GitHub Pages); the
#: Colab button opens ``_sources/<page>.ipynb`` from it.
PAGES_BRANCH = "gh-pages"

ADMONITIONS = {"admonition", "note", "tip", "hint", "important", "warning", "caution",
               "attention", "danger", "error", "seealso"}
XREF_ROLES = {"ref": ("std", "ref"), "numref": ("std", "numref"), "doc": ("std", "doc"),
              "prf:ref": ("prf", "ref")}
CITE_ROLES = {"cite:t": "t", "cite:p": "p"}
GLUE_ROLES = {"glue", "glue:text"}
ROLE = re.compile(r"\{([A-Za-z][A-Za-z0-9_:+.-]*)\}`([^`]*)`")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
LEFTOVERS = ("{prf:", "{glue", "{exercise", "{solution", "```{", ":::{", ":label:")


class ConversionError(Exception):
    """A construct of a page that the reader-notebook converter does not know."""

    def __init__(self, path, line, construct, message="unknown to the reader-notebook converter"):
        self.path, self.line, self.construct = str(path), line, construct
        super().__init__(f"{path}:{line}: {construct}: {message}")


@dataclass
class Page:
    """What the converter needs to know about one page, from the Sphinx build."""

    docname: str
    path: Path
    glue: dict = field(default_factory=dict)          # key -> output (mime bundle)
    numbered: dict = field(default_factory=dict)      # kind -> [number or None, ...]
    cited: list = field(default_factory=list)         # citation keys in order of use


# --------------------------------------------------------------------------- #
# Sphinx side: numbers, cross-references, citations, URLs
# --------------------------------------------------------------------------- #

class SphinxResolver:
    """Looks up what the website shows for a cross-reference, a citation or a number."""

    def __init__(self, app):
        self.app, self.env = app, app.env

    # URLs --------------------------------------------------------------------
    def site_url(self) -> str:
        """The website's address: ``html_baseurl``, else the GitHub Pages address of
        the repository of ``_config.yml``, else '' (links relative to the site root)."""
        base = getattr(self.app.config, "html_baseurl", "") or ""
        if base:
            return base.rstrip("/") + "/"
        org, repo = self.repository()
        return f"https://{org}.github.io/{repo}/" if org else ""

    def repository(self):
        url = self.repository_url()
        m = re.match(r"https?://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", url)
        return (m.group(1), m.group(2)) if m else (None, None)

    def repository_url(self) -> str:
        return (self.app.config.html_theme_options or {}).get("repository_url", "") or ""

    def repository_branch(self) -> str:
        return (self.app.config.html_theme_options or {}).get("repository_branch", "") or "main"

    def page_url(self, docname: str, anchor: str = "") -> str:
        return self.site_url() + docname + ".html" + (f"#{anchor}" if anchor else "")

    # numbers -----------------------------------------------------------------
    def number(self, docname: str, figtype: str, ident: str):
        numbers = self.env.toc_fignumbers.get(docname, {}).get(figtype, {})
        found = numbers.get(ident)
        return ".".join(map(str, found)) if found else None

    def numfig_format(self, figtype: str, default: str) -> str:
        return (self.app.config.numfig_format or {}).get(figtype, default)

    # cross-references ----------------------------------------------------------
    def _resolve(self, docname, domain, typ, target, title):
        from docutils import nodes
        from sphinx import addnodes

        text = title if title is not None else target
        contnode = nodes.inline(text, text)
        node = addnodes.pending_xref("", contnode, refdomain=domain, reftype=typ,
                                     reftarget=target, refexplicit=title is not None,
                                     refwarn=True, refdoc=docname)
        return self.env.get_domain(domain).resolve_xref(
            self.env, docname, self.app.builder, typ, target, node, contnode)

    def xref(self, docname: str, role: str, content: str):
        """(text, url) of a cross-reference role as the website shows it, or None."""
        m = EXPLICIT.match(content)
        title, target = (m.group(1), m.group(2)) if m else (None, content.strip())
        domain, typ = XREF_ROLES[role]
        if role == "doc":
            from sphinx.util import docname_join

            target = docname_join(docname, target.removesuffix(".md"))
            if target not in self.env.all_docs:
                return None
            text = title or self.env.titles[target].astext()
            return text, self.page_url(target)
        if role == "prf:ref":
            entry = getattr(self.env, "proof_list", {}).get(target)
            if entry is None:
                return None
            result = self._resolve(docname, domain, typ, target, title)
            return (result.astext() if result is not None else title or target,
                    self.page_url(entry["docname"], target))
        std = self.env.get_domain("std")
        exercises = getattr(self.env, "sphinx_exercise_registry", {})
        if target in exercises and title is None:
            entry = exercises[target]
            number = self.number(entry["docname"], "exercise", target)
            word = "Solution" if entry["type"] == "solution" else "Exercise"
            fmt = self.numfig_format("exercise", "Exercise %s")
            text = fmt % number if number and word == "Exercise" else word
            return text, self.page_url(entry["docname"], target)
        where = std.labels.get(target) or std.anonlabels.get(target)
        if where is None:
            return None
        result = self._resolve(docname, domain, typ, target, title)
        if result is None:
            return None
        return result.astext(), self.page_url(where[0], where[1])

    # citations -------------------------------------------------------------------
    def cite(self, docname: str, style: str, keys: str):
        """The text of a citation as the website shows it (e.g. "Kuhle (2026)")."""
        domain = self.env.get_domain("cite")
        known = {c.key for c in domain.citations}
        if any(k.strip() not in known for k in keys.split(",")):
            return None
        result = self._resolve(docname, "cite", style, keys, None)
        return None if result is None else result.astext()

    def references(self, keys) -> list[str]:
        """The reference-list entries (Markdown) of the cited keys, as on the website."""
        domain = self.env.get_domain("cite")
        by_key = {}
        for citation in domain.citations:
            by_key.setdefault(citation.key, citation)
        entries = []
        for key in keys:
            citation = by_key[key]
            text = " ".join(citation.formatted_entry.text.render_as("markdown").split())
            url = self.page_url(citation.bibliography_key.docname, citation.citation_id)
            entries.append(f"- {text.strip()} [↗]({url})")
        return entries


# --------------------------------------------------------------------------- #
# The converter
# --------------------------------------------------------------------------- #

def _parser(extensions):
    """The block-level MyST parser of the book (as myst-nb reads a notebook page)."""
    import dataclasses

    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=set(extensions))
    config = dataclasses.replace(config, disable_syntax=list(config.disable_syntax) + ["inline"])
    return create_md_parser(config, RendererHTML)


def _split_options(content: str):
    """Split a directive's content into its options and body (and the body's offset)."""
    lines = content.split("\n")
    options, i = {}, 0
    if lines and lines[0].strip() == "---":
        import yaml

        end = lines.index("---", 1)
        options = yaml.safe_load("\n".join(lines[1:end])) or {}
        i = end + 1
    else:
        while i < len(lines) and re.match(r"^:[\w-]+:", lines[i]):
            key, _, value = lines[i][1:].partition(":")
            options[key.strip()] = value.strip()
            i += 1
    body = "\n".join(lines[i:]).strip("\n")
    offset = i + (len(lines[i:]) - len("\n".join(lines[i:]).lstrip("\n").split("\n")))
    return options, body, offset


class Converter:
    """Turns one MyST Markdown notebook page into a reader notebook."""

    def __init__(self, page: Page, resolver: SphinxResolver, extensions, colab_cell: str):
        self.page, self.resolver = page, resolver
        self.md = _parser(extensions)
        self.colab_cell = colab_cell
        self.counters: dict[str, int] = {}
        self.exercise_titles: dict[str, str] = {}
        #: the page's exercises as converted, in order: (label, number, Markdown cell);
        #: the problem set is made of them (:func:`problem_set`)
        self.exercises: list[tuple[str, str | None, str]] = []

    # errors ------------------------------------------------------------------------
    def fail(self, line, construct, message=None):
        raise ConversionError(self.page.path, line, construct,
                              *(() if message is None else (message,)))

    # numbered directives: the n-th of its kind on the page, as numbered by Sphinx
    def next_number(self, kind, line):
        index = self.counters.get(kind, 0)
        self.counters[kind] = index + 1
        numbers = self.page.numbered.get(kind, [])
        if index >= len(numbers):
            self.fail(line, "{%s}" % kind, "the build has no number for this directive")
        return numbers[index]

    # roles ---------------------------------------------------------------------------
    def role(self, name, content, line):
        docname = self.page.docname
        if name in GLUE_ROLES:
            key, _, fmt = content.partition(":")
            if "::" in content:
                self.fail(line, "{%s}" % name, "glue from another page is not supported")
            output = self.page.glue.get(key.strip())
            if output is None or "text/plain" not in output.get("data", {}):
                self.fail(line, "{%s}`%s`" % (name, content), "no glued text value")
            from myst_nb.core.variables import format_plain_text

            return format_plain_text(output["data"]["text/plain"], fmt.strip())
        if name in CITE_ROLES:
            text = self.resolver.cite(docname, CITE_ROLES[name], content)
            if text is None:
                self.fail(line, "{%s}`%s`" % (name, content), "unknown citation key")
            for key in content.split(","):
                if key.strip() not in self.page.cited:
                    self.page.cited.append(key.strip())
            return text
        if name in XREF_ROLES:
            found = self.resolver.xref(docname, name, content)
            if found is None:
                self.fail(line, "{%s}`%s`" % (name, content), "unknown target")
            text, url = found
            return f"[{text}]({url})"
        if name == "math":
            return f"${content}$"
        self.fail(line, "{%s}" % name)

    def inline(self, text, line0):
        """Replace every role in text by its Markdown; inline code stays as it is."""
        out, pos, i = [], 0, 0
        while i < len(text):
            if text[i] == "{":
                m = ROLE.match(text, i)
                if m:
                    out.append(text[pos:i])
                    out.append(self.role(m.group(1), m.group(2), line0 + text.count("\n", 0, i)))
                    pos = i = m.end()
                    continue
            elif text[i] == "`":
                run = re.match(r"`+", text[i:]).group(0)
                close = re.compile(r"(?<!`)" + run + r"(?!`)").search(text, i + len(run))
                i = close.end() if close else i + len(run)
                continue
            i += 1
        out.append(text[pos:])
        return "".join(out)

    # blocks ----------------------------------------------------------------------------
    def blocks(self, text, line0):
        """Convert Markdown text (starting at file line line0) into a list of cell texts:
        a directive becomes a cell of its own."""
        tokens = self.md.parse(text + "\n")
        lines = text.split("\n")
        cells, current = [], []
        pos = 0

        def flush_plain(upto):
            chunk = "\n".join(lines[pos:upto])
            if chunk.strip():
                current.append(self.plain(chunk, line0 + pos, tokens, pos, upto))

        def end_cell():
            if current:
                joined = "\n\n".join(c.strip("\n") for c in current if c.strip())
                if joined.strip():
                    cells.append(joined)
                current.clear()

        level = 0
        for tok in tokens:
            starting_level = level
            level += tok.nesting
            if starting_level != 0 or not tok.map:
                continue
            if tok.type in ("fence", "colon_fence") and tok.info.strip().startswith("{"):
                flush_plain(tok.map[0])
                end_cell()
                converted = self.directive(tok, line0 + tok.map[0])
                if converted is not None:
                    cells.extend(converted)
                pos = tok.map[1]
            elif tok.type in ("myst_target", "myst_line_comment"):
                flush_plain(tok.map[0])
                pos = tok.map[1]
        flush_plain(len(lines))
        end_cell()
        return cells

    def plain(self, chunk, line0, tokens, start, stop):
        """Markdown without directives: drop equation labels, convert roles outside code."""
        chunk = re.sub(r"^(\s*\$\$)\s*\([^)]*\)\s*$", r"\1", chunk, flags=re.MULTILINE)
        # code blocks (``` without a directive) keep their text as it is
        pieces, last, offset = [], 0, 0
        for m in re.finditer(r"^(\s*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2\s*$", chunk,
                             re.DOTALL | re.MULTILINE):
            pieces.append(self.inline(chunk[last:m.start()], line0 + chunk.count("\n", 0, last)))
            pieces.append(m.group(0))
            last = m.end()
        pieces.append(self.inline(chunk[last:], line0 + chunk.count("\n", 0, last)))
        return "".join(pieces)

    def directive(self, tok, line):
        """A directive as a list of Markdown cells (None: nothing to show)."""
        info = tok.info.strip()
        m = re.match(r"^\{([^}]+)\}\s*(.*)$", info)
        name, argument = m.group(1).strip(), m.group(2).strip()
        options, body, offset = _split_options(tok.content)
        body_line = line + 1 + offset
        argument_md = self.inline(argument, line) if argument else ""

        def boxed(head, inner=body, tail=None):
            parts = [head]
            converted = self.blocks(inner, body_line) if inner.strip() else []
            parts.extend(converted)
            if tail:
                parts.append(tail)
            return ["\n\n".join(parts)]

        if name in ADMONITIONS:
            title = argument_md if name == "admonition" else name.title()
            if name == "admonition" and not title:
                self.fail(line, "{admonition}", "an admonition needs a title")
            return boxed(f"**{title}**")
        if name == "prf:proof":
            return boxed("*Proof.*", tail="$\\blacksquare$")
        if name.startswith("prf:"):
            kind = name.split(":", 1)[1]
            if kind not in PROOF_TYPES:
                self.fail(line, "{%s}" % name)
            number = None if "nonumber" in options else self.next_number(name, line)
            head = f"**{kind.title()}{' ' + number if number else ''}**"
            return boxed(head + (f" ({argument_md})" if argument_md else ""))
        if name == "exercise":
            number = None if "nonumber" in options else self.next_number(name, line)
            fmt = self.resolver.numfig_format("exercise", "Exercise %s")
            head = f"**{fmt % number if number else 'Exercise'}**"
            label = options.get("label")
            if label:
                self.exercise_titles[label] = argument_md
            cells = boxed(head + (f" ({argument_md})" if argument_md else ""))
            self.exercises.append((label or "", number, cells[0]))
            return cells
        if name in ("solution", "solution-start"):
            target = argument.split()[0] if argument else ""
            found = self.resolver.xref(self.page.docname, "ref", target) if target else None
            if found is None:
                self.fail(line, "{%s}" % name, f"unknown exercise {target!r}")
            title = self.exercise_titles.get(target)
            head = f"**Solution to {found[0]}**" + (f" ({title})" if title else "")
            if name == "solution":
                return boxed(head)
            return [head]
        if name == "solution-end":
            return None
        if name == "glue:figure":
            key = argument
            output = self.page.glue.get(key)
            if output is None or not any(k.startswith("image/") for k in output.get("data", {})):
                self.fail(line, "{glue:figure}", f"no glued figure {key!r}")
            label = options.get("name", "")
            number = self.resolver.number(self.page.docname, "figure", label) if label else None
            fmt = self.resolver.numfig_format("figure", "Fig. %s")
            head = f"**{fmt % number}**" if number else "**Figure**"
            caption = self.blocks(body, body_line) if body.strip() else []
            return ["\n\n".join([head + (" " + caption[0] if caption else "")] + caption[1:])]
        if name == "code-cell":
            self.fail(line, "{code-cell}", "a code cell inside another block is not supported")
        self.fail(line, "{%s}" % name)

    # code ----------------------------------------------------------------------------------
    def code(self, cell, line):
        source = cell.source
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return cell                                   # IPython magics: left as they are
        lines = source.split("\n")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "myst_nb":
                if [a.name for a in node.names] != ["glue"] or node.lineno != node.end_lineno:
                    self.fail(line + node.lineno, "myst_nb import",
                              "only `from myst_nb import glue` is supported")
                old = lines[node.lineno - 1]
                lines[node.lineno - 1] = old.replace("from myst_nb import", "from janus._display import")
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "myst_nb" for a in node.names):
                self.fail(line + node.lineno, "import myst_nb",
                          "only `from myst_nb import glue` is supported")
        cell = copy.deepcopy(cell)
        cell.source = "\n".join(lines)
        return cell


PROOF_TYPES = {"axiom", "theorem", "lemma", "algorithm", "definition", "remark",
               "conjecture", "corollary", "criterion", "example", "property",
               "observation", "proposition", "assumption", "notation"}


def _glue_only(source: str, helpers: set[str]) -> bool:
    """True if the code only glues values (calls glue or a glue helper): nothing a
    reader needs, and nothing that later cells need."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for stmt in tree.body:
        if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                and isinstance(stmt.value.func, ast.Name)
                and stmt.value.func.id in {"glue"} | helpers):
            continue
        return False
    return bool(tree.body)


def _glue_helpers(sources) -> set[str]:
    """Functions whose body only glues (a docstring, then glue calls): glue plumbing."""
    helpers = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef):
                body = [s for s in stmt.body
                        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
                if body and all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                                and isinstance(s.value.func, ast.Name)
                                and s.value.func.id == "glue" for s in body):
                    helpers.add(stmt.name)
    return helpers


def colab_cell(repository_url: str, branch: str, distribution: str) -> str:
    """The first code cell: install the book's package where it is missing (Colab)."""
    return f'''\
# Colab, or any Python without the book's package: install it (Binder and `make lab`
# have it already). It comes with the book's data, from the book's repository.
import importlib.util
if importlib.util.find_spec("janus") is None:
    import os, subprocess, sys
    if not os.path.isdir("janus-book"):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "{branch}",
                        "{repository_url}", "janus-book"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "./janus-book"], check=True)
    os.environ["JANUS_DATA"] = os.path.abspath("janus-book/data")   # the book's data/
    importlib.invalidate_caches()
import janus   # the package {distribution!r} (import name: janus)'''


def _markdown_cell(source: str):
    """A markdown cell. Like ``nbformat.v4.new_markdown_cell``, without checking the cell
    against the notebook schema on its own: each notebook is checked once, whole
    (``nbformat.validate`` in ``_notebook``), which saves seconds a build."""
    return nbformat.NotebookNode(cell_type="markdown", metadata=nbformat.NotebookNode(),
                                 source=source)


def _code_cell(source: str, metadata=None):
    """A code cell without outputs (see ``_markdown_cell``)."""
    return nbformat.NotebookNode(cell_type="code", metadata=nbformat.from_dict(metadata or {}),
                                 execution_count=None, source=source, outputs=[])


def convert(page: Page, resolver: SphinxResolver, extensions, *, distribution="janus-book"):
    """The reader notebook (an nbformat v4 notebook without outputs) of a page."""
    return _convert(page, resolver, extensions, distribution)[0]


def _convert(page, resolver, extensions, distribution):
    """The reader notebook of a page, and the converter that made it (which knows the
    page's exercises and its first code cell)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    text = page.path.read_text(encoding="utf-8")
    config = MdParserConfig(enable_extensions=set(extensions))
    source = read_myst_markdown_notebook(text, config, add_source_map=True, path=page.path)
    starts = source.metadata.pop("source_map")
    all_lines = text.splitlines()
    repo = resolver.repository_url()
    converter = Converter(page, resolver, extensions,
                          colab_cell(repo, resolver.repository_branch(), distribution))

    code_sources = [c.source for c in source.cells if c.cell_type == "code"]
    converter.first_code = next((converter.code(c, s).source for c, s in zip(source.cells, starts)
                                 if c.cell_type == "code"), "")
    helpers = _glue_helpers(code_sources)
    cells = []
    for cell, start in zip(source.cells, starts):
        if cell.cell_type == "markdown":
            # the source map gives a markdown cell's 0-based first line, before the
            # blank lines that the reader strips
            first = start
            while first < len(all_lines) and not all_lines[first].strip():
                first += 1
            for md in converter.blocks(cell.source, first + 1):
                cells.append(_markdown_cell(md))
        elif cell.cell_type == "code":
            tags = list(cell.metadata.get("tags", []))
            if "remove-cell" in tags and _glue_only(cell.source, helpers):
                continue
            new = converter.code(cell, start)
            new.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags",)}
            if {"remove-cell", "hide-input", "remove-input"} & set(tags):
                new.metadata["jupyter"] = {"source_hidden": True}
            new.outputs, new.execution_count = [], None
            cells.append(_code_cell(new.source, metadata=new.metadata))
        else:
            cells.append(cell)

    title = _title(text)
    intro = (f"*This notebook is the page [{title}]({resolver.page_url(page.docname)}) of "
             f"the book, made to be run: run the cells from top to bottom. On Colab, the "
             f"first code cell installs the book's package.*")
    head = [_markdown_cell(intro), _code_cell(converter.colab_cell)]
    # keep the page title first
    if cells and cells[0].cell_type == "markdown" and cells[0].source.lstrip().startswith("# "):
        head.insert(0, cells.pop(0))
    cells = head + cells
    if page.cited:
        refs = resolver.references(page.cited)
        cells.append(_markdown_cell("## References\n\n" + "\n".join(refs)))

    for cell in cells:
        if cell.cell_type == "markdown":
            for bad in LEFTOVERS:
                if bad in cell.source:
                    idx = cell.source.index(bad)
                    converter.fail(_first_line(text, cell.source[idx:idx + 40], 0), bad,
                                   "MyST syntax left in the reader notebook")
    return _notebook(cells), converter


def _notebook(cells):
    """The notebook of ``cells``, checked once against the nbformat schema."""
    nb = nbformat.NotebookNode(nbformat=nbformat.v4.nbformat,
                               nbformat_minor=nbformat.v4.nbformat_minor, cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
    }
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nb = nbformat.from_dict(nb)
    nbformat.validate(nb)
    return nb


# --------------------------------------------------------------------------- #
# Problem sets
# --------------------------------------------------------------------------- #

#: Folder of the website (relative to its root) that holds the problem sets,
#: ``problem-sets/<chapter>.ipynb``, in both editions.
PROBLEM_DIR = "problem-sets"


def problem_set_name(docname: str) -> str:
    """The file name of a page's problem set, e.g. ``exponential_returns.ipynb``."""
    return docname.rsplit("/", 1)[-1] + ".ipynb"


def setup_code(first_code: str) -> str:
    """The imports of a chapter's first code cell (and its ``janus.style.use()``),
    without the glue plumbing: the setup cell of its problem set."""
    try:
        tree = ast.parse(first_code)
    except SyntaxError:
        return "import numpy as np\nimport janus"
    kept = []
    for stmt in tree.body:
        segment = ast.get_source_segment(first_code, stmt)
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            module = getattr(stmt, "module", None) or ""
            if module.startswith(("myst_nb", "janus._display")):
                continue
            kept.append(segment)
        elif (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
              and ast.unparse(stmt.value.func) == "janus.style.use"):
            kept.append(segment)
    return "\n".join(kept) or "import janus"


def answer_cells(label: str, number, checks) -> list:
    """The empty answer cells of an exercise: a Markdown cell for the reasoning, and a
    code cell, with one ``janus.check`` call per checkable part when the exercise is
    numeric (``checks``: [(part, expects), ...]). Left unfilled, every cell runs."""
    name = f"Exercise {number}" if number else "this exercise"
    cells = [_markdown_cell(
        f"**Your answer** ({name})\n\n*Write your derivation, reasoning or interpretation here.*")]
    if not checks:
        cells.append(_code_cell("# your code"))
        return cells
    for part, expects in checks:
        args = f'"{label}", answer' + (f", part={part}" if part is not None else "")
        what = " ".join(expects.split())
        cells.append(_code_cell(
            "# your code\n\n"
            + (f"# part {part}: " if part is not None else "# ")
            + f"janus.check expects {what}\n"
            + "answer = None   # replace None by your answer\n"
            + f"janus.check({args})"))
    return cells


def problem_set(page: Page, resolver: SphinxResolver, converter: Converter, checks=None):
    """The problem set of a page (None if it has no exercise): its exercises, as the
    reader notebook shows them, each followed by empty answer cells; no solution.

    ``checks`` maps an exercise label to its checkable parts ``[(part, expects), ...]``
    (from :mod:`janus.check`)."""
    if not converter.exercises:
        return None
    checks = checks or {}
    title = _title(page.path.read_text(encoding="utf-8"))
    numbers = [n for _, n, _ in converter.exercises if n]
    chapter = numbers[0].split(".")[0] if numbers and "." in numbers[0] else ""
    heading = f"# Problem set{' ' + chapter if chapter else ''}: {title}"
    intro = (f"*The exercises of the page [{title}]({resolver.page_url(page.docname)}), "
             f"numbered as on the website, each followed by empty cells for your answer. "
             f"Run the cells from top to bottom; on Colab, the first code cell installs "
             f"the book's package. A numeric answer can be checked with `janus.check`, "
             f"which says whether it is right (within a tolerance) but never shows it.*")
    cells = [_markdown_cell(heading), _markdown_cell(intro),
             _code_cell(converter.colab_cell),
             _code_cell(setup_code(getattr(converter, "first_code", "")))]
    for label, number, text in converter.exercises:
        cells.append(_markdown_cell(text))
        cells.extend(answer_cells(label, number, checks.get(label, [])))
    return _notebook(cells)


def _checks() -> dict:
    """label -> [(part, expects), ...] of the exercises that janus.check knows."""
    try:
        from janus.check import _REGISTRY
    except ImportError:                                        # pragma: no cover
        return {}
    out: dict = {}
    for (label, part), ex in sorted(_REGISTRY.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        out.setdefault(label, []).append((part, ex.expects))
    return out


def add_problem_set_link(app, doctree, docname) -> None:
    """A sentence at the top of the page's Exercises section that links its problem set."""
    from docutils import nodes

    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is None or title.parent is not section or title.astext().strip() != "Exercises":
            continue
        href = "../" * docname.count("/") + f"{PROBLEM_DIR}/{problem_set_name(docname)}"
        para = nodes.paragraph()
        para += nodes.Text("The exercises of this chapter, with empty cells for your answers "
                           "and a checker for the numeric ones, are also a ")
        para += nodes.reference("", "downloadable problem-set notebook", refuri=href,
                                classes=["problem-set-link"])
        para += nodes.Text(" (no solutions in it).")
        section.insert(section.index(title) + 1, para)
        return


def _first_line(text: str, snippet: str, start_index: int) -> int:
    """1-based line in text where snippet (a cell's text) starts, searching from a line."""
    first = snippet.strip("\n").split("\n")[0]
    lines = text.split("\n")
    for i in range(max(start_index - 1, 0), len(lines)):
        if first and first in lines[i]:
            return i + 1
    return start_index + 1


def _title(text: str) -> str:
    m = re.search(r"^# (.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else "this page"


# --------------------------------------------------------------------------- #
# Sphinx hooks
# --------------------------------------------------------------------------- #

def _is_notebook_page(app, docname) -> bool:
    path = Path(app.env.doc2path(docname))
    return path.suffix == ".md" and path.read_text(encoding="utf-8").startswith("---\njupytext:")


def collect_numbers(app, doctree, docname) -> None:
    """Remember, in document order, the numbers Sphinx gave the page's numbered boxes."""
    if not _is_notebook_page(app, docname):
        return
    from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node
    from sphinx_proof.nodes import NODE_TYPES

    resolver = SphinxResolver(app)
    add_problem_set_link(app, doctree, docname)
    numbered: dict[str, list] = {}
    proof_nodes = tuple(v for k, v in NODE_TYPES.items() if k != "proof")
    for node in doctree.findall(lambda n: isinstance(n, proof_nodes + (exercise_enumerable_node, exercise_node))):
        ident = (node.get("ids") or [""])[0]
        if isinstance(node, (exercise_enumerable_node, exercise_node)):
            kind, figtype = "exercise", "exercise"
            number = resolver.number(docname, figtype, node.get("label", ident)) \
                if isinstance(node, exercise_enumerable_node) else None
        else:
            kind, figtype = "prf:" + node.get("realtype", ""), node.get("countertype", "")
            number = resolver.number(docname, figtype, ident)
        numbered.setdefault(kind, []).append(number)
    _build_one(app, docname, numbered)


def _build_one(app, docname, numbered):
    from sphinx.errors import ExtensionError

    glue_path = Path(app.env.mystnb_config.output_folder) / (docname + ".glue.json")
    glue = json.loads(glue_path.read_text()) if glue_path.exists() else {}
    page = Page(docname=docname, path=Path(app.env.doc2path(docname)), glue=glue,
                numbered=numbered)
    extensions = app.config.myst_enable_extensions
    resolver = SphinxResolver(app)
    try:
        nb, converter = _convert(page, resolver, extensions,
                                 app.config.reader_notebook_distribution)
        problems = problem_set(page, resolver, converter, _checks())
    except ConversionError as exc:
        raise ExtensionError(f"reader notebook: {exc}") from None
    # the student edition serves no reader notebook (they hold the solutions)
    if getattr(app.config, "janus_edition", "full") != "student":
        pending = getattr(app, "_reader_notebooks", {})
        pending[docname] = nbformat.v4.writes(nb) + "\n"
        app._reader_notebooks = pending
    if problems is not None:
        pending = getattr(app, "_problem_sets", {})
        pending[docname] = nbformat.v4.writes(problems) + "\n"
        app._problem_sets = pending


def _write(app, docname) -> None:
    problems = getattr(app, "_problem_sets", {}).get(docname)
    if problems is not None:
        target = Path(app.outdir) / PROBLEM_DIR / problem_set_name(docname)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(problems, encoding="utf-8")
    text = getattr(app, "_reader_notebooks", {}).get(docname)
    if text is None:
        return
    target = Path(app.outdir) / "_sources" / (docname + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def write_notebooks(app, exception) -> None:
    """Builders without pages (e.g. dummy): write the notebooks at the end."""
    if exception is None:
        for docname in set(getattr(app, "_reader_notebooks", {})) | set(getattr(app, "_problem_sets", {})):
            _write(app, docname)


def retarget_launch_buttons(app, pagename, templatename, context, doctree) -> None:
    """Write the page's reader notebook where its download button points, and point
    the launch buttons at it: Binder opens notebooks/<page>.ipynb (made by
    binder/postBuild), Colab the notebook of the published website (_sources/ on the
    gh-pages branch)."""
    if doctree is None or not _is_notebook_page(app, pagename):
        return
    if getattr(app.config, "janus_edition", "full") == "student":
        _write(app, pagename)            # the problem set only
        return
    # after the theme copied myst-nb's executed notebook to _sources/ (priority 501)
    _write(app, pagename)
    resolver = SphinxResolver(app)
    org, repo = resolver.repository()
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            url = button.get("url", "")
            if "/v2/gh/" in url and "urlpath=" in url:
                base, _, urlpath = url.partition("urlpath=")
                ui = urlpath.split("/", 2)
                prefix = "/".join(ui[:2]) if urlpath.startswith("lab/") else ui[0]
                button["url"] = f"{base}urlpath={prefix}/{NOTEBOOK_DIR}/{quote(pagename)}.ipynb"
            elif url.startswith("https://colab.research.google.com/github/") and org:
                button["url"] = (f"https://colab.research.google.com/github/{org}/{repo}/blob/"
                                 f"{PAGES_BRANCH}/_sources/{quote(pagename)}.ipynb")


def setup(app):
    app.add_config_value("reader_notebook_distribution", "janus-book", "env")
    # a change of this converter is a change of the configuration: every page is read
    # and its notebook made again (the executed chapters come from the cache)
    import hashlib

    app.add_config_value("reader_notebook_converter",
                         hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16], "env")
    app.connect("doctree-resolved", collect_numbers)
    app.connect("html-page-context", retarget_launch_buttons, priority=800)
    app.connect("build-finished", write_notebooks)
    # a page's notebook is made (doctree-resolved) and written (html-page-context) by the
    # process that writes the page
    return {"parallel_read_safe": True, "parallel_write_safe": True}
