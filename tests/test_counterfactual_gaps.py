"""A series with gaps (dates without a row) still gets its counterfactual in an evaluation: the
dates of the gaps are added as rows not observed, as the record's warning tells the evaluator
to write them, and the report says so. A series that changes step (weekly totals after daily
values) or needs a control's value the record lacks is said instead, never modelled as if
regular."""

from datetime import date, timedelta

import numpy as np

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.i18n import localized, plain
from evalkit.record.series import read_steps
from test_series_gaps import _daily, _record

LAUNCH = date(2024, 3, 10)


def _days(stretch: bool = False) -> list[date]:
    """100 days from 2024-01-01 without 2024-02-01..04 (pre-period) and 2024-03-20 (post)."""
    days = [date(2024, 1, 1) + timedelta(d) for d in range(100)]
    days = [d for d in days if not date(2024, 2, 1) <= d <= date(2024, 2, 4)]
    days = [d for d in days if d != date(2024, 3, 20)]
    if stretch:  # then weekly rows: a week's total is not a day's value
        days = days[:80] + [days[79] + timedelta(7 * k) for k in range(1, 5)]
    return days


def _values(days, effect=30.0, seed=1):
    rng = np.random.default_rng(seed)
    return [round(100 + rng.normal(0, 5) + (effect if d >= LAUNCH else 0)) for d in days]


def _series(tmp_path, rows, header="date,metric,value,source"):
    campaign, problems = evalkit.check_record(
        _record(tmp_path, rows, launch=str(LAUNCH), header=header)
    )
    assert not [p for p in problems if not p.warning]
    [a] = Evaluation(campaign).series
    return a


def test_the_dates_of_the_gaps_are_read_as_not_observed_and_the_effect_found(tmp_path):
    days = _days()
    a = _series(tmp_path, _daily(days, _values(days)))
    assert not a.counterfactual_problem
    cf = a.counterfactual
    # the model saw every date: 4 pre-period and 1 post-period date not observed
    assert len(cf.observed) == (date(2024, 4, 9) - LAUNCH).days + 1
    assert int(cf.observed.isna().sum()) == 1
    lo, hi = cf.summary().loc["absolute effect", ["average_low", "average_high"]]
    assert 20 < lo < 30 < hi < 40  # the +30 a day, not a gap read as the next day
    notes = [localized(n) for n in a.counterfactual_notes]
    assert (
        "5 dates have no row in the series (e.g. 2024-02-01, 2024-02-02, 2024-02-03): "
        "read as not observed."
    ) in notes
    words = " ".join(localized(s) for s in cf.sentences())
    assert "4 responses in the pre-period are missing" in words
    assert "1 post-period response is missing; effects use the observed points only." in words


def test_a_series_that_changes_step_is_said_not_modelled(tmp_path):
    days = _days(stretch=True)
    a = _series(tmp_path, _daily(days, _values(days)))
    assert a.counterfactual is None
    assert localized(a.counterfactual_problem) == (
        "the series does not keep one step (its rows change step, or some dates are off its "
        "step: the warnings at its rows say where); the counterfactual needs a series at one "
        "step (here 1 day)"
    )
    arabic = plain(localized(a.counterfactual_problem, "ar"))
    assert "يحتاج التقدير المضاد للواقع إلى سلسلة بخطوة واحدة (هنا يوم واحد)" in arabic


def test_gaps_with_a_control_ask_for_the_controls_values_on_those_dates(tmp_path):
    days = _days()
    rows = [r + f",{100 + i % 7}" for i, r in enumerate(_daily(days, _values(days)))]
    a = _series(tmp_path, rows, header="date,metric,value,source,control_other")
    assert a.counterfactual is None
    said = localized(a.counterfactual_problem)
    assert said.startswith("5 dates have no row (e.g. 2024-02-01, 2024-02-02, 2024-02-03)")
    assert "add the rows with the controls' values" in said
    assert plain(localized(a.counterfactual_problem, "ar")).startswith("5 تواريخ بلا صفوف")


def test_a_regular_series_is_passed_as_it_is(tmp_path):
    days = [date(2024, 1, 1) + timedelta(d) for d in range(100)]
    a = _series(tmp_path, _daily(days, _values(days)))
    assert a.counterfactual is not None and a.counterfactual_notes == []
    assert "missing" not in " ".join(localized(s) for s in a.counterfactual.sentences())


def test_the_missing_dates_follow_the_series_own_step():
    weekly = [date(2024, 1, 1) + timedelta(7 * k) for k in (0, 1, 2, 5, 6)]
    assert read_steps(weekly).missing_dates() == [date(2024, 1, 22), date(2024, 1, 29)]
    ends = [date(2023, 1, 31), date(2023, 2, 28), date(2023, 5, 31), date(2023, 6, 30)]
    assert read_steps(ends).missing_dates() == [date(2023, 3, 31), date(2023, 4, 30)]
    fifteenth = [date(2023, m, 15) for m in (1, 2, 3, 6, 7)]
    assert read_steps(fifteenth).missing_dates() == [date(2023, 4, 15), date(2023, 5, 15)]
