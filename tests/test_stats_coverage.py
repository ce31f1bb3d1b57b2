"""On SIMULATED series with a known injected effect, each method's 95% interval covers the
truth close to 95% of the time (200 seeds each; figures in docs/statistics.md)."""

import numpy as np
import pandas as pd
import pytest

from evalkit.stats import Counterfactual, InterruptedTimeSeries, Proportion, RateTrend

SEEDS = 200


def covered(low, high, truth):
    return low <= truth <= high


def test_its_rate_ratio_interval_coverage_on_simulated_counts():
    true_rr, hits = 0.85, 0
    t = np.arange(1, 61)
    for seed in range(SEEDS):
        rng = np.random.default_rng(seed)
        mu = np.exp(4 + 0.005 * t + np.log(true_rr) * (t >= 37))
        d = pd.DataFrame({"t": t, "y": rng.poisson(mu)})
        e = InterruptedTimeSeries(d, "y", {"x": 37}, time="t", slope_change=False).effects().iloc[0]
        hits += covered(e.ci_low, e.ci_high, true_rr)
    print(f"ITS coverage: {hits / SEEDS:.3f}")
    assert 0.91 <= hits / SEEDS <= 0.99


@pytest.mark.parametrize(
    "engine", ["local level", pytest.param("statespace", marks=pytest.mark.slow)]
)
def test_counterfactual_cumulative_interval_coverage_on_simulated_series(engine):
    effect, n, n_pre, hits = 2.0, 100, 70, 0
    for seed in range(SEEDS):
        rng = np.random.default_rng(1000 + seed)
        x = 50 + np.cumsum(rng.normal(0, 1, n))
        level = np.cumsum(rng.normal(0, 0.3, n))
        y = 10 + 1.5 * x + level + rng.normal(0, 1, n)
        y[n_pre:] += effect
        d = pd.DataFrame({"y": y, "x": x})
        cf = Counterfactual(
            d,
            "y",
            ["x"],
            (0, n_pre - 1),
            (n_pre, n - 1),
            simulations=500,
            parameter_draws=50,
            seed=seed,
            engine=engine,
        )
        a = cf.effects().loc["absolute effect"]
        hits += covered(a["cumulative_low"], a["cumulative_high"], effect * (n - n_pre))
    print(f"Counterfactual coverage ({engine}): {hits / SEEDS:.3f}")
    assert 0.91 <= hits / SEEDS <= 0.99


def test_rate_trend_interval_coverage_on_simulated_counts():
    true_rr, hits = 0.8, 0
    exposure = np.array([4.0, 6.0, 3.0, 5.0, 8.0])
    for seed in range(SEEDS):
        rng = np.random.default_rng(5000 + seed)
        counts = rng.poisson(20 * exposure * true_rr ** np.arange(5))
        _, lo, hi = RateTrend([str(i) for i in range(5)], counts.tolist(), exposure).rate_ratio
        hits += covered(lo, hi, true_rr)
    print(f"Rate trend coverage: {hits / SEEDS:.3f}")
    assert 0.91 <= hits / SEEDS <= 0.99


def test_wilson_interval_coverage_on_simulated_proportions():
    p, n, hits = 0.3, 50, 0
    for seed in range(SEEDS):
        k = int(np.random.default_rng(9000 + seed).binomial(n, p))
        pr = Proportion(k, n)
        hits += covered(pr.ci_low, pr.ci_high, p)
    print(f"Wilson coverage: {hits / SEEDS:.3f}")
    assert 0.91 <= hits / SEEDS <= 0.99


# Issue 16's goal, on the set-ups of benchmarks/counterfactual_coverage.py (the table in
# docs/statistics.md): 95% intervals that cover 93-97% of the time AND are no wider than
# 1.3x the oracle's (2 x 1.96 x the estimate's actual error). Two set-ups miss it; they are
# marked so (strict: a change that meets the goal there must update the docs), not tuned.
def _coverage_benchmark():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "counterfactual_coverage.py"
    spec = importlib.util.spec_from_file_location("counterfactual_coverage", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MISSED = {
    "local-level drift": "coverage 91%: AR(1) noise takes weight it should not",
    "AR(1) phi=0.7": "intervals 1.5x the oracle's: the local level keeps weight",
}


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(s, marks=pytest.mark.xfail(reason=MISSED[s], strict=True))
        if s in MISSED
        else s
        for s in ("local-level drift", "AR(1) phi=0.7", "white noise", "weekly pattern")
    ],
)
def test_counterfactual_is_calibrated_and_sharp_on_simulated_set_ups(setup):
    r = _coverage_benchmark().run(setup, "default", series=200)
    print(
        f"{setup}: coverage {r['coverage']:.3f}, width / oracle {r['width / oracle']:.2f}, "
        f"detection {r['detection']:.3f}"
    )
    assert 0.93 <= r["coverage"] <= 0.97
    assert r["width / oracle"] <= 1.3


# What the two misses above lack is pre-period, not a model: with three times the pre-period
# (210 points, the same 30 after) the default meets the goal on every set-up (the table in
# docs/statistics.md gives 140 and 280 points too, where single cells miss it by 0.5 points,
# inside the 1.5 points a coverage over 200 series is uncertain by).
@pytest.mark.parametrize(
    "setup", ("local-level drift", "AR(1) phi=0.7", "white noise", "weekly pattern")
)
def test_counterfactual_is_calibrated_and_sharp_with_three_times_the_pre_period(setup):
    r = _coverage_benchmark().run(setup, "default", series=200, pre=210)
    print(
        f"{setup}, 210 points before: coverage {r['coverage']:.3f}, "
        f"width / oracle {r['width / oracle']:.2f}, detection {r['detection']:.3f}"
    )
    assert 0.93 <= r["coverage"] <= 0.97
    assert r["width / oracle"] <= 1.3
