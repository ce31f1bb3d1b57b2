"""The paper's appendix grids as data (case_studies/<id>/paper_grid.csv, issue 15): every cell
quotes the Arabic original, the rows are the grid's, and the codes are the agreed ones."""

import csv
import re
from pathlib import Path

import pytest

from conftest import CASE_STUDIES

PAPER = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "paper"
    / "syrian-advocacy-campaigns-2021.ar.txt"
)
ROWS = {
    "Goal": {"interim", "main"},
    "Geographic scope": {
        "virtual",
        "in person, local",
        "in person, regional",
        "in person, international",
    },
    "Interacting audience": {"general public", "influential audience"},
    "Launch timing": {"before", "at", "after"},
    "Media tools": {"visual identity", "hashtags", "official accounts"},
    "Discourse": {"informational", "emotional", "humanitarian", "rational", "call to action"},
    "Strategies": {"mobilisation and attention", "advocacy"},
    "Result": {"interim", "main"},
}
CODES = {
    "Geographic scope": {"present", "limited", "absent"},
    "Media tools": {"present", "limited", "absent"},
    "Discourse": {"present", "limited", "absent"},
    "Launch timing": {"before", "at", "after"},
    "Result": {"achieved", "partly", "not_achieved", ""},
}
GRIDS = sorted(CASE_STUDIES.glob("*/paper_grid.csv"))


def _cells(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _flat(text):
    """The paper as one line of words: extraction markup and line breaks gone."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = re.sub(r"</?(p|u)>", " ", text)
    text = text.replace("**", "")  # bold marks sit inside words' spacing («و**ادلب**»)
    return " ".join(text.split())


def _pieces_in(line, paper):
    """How many verbatim pieces of the paper `line` is made of (a paragraph the paper cuts
    with a page break, a label or a footnote is two), or None if it is not the paper's."""
    words, pieces = line.split(), 0
    while words:
        n = len(words)
        while n and " ".join(words[:n]) not in paper:
            n -= 1
        if n < 3:
            return None
        words, pieces = words[n:], pieces + 1
    return pieces


def test_the_two_re_encoded_campaigns_have_every_cell_of_their_appendix_table():
    cells = {p.parent.name: _cells(p) for p in GRIDS}
    # Idlib: both launch rows the paper has (at, after), no 'before'; Caesar: no emotional row
    assert len(cells["idlib-under-fire"]) == 22 and len(cells["caesar"]) == 21
    idlib = {(c["dimension"], c["row"]) for c in cells["idlib-under-fire"]}
    caesar = {(c["dimension"], c["row"]) for c in cells["caesar"]}
    assert ("Launch timing", "after") in idlib and ("Launch timing", "before") not in idlib
    assert ("Discourse", "emotional") not in caesar and ("Launch timing", "after") in caesar


def test_aleppo_and_ghouta_have_every_cell_of_their_appendix_table():
    cells = {
        p.parent.name: {(c["dimension"], c["row"]): c["code"] for c in _cells(p)} for p in GRIDS
    }
    aleppo, ghouta = cells["aleppo-is-burning"], cells["save-ghouta"]
    assert len(aleppo) == 20 and len(ghouta) == 23
    # Aleppo's table has no humanitarian row and only the "at" launch row; Ghouta's has all three
    assert ("Discourse", "humanitarian") not in aleppo
    assert [k for k in aleppo if k[0] == "Launch timing"] == [("Launch timing", "at")]
    assert {r for d, r in ghouta if d == "Launch timing"} == {"before", "at", "after"}
    # codes read from the Arabic: Aleppo's information "confined to scattered news", Ghouta's
    # "no clear visual identity", both main goals not achieved
    assert aleppo[("Discourse", "informational")] == "limited"
    assert ghouta[("Media tools", "visual identity")] == "absent"
    assert aleppo[("Result", "main")] == ghouta[("Result", "main")] == "not_achieved"


@pytest.mark.parametrize("path", GRIDS, ids=lambda p: p.parent.name)
def test_paper_grid_rows_are_the_grids_and_codes_only_where_the_row_is_a_code(path):
    cells = _cells(path)
    assert list(cells[0]) == ["dimension", "row", "paper_text_ar", "source", "code"]
    seen = set()
    for c in cells:
        where = (path.parent.name, c["dimension"], c["row"])
        assert c["row"] in ROWS[c["dimension"]], where
        assert (c["dimension"], c["row"]) not in seen, where  # one CSV row per cell
        seen.add((c["dimension"], c["row"]))
        assert c["source"].startswith("§7 appendix, "), where
        assert c["code"] in CODES.get(c["dimension"], {""}), where
        if c["dimension"] == "Launch timing":
            assert c["code"] == c["row"], where


@pytest.mark.skipif(not PAPER.is_file(), reason=f"the paper is not at {PAPER}")
@pytest.mark.parametrize("path", GRIDS, ids=lambda p: p.parent.name)
def test_every_paper_grid_cell_quotes_the_arabic_original(path):
    paper = _flat(PAPER.read_text(encoding="utf-8"))
    for c in _cells(path):
        assert re.search(r"[\u0600-\u06FF]", c["paper_text_ar"]), c["row"]
        for line in c["paper_text_ar"].split("\n"):
            pieces = _pieces_in(line, paper)
            # one verbatim piece, or two where a page break, a label or a footnote cut it
            assert pieces in (1, 2), (path.parent.name, c["dimension"], c["row"], line[:60])
