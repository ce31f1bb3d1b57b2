"""Each candidate's exact predictive distribution of the post-period's total (a mixture of
Student t's over its grid: what the claims check reads) is the distribution its own draws
come from: at the draws' 2.5%, 50% and 97.5% quantiles, the exact cdf gives those shares
(SIMULATED series of benchmarks/counterfactual_coverage.py; 100,000 draws)."""

import numpy as np
import pytest
from scipy.special import stdtr

from evalkit.stats import Counterfactual
from evalkit.stats.counterfactual import _t_mixture_cdf, _t_mixture_quantile
from test_stats_coverage import _coverage_benchmark


@pytest.mark.parametrize("setup", ["local-level drift", "weekly pattern", "steady trend"])
def test_every_candidates_exact_total_is_the_distribution_of_its_draws(setup):
    d = _coverage_benchmark().simulated(setup, 5)
    cf = Counterfactual(
        d, "y", ["x"], (d.date[0], d.date[69]), (d.date[70], d.date[99]), time="date"
    )
    assert len(cf.candidates) == 6
    for c in cf.candidates:
        w, loc, scale, dof = c["fit"].total_distribution(c["X_post"], 30)
        assert np.isclose(w.sum(), 1)
        totals, _ = c["fit"].simulate(c["X_post"], 30, 100_000, np.random.default_rng(1))
        for p in (0.025, 0.5, 0.975):
            at = np.quantile(totals, p)
            # the share's standard error over 100,000 draws: under 0.0016 (at p = 0.5)
            assert float(w @ stdtr(dof, (at - loc) / scale)) == pytest.approx(p, abs=0.005)


def test_the_mixtures_quantile_inverts_its_cdf():
    w = np.array([0.2, 0.5, 0.3])
    loc, scale = np.array([-3.0, 0.0, 4.0]), np.array([1.0, 2.0, 0.5])
    for p in (0.025, 0.3, 0.975):
        x = _t_mixture_quantile(p, w, loc, scale, 7.0)
        assert _t_mixture_cdf(x, w, loc, scale, 7.0) == pytest.approx(p, abs=1e-9)
