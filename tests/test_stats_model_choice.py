"""The counterfactual's model is chosen by the pre-period: candidates scored one step ahead
out of sample, the choice said in words, the chosen model's errors checked (SIMULATED
series)."""

import math
import re

import numpy as np
import pandas as pd
import pytest

from evalkit.i18n import localized
from evalkit.stats import Counterfactual
from evalkit.stats.ar_noise import ArNoiseFit
from evalkit.stats.local_level import LocalLevelFit


def series(noise, n_pre, seed=0, daily=True):
    rng = np.random.default_rng(seed)
    n = len(noise)
    x = 50 + np.cumsum(rng.normal(0, 1, n))
    frame = pd.DataFrame({"y": 10 + 1.5 * x + noise, "x": x})
    if daily:
        frame.insert(0, "date", pd.date_range("2024-01-01", periods=n, freq="D"))
    return frame


def ar(phis, n, seed):
    rng = np.random.default_rng(seed)
    e, u = rng.normal(0, 1, n + 50), np.zeros(n + 50)
    for t in range(len(phis), n + 50):
        u[t] = sum(p * u[t - 1 - i] for i, p in enumerate(phis)) + e[t]
    return u[50:]


def fit(frame, n_pre, **kw):
    t = "date" if "date" in frame else None
    idx = frame["date"] if t else frame.index
    return Counterfactual(
        frame,
        "y",
        ["x"],
        (idx[0], idx[n_pre - 1]),
        (idx[n_pre], idx.iloc[-1] if t else idx[-1]),
        time=t,
        **kw,
    )


def dense_dev(y, Z, V):
    """-2 log of the diffuse likelihood, profiled in sigma^2, from dense matrices."""
    Vi = np.linalg.inv(V)
    A = Z.T @ Vi @ Z
    r = y - Z @ np.linalg.solve(A, Z.T @ Vi @ y)
    return (
        (len(y) - Z.shape[1]) * math.log(r @ Vi @ r)
        + np.linalg.slogdet(V)[1]
        + np.linalg.slogdet(A)[1]
    )


def test_both_engines_compute_the_same_exact_likelihood_so_their_scores_compare():
    rng = np.random.default_rng(3)
    n = 40
    x = 50 + np.cumsum(rng.normal(0, 1, n))
    y = 10 + 1.5 * x + rng.normal(0, 1, n)
    Z = np.column_stack([np.ones(n), x])
    t = np.arange(n)
    level = LocalLevelFit(y, x[:, None])
    for lq in (-6.0, -1.0, 1.5):
        V = np.eye(n) + math.exp(lq) * np.minimum.outer(t, t)
        assert level._profile(math.exp(lq))[0] == pytest.approx(dense_dev(y, Z, V), abs=1e-8)
    # the grid's one-pass filter (short series) gives what the filter per q gives
    for g in range(len(level.q)):
        assert level.dev[g] == pytest.approx(level._profile(level.q[g])[0], abs=1e-8)
    noise = ArNoiseFit(y, x[:, None])
    for g in (3, 20, 35):
        phi = noise.phis[g]
        V = phi ** np.abs(np.subtract.outer(t, t)) / (1 - phi * phi)
        assert noise.dev[g] == pytest.approx(dense_dev(y, Z, V), abs=1e-8)


def test_persistent_noise_is_read_as_ar1_noise_not_a_drifting_level():
    cf = fit(series(ar([0.7], 150, seed=1), 120, seed=11), 120)
    assert cf.model_name == "AR(1) noise"
    choice = cf.model_choice()
    assert choice[choice.model.astype(str).str.startswith("AR(1)")].weight.sum() > 0.9
    assert cf.summary().index.name.startswith("Model: AR(1) noise (weight ")
    assert "one-step score" in cf.summary().index.name
    assert (
        cf.summary().loc["absolute effect", "average"]
        == cf.effects().loc["absolute effect", "average"]
    )
    why = [s for s in cf.sentences() if s.startswith("Why this model:")]
    assert why and "of 6 candidates" in why[0] and "one step ahead" in why[0]


def test_a_drifting_level_is_read_as_a_local_level():
    rng = np.random.default_rng(2)
    drift = np.cumsum(rng.normal(0, 1, 150)) + rng.normal(0, 1, 150)
    cf = fit(series(drift, 120, seed=12), 120)
    assert cf.model_name == "local level"


def test_a_weekly_cycle_in_a_daily_series_brings_the_weekly_pattern():
    rng = np.random.default_rng(4)
    week = np.array([0, 1, 1.5, 1, 0, -1.5, -2.0])
    cf = fit(series(week[np.arange(100) % 7] + rng.normal(0, 1, 100), 70, seed=14), 70)
    assert "weekly pattern" in str(cf.model_name)
    # dates read from a file may be held in microseconds (pandas 3): still daily
    frame = series(week[np.arange(100) % 7] + rng.normal(0, 1, 100), 70, seed=14)
    frame["date"] = frame["date"].dt.as_unit("us")
    assert len(fit(frame, 70).candidates) == 6  # three models, with and without the week
    # an integer-indexed series has no weekdays: no weekly candidates
    plain = fit(series(rng.normal(0, 1, 100), 70, daily=False), 70)
    assert len(plain.candidates) == 3


def test_autocorrelated_errors_of_the_chosen_model_are_a_warning_in_the_reports_language():
    # lag-2 noise that no candidate captures
    cf = fit(series(ar([0.0, 0.8], 150, seed=5), 120, daily=False), 120, model="AR(1) noise")
    assert cf.residual_check["p"] < 0.05
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from evalkit.stats.counterfactual import ljung_box

    e = cf.result.residuals()
    assert ljung_box(e, 12) == pytest.approx(
        float(acorr_ljungbox(e, lags=[12], model_df=1)["lb_pvalue"].iloc[0]), rel=1e-9
    )
    [warning] = [s for s in cf.sentences() if "autocorrelated" in s]
    assert warning.startswith("The chosen model's errors over the pre-period are autocorrelated")
    assert "Ljung-Box" in localized(warning, "ar") and "autocorrelated" not in localized(
        warning, "ar"
    )
    clean = fit(series(np.random.default_rng(6).normal(0, 1, 100), 70, daily=False), 70)
    assert clean.residual_check["p"] >= 0.05
    assert any(
        s.startswith("Its errors over the pre-period show no autocorrelation")
        for s in clean.sentences()
    )


def test_a_model_can_be_asked_for_and_an_unknown_one_is_refused():
    frame = series(np.random.default_rng(7).normal(0, 1, 100), 70, daily=False)
    only = fit(frame, 70, model="local level")
    assert [c["model"] for c in only.candidates] == ["local level"]
    assert not any(s.startswith("Why this model") for s in only.sentences())
    from evalkit.stats import SeriesError

    with pytest.raises(SeriesError, match="model must be auto or one of"):
        fit(frame, 70, model="ARIMA")


@pytest.mark.parametrize("engine", [LocalLevelFit, ArNoiseFit])
def test_block_scores_are_the_predictive_density_of_the_next_points_total(engine):
    """block_scores (benchmarks/counterfactual_model_choice.py weighs the candidates by them)
    equal the density of the next h points' total under the model fitted on the points
    before, as its own simulated forecasts give it."""
    rng = np.random.default_rng(1)
    n, h, m = 70, 30, 10
    x = 50 + np.cumsum(rng.normal(0, 1, n))
    y = 10 + 1.5 * x + np.cumsum(rng.normal(0, 0.3, n)) + rng.normal(0, 1, n)
    X = x[:, None]
    fitted = engine(y, X, first=m) if engine is LocalLevelFit else engine(y, X)
    scores = fitted.block_scores(m, h)
    assert len(scores) == n - h - m + 1
    # one step ahead, they sum to the hold-out score (the prequential identity)
    assert fitted.block_scores(m, 1).sum() == pytest.approx(fitted.holdout_score(m), abs=1e-8)
    for t in (10, 40):
        totals, _ = engine(y[:t], X[:t]).simulate(
            X[t : t + h], h, 200_000, np.random.default_rng(0)
        )
        band = 0.05 * totals.std()
        density = np.mean(np.abs(totals - y[t : t + h].sum()) < band) / (2 * band)
        assert scores[t - m] == pytest.approx(math.log(density), abs=0.05)


def test_a_pre_period_too_short_to_score_uses_the_local_level_and_says_why():
    noise = ar([0.7], 40, seed=4)
    short = fit(series(noise, 18, seed=5), 18)  # 8 points scored after the first 10
    assert short.model_name == "local level" and len(short.candidates) == 1
    why = [s for s in short.sentences() if "too short to choose between models" in s]
    assert why == [
        "The pre-period is too short to choose between models (18 points; scoring them needs "
        "20 or more): the local level is used, the model whose intervals are the wider when "
        "the noise persists."
    ]
    assert not any(s.startswith("Why this model:") for s in short.sentences())
    enough = fit(series(noise, 20, seed=5), 20)  # 10 scored: the choice is made
    assert len(enough.candidates) == 3 and enough.too_short_to_choose is None
    assert any(s.startswith("Why this model:") for s in enough.sentences())


def test_a_tail_probability_no_simulated_path_reached_is_said_as_a_bound():
    frame = series(np.random.default_rng(6).normal(0, 1, 100), 70, seed=6)
    frame.loc[70:, "y"] += 40  # far beyond anything the model expects
    cf = fit(frame, 70, simulations=1000)
    [tail] = [s for s in cf.sentences() if s.startswith("Tail probability")]
    assert tail == (
        "Tail probability below 0.003: none of the 1000 simulated paths was as extreme as "
        "the observed total."
    )
    null = fit(series(np.random.default_rng(6).normal(0, 1, 100), 70, seed=6), 70)
    [tail] = [s for s in null.sentences() if s.startswith("Tail probability")]
    assert tail.startswith(f"Tail probability {null.tail_probability:.3f} (one-sided: ")


def test_large_and_small_numbers_in_sentences_are_written_out_not_in_e_notation():
    from evalkit.stats.counterfactual import significant

    assert [significant(x) for x in (13241.7, 9999.6, 1234.56, 0.0001234, -0.5, 2.0)] == [
        "13,242",
        "10,000",
        "1,235",
        "0.0001234",
        "-0.5",
        "2",
    ]
    frame = series(np.random.default_rng(7).normal(0, 1, 100), 70, seed=7)
    frame[["y", "x"]] *= 1000  # tens of thousands a period
    text = " ".join(fit(frame, 70).sentences())
    assert not re.search(r"\de[+-]\d", text), text
    assert any(
        f"averaged {significant(frame.y[70:].mean())};" in s for s in fit(frame, 70).sentences()
    )


def test_a_trend_the_model_does_not_carry_withholds_the_effect():
    # SIMULATED followers, a running total rising by about 8 a day, nothing at day 84
    rng = np.random.default_rng(500)
    days = pd.date_range("2021-10-11", periods=140, freq="D")
    frame = pd.DataFrame({"date": days, "y": 1000 + np.cumsum(rng.poisson(8, 140))})
    cf = Counterfactual(
        frame, "y", [], (days[0], days[83]), (days[84], days[-1]), time="date", model="local level"
    )
    e = cf.effects().loc["absolute effect"]
    assert e["average_low"] > 0  # the flat forecast falls behind the rise: an "effect"
    said = cf.sentences()
    assert any(s.startswith("But the pre-period rises steadily") for s in said), said
    assert any(s.startswith("The series never falls: if it is a running total") for s in said)
    assert not any("insufficient evidence" in s for s in said)
    # the pre-period's choice has a candidate that carries the rise on: no "effect" at all
    chosen = Counterfactual(frame, "y", [], (days[0], days[83]), (days[84], days[-1]), time="date")
    assert str(chosen.model_name) == "AR(1) noise around a linear trend"
    a = chosen.effects().loc["absolute effect"]
    assert a["cumulative_low"] <= 0 <= a["cumulative_high"] and not chosen.effect_established
    # persistent noise around a level: the model carries it, nothing is withheld
    plain = fit(series(ar([0.7], 100, seed=8), 70, seed=8), 70)
    assert plain.trend_left is None
    assert not any("never falls" in s or "steadily" in s for s in plain.sentences())


def test_a_share_that_rounds_to_zero_is_written_without_a_sign():
    from evalkit.stats.checks import signed_percent

    assert [signed_percent(x) for x in (-0.0004, 0.0004, -0.0, 0.125, -0.03, -0.0006)] == [
        "0.0%",
        "0.0%",
        "0.0%",
        "+12.5%",
        "-3.0%",
        "-0.1%",
    ]
