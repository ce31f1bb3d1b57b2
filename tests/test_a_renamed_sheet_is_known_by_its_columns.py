"""A record sheet renamed in any language is said once, as renamed (trial 7, L7c): a `goals`
sheet renamed «الأهداف» got two errors — "the sheet 'goals' is missing …" and "sheet
'الأهداف' is not a record sheet … (missing here: goals)" — and a third knock-on ("campaign:
goals: required field is missing"), while a renamed `activities` ('Activities1') got the one
joined sentence "was it renamed? Name it 'activities' again": the rename was recognised only
by the name's Latin letters. A renamed sheet keeps its header row, and its columns now say
which record sheet it was."""

from __future__ import annotations

import pytest
from conftest import CASE_STUDIES, validate_lines

openpyxl = pytest.importorskip("openpyxl")

from evalkit.record.workbook import folder_to_workbook  # noqa: E402


def _renamed(tmp_path, renames: dict[str, str]):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    for old, new in renames.items():
        wb[old].title = new
    wb.save(book)
    return book


@pytest.mark.parametrize("name", ["الأهداف", "Ziele", "Sheet3"])
def test_a_renamed_goals_sheet_gets_one_message(tmp_path, name):
    book = _renamed(tmp_path, {"goals": name})
    code, lines = validate_lines(str(book))
    assert code == 1
    renamed = (
        f"{name}: sheet '{name}' is not a record sheet, and is not read; the sheet 'goals' is "
        "missing: was it renamed? Name it 'goals' again"
    )
    assert renamed in [line.strip() for line in lines], lines
    said = "\n".join(lines)
    # no second message for the same sheet, and no knock-on of the missing goals
    assert "the sheet 'goals' is missing (" not in said
    assert "missing here: goals" not in said
    assert "goals: required field is missing" not in said
    assert "judgements sheet's rows name its entries" not in said
    assert lines[0].endswith("1 error: the record cannot be evaluated until it is fixed"), lines


def test_two_renamed_sheets_each_get_their_own_name_back_in_arabic(tmp_path):
    book = _renamed(tmp_path, {"goals": "الأهداف", "activities": "الأنشطة"})
    code, lines = validate_lines(str(book), "--lang", "ar")
    lines = [line.strip() for line in lines]
    for sheet, was in (("الأهداف", "goals"), ("الأنشطة", "activities")):
        assert (
            f"{sheet}: الورقة '{sheet}' ليست من أوراق السجل ولا تُقرأ؛ والورقة '{was}' ناقصة: هل "
            f"غُيّر اسمها؟ أعد تسميتها '{was}'"
        ) in lines, lines
    assert code == 1 and len(lines) == 4, lines  # the summary, two sheets, the count


def test_an_empty_sheet_of_notes_is_still_no_rename(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    del wb["goals"]
    wb.create_sheet("ملاحظات")  # a sheet of notes, with no header row
    wb.save(book)
    _, lines = validate_lines(str(book))
    said = "\n".join(lines)
    assert "renamed" not in said and "the sheet 'goals' is missing (" in said
