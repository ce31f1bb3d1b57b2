"""Dates written the way a spreadsheet or its user writes them (03/15/2020, 15.03.2020,
"March 15, 2020", Excel's day number, a time after the day): each is an error at its file,
line and field that quotes what was given, says what is expected and, when the meaning is
unambiguous, gives the ISO form; a day/month order that reads two ways gives both readings,
never one. A workbook's real Excel dates are read as the days they hold."""

import datetime as dt

import pytest
from click.testing import CliRunner

import evalkit
from conftest import SCAFFOLD, edit
from evalkit.cli import main

EXPECTED = "expected YYYY-MM-DD, YYYY-MM or YYYY"


def problems_of(record):
    campaign, problems = evalkit.check_record(record)
    assert campaign is None
    return [str(p) for p in problems]


def _activity_dates(record, dates):
    """activities.csv with the scaffold's one row repeated, once per date (lines 2, 3, …)."""
    path = record / "activities.csv"
    header, row = path.read_text(encoding="utf-8").splitlines()[:2]
    rest = row.split(",", 2)[2]
    rows = [f'a{i},"{d}",{rest}' for i, d in enumerate(dates)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


CSV_CASES = [
    ("03/15/2024", "Hint: write 2024-03-15 (15 March 2024, read as month/day/year"),
    ("15/03/2024", "Hint: write 2024-03-15 (15 March 2024, read as day/month/year"),
    ("15.03.2024", "Hint: write 2024-03-15 (15 March 2024, read as day/month/year"),
    ("March 15, 2024", "Hint: write 2024-03-15 (15 March 2024)"),
    ("15-Mar-2024", "Hint: write 2024-03-15 (15 March 2024)"),
    ("45366", "45366 looks like a spreadsheet's day number, which is 2024-03-15"),
    ("2024-03-15 00:00:00", "Hint: a date is a day without a time: write 2024-03-15"),
    ("2024-02-10T09:30:00", "Hint: a date is a day without a time: write 2024-02-10"),
    ("2024/03/15", "Hint: write 2024-03-15"),
    ("03/2024", "Hint: write 2024-03 (the month March 2024)"),
    ("2024.02", "Hint: write 2024-02 (the month February 2024)"),
    (
        "2024-01-10 - 2024-03-01",
        "Hint: write a window with two dots between its ends, '2024-01-10..2024-03-01'",
    ),
]


def test_spreadsheet_dates_in_a_csv_say_where_what_and_the_iso_form(record):
    _activity_dates(record, [d for d, _ in CSV_CASES])
    problems = problems_of(record)
    assert len(problems) == len(CSV_CASES), problems
    for line, ((given, hint), problem) in enumerate(zip(CSV_CASES, problems), start=2):
        assert problem.startswith(f"{record / 'activities.csv'}:{line}: date: {given!r} "), problem
        assert EXPECTED in problem and hint in problem, problem


def test_a_day_and_month_that_read_two_ways_give_both_readings_never_one(record):
    _activity_dates(record, ["02/03/2024", "02.03.2024"])
    for problem in problems_of(record):
        assert (
            "it can be read two ways: 2024-03-02 (2 March 2024, read as day/month/year) or "
            "2024-02-03 (3 February 2024, read as month/day/year)" in problem
        ), problem
        assert "Hint: write" not in problem


def test_spreadsheet_dates_in_campaign_yaml_say_where_what_and_the_iso_form(record):
    yaml = record / "campaign.yaml"
    edit(yaml, "start: 2024-01-10", "start: 2024-01-10 00:00:00")
    edit(yaml, "date: 2024-01-05", "date: 01/05/2024")
    edit(yaml, "foreseeable_from: 2023-12", "foreseeable_from: 45200")
    edit(yaml, "deadline: 2024-02", "deadline: 15.02.2024")
    edit(yaml, "as_of: 2024-03", "as_of: March 15, 2024")
    problems = problems_of(record)
    said = {p.split(": ", 2)[1]: p for p in problems}
    assert "a date is a day without a time: write 2024-01-10" in said["phases[0].start"]
    assert "2024-01-05 (5 January 2024, read as month/day/year)" in said["hot_events[0].date"]
    assert "2024-05-01 (1 May 2024, read as day/month/year)" in said["hot_events[0].date"]
    assert (
        "45200 is not a date; expected YYYY-MM-DD" in said["hot_events[0].foreseeable_from"]
        and "day number, which is 2023-10-01" in said["hot_events[0].foreseeable_from"]
    )
    assert "write 2024-02-15 (15 February 2024" in said["goals[0].deadline"]
    assert "write 2024-03-15 (15 March 2024)" in said["goals[0].judgements[0].as_of"]
    assert all(EXPECTED in p for p in problems), problems


def test_a_series_date_in_a_spreadsheet_form_gets_the_iso_hint(record):
    (record / "series.csv").write_text(
        "date,metric,value,source\n"
        + "".join(f"2024-01-{d:02d},followers,{d},interview-1\n" for d in range(1, 4))
        + "01/04/2024,followers,4,interview-1\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(record)
    assert problem.startswith(f"{record / 'series.csv'}:5: date: '01/04/2024' is not a day")
    assert "it can be read two ways: 2024-04-01" in problem and "or 2024-01-04" in problem


def test_real_excel_dates_in_a_workbook_just_work_with_or_without_a_time(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from evalkit.record.workbook import folder_to_workbook, workbook_to_folder

    book = folder_to_workbook(SCAFFOLD, tmp_path / "rec.xlsx")
    wb = openpyxl.load_workbook(book)

    def put(sheet, ref, value, fmt):
        wb[sheet][ref].value, wb[sheet][ref].number_format = value, fmt

    put("phases", "C2", dt.datetime(2024, 1, 10), "dd/mm/yyyy")
    put("hot_events", "D2", dt.datetime(2024, 1, 5), "m/d/yyyy h:mm")
    put("judgements", "C2", dt.datetime(2024, 3, 20, 14, 30), "yyyy-mm-dd hh:mm")
    put("engagements", "A2", dt.date(2024, 2, 15), "d.m.yyyy")
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    workbook_to_folder(book, tmp_path / "folder")
    yaml_text = (tmp_path / "folder" / "campaign.yaml").read_text(encoding="utf-8")
    assert "as_of: '2024-03-20'" in yaml_text and "start: '2024-01-10'" in yaml_text
    engagements = (tmp_path / "folder" / "engagements.csv").read_text(encoding="utf-8")
    assert engagements.splitlines()[1].startswith("2024-02-15,")


def test_a_workbook_date_typed_as_text_in_a_spreadsheet_form_gets_the_hint(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from evalkit.record.workbook import folder_to_workbook

    book = folder_to_workbook(SCAFFOLD, tmp_path / "rec.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["engagements"]["A2"].value = "15/02/2024"
    wb["activities"]["B2"].value = 45300  # a day number: the cell lost its date format
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    assert (
        "engagements!A2: date: '15/02/2024' is not a date; expected YYYY-MM-DD" in result.output
        and "Hint: write 2024-02-15 (15 February 2024, read as day/month/year" in result.output
    ), result.output
    assert "activities!B2: date: '45300' is not a date" in result.output
    assert "day number, which is 2024-01-09" in result.output
