"""Reader notebooks (tools/sphinx/reader_notebooks.py).

The converter is tested on small pages with a stand-in for what the Sphinx build
knows (numbers, link targets, citations, glued values); the tests marked ``book``
check the notebooks of the built book (``make test`` runs them after ``make book``)
against its web pages.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))
import reader_notebooks as rn  # noqa: E402

EXTENSIONS = ["amsmath", "colon_fence", "deflist", "dollarmath", "substitution"]
HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


class Site:
    """What a build knows about a small test book: one chapter, number 4."""

    labels = {"fig-a": ("Fig. 4.1", "chapters/a", "fig-a"),
              "prop-a": ("Proposition 4.1", "chapters/a", "prop-a"),
              "ex-a": ("Exercise 4.1", "chapters/a", "ex-a"),
              "sec-a": ("A section", "chapters/a", "sec-a")}

    def repository_url(self):
        return "https://github.com/example/book"

    def repository_branch(self):
        return "main"

    def page_url(self, docname, anchor=""):
        return f"https://example.github.io/book/{docname}.html" + (f"#{anchor}" if anchor else "")

    def number(self, docname, figtype, ident):
        return {"fig-a": "4.1"}.get(ident)

    def numfig_format(self, figtype, default):
        return default

    def xref(self, docname, role, content):
        m = rn.EXPLICIT.match(content)
        title, target = (m.group(1), m.group(2)) if m else (None, content)
        if target not in self.labels:
            return None
        text, doc, anchor = self.labels[target]
        if title and "%s" in title:
            text = title % text.split()[-1]
        return title if title and "%s" not in title else text, self.page_url(doc, anchor)

    def cite(self, docname, style, keys):
        if keys != "kuhle2026janus":
            return None
        return "Kuhle (2026)" if style == "t" else "(Kuhle, 2026)"

    def references(self, keys):
        return [f"- Kuhle, W. (2026). Janus. [↗]({self.page_url('references')})"]


def page(tmp_path, body, glue=None, numbered=None):
    path = tmp_path / "a.md"
    path.write_text(HEADER + body, encoding="utf-8")
    return rn.Page(docname="chapters/a", path=path, glue=glue or {},
                   numbered=numbered or {})


def convert(tmp_path, body, **kwargs):
    return rn.convert(page(tmp_path, body, **kwargs), Site(), EXTENSIONS)


def markdown(nb):
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def line_of(body, snippet):
    return HEADER.count("\n") + body[:body.index(snippet)].count("\n") + 1


# --------------------------------------------------------------------------- #
# bad input: the file, the line and the construct
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("snippet, construct", [
    ("```{figure} picture.png\n:name: fig-x\n\nA picture.\n```\n", "{figure}"),
    (":::{margin}\nA note.\n:::\n", "{margin}"),
    ("````{prf:remark} Inner\n:label: rem\n\nText.\n\n```{glossary}\nterm\n: text\n```\n````\n",
     "{glossary}"),
    ("A value of {eq}`eq-one` here.\n", "{eq}"),
    ("See {term}`skill`.\n", "{term}"),
])
def test_unknown_construct_names_file_line_and_construct(tmp_path, snippet, construct):
    body = "# A\n\nSome text.\n\n" + snippet
    with pytest.raises(rn.ConversionError) as info:
        convert(tmp_path, body, numbered={"prf:remark": ["4.1"]})
    error = info.value
    assert error.construct == construct
    assert error.path == str(tmp_path / "a.md")
    first = "```{glossary}" if construct == "{glossary}" else snippet.split("\n")[0]
    assert error.line == line_of(body, first)
    assert f"a.md:{error.line}: {construct}" in str(error)


def test_unknown_construct_inside_a_box_gives_its_own_line(tmp_path):
    body = ("# A\n\n```{admonition} Box\n:class: note\n\nFirst line.\n\n"
            "A role {abbr}`LN (lognormal)` here.\n```\n")
    with pytest.raises(rn.ConversionError) as info:
        convert(tmp_path, body)
    assert info.value.construct == "{abbr}"
    assert info.value.line == line_of(body, "A role")


def test_missing_glue_key_and_unknown_target_fail(tmp_path):
    with pytest.raises(rn.ConversionError, match="no glued text value"):
        convert(tmp_path, "# A\n\nThe mean is {glue:text}`nope:.2f`.\n")
    with pytest.raises(rn.ConversionError, match="unknown target"):
        convert(tmp_path, "# A\n\nSee {numref}`fig-nope`.\n")
    with pytest.raises(rn.ConversionError, match="unknown citation"):
        convert(tmp_path, "# A\n\nAs {cite:t}`nobody2020` says.\n")


# --------------------------------------------------------------------------- #
# what the constructs become
# --------------------------------------------------------------------------- #

BODY = '''# A chapter

```{code-cell} ipython3
:tags: [remove-cell]
import numpy as np
from myst_nb import glue


def glue_num(key, value):
    """Glue a number."""
    glue(key, float(value), display=False)
```

```{code-cell} ipython3
:tags: [remove-cell]
glue_num("ch4_mean", 1.23456)
glue("ch4_share", 0.25, display=False)
```

The mean is {glue:text}`ch4_mean:.2f` and {glue:text}`ch4_share:.1%` of people, as
{cite:t}`kuhle2026janus` shows {cite:p}`kuhle2026janus`.

(sec-a)=
## A section

```{prf:proposition} The mean
:label: prop-a

Wages are lognormal: $E[w] = e^{\\mu + \\tau^2/2}$ and

$$
m = A e^{\\beta\\mu}
$$ (eq-m)
```

```{prf:proof}
Integrate.
```

```{code-cell} ipython3
:tags: [hide-input, remove-output]
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
glue("ch4_fig", fig, display=False)
plt.close(fig)
```

```{glue:figure} ch4_fig
:alt: A line.
:name: fig-a

A line, from {prf:ref}`prop-a`.
```

{numref}`fig-a` and {numref}`Figure %s <fig-a>`, {ref}`sec-a` and {ref}`ex-a`.

````{exercise} Do it (★, 5 min)
:label: ex-a

Compute {glue:text}`ch4_mean:.1f`.
````

````{solution-start} ex-a
:class: dropdown
````

```{code-cell} ipython3
print(1 + 1)
```

````{solution-end}
````

:::{admonition} Summary
:class: tip
- one
- two
:::
'''

GLUE = {"ch4_mean": {"data": {"text/plain": "1.23456"}},
        "ch4_share": {"data": {"text/plain": "0.25"}},
        "ch4_fig": {"data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}}


@pytest.fixture
def converted(tmp_path):
    return convert(tmp_path, BODY, glue=GLUE,
                   numbered={"prf:proposition": ["4.1"], "exercise": ["4.1"]})


def test_markdown_of_the_constructs(converted):
    text = markdown(converted)
    assert "The mean is 1.23 and 25.0% of people, as\nKuhle (2026) shows (Kuhle, 2026)." in text
    assert "**Proposition 4.1** (The mean)" in text
    assert "*Proof.*\n\nIntegrate.\n\n$\\blacksquare$" in text
    assert "$$\nm = A e^{\\beta\\mu}\n$$\n" in text + "\n"           # the label is dropped
    assert "**Fig. 4.1** A line, from [Proposition 4.1](https://example.github.io/book/chapters/a.html#prop-a)." in text
    assert "[Fig. 4.1](https://example.github.io/book/chapters/a.html#fig-a) and [Figure 4.1]" in text
    assert "[A section](https://example.github.io/book/chapters/a.html#sec-a)" in text
    assert "**Exercise 4.1** (Do it (★, 5 min))\n\nCompute 1.2." in text
    assert "**Solution to Exercise 4.1**" in text
    assert "**Summary**\n\n- one\n- two" in text
    assert converted.cells[-1].source.startswith("## References\n\n- Kuhle, W. (2026)")
    assert converted.cells[0].source == "# A chapter"


def test_each_box_is_a_cell_and_no_myst_is_left(converted):
    sources = [c.source for c in converted.cells]
    assert any(s.startswith("**Proposition 4.1**") for s in sources)
    assert any(s.startswith("*Proof.*") for s in sources)
    for cell in converted.cells:
        for bad in ("{prf:", "{glue:figure", "{exercise", "{solution", "```{", ":label:", "(sec-a)="):
            if cell.cell_type == "markdown":
                assert bad not in cell.source, (bad, cell.source)


def test_code_cells(converted):
    code = [c for c in converted.cells if c.cell_type == "code"]
    # the first installs the package where it is missing, from the repository address
    assert 'find_spec("janus") is None' in code[0].source
    assert '"https://github.com/example/book"' in code[0].source and '"main"' in code[0].source
    compile(code[0].source, "colab", "exec")
    # the glue-only remove-cell is gone; the one that defines a helper stays, folded
    assert not any('glue_num("ch4_mean"' in c.source for c in code)
    helper = next(c for c in code if "def glue_num" in c.source)
    assert helper.metadata["jupyter"] == {"source_hidden": True}
    assert "from janus._display import glue" in helper.source and "myst_nb" not in helper.source
    figure = next(c for c in code if "plt.subplots" in c.source)
    assert figure.metadata["jupyter"] == {"source_hidden": True}
    assert next(c for c in code if "print(1 + 1)" in c.source).metadata.get("jupyter") is None
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
    nbformat.validate(converted)


def test_glue_helper_needed_by_a_kept_cell_is_kept(tmp_path):
    body = ('# A\n\n```{code-cell} ipython3\n:tags: [remove-cell]\nfrom myst_nb import glue\n```\n\n'
            '```{code-cell} ipython3\nx = 1\nglue("ch4_x", x)\n```\n')
    nb = convert(tmp_path, body, glue={"ch4_x": {"data": {"text/plain": "1"}}})
    code = [c.source for c in nb.cells if c.cell_type == "code"][1:]
    # a cell that imports glue is kept (folded): later cells call glue
    assert code == ["from janus._display import glue", 'x = 1\nglue("ch4_x", x)']


def test_display_glue_shows_figures_and_keeps_numbers_quiet(capsys):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from janus._display import glue

    shown = []
    import IPython.display

    original = IPython.display.display
    IPython.display.display = lambda obj: shown.append(obj)
    try:
        fig, _ = plt.subplots()
        glue("fig", fig, display=False)
        glue("x", 2.5, display=False)
        glue("y", 3.5)
        plt.close(fig)
    finally:
        IPython.display.display = original
    assert shown == [fig, 3.5]


# --------------------------------------------------------------------------- #
# the built book (make book first)
# --------------------------------------------------------------------------- #

HTML = ROOT / "_build" / "html"


def notebook_pages() -> list[str]:
    """The docnames of _toc.yml whose source is a MyST notebook."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    return [f for f in files if (ROOT / (f + ".md")).read_text().startswith("---\njupytext:")]


def built(docname):
    path = HTML / "_sources" / (docname + ".ipynb")
    if not path.exists():
        pytest.fail(f"{path} is missing: run make book first")
    return path


@pytest.mark.book
@pytest.mark.parametrize("docname", notebook_pages())
def test_built_reader_notebook_has_no_myst_and_no_outputs(docname):
    nb = nbformat.read(built(docname), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        for bad in ("{prf:", "{glue", "{exercise", "{solution", "```{", ":::{", ":label:",
                    "{numref}", "{cite", "{ref}", "{doc}"):
            assert bad not in cell.source, (docname, bad, cell.source[:300])
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "myst_nb" not in cell.source


@pytest.mark.book
@pytest.mark.parametrize("docname", notebook_pages())
def test_built_reader_notebook_shows_what_the_page_shows(docname):
    """Every glued value, box number and figure number of the web page is in the notebook."""
    page = (HTML / (docname + ".html")).read_text(encoding="utf-8")
    text = markdown(nbformat.read(built(docname), as_version=4))
    values = [html.unescape(v) for v in re.findall(r'<span class="pasted-text">(.*?)</span>', page)]
    assert values or docname == "intro"
    for value in values:
        assert value in text, (docname, value)
    # numbered boxes: "Proposition 2.1", "Exercise 2.3", "Fig. 2.1"
    numbers = set(re.findall(r"(?:Definition|Proposition|Exercise|Fig\.) \d+(?:\.\d+)*", html.unescape(
        re.sub(r"<[^>]+>", "", page))))
    for number in numbers:
        assert number in text, (docname, number)
    if "{cite:" in (ROOT / (docname + ".md")).read_text():
        assert "## References" in text and "Kuhle" in text


@pytest.mark.book
@pytest.mark.parametrize("docname", notebook_pages())
def test_download_and_launch_buttons_serve_the_reader_notebook(docname):
    page = (HTML / (docname + ".html")).read_text(encoding="utf-8")
    # the download button links the page's notebook (relative to the page)
    downloads = [h for h in re.findall(r'href="([^"]+\.ipynb)"', page) if "://" not in h]
    assert downloads, docname
    for href in downloads:
        target = (HTML / Path(docname).parent / html.unescape(href)).resolve()
        assert target == built(docname).resolve(), (href, target)
    assert f"urlpath=lab/tree/{rn.NOTEBOOK_DIR}/{docname}.ipynb" in page
    colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', page)
    assert colab and all(u.endswith(f"/blob/{rn.PAGES_BRANCH}/_sources/{docname}.ipynb") for u in colab)
    # the repository address of _config.yml, and no other
    import yaml

    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    org_repo = "/".join(repo.rstrip("/").split("/")[-2:])
    assert f"/v2/gh/{org_repo}/" in page and f"/github/{org_repo}/blob/" in colab[0]


# --------------------------------------------------------------------------- #
# the build stops on a construct the converter does not know
# --------------------------------------------------------------------------- #

@pytest.mark.slow
def test_book_build_fails_on_an_unknown_directive(tmp_path):
    import subprocess

    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(
        "title: T\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: 'off'\n"
        "repository:\n  url: https://github.com/example/book\n"
        "sphinx:\n  extra_extensions: [sphinx_exercise, sphinx_proof]\n"
        f"  local_extensions:\n    reader_notebooks: {ROOT / 'tools' / 'sphinx'}\n")
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    body = ("# A page\n\nSome text.\n\n```{code-cell} ipython3\nx = 1\n```\n\n"
            "```{epigraph}\nA quotation that Sphinx knows and the converter does not.\n```\n")
    (book / "page.md").write_text(HEADER + body)
    done = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(book),
                           "--builder", "html"], capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output[-2000:]
    assert f"page.md:{line_of(body, '```{epigraph}')}: {{epigraph}}" in output, output[-2000:]


def test_copy_for_jupyterlab_keeps_the_layout_and_never_overwrites(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("copy_notebooks", ROOT / "tools" / "copy_notebooks.py")
    copier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copier)
    source, target = tmp_path / "_sources", tmp_path / "notebooks"
    (source / "chapters").mkdir(parents=True)
    (source / "intro.ipynb").write_text("intro v1")
    (source / "chapters" / "a.ipynb").write_text("a v1")
    (source / "chapters" / "a.md").write_text("not a notebook")
    assert sorted(p.relative_to(target).as_posix() for p in copier.copy_notebooks(source, target)) \
        == ["chapters/a.ipynb", "intro.ipynb"]
    (target / "chapters" / "a.ipynb").write_text("a reader's work")
    (source / "chapters" / "a.ipynb").write_text("a v2")
    (target / "intro.ipynb").unlink()
    (source / "intro.ipynb").write_text("intro v2")
    assert copier.copy_notebooks(source, target) == [target / "intro.ipynb"]
    assert (target / "chapters" / "a.ipynb").read_text() == "a reader's work"
    assert (target / "intro.ipynb").read_text() == "intro v2"
    with pytest.raises(SystemExit, match="make book"):
        copier.copy_notebooks(tmp_path / "empty", target)
