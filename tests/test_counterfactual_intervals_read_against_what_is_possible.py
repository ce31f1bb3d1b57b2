"""The counterfactual's numbers are read against what the series can be and against its own
sensitivity table (trial 7, L5 and L6). A short pre-period gives a count series an interval
of what it would have been that reaches below zero, and a relative effect below -100%: the
report says the interval is too wide to read beyond the possible range (the interval itself
is left as the model gives it: cut at zero it would read as measured there, and would no
longer be the model's 95% interval). When the chosen model establishes no effect but some
rows of the sensitivity table exclude none, a sentence beside the table says how many, so
that a reader does not copy the row that 'worked'.

The series are SIMULATED (Poisson noise, seeded), 10 days before the launch."""

from __future__ import annotations

from test_its_segments_count_observed_values import _analyses, _noise

from evalkit.evaluation.impact import sensitivity_notes


def _short(tmp_path, seed: int):
    return _analyses(tmp_path, {"short": _noise("2024-02-20", "2024-06-15", seed)})["short"]


def test_an_interval_below_zero_for_a_count_is_said_too_wide_to_read(tmp_path):
    a = _short(tmp_path, 3)
    cf = a.counterfactual
    assert cf is not None and not cf.effect_established
    low = cf.effects().loc["prediction", "average_low"]
    assert low < 0  # the model's interval, not cut
    [note] = [str(n) for n in a.counterfactual_notes if str(n).startswith("The series is a count")]
    assert note == (
        "The series is a count, which cannot be negative nor fall by more than 100%; yet the "
        "interval of what it would have been reaches -40.02 a period, and the relative "
        "effect's -562.2%: the model does not know the floor at zero, and these intervals are "
        "too wide to read beyond the possible range. The pre-period does not pin down what "
        "the series would have been."
    )
    assert note in a.to_dict()["counterfactual"]["notes"]


def test_a_count_whose_interval_stays_possible_gets_no_such_sentence(tmp_path):
    a = _analyses(tmp_path, {"long": _noise("2024-01-01", "2024-06-15", 3)})["long"]
    assert a.counterfactual.effects().loc["prediction", "average_low"] >= 0
    assert not any(str(n).startswith("The series is a count") for n in a.counterfactual_notes)


def test_rows_that_exclude_no_effect_are_counted_beside_an_insufficient_headline(tmp_path):
    cf = _short(tmp_path, 3).counterfactual
    table = cf.sensitivity()
    others = table.iloc[1:]
    excluding = int(((others["low"] > 0) | (others["high"] < 0)).sum())
    assert excluding == 1 and not cf.effect_established
    assert [str(s) for s in sensitivity_notes(cf, table)] == [
        "1 of the 5 other settings gives an interval that excludes no effect; the chosen "
        "model does not establish one. Read the chosen model's answer, not the row that "
        "agrees with a hope: among several settings, one can exclude no effect by chance "
        "alone."
    ]


def test_no_sentence_when_every_row_agrees_with_the_headline(tmp_path):
    cf = _short(tmp_path, 0).counterfactual
    table = cf.sensitivity()
    others = table.iloc[1:]
    assert not ((others["low"] > 0) | (others["high"] < 0)).any()
    assert sensitivity_notes(cf, table) == []


def test_a_post_period_of_dates_without_values_is_refused_by_the_counterfactual_itself():
    import numpy as np
    import pandas as pd
    import pytest

    from evalkit.i18n import localized
    from evalkit.stats import Counterfactual, SeriesError

    rng = np.random.default_rng(1)
    d = pd.DataFrame({"y": rng.normal(10, 1, 60), "x": rng.normal(0, 1, 60)})
    d.loc[40:, "y"] = np.nan  # 20 dates, not one observed
    with pytest.raises(SeriesError) as refused:
        Counterfactual(d, "y", ["x"], (0, 39), (40, 59))
    said = localized(refused.value.reason, "en")
    assert "no observed response in the post-period" in said and "20 dates, all empty" in said
