"""A workbook with a sheet of the record deleted says that the sheet is missing, at the
workbook, with what it holds — not "campaign: goals: required field is missing" and a
knock-on error per row that names one of its entries (trial 5, F13)."""

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SCAFFOLD
from evalkit.cli import main
from evalkit.i18n import FSI, PDI
from evalkit.record.workbook import folder_to_workbook


def _book(tmp_path, *deleted: str):
    book = folder_to_workbook(SCAFFOLD, tmp_path / "rec.xlsx")
    wb = load_workbook(book)
    for name in deleted:
        del wb[name]
    wb.save(book)
    return book


def _validate(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, [
        line.replace(FSI, "").replace(PDI, "") for line in result.output.splitlines()
    ]


def test_the_workbook_as_written_is_valid(tmp_path):
    assert _validate(str(_book(tmp_path)))[0] == 0


@pytest.mark.parametrize(
    "sheet, need, columns, required",
    [
        (
            "goals",
            "the record needs at least one main goal",
            "id, level, horizon, text, indicator, target, indicator_metric, deadline, decision_makers, source",
            "id, level, horizon, text, source",
        ),
        ("sources", "the record needs at least one source", None, "id, citation"),
        ("phases", "the record needs at least one phase", None, "id, name, start, end, source"),
    ],
)
def test_a_deleted_sheet_the_record_needs_is_one_error_at_the_workbook(
    tmp_path, sheet, need, columns, required
):
    book = _book(tmp_path, sheet)
    code, lines = _validate(str(book))
    assert code == 1
    assert lines[0] == f"{book}: 1 error: the record cannot be evaluated until it is fixed", lines
    said = lines[1]
    assert said.startswith(f"  {book}: the sheet '{sheet}' is missing ({need}): add it back"), said
    assert f"(required: {required});" in said
    if columns:
        assert f"the columns {columns} (required" in said
    assert said.endswith(
        "`evalkit new NAME --xlsx` writes a workbook with every sheet and its columns"
    )
    assert len(lines) == 3, lines  # the one error, and the summary
    assert not any("required field is missing" in line for line in lines)


def test_a_deleted_goals_sheet_is_said_in_arabic(tmp_path):
    book = _book(tmp_path, "goals")
    code, lines = _validate("--lang", "ar", str(book))
    assert code == 1
    assert lines[1].startswith(
        f"  {book}: الورقة 'goals' غير موجودة (يحتاج السجل هدفاً رئيسياً واحداً على الأقل): أعِدها"
    ), lines[1]


def test_a_deleted_table_sheet_is_a_warning_and_the_record_stays_valid(tmp_path):
    book = _book(tmp_path, "engagements")
    code, lines = _validate(str(book))
    assert code == 0, lines
    assert lines[1] == (
        f"  warning: {book}: the workbook has no sheet engagements, and is read as recording "
        "no engagements (its sheets: README, campaign, sources, phases, hot_events, goals, "
        "judgements, audiences, hashtags, accounts, coalitions, members, partners, opponents, "
        "activities, metrics, decisions, series, comments); if the sheet was deleted by mistake, add it "
        "back with its columns (date, decision_maker, institution, type, response, "
        "description, source)"
    ), lines


@pytest.mark.parametrize(
    "sheet, columns",
    [
        (
            "decisions",
            "date, decision_maker, institution, act, direction, campaign_answer, goal, description, source",
        ),
        ("judgements", None),
        ("hot_events", None),
        ("series", "date, metric, value, measures, exposure, source"),
    ],
)
def test_any_other_deleted_sheet_is_a_warning_too(tmp_path, sheet, columns):
    """A deleted decisions or judgements sheet changes questions 3 and 4 as much as a
    deleted activities sheet does; before, only the three tables it warned of were said."""
    book = _book(tmp_path, sheet)
    code, lines = _validate(str(book))
    assert code == 0, lines
    said = [line for line in lines if f"has no sheet {sheet}," in line]
    assert len(said) == 1, lines
    assert said[0].startswith(f"  warning: {book}: the workbook has no sheet {sheet}, and is read")
    if columns:
        assert said[0].endswith(f"add it back with its columns ({columns})"), said[0]
