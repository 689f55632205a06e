"""The solutions of the book's chapters, read from the chapter sources, and how to find them in an output.

A solution is a ``{solution}`` directive, or everything between a
``{solution-start}`` and its ``{solution-end}``. Its text is compared with an
output file word by word: both are lower-cased and cut into words of letters
and digits, so that markup, HTML tags, entities and typographic quotes do not
matter. A *passage* of a solution is a run of at least ``N`` words of a paragraph of
its prose (math included: the HTML keeps the TeX) or of one line of its code that appears nowhere else in the
book's sources; it "appears" in an output if its ``N``-word windows all occur
there in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
N = 6  # words per window

FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def windows(seq: list[str], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)}


@dataclass
class Solution:
    chapter: str
    label: str
    line: int
    text: list[str] = field(default_factory=list)   # source lines

    def prose_and_code(self) -> tuple[str, list[str]]:
        prose, code, in_code = [], [], False
        for line in self.text:
            opened = FENCE.match(line.strip())
            if opened and opened.group("name") == "code-cell":
                in_code = True
                continue
            if in_code and re.fullmatch(r"`{3,}", line.strip()):
                in_code = False
                continue
            if in_code:
                if not line.startswith(":tags:"):
                    code.append(line)
            elif not re.match(r"^\s*:[\w-]+:", line) and not FENCE.match(line.strip()):
                prose.append(line)
        return "\n".join(prose), code


def _block(lines: list[str], start: int) -> tuple[list[str], int]:
    """The body of the fenced directive opened at ``lines[start]`` and the index of its closing fence."""
    fence = FENCE.match(lines[start].strip()).group("fence")
    for j in range(start + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return lines[start + 1:j], j
    raise ValueError(f"unclosed directive at line {start + 1}")


def chapter_sources() -> list[Path]:
    return sorted((ROOT / "chapters").glob("*.md"))


def split_chapter(path: Path) -> tuple[list[Solution], str]:
    """The solutions of a chapter, and the chapter's text outside them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    solutions, outside = [], []
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i].strip())
        if opened and opened.group("name") == "solution":
            body, end = _block(lines, i)
            solutions.append(Solution(path.stem, opened.group("arg").strip(), i + 1, body))
            i = end + 1
            continue
        if opened and opened.group("name") == "solution-start":
            _, end = _block(lines, i)
            k = end + 1
            while k < len(lines):
                closing = FENCE.match(lines[k].strip())
                if closing and closing.group("name") == "solution-end":
                    break
                k += 1
            else:
                raise ValueError(f"{path}:{i + 1}: solution-start without solution-end")
            solutions.append(Solution(path.stem, opened.group("arg").strip(), i + 1, lines[end + 1:k]))
            _, i = _block(lines, k)
            i += 1
            continue
        outside.append(lines[i])
        i += 1
    return solutions, "\n".join(outside)


def _pieces(prose: str, math: bool = True) -> list[str]:
    """Cut prose where an output may put other words or none: paragraphs, list
    markers, display math, and roles (a glued value replaces its role); without
    ``math``, cut out the math too (a PDF's text does not keep the TeX)."""
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", "\n\n", prose)
    text = re.sub(r"(\$\$.*?\$\$)", "\n\n\\1\n\n" if math else "\n\n", text, flags=re.S)
    if not math:
        text = re.sub(r"\$[^$\n]+\$", "\n\n", text)
    text = re.sub(r"^\s*(?:\d+\.|[-*+])\s+", "\n\n", text, flags=re.M)
    return re.split(r"\n\s*\n", text)


def passages(solution: Solution, elsewhere: set[tuple[str, ...]], math: bool = True) -> list[list[str]]:
    """Runs of at least N words of a solution (prose, math unless ``math`` is
    false, or a line of code) found nowhere outside the solutions."""
    prose, code = solution.prose_and_code()
    out = []
    for piece in _pieces(prose, math) + code:
        seq = words(piece)
        if len(seq) >= N and not (windows(seq) <= elsewhere):
            out.append(seq)
    return out


def book_solutions(math: bool = True):
    """Every solution of every chapter with its distinctive passages (see :func:`passages`)."""
    chapters = [split_chapter(p) for p in chapter_sources()]
    elsewhere: set[tuple[str, ...]] = set()
    for _, outside in chapters:
        elsewhere |= windows(words(outside))
    for page in [ROOT / "intro.md", *sorted((ROOT / "course").glob("*.md")),
                 *sorted((ROOT / "appendix").glob("*.md")), *sorted((ROOT / "janus").glob("*.py"))]:
        if page.exists():
            elsewhere |= windows(words(page.read_text(encoding="utf-8")))
    return [(s, passages(s, elsewhere, math)) for sols, _ in chapters for s in sols]


def found(passage: list[str], text_windows: set[tuple[str, ...]]) -> bool:
    return windows(passage) <= text_windows


def solution_words() -> tuple[set[str], set[str]]:
    """The words of the solutions, and the words of the sources outside them."""
    inside, outside = set(), set()
    for path in chapter_sources():
        sols, rest = split_chapter(path)
        outside |= set(words(rest))
        for s in sols:
            inside |= set(words("\n".join(s.text)))
    # the other pages, and the docstrings that the API reference shows
    for page in [ROOT / "intro.md", *sorted((ROOT / "course").glob("*.md")), ROOT / "references.bib",
                 *sorted((ROOT / "appendix").glob("*.md")), *sorted((ROOT / "janus").glob("*.py"))]:
        if page.exists():
            outside |= set(words(page.read_text(encoding="utf-8")))
    return inside, outside
