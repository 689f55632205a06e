"""Per-chapter numbering: Figure 2.3, Exercise 3.4, Proposition 1.2 in both editions."""

from __future__ import annotations

import html
import re

import pytest

from .solutions import ROOT

pytestmark = pytest.mark.site

KINDS = ("Figure", "Exercise", "Proposition", "Definition")


def _chapters():
    import yaml

    spec = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    numbered = [part for part in spec.get("parts", []) if part.get("numbered")]
    assert numbered, "no numbered part in _toc.yml"
    return [entry["file"] for part in numbered for entry in part["chapters"]]


def _defined_numbers(page: str) -> list[tuple[str, str]]:
    """The numbers of the figures, exercises, propositions and definitions a page defines
    (their captions and box titles, not cross-references)."""
    titles = re.findall(r'<(?:p class="admonition-title"|span class="caption-number")[^>]*>(.*?)</(?:p|span)>',
                        page, flags=re.S)
    out = []
    for title in titles:
        text = html.unescape(re.sub(r"<[^>]+>", " ", title))
        found = re.match(r"\s*(" + "|".join(KINDS) + r")\s+([\d.]+\d)", text)
        if found:
            out.append((found.group(1), found.group(2)))
    return out


@pytest.mark.parametrize("edition", ["html", "student/html"])
def test_numbers_restart_in_each_chapter(edition):
    site = ROOT / "_build" / edition
    if not (site / "index.html").exists():
        pytest.fail(f"no built site in {site}: run `make book` and `make student`", pytrace=False)
    for number, doc in enumerate(_chapters(), start=1):
        page = (site / f"{doc}.html").read_text(encoding="utf-8")
        assert f'<span class="section-number">{number}. </span>' in page, f"{doc} is not chapter {number}"
        numbers = _defined_numbers(page)
        kinds = {kind for kind, _ in numbers}
        assert {"Exercise", "Proposition"} <= kinds, f"{doc}: found only {sorted(kinds)}"
        for kind in kinds:
            seen = [n for k, n in numbers if k == kind]
            wrong = [n for n in seen if not n.startswith(f"{number}.")]
            assert not wrong, f"{doc}: {kind} numbered {wrong}, not {number}.x"
            # 1, 2, 3, ... within the chapter, in order (each exercise once)
            order = [int(n.split(".")[-1]) for n in dict.fromkeys(seen)]
            assert order == list(range(1, len(order) + 1)), f"{doc}: {kind} numbers {seen}"
