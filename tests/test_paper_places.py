"""Every place a case-study record cites is a place the paper has: its sections (§3.1 is the
first numbered part of the paper's third section, «ثالثاً»), its footnotes, its appendix."""

import re
from pathlib import Path

import pytest

from conftest import CASE_IDS, CASE_STUDIES

PAPER = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "paper"
    / ("syrian-advocacy-campaigns-2021.ar.txt")
)
ORDINALS = ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً"]
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _places(text: str) -> tuple[set[str], set[int]]:
    """The paper's sections ('3', '3.1', …) read from its headings, and its footnote marks."""
    body = text.split("ملخص تنفيذي", 2)[-1]  # after the table of contents
    sections, current = set(), None
    for line in body.splitlines():
        head = line.strip()
        for n, word in enumerate(ORDINALS, start=1):
            if head.startswith(word + ":"):
                current = n
                sections.add(str(n))
        m = re.match(r"^(\d+)\s*-", head)
        if current and m:
            sections.add(f"{current}.{m.group(1)}")
    notes = {int(m.translate(SUPERSCRIPT)) for m in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text)}
    return sections, notes


@pytest.fixture(scope="module")
def paper_places():
    if not PAPER.is_file():
        pytest.skip(f"the paper is absent: {PAPER}")
    return _places(PAPER.read_text(encoding="utf-8"))


def test_the_paper_has_the_sections_its_digest_names(paper_places):
    sections, notes = paper_places
    assert {"1", "3", "3.1", "3.2", "4", "4.1", "4.2", "7"} <= sections
    assert max(notes) == 106


@pytest.mark.parametrize("case", CASE_IDS)
def test_every_place_a_record_cites_is_in_the_paper(paper_places, case):
    sections, notes = paper_places
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((CASE_STUDIES / case).iterdir())
        if p.suffix in (".yaml", ".csv")
    )
    cited = set(re.findall(r"§(\d+(?:\.\d+)*)", text))
    assert cited and cited <= sections, sorted(cited - sections)
    footnotes = {int(n) for n in re.findall(r"\bfn\.? ?(\d+)", text)}
    assert footnotes <= notes, sorted(footnotes - notes)


@pytest.mark.parametrize("case", CASE_IDS)
def test_every_source_of_a_record_names_its_place_in_the_paper(case):
    from evalkit.record.load import load_campaign

    record = load_campaign(CASE_STUDIES / case).record
    # the paper's records draw on the paper alone: each source is a place in it
    for s in record.sources:
        assert re.search(r"§\d|\bfn ?\d", s.citation), (s.id, s.citation)
