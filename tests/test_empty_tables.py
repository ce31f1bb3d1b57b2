"""A table with no header row — a 0-byte metrics.csv or series.csv (a failed save or export),
a file of blank lines, a workbook sheet cleared — is never read as "no counts" in silence: it
is a warning where the table is optional, an error where the record needs what it holds, or
where rows sit under a header row left blank (trial 5, F11)."""

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SCAFFOLD, validate_lines
from evalkit.cli import main
from evalkit.record.load import check_record
from evalkit.record.workbook import folder_to_workbook

EMPTY_METRICS = (
    "empty file, not even a header row: write the header row (at least date, metric, value, "
    "source) and the rows, or delete the file (a table left out is read as no rows)"
)


@pytest.mark.parametrize("content", ["", "\n", "  \r\n\n", "\ufeff"])
def test_an_empty_table_file_is_a_warning_at_its_file(record, content):
    (record / "metrics.csv").write_text(content, encoding="utf-8")
    (record / "series.csv").write_text(content, encoding="utf-8")
    code, lines = validate_lines(str(record))
    assert code == 0, lines
    assert lines[1:3] == [
        f"  warning: {record / 'metrics.csv'}: {EMPTY_METRICS}",
        f"  warning: {record / 'series.csv'}: {EMPTY_METRICS}",
    ]
    # one warning per file, not a missing column for each of its columns
    assert not any("required column is missing" in line for line in lines)
    campaign, problems = check_record(record)
    assert problems == [] and campaign.metrics.empty and campaign.series.empty
    assert [w.file for w in campaign.warnings] == ["metrics.csv", "series.csv"]
    code, lines = validate_lines("--lang", "ar", str(record))
    assert f"  تحذير: {record / 'metrics.csv'}: ملف فارغ، بلا سطر عناوين حتى: " in lines[1]


def test_a_table_with_its_header_row_alone_is_no_rows_and_no_warning(record):
    header = (record / "metrics.csv").read_text(encoding="utf-8").splitlines()[0]
    (record / "metrics.csv").write_text(header + "\n", encoding="utf-8")
    code, lines = validate_lines(str(record))
    assert code == 0 and lines[0] == f"{record}: valid", lines


def test_an_empty_table_is_still_said_beside_the_records_errors(record):
    (record / "engagements.csv").write_text("", encoding="utf-8")
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    (record / "campaign.yaml").write_text(text.replace("kind: offensive", "kind: offensivee"))
    code, lines = validate_lines(str(record))
    assert code == 1
    assert lines[0].endswith("; and 1 warning")
    assert any(f"warning: {record / 'engagements.csv'}: empty file" in line for line in lines)


def test_the_report_of_a_record_with_an_empty_table_carries_its_warning(record, tmp_path):
    (record / "metrics.csv").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(record), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    page = (out / "my-campaign" / "evaluation.html").read_text(encoding="utf-8")
    assert "empty file, not even a header row" in page


# --- a workbook's sheets ----------------------------------------------------------------------
def _book(tmp_path, cleared=(), blank_header=()):
    """A valid workbook (the filled-in template's record) with sheets cleared, or their
    header row blanked with their rows kept."""
    book = folder_to_workbook(SCAFFOLD, tmp_path / "rec.xlsx")
    wb = load_workbook(book)
    for name in cleared:
        wb[name].delete_rows(1, wb[name].max_row)
    for name in blank_header:
        for cell in wb[name][1]:
            cell.value = None
    wb.save(book)
    return book


def test_a_cleared_table_sheet_or_optional_entry_sheet_is_a_warning_at_its_a1(tmp_path):
    book = _book(tmp_path, cleared=("metrics", "hashtags"))
    code, lines = validate_lines(str(book))
    assert code == 0, lines
    assert lines == [
        f"{book}: valid, with 2 warnings: the record can be evaluated; check each one",
        "  warning: hashtags!A1: empty sheet, not even a header row: write the header row (at "
        "least text, language, source) and the entries; left empty, the sheet is read as not "
        "recorded",
        "  warning: metrics!A1: empty sheet, not even a header row: write the header row (at "
        "least date, metric, value, source) and the rows, or the header row alone for a table "
        "with no rows (a sheet left empty is read as no rows)",
        "1 of 1 record(s) valid; 1 with warnings",
    ]


def test_a_cleared_sheet_the_record_needs_is_one_error_not_its_knock_ons(tmp_path):
    # the template's goals sheet and its judgements, which name goals by id
    book = _book(tmp_path, cleared=("goals",))
    code, lines = validate_lines(str(book))
    assert code == 1
    assert lines[:2] == [
        f"{book}: 1 error: the record cannot be evaluated until it is fixed",
        "  goals!A1: empty sheet, not even a header row: the record needs at least one entry "
        "here; write the header row (at least id, level, horizon, text, source) and the "
        "entries (`evalkit new NAME --xlsx` writes every sheet's header)",
    ]
    assert not any("goals: required field is missing" in line for line in lines)
    assert not any("is not the id of an entry on the goals sheet" in line for line in lines)


def test_rows_under_a_blank_header_row_are_an_error_even_on_an_optional_sheet(tmp_path):
    book = _book(tmp_path, blank_header=("activities",))
    code, lines = validate_lines(str(book))
    assert code == 1
    assert lines[1] == (
        "  activities!A1: the header row (row 1) is empty, so the rows below it cannot be "
        "read: write the column names in row 1 (at least id, date, description, kind, "
        "channel, scope, source)"
    )
    assert len(lines) == 3, lines  # the one error, and the summary
