"""A fast, exact engine for the most common counterfactual: a local level plus a regression
on control series, y_t = mu_t + x_t'beta + eps_t, mu_{t+1} = mu_t + eta_t.

Why a dedicated engine: the general state-space fit spends most of its time in a numerical
optimiser over all variances. Here the likelihood is concentrated on one number, the
signal-to-noise ratio q = var(eta) / var(eps):

* the Kalman gain of a local level depends on q only, so it is computed with scalar
  arithmetic and, once it has converged, the data recursion is a first-order linear filter
  (`scipy.signal.lfilter`) applied to y and every control at once;
* beta (diffuse, as states) comes from generalised least squares on the filtered
  innovations (de Jong's augmented filter), var(eps) is profiled out, so the diffuse
  profile likelihood of q is exact;
* uncertainty: q is weighted over a grid by its profile likelihood (flat prior on the
  level's standard deviation), var(eps) is drawn from
  its scaled inverse chi-square, beta from its GLS normal, then the level and the noise
  along the forecast horizon. The paths therefore carry parameter as well as state
  uncertainty.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.signal import lfilter

from evalkit.stats.posterior import (
    GridPosterior,
    grid_draws,
    grid_mixture_logpdf,
    student_t_logpdf,
)

LOG_Q_BOUNDS = (-18.0, 6.0)
# A fixed grid in log q (the same for the whole pre-period and its first part, so that their
# evidences give the hold-out score): from "no drift" to "a walk 100 times the noise".
LOG_Q_GRID = np.arange(-13.0, 4.5, 1.0)
# R CausalImpact's priors (its defaults, on the standardised response): the level's sd
# guessed at prior_level_sd x sd(y) with 32 prior observations; the noise's variance guessed
# at (1 - expected R^2 0.8) x var(y) with 50 prior degrees of freedom
R_PRIOR_SAMPLE_SIZE = 32
R_NOISE_PRIOR_DF, R_EXPECTED_R2 = 50, 0.8


def _filter_grid(data: np.ndarray, qs: np.ndarray):
    """The filter of every column of `data` (response first) for every q of the grid:
    innovations V (G, n-1, columns), F (G, n-1), a_{n+1} (G, columns), P_{n+1} (G). Each
    column is filtered on its own, so the columns of a model are a slice of a wider run."""
    head = LocalLevelFit.__new__(LocalLevelFit)
    head.data, head.n = data, len(data)
    return head._grid_innovations(qs)


class SharedFilter:
    """The grid filter run once on the widest candidate's columns (response, controls, then
    any seasonal terms): a candidate with the first 1 + k of those columns reads its slice,
    with the same numbers as its own run (each column is filtered on its own). So do the
    sums of its GLS (kernels.level_sums, each sum its own): made once for all the columns
    and the counts of innovations the candidates ask for."""

    def __init__(self, data: np.ndarray):
        self.data, self.qs = np.asarray(data, float), np.exp(LOG_Q_GRID)
        self._run: tuple | None = None
        self._sums: dict = {}

    def innovations(self) -> tuple:
        if self._run is None:
            self._run = _filter_grid(self.data, self.qs)
        return self._run

    def sums(self, rows: tuple) -> tuple:
        """kernels.level_sums of every column over the first rows[c] innovations."""
        made = self._sums.get(rows)
        if made is None:
            from evalkit.stats.kernels import level_sums

            V, F = self.innovations()[:2]
            made = level_sums(V, F, V.shape[2] - 1, np.array(rows, np.int64))
            self._sums[rows] = made
        return made


class LocalLevelFit(GridPosterior):
    """Fit on the pre-period (y: n, X: n x k, no missing values). `level_sd` (a share of the
    response's sd) replaces the calibrated prior by R CausalImpact's: an inverse gamma on the
    level's variance centred on (level_sd x sd(y))^2 with 32 prior observations."""

    def __init__(
        self,
        y: np.ndarray,
        X: np.ndarray | None,
        level_sd: float | None = None,
        first: int | None = None,
        shared: "SharedFilter | None" = None,
    ):
        self.y = np.asarray(y, dtype=float)
        self.n = len(self.y)
        self.X = (
            np.zeros((self.n, 0)) if X is None else np.asarray(X, dtype=float).reshape(self.n, -1)
        )
        self.k = self.X.shape[1]
        # column 0 is the response (a shared filter's data hold these columns first)
        self.data = (
            np.column_stack([self.y, self.X]) if shared is None else shared.data[:, : 1 + self.k]
        )
        self.d = 1 + self.k  # diffuse elements: level + betas
        if self.n - self.d < 3:
            raise ValueError("too few observations for the number of controls")
        self.level_sd = level_sd
        self._noise_prior = (0, 0.0)  # prior dof and sum of squares of the noise variance
        if level_sd is None:
            grid = LOG_Q_GRID
            # A flat prior on the level's standard deviation (sqrt q). A flat prior on log q
            # piles weight on "no drift" whenever a short pre-period cannot rule it out, and
            # the intervals then under-cover on a 70-point pre-period.
            log_prior = 0.5 * grid
        else:
            # R's prior is tight (32 prior observations): a grid of +-2.5 around its centre,
            # var(level) = q var(noise) read at each point's estimate of var(noise)
            var_y = float(np.var(self.y, ddof=1))
            self._noise_prior = (R_NOISE_PRIOR_DF, R_NOISE_PRIOR_DF * (1 - R_EXPECTED_R2) * var_y)
            s0 = self._profile(1e-4)[1]
            guess = level_sd**2 * var_y
            centre = math.log(guess / (s0["S"] / s0["dof"]))
            grid = centre + np.linspace(-2.5, 2.5, 21)
        self.first = first
        self.log_q_grid = np.asarray(grid, float)
        dev = self._grid_fit(np.exp(self.log_q_grid), first, shared if level_sd is None else None)
        if level_sd is not None:
            a = R_PRIOR_SAMPLE_SIZE / 2.0
            var_level = self.q * self.S / self.dof
            # log density of the inverse gamma in log var_level (the grid's measure)
            log_prior = -a * np.log(var_level) - a * guess / var_level
        self._set_posterior(dev, log_prior)
        self._ml = None

    def _grid_fit(
        self, qs: np.ndarray, first: int | None, shared: "SharedFilter | None" = None
    ) -> np.ndarray:
        """The filter for every q of the grid, then the GLS of every grid point (and of the
        first `first` points) in one compiled pass: -2 log profile likelihood per grid
        point. `shared`: the filter already run on these columns and more (SharedFilter)."""
        from evalkit.stats.kernels import level_solve, level_sums

        if shared is not None:  # run on LOG_Q_GRID (the calibrated prior's grid)
            V, F, end, P_end = shared.innovations()
        else:
            V, F, end, P_end = _filter_grid(self.data, np.asarray(qs, float))
        k = self.k
        self.q, self.P = np.asarray(qs, float), P_end
        self._V, self._F = V[:, :, : 1 + k], F  # kept for the residuals and block scores
        self.a_y, self.a_x = end[:, 0], end[:, 1 : 1 + k]
        rows = (F.shape[1],) if first is None else (F.shape[1], first - 1)
        n_obs = np.array([self.n] if first is None else [self.n, first], np.int64)
        df0, ss0 = self._noise_prior
        sums = (
            shared.sums(rows)
            if shared is not None
            else level_sums(V, F, k, np.array(rows, np.int64))
        )
        dev, beta, Sxx, S = level_solve(*sums, k, n_obs, self.d, float(df0), float(ss0))
        self.beta, self.Sxx, self.S = beta[0], Sxx[0], S[0]
        self.dof = self.n - self.d + df0
        if first is not None:
            self.dev_first = dev[1]
        return dev[0]

    def log_evidence_first(self, m: int) -> float:
        """log p(y_1..y_m) under the same prior (for the hold-out score)."""
        if m == self.first:
            return self._evidence(self.dev_first, self.log_prior, m)
        head = LocalLevelFit.__new__(LocalLevelFit)
        head.data, head.n, head.k, head.d = self.data[:m], m, self.k, self.d
        head._noise_prior = self._noise_prior
        dev = np.array([head._profile(q)[0] for q in self.q])
        return self._evidence(dev, self.log_prior, m)

    def block_scores(self, m: int, h: int) -> np.ndarray:
        """log p(y_{t+1} + ... + y_{t+h} | y_1..y_t) for t = m … n - h: the predictive density
        of the next h points' total (what the forecast is for) from every origin, q integrated
        over the grid with the posterior of the first t points, the coefficients and sigma^2
        in closed form (a Student t per grid point). The filter runs forward, so the fit on
        the first t points is a cumulative sum of the same innovations."""
        V, F, k = self._V, self._F, self.k
        t = np.arange(m, self.n - h + 1)  # points seen; innovations 0 … t-2 are used
        w = 1.0 / F
        vy, VX = V[..., 0], V[..., 1:]

        def upto(a):  # sums over the innovations of the first t points
            return np.cumsum(a, axis=1)[:, t - 2]

        S, logdet = upto(vy * vy * w), 0.0
        if k:
            WX = VX * w[..., None]
            Sxx = upto(WX[..., :, None] * VX[..., None, :])  # (G, T, k, k)
            sxy = upto(WX * vy[..., None])
            beta = np.linalg.solve(Sxx, sxy[..., None])[..., 0]
            S = S - (sxy * beta).sum(axis=-1)
            logdet = np.linalg.slogdet(Sxx)[1]
        dof = t - self.d
        dev = dof * np.log(S) + upto(np.log(F)) + logdet
        # the state predicted for point t (0-based) from the points before: data - innovation
        a = self.data[t][None] - V[:, t - 1]  # (G, T, 1+k)
        P = F[:, t - 1] - 1.0
        sums = np.vstack([np.zeros(1 + k), np.cumsum(self.data, axis=0)])
        block = sums[t + h] - sums[t]  # (T, 1+k): the next h points' totals
        walk = (h - 1) * h * (2 * h - 1) / 6.0  # sum of (h - i)^2, i = 1 … h-1
        var = h * h * P + self.q[:, None] * walk + h
        loc = h * a[..., 0]
        if k:
            g = block[None, :, 1:] - h * a[..., 1:]  # (G, T, k)
            loc = loc + (beta * g).sum(axis=-1)
            var = var + (g * np.linalg.solve(Sxx, g[..., None])[..., 0]).sum(axis=-1)
        logpdf = student_t_logpdf(block[:, 0], dof, loc, S / dof * var)
        return grid_mixture_logpdf(self.log_prior[:, None] - 0.5 * dev, logpdf)

    @property
    def best(self) -> dict:
        """The maximum-likelihood fit (computed when first asked)."""
        if self._ml is None:
            res = minimize_scalar(
                lambda lq: self._profile(math.exp(lq))[0],
                bounds=LOG_Q_BOUNDS,
                method="bounded",
                options={"xatol": 0.05},
            )
            self.log_q = float(res.x)
            self._ml = self._profile(math.exp(self.log_q))[1]
        return self._ml

    # --- the filter ------------------------------------------------------------------------
    def _gains(self, q: float):
        """P_t for t = 2 … n+1 in closed form. The local level's Riccati step
        P' = ((1+q) P + q) / (P + 1) is the Moebius map of M = [[1+q, q], [1, 1]]
        (determinant 1), so P after s steps follows from M's eigenvalues l+ > 1 > l- = 1/l+:
        P_s = (a (l+ - 1) + b r^s (l- - 1)) / (a + b r^s), r = l- / l+, a = l+/(l+ - l-),
        b = -l-/(l+ - l-), starting from P_2 = 1 + q."""
        root = math.sqrt(q * q + 4.0 * q)
        lp, lm = (2.0 + q + root) / 2.0, (2.0 + q - root) / 2.0
        a_, b_ = lp / (lp - lm), -lm / (lp - lm)
        r = np.exp(np.arange(self.n) * math.log(lm / lp))  # s = 0 … n-1
        P = (a_ * (lp - 1.0) + b_ * r * (lm - 1.0)) / (a_ + b_ * r)
        steady = lp - 1.0  # the limit P*
        converged = np.flatnonzero(np.abs(P - steady) <= 1e-13 * steady)
        transient = int(converged[0]) if len(converged) else self.n - 1
        return P, min(transient, self.n - 1)

    def _grid_innovations(self, qs: np.ndarray):
        """_innovations for the whole grid at once: the gains in closed form for every q, then
        one compiled pass over time (kernels.filter_grid)."""
        q = qs[:, None]
        root = np.sqrt(q * q + 4.0 * q)
        lp, lm = (2.0 + q + root) / 2.0, (2.0 + q - root) / 2.0
        a_, b_ = lp / (lp - lm), -lm / (lp - lm)
        r = np.exp(np.arange(self.n)[None, :] * np.log(lm / lp))
        P = (a_ * (lp - 1.0) + b_ * r * (lm - 1.0)) / (a_ + b_ * r)  # (G, n): P_2 … P_{n+1}
        F = P[:, :-1] + 1.0
        K = P[:, :-1] / F
        from evalkit.stats.kernels import filter_grid

        # the loop over time compiled: v = y - a; a = a + K v, a = the first observation
        v, a = filter_grid(np.ascontiguousarray(self.data), np.ascontiguousarray(K))
        return v, F, a, P[:, -1]

    def _innovations(self, q: float):
        """Innovations of y and every control (the augmented filter), F_t, a_{n+1}, P_{n+1}."""
        P, L = self._gains(q)
        rows = self.data[1:]
        steps = len(rows)
        F = P[:steps] + 1.0
        K = P[:steps] / F
        v = np.empty_like(rows)
        a0 = self.data[0]  # a_2 = the first observation (diffuse start)
        if L:
            # a_{t+1} = phi_t a_t + K_t y_t solved with cumulative products; over a transient
            # the products stay above ~1e-7, so nothing is lost to rounding
            phi = np.cumprod(1.0 - K[:L])
            acc = np.cumsum((K[:L, None] * rows[:L]) / phi[:, None], axis=0)
            a_next = phi[:, None] * (a0[None, :] + acc)  # a_{t+1}, t < L
            prev = np.vstack([a0[None, :], a_next[:-1]])
            v[:L] = rows[:L] - prev
            a = a_next[-1]
        else:
            a = a0.copy()
        if L < steps:  # steady state: a_{t+1} = (1 - K) a_t + K y_t
            k_ss = K[L]
            seg = rows[L:]
            out, _ = lfilter(
                [k_ss], [1.0, -(1.0 - k_ss)], seg, axis=0, zi=((1.0 - k_ss) * a)[None, :]
            )
            v[L:] = seg - np.vstack([a[None, :], out[:-1]])
            a = out[-1]
        return v, F, a, float(P[steps])

    def _profile(self, q: float, first: int | None = None):
        """(-2 log profile likelihood up to a constant, the fitted pieces). With `first`,
        the pieces also hold the same quantity for the first `first` points alone
        ("dev_first"): the filter's first steps are the same, so it costs one more GLS."""
        v, F, a, P_end = self._innovations(q)
        fit = self._gls(v, F, len(F), self.n)
        if fit is None:
            return 1e300, None
        dev, beta, Sxx, S, dof = fit
        pieces = {
            "q": q,
            "beta": beta,
            "Sxx": Sxx,
            "S": S,
            "dof": dof,
            "a_y": float(a[0]),
            "a_x": a[1:],
            "P": P_end,
        }
        if first is not None:
            head = self._gls(v, F, first - 1, first)
            pieces["dev_first"] = 1e300 if head is None else head[0]
        return dev, pieces

    def _gls(self, v, F, rows: int, n_obs: int):
        """GLS of the response's innovations on the controls' over the first `rows`
        innovations (of `n_obs` observations): -2 log profile likelihood and its pieces."""
        vy, VX, w = v[:rows, 0], v[:rows, 1:], 1.0 / F[:rows]
        if self.k:
            Sxx = (VX * w[:, None]).T @ VX
            sxy = (VX * w[:, None]).T @ vy
            try:
                chol = np.linalg.cholesky(Sxx)
            except np.linalg.LinAlgError:
                return None
            beta = np.linalg.solve(Sxx, sxy)
            logdet = 2.0 * np.log(np.diag(chol)).sum()
        else:
            Sxx, beta, logdet = np.zeros((0, 0)), np.zeros(0), 0.0
        df0, ss0 = getattr(self, "_noise_prior", (0, 0.0))
        S = float((vy * vy * w).sum() - (sxy @ beta if self.k else 0.0)) + ss0
        dof = n_obs - self.d + df0
        if S <= 0:
            return None
        return dof * math.log(S) + float(np.log(F[:rows]).sum()) + logdet, beta, Sxx, S, dof

    # --- results -----------------------------------------------------------------------------
    @property
    def params(self) -> dict:
        """Maximum-likelihood variances and coefficients."""
        b = self.best
        sigma2 = b["S"] / b["dof"]
        return {
            "sigma2_irregular": sigma2,
            "sigma2_level": b["q"] * sigma2,
            "beta": b["beta"].tolist(),
        }

    @staticmethod
    def _forecast(b: dict, Xp: np.ndarray | None, horizon: int) -> np.ndarray:
        level = b["a_y"] - (b["a_x"] @ b["beta"] if len(b["beta"]) else 0.0)
        if len(b["beta"]):
            return level + np.asarray(Xp, float).reshape(horizon, -1) @ b["beta"]
        return np.full(horizon, level)

    def ml_forecast(self, X_post: np.ndarray | None, horizon: int) -> np.ndarray:
        """The forecast at the maximum-likelihood fit: the last level plus the regression."""
        return self._forecast(self.best, X_post, horizon)

    def _levels(self, beta: np.ndarray, g) -> np.ndarray:
        return self.a_y[g] - ((self.a_x[g] * beta).sum(axis=1) if self.k else 0.0)

    def mean_forecast(self, X_post: np.ndarray | None, horizon: int) -> np.ndarray:
        """The posterior mean forecast without the intervention (over the grid)."""
        g = np.arange(len(self.q))
        mean = self._levels(self.beta, g)[:, None] + (
            self.beta @ np.asarray(X_post, float).reshape(horizon, -1).T if self.k else 0.0
        )
        if mean.shape[1] != horizon:  # one level per q (no controls): the same over time
            mean = np.broadcast_to(mean, (len(g), horizon))
        return self.weights @ mean

    def residuals(self) -> np.ndarray:
        """Standardised one-step prediction errors at the posterior mode (Ljung-Box check),
        the first d - 1 (absorbed by the diffuse coefficients) left out."""
        g = int(np.argmax(self.weights))
        v, F = self._V[g], self._F[g]  # this q's run of the grid filter
        e = (v[:, 0] - v[:, 1:] @ self.beta[g]) / np.sqrt(F * self.S[g] / self.dof)
        return e[self.k :]

    def total_distribution(self, X_post: np.ndarray | None, horizon: int) -> tuple:
        """The post-period total without the intervention, exactly: a mixture over the
        grid of Student t's, (weights, locations, scales, dof). Per grid value of q the
        total is H (a_y - a_x'beta) + beta' sum X plus the last level's error, the walk's
        total and the noise's, each normal given var(eps) (beta's GLS normal too), which is
        the scaled inverse chi-square `simulate` draws: integrated, a t."""
        k, H = self.k, horizon
        c = np.arange(H - 1, 0, -1, dtype=float)  # the walk's weights, as in simulate
        v = H * H * self.P + self.q * float(c @ c) + H
        loc = H * self.a_y
        if k:
            Xp = np.asarray(X_post, float).reshape(H, -1)
            u = Xp.sum(axis=0)[None, :] - H * self.a_x  # (G, k)
            loc = loc + (self.beta * u).sum(axis=1)
            v = v + (u * np.linalg.solve(self.Sxx, u[..., None])[..., 0]).sum(axis=1)
        return self.weights, loc, np.sqrt(self.S / self.dof * v), self.dof

    def simulate(
        self, X_post: np.ndarray | None, horizon: int, n_paths: int, rng: np.random.Generator
    ):
        """Draws of the response without the intervention over the horizon.

        Returns (totals, paths): `totals` (n_paths,) is each path's sum over the horizon,
        drawn exactly with a handful of normals per path (what effects and tail
        probabilities need); `paths()` builds the full (horizon, n_paths) paths on demand
        (for plots), conditioned on the same totals, so tables and plots agree.
        For each path: a grid value of q, then var(eps), beta, the last level, and the
        totals of the level's walk and of the noise."""
        from evalkit.stats.kernels import coefficient_draws

        k, H = self.k, horizon
        Xp = np.asarray(X_post, float).reshape(H, -1) if k else np.zeros((H, 0))
        g = grid_draws(rng, self.weights, n_paths)
        q, P = self.q[g], self.P[g]
        sigma = np.sqrt(self.S[g] / rng.chisquare(self.dof, size=n_paths))
        if k:
            beta = coefficient_draws(
                self.Sxx, self.beta, g, rng.standard_normal((n_paths, k)), sigma
            )  # beta's GLS normal per path (compiled: cholesky(inv(Sxx)) per grid point)
        else:
            beta = np.zeros((n_paths, 0))
        level0 = self._levels(beta, g) + rng.standard_normal(n_paths) * sigma * np.sqrt(P)
        # The walk's total is sum_j (H - j + 1) eta_j over j = 2..H; the noise's is sum_h eps_h.
        c = np.arange(H - 1, 0, -1, dtype=float)  # weights of eta_2 … eta_H
        walk_sd = sigma * np.sqrt(q) * math.sqrt(float(c @ c))
        walk_total = rng.standard_normal(n_paths) * walk_sd
        noise_total = rng.standard_normal(n_paths) * sigma * math.sqrt(H)
        regression_total = beta @ Xp.sum(axis=0) if k else 0.0
        totals = H * level0 + walk_total + noise_total + regression_total

        def paths() -> np.ndarray:
            # i.i.d. normals projected onto each path's drawn totals: exact conditionals
            r = np.random.default_rng(rng.integers(2**63))
            z = r.standard_normal((H - 1, n_paths))
            eta = z - np.outer(c, (c @ z)) / (c @ c)
            eta = eta * (sigma * np.sqrt(q))[None, :] + np.outer(c, walk_total) / (c @ c)
            walk = np.vstack([np.zeros((1, n_paths)), np.cumsum(eta, axis=0)])
            e = r.standard_normal((H, n_paths))
            noise = (e - e.mean(axis=0)) * sigma[None, :] + (noise_total / H)[None, :]
            regression = Xp @ beta.T if k else 0.0
            return level0[None, :] + walk + regression + noise

        return totals, paths
