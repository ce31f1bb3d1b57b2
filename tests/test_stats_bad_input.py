"""Bad series give a clear error or an explicit warning in the summary, never a silent
number."""

import re

import numpy as np
import pandas as pd
import pytest

from evalkit.stats import (
    Counterfactual,
    InterruptedTimeSeries,
    Proportion,
    RateTrend,
    SeriesError,
    cohen,
)


def daily(n=60, start="2020-01-01", seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "date": pd.date_range(start, periods=n, freq="D"),
            "y": rng.poisson(20, n),
            "x": rng.normal(50, 1, n),
        }
    )


def test_duplicate_dates_are_an_error():
    d = daily()
    d.loc[5, "date"] = d.loc[4, "date"]
    with pytest.raises(SeriesError, match="duplicate time points: 2020-01-05"):
        InterruptedTimeSeries(d, "y", {"x": pd.Timestamp("2020-02-01")}, time="date")


def test_unsorted_dates_are_sorted_with_a_warning_in_the_summary():
    d = daily().sample(frac=1, random_state=1)
    its = InterruptedTimeSeries(d, "y", {"launch": pd.Timestamp("2020-02-01")}, time="date")
    assert "The rows were not in time order; they were sorted by time." in its.sentences()


def test_gaps_warn_in_its_and_are_an_error_for_the_counterfactual():
    d = daily().drop(index=[10, 11])
    its = InterruptedTimeSeries(d, "y", {"launch": pd.Timestamp("2020-02-01")}, time="date")
    assert any("2 time points are missing" in s for s in its.sentences())
    with pytest.raises(SeriesError, match="2 time points are missing"):
        Counterfactual(
            d, "y", ["x"], ("2020-01-01", "2020-02-10"), ("2020-02-11", "2020-02-29"), time="date"
        )
    # monthly data (months of unequal length) with a month left out: still a gap
    m = daily(40).assign(date=pd.date_range("2020-01-01", periods=40, freq="MS")).drop(index=[7])
    with pytest.raises(SeriesError, match=r"1 time point is missing \(e.g. 2020-08-01\)"):
        Counterfactual(
            m, "y", ["x"], ("2020-01-01", "2022-06-01"), ("2022-07-01", "2023-04-01"), time="date"
        )
    # complete, it is a regular series
    whole = daily(40).assign(date=pd.date_range("2020-01-01", periods=40, freq="MS"))
    Counterfactual(
        whole, "y", ["x"], ("2020-01-01", "2022-06-01"), ("2022-07-01", "2023-04-01"), time="date"
    )


@pytest.mark.parametrize("engine", ["local level", "statespace"])
def test_missing_post_period_responses_are_said_in_the_summary(engine):
    d = daily()
    d.loc[[45, 50, 55], "y"] = np.nan
    cf = Counterfactual(
        d,
        "y",
        ["x"],
        ("2020-01-01", "2020-02-10"),
        ("2020-02-11", "2020-02-29"),
        time="date",
        engine=engine,
        simulations=200,
        parameter_draws=0,
    )
    said = "3 post-period responses are missing; effects use the observed points only."
    assert said in cf.sentences()
    full = Counterfactual(
        daily(),
        "y",
        ["x"],
        ("2020-01-01", "2020-02-10"),
        ("2020-02-11", "2020-02-29"),
        time="date",
        engine=engine,
        simulations=200,
        parameter_draws=0,
    )
    assert not any("post-period responses are missing" in s for s in full.sentences())


def test_pre_period_too_short_says_how_short():
    d = daily()
    with pytest.raises(
        SeriesError, match="the pre-period has 8 observations; .* needs at least 10"
    ):
        Counterfactual(
            d, "y", ["x"], ("2020-01-01", "2020-01-08"), ("2020-01-09", "2020-02-29"), time="date"
        )


def test_all_zero_series_is_an_error():
    d = daily()
    d["y"] = 0
    with pytest.raises(SeriesError, match="zero everywhere"):
        InterruptedTimeSeries(d, "y", {"x": pd.Timestamp("2020-02-01")}, time="date")
    with pytest.raises(SeriesError, match="every count is zero"):
        RateTrend(["a", "b"], [0, 0], [1, 1])


def test_negative_counts_are_an_error():
    d = daily()
    d.loc[3, "y"] = -1
    with pytest.raises(SeriesError, match="negative counts at 2020-01-04"):
        InterruptedTimeSeries(d, "y", {"x": pd.Timestamp("2020-02-01")}, time="date")
    with pytest.raises(ValueError, match="cannot be negative"):
        RateTrend(["a", "b"], [-3, 4], [1, 1])


def test_control_series_of_another_length_is_an_error():
    d = daily()
    d.loc[50:, "x"] = np.nan
    with pytest.raises(SeriesError, match="control series 'x' has 10 missing values"):
        Counterfactual(
            d, "y", ["x"], ("2020-01-01", "2020-02-10"), ("2020-02-11", "2020-02-29"), time="date"
        )


def test_constant_pre_period_is_an_error():
    d = daily()
    d.loc[:40, "y"] = 7
    with pytest.raises(SeriesError, match="constant over the pre-period"):
        Counterfactual(
            d, "y", [], ("2020-01-01", "2020-02-10"), ("2020-02-11", "2020-02-29"), time="date"
        )


def test_interruption_with_no_data_on_one_side_is_an_error():
    with pytest.raises(SeriesError, match="leaves no data on one side"):
        InterruptedTimeSeries(daily(), "y", {"late": pd.Timestamp("2021-01-01")}, time="date")


def test_missing_column_names_what_is_there():
    with pytest.raises(SeriesError, match="column\\(s\\) not found: z; the data has: date, y, x"):
        InterruptedTimeSeries(daily(), "z", {"a": pd.Timestamp("2020-02-01")}, time="date")


def test_impossible_proportions_and_mismatched_coders_are_errors():
    with pytest.raises(SeriesError):
        Proportion(12, 10)
    with pytest.raises(SeriesError, match="differ in length"):
        cohen(["a", "b"], ["a"])


def test_no_effect_interval_says_insufficient_evidence():
    d = daily(n=80, seed=3)
    its = InterruptedTimeSeries(d, "y", {"launch": pd.Timestamp("2020-02-15")}, time="date")
    assert any("insufficient evidence of an effect" in s for s in its.sentences())


def test_autocorrelated_residuals_are_flagged_and_independent_ones_are_not():
    rng = np.random.default_rng(3)
    n, at = 120, pd.Timestamp("2020-03-01")
    white = daily(n, seed=3)
    assert not InterruptedTimeSeries(white, "y", {"x": at}, time="date").autocorrelated
    # a slowly wandering rate: neighbouring days alike, far more than Poisson noise explains
    drift = np.zeros(n)
    for t in range(1, n):
        drift[t] = 0.9 * drift[t - 1] + rng.normal(0, 0.15)
    wandering = white.assign(y=rng.poisson(20 * np.exp(drift)))
    its = InterruptedTimeSeries(wandering, "y", {"x": at}, time="date")
    assert its.autocorrelated and its.autocorrelation_p < 0.05
    assert any("Residuals are autocorrelated" in s for s in its.sentences())
    robust = InterruptedTimeSeries(
        wandering, "y", {"x": at}, time="date", hac_lags=its.autocorrelation_lags
    )
    assert not robust.autocorrelated  # robust errors answer the warning
    assert not any("autocorrelated" in s for s in robust.sentences())


# --- series an interrupted time series cannot carry: refused with the reason -----------------
def test_a_constant_series_is_refused_not_modelled():
    d = daily().assign(y=5)
    with pytest.raises(SeriesError, match=r"the series is constant \(5 throughout\)"):
        InterruptedTimeSeries(d, "y", {"x": pd.Timestamp("2020-02-01")}, time="date")


@pytest.mark.parametrize(
    "zero, where",
    [
        (slice(None, 30), "before 'launch'"),  # rows 0..30 are January: all before
        (slice(31, None), "after 'launch'"),
    ],
)
def test_counts_zero_all_through_one_side_are_refused(zero, where):
    d = daily()
    d.loc[zero, "y"] = 0
    with pytest.raises(SeriesError, match=f"the series is zero throughout {where}"):
        InterruptedTimeSeries(d, "y", {"launch": pd.Timestamp("2020-02-01")}, time="date")


def test_counts_zero_between_two_interruptions_are_refused():
    d = daily()
    d.loc[(d.date >= "2020-02-01") & (d.date < "2020-02-10"), "y"] = 0
    at = {"launch": pd.Timestamp("2020-02-01"), "event": pd.Timestamp("2020-02-10")}
    with pytest.raises(SeriesError, match="zero throughout from 'launch' to 'event'"):
        InterruptedTimeSeries(d, "y", at, time="date", slope_change=False)


def test_a_fit_that_fails_is_an_error_that_says_so(monkeypatch):
    def broken(self, X, hac_lags):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(InterruptedTimeSeries, "_fit_model", broken)
    with pytest.raises(SeriesError, match=r"the model could not be fitted \(Singular matrix\)"):
        InterruptedTimeSeries(daily(), "y", {"x": pd.Timestamp("2020-02-01")}, time="date")


def test_numerical_trouble_in_a_fit_is_said_once_beside_the_estimates(monkeypatch):
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    clean = InterruptedTimeSeries(daily(), "y", {"x": pd.Timestamp("2020-02-01")}, time="date")
    assert not any("numerical problems" in s for s in clean.sentences())
    fit = InterruptedTimeSeries._fit_model

    def troubled(self, X, hac_lags):  # the warnings statsmodels gives on such a fit
        import warnings

        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=2)
        warnings.warn("Iteration limit reached", ConvergenceWarning, stacklevel=2)
        return fit(self, X, hac_lags)

    monkeypatch.setattr(InterruptedTimeSeries, "_fit_model", troubled)
    its = InterruptedTimeSeries(daily(), "y", {"x": pd.Timestamp("2020-02-01")}, time="date")
    said = [s for s in its.sentences() if "numerical problems" in s]
    assert said == [
        "The fit met numerical problems (an overflow, or a fit that did not settle); treat its "
        "estimates with caution."
    ]
    # the estimates stand beside the caution
    assert its.effects()["estimate"].tolist() == clean.effects()["estimate"].tolist()


def test_an_interval_that_excludes_no_change_alone_is_not_evidence_when_the_terms_together_are_not():
    # SIMULATED: Poisson(40) a day, no change at the launch; by chance the level interval
    # excludes 1 (p 0.04) while level and slope together do not (p 0.13)
    days = pd.date_range("2020-01-06", periods=140, freq="D")
    y = np.random.default_rng(54).poisson(40, 140).astype(float)
    its = InterruptedTimeSeries(
        pd.DataFrame({"date": days, "y": y}),
        "y",
        {"launch": pd.Timestamp("2020-03-02")},
        time="date",
    )
    level = its.effects().iloc[0]
    assert level["change"] == "level" and level["ci_low"] > 1
    assert its.evidence_p["launch"] == pytest.approx(0.13, abs=0.005)
    [said, _] = its.effect_sentences()
    assert said.endswith(
        "But the changes after launch taken together are not distinguishable from none "
        "(p = 0.13): insufficient evidence of an effect."
    )
    # a level-only model has one term per interruption: its interval is its test
    alone = InterruptedTimeSeries(
        pd.DataFrame({"date": days, "y": y}),
        "y",
        {"launch": pd.Timestamp("2020-03-02")},
        time="date",
        slope_change=False,
    )
    assert alone.evidence_p == {}


def test_a_running_total_is_said_and_its_changes_are_not_established():
    # SIMULATED followers to date, rising by about 8 a day: any "change" is the rise's
    rng = np.random.default_rng(500)
    days = pd.date_range("2021-10-11", periods=140, freq="D")
    frame = pd.DataFrame({"date": days, "y": 1000 + np.cumsum(rng.poisson(8, 140))})
    its = InterruptedTimeSeries(frame, "y", {"launch": days[84]}, time="date")
    assert its.running_total
    said = its.sentences()
    assert any(s.startswith("The series never falls: if it is a running total") for s in said)
    for s in its.effect_sentences():
        assert s.endswith(
            (
                "insufficient evidence of an effect.",
                "But the series never falls, as a running total does: the change is not established.",
            )
        ), s
    other = InterruptedTimeSeries(daily(), "y", {"x": pd.Timestamp("2020-02-01")}, time="date")
    assert not other.running_total


def test_an_intervals_ends_are_written_with_the_decimals_that_tell_them_apart():
    rng = np.random.default_rng(1)
    days = pd.date_range("2020-01-01", periods=200, freq="D")
    # large counts: the rate ratio per day is known to the fourth decimal
    frame = pd.DataFrame({"date": days, "y": rng.poisson(np.linspace(5e4, 6e4, 200))})
    its = InterruptedTimeSeries(frame, "y", {"x": days[100]}, time="date")
    for s in its.effect_sentences():
        lo, hi = re.search(r"CI (\S+) to (\S+?)\)", s).groups()
        assert lo != hi, s


def _series_with(controls: dict, n: int = 100):
    rng = np.random.default_rng(1)
    x = 50 + rng.normal(size=n).cumsum()
    d = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n), "x": x})
    d["y"] = 10 + 1.5 * x + rng.normal(size=n)
    for name, make in controls.items():
        d[name] = make(d)
    return d, (d.date[0], d.date[69]), (d.date[70], d.date[n - 1])


@pytest.mark.parametrize(
    "controls, extra, named",
    [
        (["c"], {"c": lambda d: 5.0}, "control series 'c' is constant over the pre-period"),
        (["x", "c"], {"c": lambda d: 5.0}, "control series 'c' is constant over the pre-period"),
        (["x", "x2"], {"x2": lambda d: d.x}, "control series 'x2' adds nothing"),
        (
            ["x", "z", "s"],
            {
                "z": lambda d: d.x * 0 + np.arange(len(d)),
                "s": lambda d: d.x + 2 * np.arange(len(d)),
            },
            "control series 's' adds nothing",
        ),
        # constant over the pre-period only: the post-period cannot rescue the fit
        (
            ["x", "late"],
            {"late": lambda d: np.where(d.index < 70, 1.0, d.index)},
            "control series 'late' is constant",
        ),
    ],
)
def test_a_control_the_level_and_the_others_already_carry_is_named_not_fitted(
    controls, extra, named
):
    """Before: a constant or duplicated control stopped the fit with numpy's 'Singular
    matrix', or gave an interval with no point (nan) and no word of why."""
    d, pre, post = _series_with(extra)
    with pytest.raises(SeriesError, match=re.escape(named)) as err:
        Counterfactual(d, "y", controls, pre, post, time="date")
    assert "leave" in str(err.value)
    for engine in ("statespace",):
        with pytest.raises(SeriesError, match=re.escape(named)):
            Counterfactual(d, "y", controls, pre, post, time="date", engine=engine)


def test_a_control_that_is_a_weekdays_indicator_leaves_out_the_weekly_candidates():
    d, pre, post = _series_with({"wk": lambda d: (d.index % 7 == 3).astype(float)})
    d["y"] = d["y"] + 2.0 * d["wk"]
    cf = Counterfactual(d, "y", ["x", "wk"], pre, post, time="date")
    table = cf.model_choice()
    assert list(table["model"]) == [
        "local level",
        "AR(1) noise",
        "AR(1) noise around a linear trend",
    ]
    assert np.isfinite(table["hold-out log score"]).all() and np.isclose(table["weight"].sum(), 1)
    effects = cf.effects().loc["absolute effect"]
    assert np.isfinite(effects[["average", "average_low", "average_high"]].astype(float)).all()
    assert effects["average_low"] < 0 < effects["average_high"]  # no effect was added


@pytest.mark.parametrize(
    "extra, named",
    [
        ({"c": lambda d: 5.0}, "control series 'c' is constant over the series"),
        ({"c": lambda d: d.x * 2.0}, "control series 'c' adds nothing over the series"),
        # a control that is the time trend the model already has
        ({"c": lambda d: np.arange(len(d), dtype=float)}, "control series 'c' adds nothing"),
    ],
)
def test_the_interrupted_time_series_names_a_control_its_terms_already_carry(extra, named):
    """Before: a constant control gave 'a factor of 0.885 (95% CI 0.000 to inf)' with robust
    errors, beside an ordinary interval, with no word of why."""
    d, _, _ = _series_with(extra)
    d["count"] = np.random.default_rng(2).poisson(50, size=len(d))
    controls = ["x", "c"] if "x" not in extra else ["c"]
    with pytest.raises(SeriesError, match=re.escape(named)) as err:
        InterruptedTimeSeries(d, "count", {"launch": d.date[70]}, time="date", controls=controls)
    assert "leave it out" in str(err.value)
