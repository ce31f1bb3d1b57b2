"""The comparison's trend of international stands per week is tested only on counts over
windows the records write as windows: a count dated by one date ("2019-01") may have been
made on one day of it, and its weeks are then only the uncertainty of its date, no exposure
(the class of trial 6, H2)."""

from __future__ import annotations

import pandas as pd

from evalkit.comparison import tables
from evalkit.i18n import localized


def _three(windows):
    return pd.DataFrame(
        {
            "campaign": ["A", "B", "C"],
            "id": ["a", "b", "c"],
            "window": windows,
            "start": [1, 2, 3],
            "weeks": [4.0, 4.0, 4.4],
            "count": [40, 23, 9],
            "bound": ["exact", "exact", "exact"],
            "per week": ["", "", ""],
            "rate_low": [10, 5.8, 2],
            "rate_high": [10, 5.8, 2],
        }
    )


def test_a_stand_count_dated_by_one_date_withholds_the_trend(monkeypatch):
    three = _three(["2016-01-01..2016-01-28", "2018-01-01..2018-01-28", "2019-01"])
    monkeypatch.setattr(tables, "international_stand_rates", lambda results: three)
    withheld = localized(tables.stand_trend_withheld([]))
    assert withheld.startswith(
        "1 of the 3 international stand counts is dated by one date (such as '2016-12'), "
        "not a window"
    ), withheld
    assert tables.stand_rate_trend([]) is None


def test_stand_counts_over_written_windows_are_tested(monkeypatch):
    three = _three(["2016-01-01..2016-01-28", "2018-01-01..2018-01-28", "2019-01-01..2019-01-31"])
    monkeypatch.setattr(tables, "international_stand_rates", lambda results: three)
    assert tables.stand_trend_withheld([]) is None
    assert tables.stand_rate_trend([]) is not None
