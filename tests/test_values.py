from datetime import date

import math
import pytest

from evalkit.record.values import DateSpan, Quantity


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("2016-10-22", date(2016, 10, 22), date(2016, 10, 22)),
        ("2016-04", date(2016, 4, 1), date(2016, 4, 30)),
        ("late 2016-04", date(2016, 4, 21), date(2016, 4, 30)),
        ("mid 2014", date(2014, 5, 1), date(2014, 8, 31)),
        ("2016-09..2016-12", date(2016, 9, 1), date(2016, 12, 31)),
        ("late 2016-05..2016-06", date(2016, 5, 21), date(2016, 6, 30)),
    ],
)
def test_vague_dates_become_the_interval_of_days_they_allow(text, start, end):
    span = DateSpan.parse(text)
    assert (span.start, span.end, span.text) == (start, end, text)


@pytest.mark.parametrize(
    "bad", ["April 2016", "2016-13", "2016-02-30", "late 2016-04-03", "2016-12..2016-01", ""]
)
def test_unreadable_or_impossible_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        DateSpan.parse(bad)


@pytest.mark.parametrize(
    "text,value,qualifier,lower,upper",
    [
        ("more than 60", 60, "more_than", 60, math.inf),
        ("about 806", 806, "about", 806, 806),
        ("at most 30", 30, "at_most", 0, 30),
        ("at least 10", 10, "at_least", 10, math.inf),
        ("over 1 million", 1e6, "more_than", 1e6, math.inf),
        ("1,800", 1800, "exactly", 1800, 1800),
    ],
)
def test_qualified_counts_keep_their_qualifier_as_bounds(text, value, qualifier, lower, upper):
    q = Quantity.parse(text)
    assert (q.value, q.qualifier, q.lower, q.upper) == (value, qualifier, lower, upper)


def test_more_than_is_a_lower_bound_never_exact():
    q = Quantity.parse("more than 60")
    assert q.bound == "lower" and not q.is_exact and str(q) == "more than 60"


@pytest.mark.parametrize("bad", ["-5", -5, "lots", True, float("nan")])
def test_negative_or_non_numeric_counts_are_rejected(bad):
    with pytest.raises(ValueError):
        Quantity.parse(bad)


@pytest.mark.parametrize("bad", ["1.2", 1.2, "about 3.5", "1.2345 thousand", "2.5..4"])
def test_a_count_with_a_fraction_is_refused_with_the_spreadsheet_hint(bad):
    with pytest.raises(ValueError, match="a count is a whole number.*1.200"):
        Quantity.parse(bad)


@pytest.mark.parametrize("text,value", [("1.5 million", 1_500_000), ("2.5 thousand", 2500)])
def test_a_decimal_point_before_a_scale_word_is_a_whole_count(text, value):
    assert Quantity.parse(text).value == value
