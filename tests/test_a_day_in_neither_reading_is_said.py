"""A date that is a real day in neither reading says so (trial 7, L7a): `02/05/2024` is told
both readings, but `31/02/2024` only "is not a date; expected YYYY-MM-DD …", as if it were
no date-like text at all. Now the hint says why each reading is none: 31 February does
not exist, and there is no month 31."""

from __future__ import annotations

from conftest import edit, validate_lines

from evalkit.record.values import date_hint


def test_an_activity_dated_31_02_2024_is_told_why_neither_reading_is_a_day(record):
    edit(record / "activities.csv", "stands,2024-01..2024-02,", "stands,31/02/2024,")
    code, lines = validate_lines(str(record))
    line = next(line for line in lines if "'31/02/2024' is not a date" in line)
    assert code == 1
    assert line.endswith(
        "Hint: it is a real day in neither reading: read as day/month/year, there is no 31 "
        "February 2024; read as month/day/year, there is no month 31; check the date and "
        "write it as YYYY-MM-DD"
    ), line
    _, arabic = validate_lines(str(record), "--lang", "ar")
    said = next(line for line in arabic if "'31/02/2024'" in line)
    assert (
        "تلميح: لا يُقرأ يوماً حقيقياً على أيّ من الوجهين: بقراءته يوم/شهر/سنة، لا وجود ليوم 31 "
        "شباط/فبراير 2024؛ وبقراءته شهر/يوم/سنة، لا يوجد شهر رقمه 31؛"
    ) in said, said


def test_each_reading_says_what_is_wrong_with_it():
    assert str(date_hint("13/13/2024")) == (
        "it is no real day: there is no month 13; check the date and write it as YYYY-MM-DD"
    )
    assert "there is no 31 April 2024" in str(date_hint("31.04.2024"))
    # a reading that is a day is still given as the only one, and a pair read both ways both
    assert "the only reading" in str(date_hint("31/01/2024"))
    assert "it can be read two ways" in str(date_hint("02/05/2024"))
    # a year out of range is said by its own message, not as two readings
    assert str(date_hint("31/02/1500")) == ""
