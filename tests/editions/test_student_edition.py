"""The student edition (``make student``) holds no solution, in any file; the full edition holds them all.

The solutions are read from the chapter sources (``tests/editions/solutions.py``),
so every chapter, present or future, is covered. Each check is shown to be able
to fail: what it looks for in the student edition is found in the full edition
(``make book``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from .solutions import ROOT, book_solutions, chapter_sources, solution_words, split_chapter, windows, words

pytestmark = pytest.mark.site

FULL = ROOT / "_build" / "html"
STUDENT = ROOT / "_build" / "student" / "html"
VENDOR = ROOT / "_build" / "offline"      # copied verbatim from npm packages (tools/offline_assets.py)
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".ttf", ".eot", ".otf", ".pdf"}


def _require(site: Path, command: str) -> Path:
    if not (site / "index.html").exists():
        pytest.fail(f"no built site in {site}: run `{command}` first (`make test` does)", pytrace=False)
    return site


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() in BINARY:
            continue
        rel = path.relative_to(site)
        copied = VENDOR / rel
        if rel.parts[:2] == ("_static", "vendor") and copied.is_file() \
                and copied.read_bytes() == path.read_bytes():
            continue        # third-party JavaScript, identical to the npm package's file
        yield rel, path


def _file_words(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="ignore")
    if path.suffix in {".html", ".htm", ".xml", ".svg"}:
        text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("\\n", " ")
    return words(text)


@pytest.fixture(scope="module")
def solutions():
    found = book_solutions()
    assert found, "no solution found in chapters/*.md: the extraction is broken"
    return found


@pytest.fixture(scope="module")
def student_files():
    site = _require(STUDENT, "make student")
    return {rel: windows(_file_words(path)) for rel, path in _text_files(site)}


@pytest.fixture(scope="module")
def full_windows():
    site = _require(FULL, "make book")
    every = set()
    for rel, path in _text_files(site):
        if path.suffix == ".html":
            every |= windows(_file_words(path))
    return every


def test_every_solution_has_a_passage_to_look_for(solutions):
    empty = [f"{s.chapter}: solution of {s.label} (line {s.line})" for s, ps in solutions if not ps]
    assert not empty, "solutions with no distinctive passage: " + "; ".join(empty)


def test_every_solution_is_in_the_full_edition(solutions, full_windows):
    # the check can fail: each solution is found in the HTML of `make book`
    missing = [f"{s.chapter}: {s.label}" for s, ps in solutions
               if not any(windows(p) <= full_windows for p in ps)]
    assert not missing, f"solutions not found in {FULL}: {missing}"


def test_no_solution_in_any_file_of_the_student_edition(solutions, student_files):
    assert student_files, "the student edition has no files"
    leaks = []
    for s, ps in solutions:
        for p in ps:
            need = windows(p)
            for rel, have in student_files.items():
                if need <= have:
                    leaks.append(f"{s.chapter}: solution of {s.label} (line {s.line}) in {rel}: "
                                 f"{' '.join(p[:12])} ...")
                    break
    assert not leaks, "solution text in the student edition:\n" + "\n".join(leaks)


def _index_terms(site: Path) -> set[str]:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    return set(index["terms"]) | set(index.get("titleterms", {}))


def test_the_search_index_has_no_word_found_only_in_solutions():
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    inside, outside = solution_words()
    # stems of words of the solutions that no other text of the book shares
    only = {stem(w) for w in inside if w.isalpha() and len(w) >= 5} - {stem(w) for w in outside}
    assert only, "no word occurs only in the solutions: the check could not fail"
    full = _index_terms(_require(FULL, "make book"))
    student = _index_terms(_require(STUDENT, "make student"))
    assert only & full, "no solution-only word is in the full edition's search index"
    leaked = sorted(only & student)
    assert not leaked, f"words found only in solutions are in the student search index: {leaked}"


def test_the_student_edition_keeps_every_exercise():
    site = _require(STUDENT, "make student")
    for chapter in chapter_sources():
        text = chapter.read_text(encoding="utf-8")
        labels = re.findall(r"^[`:]{3,}\{exercise\}[^\n]*\n(?::[^\n]*\n)*?:label:\s*(\S+)", text, flags=re.M)
        page = (site / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        missing = [label for label in labels if f'id="{label}"' not in page]
        assert labels and not missing, f"{chapter.name}: exercises missing in the student edition: {missing}"
        solutions, _ = split_chapter(chapter)
        full = (FULL / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        assert full.count('class="solution') >= len(solutions) > 0
        assert 'class="solution' not in page


def test_no_sources_or_notebooks_to_download():
    site = _require(STUDENT, "make student")
    assert not (site / "_sources").exists()
    notebooks = {p.relative_to(site).as_posix() for p in site.rglob("*.ipynb")}
    problem_sets = {p for p in notebooks if p.startswith("problem-sets/")}
    assert notebooks == problem_sets, f"a notebook other than a problem set: {notebooks - problem_sets}"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "_sources/" not in text, f"{page.relative_to(site)} links to a page source"
        assert "download-notebook-button" not in text and "download-source-button" not in text


def test_the_student_edition_serves_the_problem_sets():
    site = _require(STUDENT, "make student")
    full = _require(FULL, "make book")
    chapters = sorted(p.stem for p in chapter_sources() if "{exercise}" in p.read_text(encoding="utf-8"))
    assert chapters
    for stem in chapters:
        served = site / "problem-sets" / f"{stem}.ipynb"
        assert served.is_file(), f"{served} is missing"
        # the same problem set as the full edition's, linked from the chapter page
        assert served.read_bytes() == (full / "problem-sets" / f"{stem}.ipynb").read_bytes()
        page = (site / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        assert f'href="../problem-sets/{stem}.ipynb"' in page


def test_every_page_shows_version_and_licences():
    import janus

    for site in (FULL, STUDENT):
        for page in _require(site, "make book / make student").rglob("*.html"):
            if page.relative_to(site).parts[0] in {"_static", "_sources", "_images"}:
                continue
            text = page.read_text(encoding="utf-8")
            if "<body" not in text:
                continue        # index.html: a redirect to the first page
            footer = text[text.find('class="bd-footer-content'):]
            assert f"Janus {janus.__version__}" in footer, page
            assert "MIT licence" in footer and "CC BY 4.0" in footer, page
