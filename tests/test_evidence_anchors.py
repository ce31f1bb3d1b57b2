"""Every evidence citation in a report links to the exact entry or row it names on the record
page (record.html): campaign.yaml's list entries by id (`goals[main-goal]`) or by their place
in the list (`media_tools.accounts[1]`), table rows (`activities.csv:10`), and a workbook's
cells (`accounts!A3`, `activities!A6`); and an entry's place is counted from 0 in evidence
as in error messages, so both name an entry the same way (trial 5, F2)."""

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from ruamel.yaml import YAML

from conftest import CASE_IDS, CASE_STUDIES, edit
from evalkit.cli import main
from evalkit.render.page import EvidenceLinks

LINK = re.compile(r'<a class="evidence" href="record.html#([^"]+)">([^<]+)</a>')
# a campaign.yaml entry as evidence names it: its list's path and an id or a place
ENTRY = re.compile(r"((?:\w+\.)*\w+)\[([\w.-]+)\]")
BIDI = re.compile("[\u200e\u200f\u2066-\u2069]")


def _entry(data, path: str, key: str):
    """The entry `path[key]` of campaign.yaml (ruamel round-trip data) and its 1-based line,
    found by walking the file's own structure: its list's path, then the id or the place."""
    node = data
    for part in path.split("."):
        node = node[part]
    if key.isdigit():
        i = int(key)
    else:
        [i] = [n for n, item in enumerate(node) if item.get("id") == key]
    return node[i], node.lc.item(i)[0] + 1


def _walk(folder: Path, record_yaml: Path, workbook: Path | None = None) -> dict[str, int]:
    """Check every evidence link of `folder`'s evaluation.html against its record.html and
    the record's campaign.yaml (`workbook`: the workbook the record was read from, whose
    cells the evidence names); return how many links of each kind were checked."""
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    record = (folder / "record.html").read_text(encoding="utf-8")
    data = YAML(typ="rt").load(record_yaml.read_text(encoding="utf-8"))
    sheets = load_workbook(workbook, read_only=True) if workbook else None
    kinds: dict[str, int] = {}
    last_file = None
    for anchor, text in LINK.findall(page):
        text = BIDI.sub("", html.unescape(text))
        assert f'id="{anchor}"' in record, (anchor, text)
        file, _, line = anchor.partition(":")
        if file == "campaign.yaml" and not line:
            # the file named alone (a record's own words: 'see campaign.yaml'), never an
            # entry linked to the top of the file
            assert text in ("campaign.yaml", "campaign"), f"{text} links to the top of the file"
            kinds["campaign.yaml"] = kinds.get("campaign.yaml", 0) + 1
            continue
        if file == "campaign.yaml":
            if sheets is None:
                m = ENTRY.fullmatch(text.removeprefix("campaign.yaml "))
                assert m, text
                path, key = m.groups()
            else:  # 'accounts!A3': the sheet's row, read from the workbook itself
                sheet, row = re.fullmatch(r"(\w+)!A(\d+)", text).groups()
                cells = [c.value for c in next(sheets[sheet].iter_rows(min_row=1, max_row=1))]
                values = [c.value for c in next(sheets[sheet].iter_rows(min_row=int(row)))]
                said = dict(zip(cells, values))
                path = "media_tools." + sheet if sheet in ("hashtags", "accounts") else sheet
                # an entry without an id is the sheet's row below the header, in order
                key = said["id"] if "id" in said else str(int(row) - 2)
            entry, expected = _entry(data, path, key)
            if sheets is not None:  # the entry linked to is the one on the sheet's row
                for column in ("id", "name", "text"):
                    if column in said:
                        assert str(entry[column]) == str(said[column]), (text, column)
            assert int(line) == expected, (text, anchor, expected)
            kind = path.split(".")[-1]
        else:
            # a table's row: the link says the row it goes to (':12' after a first row)
            if sheets is None:
                if text.startswith(":"):
                    assert last_file == file and text == f":{line}", (anchor, text)
                else:
                    assert text == anchor, (anchor, text)
            else:
                assert text == f"{file.removesuffix('.csv')}!A{line}", (anchor, text)
            assert re.search(rf'<tr id="{re.escape(anchor)}"><td class="line">{line}</td>', record)
            kind = file
        last_file = file
        kinds[kind] = kinds.get(kind, 0) + 1
    # and no citation of an entry or a row is left as plain text beside the links
    body = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)  # the page's text
    plain = BIDI.sub("", html.unescape(re.sub(r"<a [^>]*>.*?</a>", "", body)))
    assert not re.search(r"campaign\.yaml (?:\w+\.)*\w+\[", plain)
    assert not re.search(r"\b\w+\.csv:\d+", plain)
    return kinds


@pytest.mark.parametrize("case", CASE_IDS)
def test_every_evidence_link_of_a_bundled_report_lands_on_the_entry_it_cites(case_reports, case):
    kinds = _walk(case_reports / case, CASE_STUDIES / case / "campaign.yaml")
    assert kinds.get("goals") and kinds.get("activities.csv")
    if case in ("caesar", "idlib-under-fire"):
        assert kinds.get("accounts")  # the continuity criterion cites them by their place


@pytest.mark.slow
def test_a_workbooks_evidence_names_its_cells_and_links_to_the_entry_of_each(tmp_path):
    book = tmp_path / "caesar.xlsx"
    result = CliRunner().invoke(main, ["convert", str(CASE_STUDIES / "caesar"), str(book)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(book), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    folder = out / "caesar"
    kinds = _walk(folder, folder / "record" / "campaign.yaml", workbook=book)
    # the four accounts, each at its own row of the accounts sheet and its own entry
    assert kinds.get("accounts") == 4 and kinds.get("goals")
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert [t for _, t in LINK.findall(page) if t.startswith("accounts!")] == [
        f"accounts!A{row}" for row in range(2, 6)
    ]


@pytest.mark.slow
def test_an_arabic_report_links_its_evidence_to_the_entries_too(tmp_path):
    out = tmp_path / "out"
    record = CASE_STUDIES / "idlib-under-fire"
    result = CliRunner().invoke(
        main, ["run", str(record), "--out", str(out), "--no-progress", "--lang", "ar"]
    )
    assert result.exit_code == 0, result.output
    kinds = _walk(out / "idlib-under-fire", record / "campaign.yaml")
    assert kinds.get("accounts") and kinds.get("goals") and kinds.get("audiences")


def test_an_error_and_the_evidence_count_an_entrys_place_the_same_way(tmp_path, case_reports):
    # the evidence of Idlib's continuity criterion: its silent account, the second listed
    page = (case_reports / "idlib-under-fire" / "evaluation.html").read_text(encoding="utf-8")
    cited = {t: a for a, t in LINK.findall(page) if "accounts[" in t}
    assert list(cited) == ["campaign.yaml media_tools.accounts[1]"]
    # the same account's date broken: the error names it with the same number, on the line
    # the evidence links to
    record = tmp_path / "idlib"
    shutil.copytree(CASE_STUDIES / "idlib-under-fire", record)
    edit(record / "campaign.yaml", "active_to: late 2014", "active_to: late 2O14")
    result = CliRunner().invoke(main, ["validate", str(record)])
    assert result.exit_code == 1
    [error] = [line.strip() for line in result.output.splitlines() if "active_to" in line]
    line = cited["campaign.yaml media_tools.accounts[1]"].partition(":")[2]
    assert error.startswith(
        f"{record / 'campaign.yaml'}:{line}: media_tools.accounts[1].active_to: "
    ), error


def test_an_entry_cited_by_id_is_found_in_its_own_list_not_another_with_that_id():
    # a phase and a goal may share an id: goals[launch] is the goal, phases[launch] the phase
    yaml_text = (
        "id: x\n"
        "phases:\n"
        "  - id: launch\n"
        "    name: The launch\n"
        "goals:\n"
        "  - id: other\n"
        "    text: y\n"
        "  - text: z\n"
        "    id: launch\n"
        "media_tools:\n"
        "  hashtags:\n"
        "    - text: '#a'\n"
        "    - {text: '#b'}\n"
    )
    links = EvidenceLinks(yaml_text)
    out = str(
        links(
            "campaign.yaml goals[launch]; campaign.yaml phases[launch]; "
            "campaign.yaml goals[1]; campaign.yaml media_tools.hashtags[1]"
        )
    )
    assert 'href="record.html#campaign.yaml:8">campaign.yaml goals[launch]</a>' in out
    assert 'href="record.html#campaign.yaml:3">campaign.yaml phases[launch]</a>' in out
    # the same goal by its place from 0, and the second hashtag, written in flow style
    assert 'href="record.html#campaign.yaml:8">campaign.yaml goals[1]</a>' in out
    assert 'href="record.html#campaign.yaml:13">campaign.yaml media_tools.hashtags[1]</a>' in out
