"""An effect the counterfactual calls established holds under every candidate model the
pre-period cannot rule out (weight at least OPEN_WEIGHT), not only under their average: on
70 points a drifting level is often read partly as persistent noise, and the average's
interval then excludes no effect where there is none far more often than 5% (SIMULATED
series of benchmarks/counterfactual_coverage.py; figures in docs/statistics.md, "Claims
of an effect")."""

import numpy as np

from evalkit.i18n import localized
from evalkit.stats import Counterfactual
from test_stats_coverage import _coverage_benchmark


def _fitted(setup: str, seed: int, effect: float) -> Counterfactual:
    d = _coverage_benchmark().simulated(setup, seed, 70, effect)
    return Counterfactual(
        d, "y", ["x"], (d.date[0], d.date[69]), (d.date[70], d.date[99]), time="date", seed=seed
    )


def test_no_effect_on_a_drifting_series_is_established_about_as_rarely_as_the_level_promises():
    r = _coverage_benchmark().run("local-level drift", "default", series=200, effect=0.0)
    print(
        f"no effect, drift: interval excludes 0 {r['detection']:.3f}, established {r['established']:.3f}"
    )
    # the average's interval alone excludes 0 about twice as often as a 95% interval may
    assert r["detection"] > 0.08
    assert r["established"] <= 0.07


def test_an_effect_one_candidate_the_data_cannot_rule_out_does_not_find_is_not_established():
    cf = _fitted("local-level drift", 50, 0.0)  # no effect injected
    a = cf.effects().loc["absolute effect"]
    assert a["cumulative_high"] < 0  # the average's interval excludes no effect
    open_ = cf.open_without_effect
    assert open_ is not None and str(open_["model"]) == "local level"
    assert 0.05 <= open_["weight"] < 0.5
    assert open_["low"] <= 0 <= open_["high"]
    assert not cf.effect_established
    said = [localized(s, "en") for s in cf.sentences()]
    but = [s for s in said if s.startswith("But one candidate alone, local level")]
    assert len(but) == 1 and "so the effect is not established" in but[0]
    arabic = [localized(s, "ar") for s in cf.sentences()]
    assert any("فالأثر غير ثابت" in s and "لا تستبعده" in s for s in arabic)


def test_the_check_leaves_the_effects_table_and_its_draws_as_they_were():
    cf = _fitted("local-level drift", 50, 0.0)
    before, totals = cf.effects().copy(), cf.draws_of_total.copy()
    assert cf.open_without_effect is not None
    assert cf.effects().equals(before)
    assert np.array_equal(cf.draws_of_total, totals)


def test_an_effect_every_open_candidate_finds_stays_established():
    cf = _fitted("white noise", 3, 2.0)
    assert sum(c["weight"] >= 0.05 for c in cf.candidates) >= 2
    assert cf.open_without_effect is None and cf.effect_established
    assert not any("one candidate alone" in localized(s, "en") for s in cf.sentences())


def test_periods_are_said_as_dates_and_a_post_period_before_the_pre_period_is_refused():
    import pandas as pd
    import pytest

    from evalkit.stats import SeriesError

    d = _coverage_benchmark().simulated("white noise", 1)
    with pytest.raises(SeriesError) as refused:
        Counterfactual(
            d, "y", ["x"], (d.date[30], d.date[99]), (d.date[0], d.date[20]), time="date"
        )
    said = localized(refused.value.reason, "en")
    assert said == (
        "the post-period (2024-01-01 to 2024-01-21) starts before the pre-period "
        "(2024-01-31 to 2024-04-09) ends"
    )
    with pytest.raises(SeriesError) as empty:
        Counterfactual(
            d,
            "y",
            ["x"],
            (d.date[0], d.date[69]),
            (pd.Timestamp("2030-01-01"), pd.Timestamp("2030-02-01")),
            time="date",
        )
    assert "2030-01-01 to 2030-02-01" in localized(empty.value.reason, "en")
    assert "Timestamp" not in localized(empty.value.reason, "en")
    assert "2030-01-01 إلى 2030-02-01" in localized(empty.value.reason, "ar").replace(
        "\u2068", ""
    ).replace("\u2069", "")
