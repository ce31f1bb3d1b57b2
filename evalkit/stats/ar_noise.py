"""AR(1) noise around a regression: y_t = z_t'b + u_t, u_t = phi u_{t-1} + e_t, with z_t = (1,
controls, seasonal terms), b diffuse (a flat prior) and e_t ~ N(0, sigma^2).

Why this model: persistent noise (a response that stays high for a few days, then comes back)
is not a drifting level. A local level reads it as one and then forecasts a walk whose
intervals are far wider than the estimate's actual error (docs/statistics.md).

Why it is fast and exact: the GLS (Prais-Winsten) transform of the data is linear in phi, so
the cross-products of the transformed [z, y] are a quadratic in phi built from three
cross-product matrices of the data. The diffuse likelihood, b's GLS estimate and the
residual sum of squares then follow for a whole grid of phi in a few batched solves, without
a filter or an optimiser. phi is integrated over that grid (flat prior on (-1, 1)), sigma^2
analytically (prior 1/sigma^2), b from its GLS normal: the future paths carry parameter as
well as noise uncertainty.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from evalkit.stats.posterior import (
    GridPosterior,
    grid_draws,
    grid_mixture_logpdf,
    student_t_logpdf,
)

# midpoints of 40 equal bins of (-1, 1): a flat prior on phi
PHI_GRID = (np.arange(40) + 0.5) / 20.0 - 1.0


@functools.lru_cache(maxsize=64)
def _horizon_terms(phis: bytes, horizon: int) -> tuple:
    """Per grid value of phi, over a horizon H: phi^h (h = 1..H), the weights c_j of the
    innovations e_1..e_H in the noise's total (c_j = sum_{h>=j} phi^(h-j)) and their norm.
    Made once per grid and horizon (keyed by the grid's bytes): the H powers of 40 numbers
    cost more than the rest of a forecast, and the forecast and every candidate's draws
    over the same post-period use the same ones. Read only."""
    phi = np.frombuffer(phis)
    powers = phi[:, None] ** np.arange(1, horizon + 1)[None, :]  # (G, H)
    c = np.cumsum(np.hstack([np.ones((len(phi), 1)), powers[:, :-1]]), axis=1)[:, ::-1]
    out = (powers, c, np.sqrt((c * c).sum(axis=1)), powers.sum(axis=1))
    for a in out:
        a.flags.writeable = False
    return out


class ArNoiseFit(GridPosterior):
    """Fit on the pre-period (y: n, X: n x k controls and seasonal terms, no missing values)."""

    def __init__(
        self,
        y: np.ndarray,
        X: np.ndarray | None,
        phis: np.ndarray = PHI_GRID,
        first: int | None = None,
        Z: np.ndarray | None = None,
    ):
        """`first`: the hold-out score's first points, fitted in the same batch; `Z`: the
        regressors [1, X] when the caller has made them."""
        y = np.asarray(y, dtype=float)
        n = len(y)
        X = np.zeros((n, 0)) if X is None else np.asarray(X, dtype=float).reshape(n, -1)
        self.y, self.n, self.k = y, n, X.shape[1]
        self.Z = np.concatenate([np.ones((n, 1)), X], axis=1) if Z is None else Z
        self.d = self.Z.shape[1]
        if n - self.d < 3:
            raise ValueError("too few observations for the number of controls")
        self.phis = np.asarray(phis, dtype=float)
        self._W = np.concatenate([self.Z, y[:, None]], axis=1)
        fits = self._fit_batch([n] if first is None else [n, first])
        dev, self._pieces = fits[0]
        self.first, self._dev_first = first, None if first is None else fits[1][0]
        self._set_posterior(dev, np.zeros(len(self.phis)))

    def _fit(self, m: int):
        """-2 log diffuse likelihood (up to a constant) on the first m points, for every phi."""
        return self._fit_batch([m])[0]

    def _fit_batch(self, ms: list[int]) -> list:
        """_fit for each m of `ms`: the cross-products of the first m points in numpy, the
        solve of every phi compiled (evalkit/stats/kernels.py)."""
        from evalkit.stats.kernels import ar_gls

        out = []
        for m in ms:
            W = self._W[:m]
            A, B, C = W[1:].T @ W[1:], W[1:].T @ W[:-1], W[:-1].T @ W[:-1]
            dof = m - self.d
            w0 = W[0]  # np.outer(w0, w0), without its wrapper: the same products
            dev, b, Mzz, S = ar_gls(A, B, C, w0[:, None] * w0[None, :], self.phis, self.d, dof)
            out.append((dev, {"b": b, "Mzz": Mzz, "S": S, "dof": dof}))
        return out

    def log_evidence_first(self, m: int) -> float:
        """log p(y_1..y_m): the same model on the first m points (for the hold-out score)."""
        dev = self._dev_first if m == self.first else self._fit(m)[0]
        return self._evidence(dev, np.zeros(len(self.phis)), m)

    def block_scores(self, m: int, h: int) -> np.ndarray:
        """log p(y_{t+1} + ... + y_{t+h} | y_1..y_t) for t = m … n - h (as
        LocalLevelFit.block_scores): the cross-products of the first t points are cumulative
        sums, so every origin and every phi come from one batched solve."""
        W, d, phi = self._W, self.d, self.phis
        t = np.arange(m, self.n - h + 1)
        out = W[:, :, None] * W[:, None, :]
        A = np.cumsum(out[1:], axis=0)[t - 2]
        B = np.cumsum(W[1:, :, None] * W[:-1, None, :], axis=0)[t - 2]
        C = np.cumsum(out[:-1], axis=0)[t - 2]
        p, p2 = phi[:, None, None, None], (phi * phi)[:, None, None, None]
        M = A - p * (B + np.swapaxes(B, -1, -2)) + p2 * C + (1.0 - p2) * out[0]
        Mzz, mzy, myy = M[..., :d, :d], M[..., :d, d], M[..., d, d]  # (G, T, ...)
        b = np.linalg.solve(Mzz, mzy[..., None])[..., 0]
        S = myy - (mzy * b).sum(axis=-1)
        dof = t - d
        dev = dof * np.log(S) - np.log1p(-phi * phi)[:, None] + np.linalg.slogdet(Mzz)[1]
        powers = phi[:, None] ** np.arange(1, h + 1)[None, :]  # (G, h)
        s_phi = powers.sum(axis=1)
        # the weights c_j of the innovations e_1..e_h in the total: c_j = sum_{i<=h-j} phi^i
        c = np.cumsum(np.hstack([np.ones((len(phi), 1)), powers[:, :-1]]), axis=1)
        sums = np.vstack([np.zeros(d + 1), np.cumsum(W, axis=0)])
        block = sums[t + h] - sums[t]  # (T, d+1)
        last = W[t - 1]  # the last point seen
        g = block[None, :, :d] - s_phi[:, None, None] * last[None, :, :d]  # (G, T, d)
        loc = (b * g).sum(axis=-1) + s_phi[:, None] * last[None, :, d]
        var = (c * c).sum(axis=1)[:, None] + (g * np.linalg.solve(Mzz, g[..., None])[..., 0]).sum(
            axis=-1
        )
        logpdf = student_t_logpdf(block[:, d], dof, loc, S / dof * var)
        return grid_mixture_logpdf(-0.5 * dev, logpdf)

    # --- results -------------------------------------------------------------------------
    def _Zpost(self, X_post, H):
        """[1, X_post] over the horizon, made once for the same X_post (the forecast and the
        draws read it; the cache holds X_post itself, so its identity cannot be reused)."""
        made = self.__dict__.get("_zp")
        if made is not None and made[0] is X_post and made[1] == H:
            return made[2]
        Xp = np.asarray(X_post, float).reshape(H, -1) if self.k else np.zeros((H, 0))
        Zp = np.concatenate([np.ones((H, 1)), Xp], axis=1)
        self._zp = (X_post, H, Zp)
        return Zp

    def mean_forecast(self, X_post: np.ndarray | None, horizon: int) -> np.ndarray:
        """The posterior mean of the response without the intervention."""
        Zp = self._Zpost(X_post, horizon)
        b = self._pieces["b"]  # (G, d)
        last = self.y[-1] - b @ self.Z[-1]  # u_n per phi
        powers = _horizon_terms(self.phis.tobytes(), horizon)[0]  # (G, H)
        means = b @ Zp.T + powers * last[:, None]
        return self.weights @ means

    def residuals(self) -> np.ndarray:
        """Standardised one-step prediction errors at the posterior mode (Ljung-Box check)."""
        g = int(np.argmax(self.weights))
        phi, b = self.phis[g], self._pieces["b"][g]
        u = self.y - self.Z @ b
        e = np.concatenate([[u[0] * math.sqrt(1 - phi * phi)], u[1:] - phi * u[:-1]])
        return e / math.sqrt(self._pieces["S"][g] / self._pieces["dof"])

    def total_distribution(self, X_post: np.ndarray | None, horizon: int) -> tuple:
        """The post-period total without the intervention, exactly: a mixture over the
        grid of Student t's, (weights, locations, scales, dof). Per grid value of phi the
        total is b'(sum Z - phi^+ Z_n) + phi^+ y_n plus the noise's total (phi^+ the sum of
        phi^h): normal given sigma^2 (b's GLS normal, the noise's c'e), sigma^2 the scaled
        inverse chi-square `simulate` draws; integrated, a t with dof degrees of freedom."""
        H, Zp = horizon, self._Zpost(X_post, horizon)
        pc = self._pieces
        _, _, grid_c_norm, grid_power_sum = _horizon_terms(self.phis.tobytes(), H)
        a = Zp.sum(axis=0)[None, :] - grid_power_sum[:, None] * self.Z[-1][None, :]  # (G, d)
        loc = (pc["b"] * a).sum(axis=1) + grid_power_sum * self.y[-1]
        quad = (a * np.linalg.solve(pc["Mzz"], a[..., None])[..., 0]).sum(axis=1)
        scale = np.sqrt(pc["S"] / pc["dof"] * (quad + grid_c_norm**2))
        return self.weights, loc, scale, pc["dof"]

    def simulate(
        self, X_post: np.ndarray | None, horizon: int, n_paths: int, rng: np.random.Generator
    ):
        """(totals, paths) as LocalLevelFit.simulate: per path a grid value of phi, then
        sigma^2, b, and the total of the future noise; full paths on demand, conditioned on
        the same totals."""
        from evalkit.stats.kernels import coefficient_draws

        H, Zp = horizon, self._Zpost(X_post, horizon)
        pc = self._pieces
        g = grid_draws(rng, self.weights, n_paths)
        sigma = np.sqrt(pc["S"][g] / rng.chisquare(pc["dof"], size=n_paths))
        b = coefficient_draws(
            pc["Mzz"], pc["b"], g, rng.standard_normal((n_paths, self.d)), sigma
        )  # b's GLS normal per path (compiled: numpy's cholesky(inv(Mzz)) per grid point)
        last = self.y[-1] - b @ self.Z[-1]  # u_n per path
        # per grid point (then picked per path): phi^h, and the weights c_j of e_1..e_H in
        # the noise's total, c_j = sum_{h>=j} phi^(h-j)
        _, grid_c, grid_c_norm, grid_power_sum = _horizon_terms(self.phis.tobytes(), H)
        noise_total = rng.standard_normal(n_paths) * sigma * grid_c_norm[g]
        totals = b @ Zp.sum(axis=0) + grid_power_sum[g] * last + noise_total

        def paths() -> np.ndarray:
            phi, c = self.phis[g], grid_c[g]  # per path (only the paths need them)
            r = np.random.default_rng(rng.integers(2**63))
            z = r.standard_normal((n_paths, H))
            cc = (c * c).sum(axis=1)
            # i.i.d. innovations projected onto each path's drawn total (c'e = noise_total)
            e = (z - c * ((c * z).sum(axis=1) / cc)[:, None]) * sigma[:, None] + c * (
                noise_total / cc
            )[:, None]
            u = np.empty((n_paths, H))
            prev = last
            for h in range(H):  # H is the post-period
                prev = phi * prev + e[:, h]
                u[:, h] = prev
            return (b @ Zp.T + u).T

        return totals, paths
