"""What the fast counterfactual engines share: a grid over the one parameter that is not
integrated in closed form (the local level's signal-to-noise ratio, the AR coefficient), its
posterior weights, and the model's evidence.

Each grid point carries -2 log of the diffuse likelihood, integrated over the regression
coefficients (flat prior) and profiled in sigma^2: dev = (n-d) log S + log|V| + log|Z'V^-1 Z|.
With the prior 1/sigma^2 integrated too, log p(y | theta) = lgamma((n-d)/2) - (n-d)/2 log pi
- dev/2 exactly, the same quantity for every model with the same regressors Z, so models can
be compared by it (docs/statistics.md).
"""

from __future__ import annotations

import functools
import math

import numpy as np


def grid_draws(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """rng.choice(len(weights), size=size, p=weights): the same draws from the same stream
    (numpy's own steps: the cumulative weights, then one uniform per draw searched in them;
    tests/test_stats_fast_paths.py checks it), without choice's checks of p, which cost
    half its time and cannot fail on a grid's normalised posterior."""
    cdf = weights.cumsum()
    cdf /= cdf[-1]
    return cdf.searchsorted(rng.random(size), side="right")


def log_marginal(dev: np.ndarray, n: int, d: int) -> np.ndarray:
    nu = (n - d) / 2.0
    return math.lgamma(nu) - nu * math.log(math.pi) - 0.5 * np.asarray(dev, float)


def logsumexp(a: np.ndarray) -> float:
    a = np.asarray(a)
    top = float(a.max())  # np.max(a) without its wrapper (called a dozen times a fit)
    return top + math.log(float(np.exp(a - top).sum()))


@functools.lru_cache(maxsize=64)
def _normalised_from(values: bytes) -> np.ndarray:
    a = np.frombuffer(values)
    out = a - logsumexp(a)
    out.flags.writeable = False
    return out


def normalised(log_prior: np.ndarray) -> np.ndarray:
    """log_prior - logsumexp(log_prior) (a log prior over a grid made to sum to 1), read
    only: the same numbers in the same steps, made once per grid (keyed by its bytes). Every
    fit of a candidate normalises its grid's prior twice (its evidence and its first part's),
    and the candidates of a model share one grid and one prior."""
    a = np.asarray(log_prior, float)
    if a.ndim != 1:
        return a - logsumexp(a)
    return _normalised_from(a.tobytes())


class GridPosterior:
    n: int
    d: int

    def _set_posterior(self, dev: np.ndarray, log_prior: np.ndarray) -> None:
        """Posterior weights of the grid and the log evidence log p(y) of the model."""
        self.dev = np.asarray(dev, float)
        self.log_prior = normalised(log_prior)
        post = self.log_prior - 0.5 * self.dev
        w = np.exp(post - post.max())
        self.weights = w / w.sum()
        # (the prior just normalised: _evidence would normalise it again the same way)
        self.log_evidence = logsumexp(self.log_prior + log_marginal(self.dev, self.n, self.d))

    def _evidence(self, dev: np.ndarray, log_prior: np.ndarray, n: int) -> float:
        lp = normalised(log_prior)
        return logsumexp(lp + log_marginal(dev, n, self.d))

    def holdout_score(self, m: int) -> float:
        """log p(y_{m+1..n} | y_1..y_m): the sum of the one-step predictive log densities of
        the last n - m points, each with every parameter re-estimated on the points before
        it (the prequential identity: a ratio of two evidences)."""
        return self.log_evidence - self.log_evidence_first(m)


def student_t_logpdf(x, dof, loc, scale2) -> np.ndarray:
    """log density of a Student t (dof, loc, scale^2), elementwise (broadcast)."""
    from scipy.special import gammaln

    dof = np.asarray(dof, float)
    z2 = (np.asarray(x, float) - loc) ** 2 / scale2
    return (
        gammaln((dof + 1) / 2)
        - gammaln(dof / 2)
        - 0.5 * np.log(np.pi * dof * scale2)
        - (dof + 1) / 2 * np.log1p(z2 / dof)
    )


def grid_mixture_logpdf(log_weight: np.ndarray, logpdf: np.ndarray) -> np.ndarray:
    """log of sum_g w_g(t) p_g(t) over the grid (axis 0), the weights given unnormalised in
    log per column t."""
    lw = log_weight - log_weight.max(axis=0)
    lw = lw - np.log(np.exp(lw).sum(axis=0))
    top = (lw + logpdf).max(axis=0)
    return top + np.log(np.exp(lw + logpdf - top).sum(axis=0))
