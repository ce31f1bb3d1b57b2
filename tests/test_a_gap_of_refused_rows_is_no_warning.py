"""Rows of series.csv refused as errors leave no knock-on gap warning (trial 7, L7b): after
line 8 (a date with a time) and line 9 (a row of too few cells) were errors, a warning
followed, "'…' jumps from 2024-01-06 to 2024-01-09 …: 2 days without a row", a gap made by
the two refused rows themselves. The cause is said, once; a gap wider than the rows refused
in it is still a gap, and said."""

from __future__ import annotations

from conftest import validate_lines

HEADER = "date,metric,value,measures,source\n"


def _series(record, days: list[str]) -> None:
    (record / "series.csv").write_text(HEADER + "".join(days), encoding="utf-8")


def _day(d: int, metric: str = "complaints") -> str:
    return f"2024-01-{d:02d},{metric},{40 + d},outcome,interview-1\n"


def test_rows_refused_as_errors_make_no_gap_warning(record):
    days = [_day(d) for d in range(1, 21)]
    days[6] = "2024-01-07 00:00:00,complaints,47,outcome,interview-1\n"  # line 8
    days[7] = "2024-01-08,complaints,44\n"  # line 9: three cells
    _series(record, days)
    code, lines = validate_lines(str(record))
    said = "\n".join(lines)
    assert code == 1
    assert "series.csv:8: date: '2024-01-07 00:00:00' is not a day" in said
    assert "series.csv:9: expected 5 cells as in the header, found 3" in said
    assert "jumps from" not in said and "without a row" not in said, said


def test_a_gap_wider_than_its_refused_rows_is_still_said(record):
    days = [_day(d) for d in range(1, 21) if d not in (9, 10, 11)]  # 3 days without a row,
    days.insert(8, "2024-01-09 00:00:00,complaints,47,outcome,interview-1\n")  # one refused
    _series(record, days)
    _, lines = validate_lines(str(record))
    said = "\n".join(lines)
    assert "'complaints' jumps from 2024-01-08 to 2024-01-12" in said, said


def test_a_refused_row_of_another_series_leaves_this_one_s_gap_said(record):
    days = [_day(d) for d in range(1, 21) if d != 9]  # a real gap in 'complaints'
    days.insert(7, "2024-01-09 10:00,visits,5,reach,interview-1\n")  # line 9, refused
    _series(record, days)
    _, lines = validate_lines(str(record))
    said = "\n".join(lines)
    assert "series.csv:9: date: '2024-01-09 10:00'" in said
    assert "'complaints' jumps from 2024-01-08 to 2024-01-10" in said, said
