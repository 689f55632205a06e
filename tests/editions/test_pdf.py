"""``make pdf``: both PDFs exist, hold every printed page in order with numbered
headings and typeset math, the slider figures as static panels, and the
solutions only in the full edition."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from .solutions import ROOT, book_solutions, chapter_sources, windows, words

pytestmark = pytest.mark.site

PDF = ROOT / "_build" / "pdf"
FULL_PDF, STUDENT_PDF = PDF / "janus.pdf", PDF / "janus-student.pdf"


@lru_cache(maxsize=None)
def _pdf(path: Path):
    from pypdf import PdfReader

    if not path.exists():
        pytest.fail(f"{path} is missing: run `make pdf` (`make test` does)", pytrace=False)
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return reader, unicodedata.normalize("NFKC", text)


def _printed_pages():
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from print_pdf import printed, toc_pages
    finally:
        sys.path.pop(0)
    return [p for p in toc_pages() if printed(p)]


def test_page_counts_are_sensible():
    printed = _printed_pages()
    full, _ = _pdf(FULL_PDF)
    student, _ = _pdf(STUDENT_PDF)
    # at least a page per document, at most 60 a document
    for reader in (full, student):
        assert len(printed) <= len(reader.pages) <= 60 * len(printed)
    # a chapter runs to several pages
    assert len(student.pages) >= 3 * len(chapter_sources())
    # the solutions take room
    assert len(full.pages) > len(student.pages)
    # one bookmark per printed document, in the order of the table of contents
    assert len(full.outline) == len(student.outline) == len(printed)


def test_chapters_in_order_with_numbered_headings():
    reader, _ = _pdf(STUDENT_PDF)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    ends = starts[1:] + [len(reader.pages)]
    printed = _printed_pages()
    positions = []
    for number, chapter in enumerate(chapter_order(), start=1):
        title = re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"), flags=re.M).group(1)
        heading = words(f"{number}. {title}")
        # the heading must open the chapter's own pages (after the page's contents list,
        # which may fill its first page), not only stand in a list elsewhere
        doc = printed.index(str(chapter.relative_to(ROOT).with_suffix("")))
        opening = " ".join(reader.pages[i].extract_text() or ""
                           for i in range(starts[doc], min(starts[doc] + 2, ends[doc])))
        seq = words(unicodedata.normalize("NFKC", opening))
        at = [i for i in range(len(seq) - len(heading) + 1) if seq[i:i + len(heading)] == heading]
        assert at, f"heading {' '.join(heading)!r} not on the first pages of {chapter.name} in the PDF"
        positions.append(starts[doc])
    assert positions == sorted(positions), "the chapters are not in the order of the table of contents"
    assert all(s < e for s, e in zip(starts, ends))


def chapter_order() -> list[Path]:
    return [ROOT / f"{p}.md" for p in _printed_pages() if p.startswith("chapters/")]


def _code_text() -> str:
    """Every code cell of the printed sources, white space folded (TeX in a label is code)."""
    cells = []
    for page in _printed_pages():
        source = ROOT / f"{page}.md"
        if source.exists():
            cells += re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", source.read_text(encoding="utf-8"),
                                flags=re.M | re.S)
    return " ".join(" ".join(cells).split())


def test_math_is_typeset():
    code = _code_text()
    for path in (FULL_PDF, STUDENT_PDF):
        _, text = _pdf(path)
        raw = [line for line in text.splitlines()
               if re.search(r"\\(?:frac|begin|beta|sigma|mu)\b|\\\(|\\\[|\$\$", line)
               and " ".join(line.split()) not in code]
        assert not raw, f"{path.name}: raw TeX in the PDF outside code: {raw[:5]}"


def test_solutions_only_in_the_full_pdf():
    _, full_text = _pdf(FULL_PDF)
    _, student_text = _pdf(STUDENT_PDF)
    full, student = windows(words(full_text)), windows(words(student_text))
    # a PDF's text keeps words and code, not the TeX of the math: passages without math
    solutions = [(s, ps) for s, ps in book_solutions(math=False) if ps]
    in_full = [s for s, ps in solutions if any(windows(p) <= full for p in ps)]
    # the check can fail: the full PDF shows (nearly) every solution in searchable text
    assert solutions and len(in_full) >= 0.8 * len(solutions), \
        f"only {len(in_full)} of {len(solutions)} solutions found in {FULL_PDF.name}"
    leaks = [f"{s.chapter}: {s.label}: {' '.join(p[:10])}" for s, ps in solutions for p in ps
             if windows(p) <= student]
    assert not leaks, "solution text in the student PDF:\n" + "\n".join(leaks)


def _explore_frames(html: Path) -> list[list[str]]:
    """The alt texts of the frames of each slider figure of a built page (from the JSON
    inside each ``<div class="janus-explore">``, janus.widgets.StaticExplorer)."""
    text = html.read_text(encoding="utf-8")
    tags = re.findall(r'<script type="application/json" class="janus-explore-data">(.*?)</script>',
                      text, re.S)
    return [[frame["alt"] for frame in json.loads(tag)["frames"]] for tag in tags]


def test_each_slider_figure_is_printed_as_first_middle_and_last_frame():
    _, text = _pdf(STUDENT_PDF)
    seq = windows(words(text), 4)
    checked = 0
    for chapter in chapter_order():
        html = ROOT / "_build" / "student" / "html" / chapter.relative_to(ROOT).with_suffix(".html")
        for frames in _explore_frames(html):
            for i in sorted({0, (len(frames) - 1) // 2, len(frames) - 1}):
                caption = words(frames[i])
                assert len(caption) >= 4 and windows(caption, 4) <= seq, \
                    f"{chapter.name}: frame {i} ({frames[i]!r}) is not printed"
                checked += 1
    assert checked, "no slider figure found to check"
