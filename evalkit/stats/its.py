"""Interrupted time series: segmented regression around one or more dates (level and slope
change), for counts as Poisson, quasi-Poisson or negative-binomial GLMs with an optional
offset (exposure), harmonic seasonality and autocorrelation-robust (HAC) errors.

Checked against Lopez Bernal, Cummins & Gasparrini (2017), the IJE tutorial: the Sicily
smoking-ban series gives their rate ratio 0.885 (95% CI 0.839 to 0.933).
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps

from evalkit.i18n import N_, Msg, localized, tr
from evalkit.stats.checks import SeriesError, as_series_frame, regular_gaps

FAMILIES = ("poisson", "quasipoisson", "negbin", "gaussian")


def _fmt(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


class InterruptedTimeSeries:
    """`InterruptedTimeSeries(df, "aces", {"smoking ban": 37}, time="time",
    offset="stdpop", season="month", harmonics=2)` — one call fits; `.summary()` shows the
    level and slope changes with confidence intervals; `.plot()` the counterfactual."""

    def __init__(
        self,
        data: pd.DataFrame,
        outcome: str,
        interruptions: dict,
        time: Optional[str] = None,
        family: str = "quasipoisson",
        offset: Optional[str] = None,
        season: Optional[str] = None,
        harmonics: int = 0,
        period: int = 12,
        slope_change: bool = True,
        hac_lags: Optional[int] = None,
        alpha: float = 0.05,
    ):
        if family not in FAMILIES:
            raise SeriesError(f"family must be one of {', '.join(FAMILIES)}, got {family!r}")
        if not interruptions:
            raise SeriesError("give at least one interruption: {name: time point}")
        self.warnings: list[str] = []
        cols = [outcome] + ([offset] if offset else []) + ([season] if season else [])
        counts = [outcome] if family != "gaussian" else []
        self.data = as_series_frame(data, cols, time, counts, self.warnings)
        self.outcome, self.family, self.offset, self.alpha = outcome, family, offset, alpha
        self.interruptions = dict(interruptions)
        freq, gaps = regular_gaps(self.data.index)
        if gaps:
            self.warnings.append(
                Msg(
                    "{n} time point is missing (a gap), e.g. {dates}; the model skips it.",
                    "{n} time points are missing (gaps), e.g. {dates}; the model skips them.",
                    n=len(gaps),
                    dates=", ".join(str(g.date()) for g in gaps[:3]),
                )
            )
        if offset is not None and (self.data[offset] <= 0).any():
            raise SeriesError(f"offset column {offset!r} must be positive (it is logged)")
        idx = self.data.index
        position = np.arange(1, len(idx) + 1, dtype=float)
        X = pd.DataFrame({"const": 1.0, "time": position}, index=idx)
        self.terms: list[tuple[str, str, str]] = []  # (interruption, kind, column)
        for name, at in self.interruptions.items():
            after = np.asarray(idx >= at)
            if after.all() or not after.any():
                raise SeriesError(f"interruption {name!r} at {at} leaves no data on one side")
            n_before = int((~after).sum())
            X[f"level: {name}"] = after.astype(float)
            self.terms.append((name, N_("level"), f"level: {name}"))
            if slope_change:
                first = position[after][0]
                X[f"slope: {name}"] = np.where(after, position - first + 1, 0.0)
                self.terms.append((name, N_("slope"), f"slope: {name}"))
            if n_before < 2 * X.shape[1]:
                self.warnings.append(
                    Msg(
                        "Only {n} point before {interruption} for {terms} "
                        "terms: estimates are unstable.",
                        "Only {n} points before {interruption} for {terms} "
                        "terms: estimates are unstable.",
                        n=n_before,
                        interruption=repr(name),
                        terms=X.shape[1],
                    )
                )
        if harmonics:
            s = (
                self.data[season]
                if season
                else (idx.month if isinstance(idx, pd.DatetimeIndex) else None)
            )
            if s is None:
                raise SeriesError("seasonality needs a season column (e.g. month) or dates")
            for k in range(1, harmonics + 1):
                X[f"sin{k}"] = np.sin(2 * np.pi * k * np.asarray(s, float) / period)
                X[f"cos{k}"] = np.cos(2 * np.pi * k * np.asarray(s, float) / period)
        ok = self.data[outcome].notna()
        self.X, self.y = X[ok], self.data.loc[ok, outcome]
        if len(self.y) <= X.shape[1]:
            raise SeriesError(
                Msg(
                    "{n} observation for {terms} terms: too short",
                    "{n} observations for {terms} terms: too short",
                    n=len(self.y),
                    terms=X.shape[1],
                )
            )
        off = np.log(self.data.loc[ok, offset]) if offset else None
        self._offset = off
        self.hac_lags = hac_lags
        self.result = self._fit(self.X, hac_lags)
        self._check_autocorrelation(hac_lags)

    def _fit(self, X, hac_lags):
        kw = {}
        if hac_lags:
            kw = dict(cov_type="HAC", cov_kwds={"maxlags": hac_lags})
        if self.family == "negbin":
            model = sm.NegativeBinomial(self.y, X, offset=self._offset)
            res = model.fit(disp=False, maxiter=200, **kw)
            return res
        fam = sm.families.Gaussian() if self.family == "gaussian" else sm.families.Poisson()
        model = sm.GLM(self.y, X, family=fam, offset=self._offset)
        scale = "X2" if self.family == "quasipoisson" else None
        return model.fit(scale=scale, **kw)

    def _check_autocorrelation(self, hac_lags):
        self.autocorrelation_p = self.autocorrelation_lags = None
        resid = getattr(self.result, "resid_pearson", None)
        if resid is None:
            resid = (self.y - self.result.predict()) / np.sqrt(
                np.maximum(self.result.predict(), 1e-9)
            )
        lags = min(12, len(resid) // 5)
        if lags >= 1:
            from statsmodels.stats.diagnostic import acorr_ljungbox

            p = float(acorr_ljungbox(np.asarray(resid), lags=[lags])["lb_pvalue"].iloc[0])
            self.autocorrelation_p, self.autocorrelation_lags = p, lags
            if p < 0.05 and not hac_lags:
                # (in code: refit with hac_lags=autocorrelation_lags for robust errors)
                self.warnings.append(
                    Msg(
                        "Residuals are autocorrelated (Ljung-Box p = {p} at "
                        "{n} lag): the intervals may be too narrow.",
                        "Residuals are autocorrelated (Ljung-Box p = {p} at "
                        "{n} lags): the intervals may be too narrow.",
                        p=f"{p:.3f}",
                        n=lags,
                    )
                )

    @property
    def is_count(self) -> bool:
        return self.family != "gaussian"

    def effects(self) -> pd.DataFrame:
        ci = self.result.conf_int(alpha=self.alpha)
        rows = []
        for name, kind, col in self.terms:
            b, lo, hi = self.result.params[col], ci.loc[col, 0], ci.loc[col, 1]
            p = float(self.result.pvalues[col])
            if self.is_count:
                rows.append(
                    {
                        "interruption": name,
                        "change": kind,
                        "estimate": np.exp(b),
                        "ci_low": np.exp(lo),
                        "ci_high": np.exp(hi),
                        "p_value": p,
                        "scale": N_("rate ratio per time step")
                        if kind == "slope"
                        else N_("rate ratio"),
                    }
                )
            else:
                rows.append(
                    {
                        "interruption": name,
                        "change": kind,
                        "estimate": b,
                        "ci_low": lo,
                        "ci_high": hi,
                        "p_value": p,
                        "scale": N_("difference per time step")
                        if kind == "slope"
                        else N_("difference"),
                    }
                )
        return pd.DataFrame(rows)

    def sentences(self) -> list[str]:
        out = self.effect_sentences()
        if self.family == "quasipoisson":
            out.append(
                Msg(
                    "Overdispersion (quasi-Poisson scale): {scale}.",
                    scale=f"{self.result.scale:.2f}",
                )
            )
        return out + self.warnings

    @property
    def autocorrelated(self) -> bool:
        """The residuals fail the Ljung-Box test and the errors are not yet robust to it."""
        return (
            self.autocorrelation_p is not None
            and self.autocorrelation_p < 0.05
            and not self.hac_lags
        )

    def effect_sentences(self) -> list[str]:
        """One sentence per level or trend change, with its interval."""
        level = int(round((1 - self.alpha) * 100))
        out = []
        for _, r in self.effects().iterrows():
            est, lo, hi = r["estimate"], r["ci_low"], r["ci_high"]
            if self.is_count:
                pct = lambda v: f"{(v - 1) * 100:+.1f}%"  # noqa: E731
                what = Msg("level") if r["change"] == "level" else Msg("trend (per time step)")
                s = Msg(
                    "After {interruption}, the {what} changed by a factor of {est} ({pct}; "
                    "{level}% CI {lo} to {hi}).",
                    interruption=r["interruption"],
                    what=what,
                    est=f"{est:.3f}",
                    pct=pct(est),
                    level=level,
                    lo=f"{lo:.3f}",
                    hi=f"{hi:.3f}",
                )
            else:
                s = Msg(
                    "After {interruption}, the {what} changed by {est} ({level}% CI {lo} to {hi}).",
                    interruption=r["interruption"],
                    what=Msg(r["change"]),
                    est=_fmt(est),
                    level=level,
                    lo=_fmt(lo),
                    hi=_fmt(hi),
                )
            if lo <= (1 if self.is_count else 0) <= hi:
                s = Msg(
                    "{sentence} The interval includes no change: insufficient evidence of "
                    "an effect.",
                    sentence=s,
                )
            out.append(s)
        return out

    def summary(self) -> pd.DataFrame:
        return self.effects()

    def slope_change_test(self) -> float:
        """p-value of the slope-change terms (F test for quasi-Poisson/Gaussian, likelihood
        ratio otherwise), against the same model with level changes only."""
        slope_cols = [c for _, k, c in self.terms if k == "slope"]
        if not slope_cols:
            raise SeriesError("the model has no slope-change terms")
        small = self._fit(self.X.drop(columns=slope_cols), None)
        big = self._fit(self.X, None)
        q = len(slope_cols)
        if self.family in ("quasipoisson", "gaussian"):
            f = (small.deviance - big.deviance) / q / big.scale
            return float(sps.f.sf(f, q, big.df_resid))
        lr = 2 * (big.llf - small.llf)
        return float(sps.chi2.sf(lr, q))

    def counterfactual(self) -> pd.Series:
        X0 = self.X.copy()
        for _, _, col in self.terms:
            X0[col] = 0.0
        return pd.Series(self._predict(X0), index=self.X.index)

    def _predict(self, X):
        return self.result.predict(X, offset=self._offset)

    def plot(self, ax=None):
        from evalkit.style.plotting import pyplot

        plt = pyplot()
        fig, ax = plt.subplots(figsize=(8, 3.5)) if ax is None else (ax.figure, ax)
        x = self.X.index
        ax.plot(x, self.y, "o", ms=3, color="#555", label=tr("observed"))
        ax.plot(x, self._predict(self.X), color="#4c72b0", label=tr("fitted"))
        ax.plot(
            x,
            self.counterfactual(),
            "--",
            color="#c44e52",
            label=tr("counterfactual (no interruption)"),
        )
        for name, at in self.interruptions.items():
            ax.axvline(at, color="#999", lw=1)
            ax.annotate(localized(name), (at, ax.get_ylim()[1]), fontsize=8, va="top")
        ax.set_ylabel(self.outcome)
        ax.legend(fontsize=8)
        ax.set_title(tr("Interrupted time series"))
        fig.tight_layout()
        return fig
