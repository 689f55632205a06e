"""Problem sets (tools/sphinx/reader_notebooks.py): per chapter, a notebook with only
the exercises, numbered as on the website, and empty answer cells.

The converter's problem set is tested on a small page (with the stand-in for the
Sphinx build of tests/test_reader_notebooks.py); the tests marked ``book`` check the
problem sets of the built book (``make book`` first): one per chapter with
exercises, every exercise in it with its number, no solution passage of any
chapter (the passages come from the chapter sources, as for the student edition),
a link from the chapter page, and a run from top to bottom in a fresh kernel.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))
sys.path.insert(0, str(ROOT / "tests"))
import reader_notebooks as rn  # noqa: E402
import test_reader_notebooks as trn  # noqa: E402
from editions.solutions import book_solutions, found, windows, words  # noqa: E402

HTML = ROOT / "_build" / "html"
EXERCISE_HEAD = re.compile(r"^\*\*Exercise (\d+\.\d+)\*\*", re.M)


def _problems(tmp_path, body, checks=None, **kwargs):
    page = trn.page(tmp_path, body, **kwargs)
    _, converter = rn._convert(page, trn.Site(), trn.EXTENSIONS, "janus-book")
    return rn.problem_set(page, trn.Site(), converter, checks)


def _run_cell(source, namespace):
    """Run a code cell as Jupyter does; return the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None


def test_problem_set_has_the_exercises_and_no_solution(tmp_path):
    nb = _problems(tmp_path, trn.BODY, glue=trn.GLUE,
                   numbered={"prf:proposition": ["4.1"], "exercise": ["4.1"]},
                   checks={"ex-a": [(None, "one number: the mean")]})
    text = "\n\n".join(c.source for c in nb.cells)
    assert nb.cells[0].source.startswith("# Problem set 4:")
    assert "**Exercise 4.1** (Do it (★, 5 min))\n\nCompute 1.2." in text
    assert "**Your answer** (Exercise 4.1)" in text
    assert 'answer = None' in text and 'janus.check("ex-a", answer)' in text
    # no solution, no proposition, no prose of the page
    for absent in ("print(1 + 1)", "Solution", "Proposition", "Integrate", "Summary", "glue"):
        assert absent not in text, absent
    setup = nb.cells[3].source
    assert setup == "import numpy as np"
    nbformat.validate(nb)


def test_a_page_without_exercises_has_no_problem_set(tmp_path):
    assert _problems(tmp_path, "# A\n\nText.\n\n```{code-cell} ipython3\nx = 1\n```\n") is None


def test_setup_code_keeps_imports_and_style_only():
    first = ("import numpy as np\nfrom janus._display import glue\nimport janus\n"
             "janus.style.use()\n\n\ndef glue_num(key, value):\n    glue(key, value)\n")
    assert rn.setup_code(first) == "import numpy as np\nimport janus\njanus.style.use()"


def test_answer_cells_run_unfilled_and_check_when_filled():
    import janus
    from janus.check import _REGISTRY

    checks = rn._checks()
    assert set(checks) == {label for label, _ in _REGISTRY}
    cells = rn.answer_cells("ch1-ex-marginal", "1.5", checks["ch1-ex-marginal"])
    code = [c.source for c in cells if c.cell_type == "code"]
    assert len(code) == 2 and "part=1" in code[0] and "part=2" in code[1]
    for source in code:
        verdict = _run_cell(source, {"janus": janus})       # left as it is: no exception
        assert not verdict and "no answer yet" in verdict.message
    # filled in, the same cell checks the answer
    filled = code[0].replace("answer = None", "answer = 100 + 0.04 * 15 ** 2 / 2")
    assert _run_cell(filled, {"janus": janus})
    # an exercise without a checker gets an empty code cell
    plain = rn.answer_cells("ch1-ex-mean", "1.1", [])
    assert [c.cell_type for c in plain] == ["markdown", "code"] and "janus.check" not in plain[1].source


# --------------------------------------------------------------------------- #
# the built book (make book first)
# --------------------------------------------------------------------------- #

def chapters_with_exercises() -> list[str]:
    return sorted(p.stem for p in (ROOT / "chapters").glob("*.md")
                  if "{exercise}" in p.read_text(encoding="utf-8"))


def _labels(stem: str) -> list[str]:
    text = (ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    return re.findall(r"^[`:]{3,}\{exercise\}[^\n]*\n(?::[^\n]*\n)*?:label:\s*(\S+)", text, flags=re.M)


def built_problem_set(stem: str, site: Path = HTML) -> nbformat.NotebookNode:
    path = site / rn.PROBLEM_DIR / f"{stem}.ipynb"
    if not path.exists():
        pytest.fail(f"{path} is missing: run make book first", pytrace=False)
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="module")
def solution_passages():
    return [(s, p) for s, ps in book_solutions() for p in ps]


@pytest.mark.book
@pytest.mark.parametrize("stem", chapters_with_exercises())
def test_every_exercise_with_its_website_number(stem):
    nb = built_problem_set(stem)
    text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    numbers = EXERCISE_HEAD.findall(text)
    assert len(numbers) == len(_labels(stem)) and len(set(numbers)) == len(numbers)
    # the same numbers as the reader notebook and the web page
    reader = nbformat.read(HTML / "_sources" / "chapters" / f"{stem}.ipynb", as_version=4)
    reader_text = "\n\n".join(c.source for c in reader.cells if c.cell_type == "markdown")
    assert numbers == EXERCISE_HEAD.findall(reader_text)
    page = (HTML / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
    for number in numbers:
        assert re.search(rf"Exercise\s+{re.escape(number)}\b", page), number
    chapter = {n.split(".")[0] for n in numbers}
    assert len(chapter) == 1 and nb.cells[0].source.startswith(f"# Problem set {chapter.pop()}:")
    # each exercise is followed by its answer cells; the numeric ones by a checker call
    from janus.check import _REGISTRY

    for label in _labels(stem):
        for (known, part) in _REGISTRY:
            if known == label:
                call = f'janus.check("{label}", answer' + (f", part={part})" if part else ")")
                assert any(call in c.source for c in nb.cells if c.cell_type == "code"), call
    assert text.count("**Your answer**") == len(numbers)


@pytest.mark.book
@pytest.mark.parametrize("stem", chapters_with_exercises())
def test_no_solution_passage_in_the_problem_set(stem, solution_passages):
    nb = built_problem_set(stem)
    have = windows(words("\n".join(c.source for c in nb.cells)))
    leaked = [(s.chapter, s.label, " ".join(p)) for s, p in solution_passages if found(p, have)]
    assert not leaked, leaked[:5]
    # the check can fail: the reader notebook of the same chapter has its solutions
    reader = nbformat.read(HTML / "_sources" / "chapters" / f"{stem}.ipynb", as_version=4)
    reader_have = windows(words("\n".join(c.source for c in reader.cells)))
    assert any(found(p, reader_have) for s, p in solution_passages if s.chapter == stem)


@pytest.mark.book
@pytest.mark.parametrize("stem", chapters_with_exercises())
def test_chapter_page_links_its_problem_set(stem):
    page = (HTML / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
    href = f"../{rn.PROBLEM_DIR}/{stem}.ipynb"
    assert f'href="{href}"' in page
    assert (HTML / "chapters" / href).resolve().is_file()
    # at the top of the Exercises section
    section = page[page.index(">Exercises<"):]
    assert section.index(href) < section.index("Exercise ")


# Every problem set runs top to bottom, unfilled, in a fresh kernel of an environment
# made from requirements.txt alone: tests/test_reader_environment.py.
