"""Interrupted time series: segmented regression around one or more dates (level and slope
change), for counts as Poisson, quasi-Poisson or negative-binomial GLMs with an optional
offset (exposure), harmonic seasonality, day-of-week effects, control series as regressors
and autocorrelation-robust (HAC) errors.

A series the model cannot carry is refused with the reason (constant; zero throughout one
side of an interruption, where a rate ratio is infinite; a fit that fails or gives non-finite
estimates), and numerical trouble in a fit that does finish is said beside the estimates.

Checked against Lopez Bernal, Cummins & Gasparrini (2017), the IJE tutorial: the Sicily
smoking-ban series gives their rate ratio 0.885 (95% CI 0.839 to 0.933).
"""

from __future__ import annotations

import functools
import math
import warnings as _warnings
from typing import Optional, Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps

from evalkit.i18n import N_, Msg, Verbatim, joined, localized, tr
from evalkit.record.series import Step, series_step
from evalkit.stats.checks import (
    SeriesError,
    as_series_frame,
    p_said,
    refuse_redundant_controls,
    regular_gaps,
    running_total_warning,
    signed_percent,
)


def _named(name):
    """An interruption as a sentence names it: a name the caller wrote in words (a `Msg`,
    such as an evaluation's 'the launch', translated with the sentence; the record's own
    words) as it is; a plain name, a label of the caller's code, quoted ('launch'). Before,
    every name was quoted as Python writes it, and an Arabic report read «قبل 'the launch'»."""
    return name if isinstance(name, (Msg, Verbatim)) else repr(name)


FAMILIES = ("poisson", "quasipoisson", "negbin", "gaussian")

# a slope's scale and the trend's words in the series' own step (Step.unit): a series of
# dates counts its time in days, weeks, months or years; any other in time steps
PER = {
    "day": (N_("rate ratio per day"), N_("difference per day"), N_("trend (per day)")),
    "week": (N_("rate ratio per week"), N_("difference per week"), N_("trend (per week)")),
    "month": (N_("rate ratio per month"), N_("difference per month"), N_("trend (per month)")),
    "year": (N_("rate ratio per year"), N_("difference per year"), N_("trend (per year)")),
    "step": (
        N_("rate ratio per time step"),
        N_("difference per time step"),
        N_("trend (per time step)"),
    ),
}


def _fmt(x: float) -> str:
    """As the counterfactual's sentences write a number: four significant digits, thousands
    separated (7,480), never e-notation ('%.3g' wrote 999.7 as 1e+03)."""
    from evalkit.stats.counterfactual import significant

    return significant(x)


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
        controls: Sequence[str] = (),
        log_controls: bool = False,
        weekday: bool = False,
    ):
        if family not in FAMILIES:
            raise SeriesError(f"family must be one of {', '.join(FAMILIES)}, got {family!r}")
        if not interruptions:
            raise SeriesError("give at least one interruption: {name: time point}")
        self.warnings: list[str] = []
        controls = list(controls)
        cols = [outcome] + ([offset] if offset else []) + ([season] if season else []) + controls
        counts = [outcome] if family != "gaussian" else []
        self.data = as_series_frame(data, cols, time, counts, self.warnings)
        self.outcome, self.family, self.offset, self.alpha = outcome, family, offset, alpha
        # interruption -> what the control series did there on their own, when one changed
        # too (set by whoever checked them: evalkit.evaluation.impact): no change there is
        # then established, the control cannot tell the interruption from a shared jump
        self.moved_controls: dict = {}
        self.interruptions = dict(interruptions)
        freq, gaps = regular_gaps(self.data.index)
        if gaps:
            self.warnings.append(
                Msg(
                    "{n} time point is missing (a gap), e.g. {dates}; time is counted from "
                    "the dates, so the model reads it as a gap, not as the next point.",
                    "{n} time points are missing (gaps), e.g. {dates}; time is counted from "
                    "the dates, so the model reads them as gaps, not as the next points.",
                    n=len(gaps),
                    dates=joined(", ", [str(g.date()) for g in gaps[:3]]),
                )
            )
        if offset is not None and (self.data[offset] <= 0).any():
            raise SeriesError(f"offset column {offset!r} must be positive (it is logged)")
        for c in controls if log_controls else ():
            if (self.data[c] <= 0).any():
                raise SeriesError(f"control column {c!r} must be positive (it is logged)")
        observed = self.data[outcome].dropna()
        # a running total's changes are its steady rise, not the interruptions': withheld
        self.running_total = (total := running_total_warning(observed)) is not None
        if total is not None:
            self.warnings.append(total)
        if len(observed) and observed.nunique() == 1:
            raise SeriesError(
                Msg(
                    "the series is constant ({value} throughout): there is no change to model",
                    value=_fmt(float(observed.iloc[0])),
                )
            )
        idx = self.data.index
        # time in the series' own step, from its dates (or its numeric time column): a gap
        # is a gap, never the next point (by row, a missing week made the trend steeper)
        self.step: Optional[Step] = None
        if isinstance(idx, pd.DatetimeIndex) and len(idx) >= 2:
            days = [d.date() for d in idx]
            self.step = series_step(days)
            assert self.step is not None
            position = 1.0 + np.array([self.step.between(days[0], d) for d in days])
        elif time is not None and pd.api.types.is_numeric_dtype(idx) and len(idx):
            position = np.asarray(idx, dtype=float) - float(idx[0]) + 1.0
        else:
            position = np.arange(1, len(idx) + 1, dtype=float)
        self.unit = self.step.unit if self.step is not None else "step"
        # the steps the dates jump over without a row: read as gaps
        self.missing_steps = int(
            sum(max(round(d) - 1, 0) for d in np.diff(position) if math.isclose(d, round(d)))
        )
        X = pd.DataFrame({"const": 1.0, "time": position}, index=idx)
        # the rows the model is fitted on: an observed outcome (and controls). Every count of
        # points counts these: a date without a value carries nothing, and a side of an
        # interruption with rows but no value made its level term zero on every fitted row,
        # a 'rate ratio' of 1.000000 (1.000000 to 1.000000) (trial 7, H3)
        ok = np.asarray(self.data[[outcome, *controls]].notna().all(axis=1))
        self.terms: list[tuple[str, str, str]] = []  # (interruption, kind, column)
        for name, at in self.interruptions.items():
            after = np.asarray(idx >= at)
            if not (after & ok).any() or not (~after & ok).any():
                raise SeriesError(
                    f"interruption {name!r} at {at} leaves no data on one side (no observed value)"
                )
            n_before = int((~after & ok).sum())
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
                        interruption=_named(name),
                        terms=X.shape[1],
                    )
                )
        if counts:
            self._refuse_a_zero_segment(observed)
        for c in controls:
            v = self.data[c].astype(float)
            X[f"control: {c}"] = np.log(v) if log_controls else v
        if weekday:
            if not isinstance(idx, pd.DatetimeIndex):
                raise SeriesError("day-of-week effects need dates")
            # the day of the week of the first date is the baseline; a day never observed
            # (a series with gaps) has no term, which would only be zeros
            self.weekday_baseline = int(idx[ok][0].day_of_week)
            for d in range(7):
                if d != self.weekday_baseline and ((idx.day_of_week == d) & ok).any():
                    X[f"weekday {d}"] = (idx.day_of_week == d).astype(float)
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
        self.X, self.y = X[ok], self.data.loc[ok, outcome]
        if controls:
            named = [f"control: {c}" for c in controls]
            refuse_redundant_controls(
                self.X.drop(columns=named).to_numpy(float),
                self.X[named].to_numpy(float),
                controls,
                N_("the series"),
            )
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
        self._evidence_p: Optional[dict] = None
        self._plain_fit = None
        self.result = self._fit(self.X, hac_lags, self.warnings)
        self._check_autocorrelation(hac_lags)

    def _refuse_a_zero_segment(self, observed: pd.Series) -> None:
        """Counts that are zero all through a stretch the model gives its own level make
        that level's rate ratio zero or infinite: no estimate, no interval, say so."""
        at = sorted(self.interruptions.items(), key=lambda kv: kv[1])
        bounds = [(None, at[0][1], Msg("before {interruption}", interruption=_named(at[0][0])))]
        for i, (name, t) in enumerate(at):
            nxt = at[i + 1] if i + 1 < len(at) else None
            bounds.append(
                (
                    t,
                    nxt[1] if nxt else None,
                    Msg(
                        "from {interruption} to {next}",
                        interruption=_named(name),
                        next=_named(nxt[0]),
                    )
                    if nxt
                    else Msg("after {interruption}", interruption=_named(name)),
                )
            )
        idx = observed.index
        for lo, hi, words in bounds:
            inside = np.ones(len(idx), bool)
            if lo is not None:
                inside &= np.asarray(idx >= lo)
            if hi is not None:
                inside &= np.asarray(idx < hi)
            part = observed[inside]
            if len(part) and (part == 0).all():
                raise SeriesError(
                    Msg(
                        "the series is zero throughout {where}: a rate ratio cannot be estimated",
                        where=words,
                    )
                )

    def _fit(self, X, hac_lags, notes: Optional[list] = None):
        """The fit, or a SeriesError saying it failed; an overflow or a fit that did not
        settle is said once in `notes` (the estimates stand, with caution)."""
        from statsmodels.tools.sm_exceptions import ConvergenceWarning

        with _warnings.catch_warnings(record=True) as caught:
            _warnings.simplefilter("always")
            try:
                res = self._fit_model(X, hac_lags)
            except (ValueError, ArithmeticError, np.linalg.LinAlgError) as exc:
                raise SeriesError(
                    Msg("the model could not be fitted ({why})", why=str(exc) or type(exc).__name__)
                ) from None
        values = np.concatenate([np.asarray(res.params, float), np.asarray(res.bse, float)])
        if not np.isfinite(values).all():
            raise SeriesError(
                Msg(
                    "the model's estimates are not finite: the series cannot carry this "
                    "model (too few points, or a term that does not vary)"
                )
            )
        trouble = [
            w for w in caught if issubclass(w.category, (RuntimeWarning, ConvergenceWarning))
        ]
        if trouble and notes is not None:
            notes.append(
                Msg(
                    "The fit met numerical problems (an overflow, or a fit that did not "
                    "settle); treat its estimates with caution."
                )
            )
        return res

    def _fit_model(self, X, hac_lags):
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
                        "Residuals are autocorrelated (Ljung-Box {p} at "
                        "{n} lag): the intervals may be too narrow.",
                        "Residuals are autocorrelated (Ljung-Box {p} at "
                        "{n} lags): the intervals may be too narrow.",
                        p=p_said(p),
                        n=lags,
                    )
                )

    @functools.cached_property
    def _persistent_fit(self) -> Optional[dict]:
        """The regression again with AR(1) errors: phi integrated over a flat grid on
        (-1, 1), the noise's variance analytically (evalkit.stats.ar_noise, the
        counterfactual's AR(1) noise). For counts, on the fit's working response and weights
        (the GLM's last IRLS step: the same estimates at phi = 0). Per grid value of phi:
        the coefficients "b" (G, d) and their covariance "V" (G, d, d), with its posterior
        "weights", "dof" and "phis"; None when the series is too short for it."""
        from evalkit.stats.ar_noise import ArNoiseFit

        X = self.X.to_numpy(float)
        y = self.y.to_numpy(float)
        if self.is_count:
            mu = np.asarray(self.result.predict(), float)
            off = 0.0 if self._offset is None else np.asarray(self._offset, float)
            z = np.log(mu) - off + (y - mu) / mu
            w = mu
            if self.family == "negbin":
                w = mu / (1.0 + float(self.result.params.get("alpha", 0.0)) * mu)
            r = np.sqrt(w)
            z, X = z * r, X * r[:, None]
        else:
            z = y
        if not (np.isfinite(z).all() and np.isfinite(X).all()):
            return None
        try:
            fit = ArNoiseFit(z, None, Z=X)
            pc = fit._pieces
            with np.errstate(all="ignore"):
                V = np.linalg.inv(pc["Mzz"]) * (pc["S"] / pc["dof"])[:, None, None]
        except (ValueError, np.linalg.LinAlgError):
            return None
        if not (np.isfinite(pc["b"]).all() and np.isfinite(V).all()):
            return None
        # phi's prior flat in atanh(phi) (on the grid's range, |phi| <= 0.975), not in phi:
        # a short series' likelihood under-states its persistence, and with a flat prior in
        # phi a null series with phi 0.8 still read as a change 8-10% of the time (5%
        # nominal); with this one 4.5-5.5%, and a real change on independent noise is found
        # as often as before (benchmarks/its_false_positives.py, docs/evaluation-method.md)
        w = fit.weights / (1.0 - fit.phis**2)
        return {"b": pc["b"], "V": V, "weights": w / w.sum(), "dof": pc["dof"], "phis": fit.phis}

    def persistent_test(self, cols: list[str]) -> Optional[float]:
        """p-value of the terms `cols` together with noise that persists (AR(1) errors,
        `_persistent_fit`): the F test of each grid value of phi, averaged over phi's
        posterior; None when that fit cannot be made."""
        fit = self._persistent_fit
        if fit is None:
            return None
        columns = list(self.X.columns)
        J = [columns.index(c) for c in cols]
        b, V = fit["b"][:, J], fit["V"][:, J][:, :, J]
        try:
            wald = (b * np.linalg.solve(V, b[..., None])[..., 0]).sum(axis=1) / len(J)
        except np.linalg.LinAlgError:
            return None
        return float(fit["weights"] @ sps.f.sf(wald, len(J), fit["dof"]))

    @functools.cached_property
    def persistent_noise(self) -> Optional[dict]:
        """The changes again with noise that persists from one point to the next
        (`_persistent_fit`): {"rows": [(estimate, low, high)] per row of `.effects()` (a
        rate ratio for counts), "joint": {interruption: p} (its terms together,
        `persistent_test`), "phi": phi's posterior mean}, or None.
        Why: on 40 weekly points with AR(1) noise (phi 0.5 to 0.8) and no change at all, the
        model's intervals (and Newey-West's) exclude no change 25-38% of the time (trial 9);
        a level that wanders for a few weeks reads as a level change."""
        from evalkit.stats.counterfactual import _heavy, _t_mixture_quantile

        fit = self._persistent_fit
        if fit is None:
            return None
        columns = list(self.X.columns)
        weights, dof = fit["weights"], fit["dof"]
        level = self.alpha / 2
        rows = []
        for _, _, col in self.terms:
            j = columns.index(col)
            loc, scale = fit["b"][:, j], np.sqrt(fit["V"][:, j, j])
            if not (scale > 0).all():
                return None
            mixture = _heavy(weights, loc, scale, dof)
            est = float(weights @ loc)
            lo, hi = (_t_mixture_quantile(q, *mixture) for q in (level, 1 - level))
            rows.append(
                tuple(math.exp(v) for v in (est, lo, hi)) if self.is_count else (est, lo, hi)
            )
        joint = {}
        for name in dict.fromkeys(n for n, _, _ in self.terms):
            cols = [c for n, _, c in self.terms if n == name]
            if len(cols) > 1 and (p := self.persistent_test(cols)) is not None:
                joint[name] = p
        return {"rows": rows, "joint": joint, "phi": float(weights @ fit["phis"])}

    @functools.cached_property
    def pre_trend(self) -> Optional[dict]:
        """The trend the series followed before its first interruption, fitted on those
        points alone (the same family, offset and controls; the day-of-week and seasonal
        terms when the points carry them), against the trend of a model with level changes
        only, which shares one trend across every interruption: {"model", "pre", "low",
        "high"} (per step, on the model's scale: a log rate for counts), "p" (their
        difference, each estimate's error counted) and "interruption", the first; None for
        a model with trend changes (its trend before the first one is the pre-period's by
        construction) or a pre-period too short to fit.
        Why: a launch's rise that decays (a week of 250 signatures a day, then 60 a day)
        tilts the shared trend down, and the level change is then measured against a line
        the series never followed: 127-fold where no day was 51 times a day before the
        launch (trial 17, H2)."""
        if any(kind == "slope" for _, kind, _ in self.terms):
            return None
        first = min(self.interruptions, key=lambda n: self.interruptions[n])
        before = np.asarray(self.X.index < self.interruptions[first])
        levels = [c for _, _, c in self.terms]
        others = [c for c in self.X.columns if c not in levels]
        basic = [c for c in others if c in ("const", "time") or c.startswith("control: ")]
        X = self.X.loc[before]
        for cols in (others, basic):
            # a term that does not vary before the launch (a day of the week not yet seen)
            # carries nothing there
            cols = [c for c in cols if c == "const" or X[c].nunique() > 1]
            if "time" in cols and len(X) >= max(6, 2 * len(cols)):
                break
        else:
            return None
        y = self.y.loc[before]
        off = None if self._offset is None else np.asarray(self._offset)[before]
        if y.nunique() == 1 and off is None:
            # the same value at every point (5 signatures a day): a flat line, exactly
            # (statsmodels' GLM cannot start from it)
            return self._trend_against(first, 0.0, 0.0)
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                if self.family == "gaussian":
                    fam = sm.families.Gaussian()
                else:
                    fam = sm.families.Poisson()
                scale = None if self.family == "gaussian" else "X2"
                pre = sm.GLM(y, X[cols], family=fam, offset=off).fit(scale=scale)
        except (ValueError, ArithmeticError, np.linalg.LinAlgError):
            return None
        return self._trend_against(first, float(pre.params["time"]), float(pre.bse["time"]))

    def _trend_against(self, first, b: float, se: float) -> Optional[dict]:
        """`pre_trend`'s comparison: the pre-period's trend `b` (standard error `se`)
        against this model's."""
        model, se_model = float(self.result.params["time"]), float(self.result.bse["time"])
        if not all(np.isfinite(v) for v in (b, se, model, se_model)):
            return None
        spread = math.hypot(se, se_model)
        diff = abs(model - b)
        p = float(2 * sps.norm.sf(diff / spread)) if spread > 0 else float(diff <= 1e-12)
        z = sps.norm.ppf(1 - self.alpha / 2)
        return {
            "interruption": first,
            "model": model,
            "pre": b,
            "low": b - z * se,
            "high": b + z * se,
            "p": p,
        }

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
                        "scale": PER[self.unit][0] if kind == "slope" else N_("rate ratio"),
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
                        "scale": PER[self.unit][1] if kind == "slope" else N_("difference"),
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
        """One sentence per level or trend change, with its interval. An interval that
        excludes no change is evidence only when the interruption's terms together are
        (`evidence_p`, the joint test; `interruption_test` of this model by default): with
        a level and a slope term each, some interval excludes no change by chance about
        one time in ten on series without any (benchmarks/its_false_positives.py)."""
        level = int(round((1 - self.alpha) * 100))
        out = []
        joint = self.evidence_p
        for i, (_, r) in enumerate(self.effects().iterrows()):
            est, lo, hi = r["estimate"], r["ci_low"], r["ci_high"]
            # as many decimals as tell the interval's ends apart (0.9981 to 0.9984, not
            # 0.998 to 0.998), three at least
            d = next((k for k in range(3, 7) if f"{lo:.{k}f}" != f"{hi:.{k}f}"), 6)
            if self.is_count:
                pct = lambda v: signed_percent(v - 1)  # noqa: E731
                what = Msg("level") if r["change"] == "level" else Msg(PER[self.unit][2])
                s = Msg(
                    "After {interruption}, the {what} changed by a factor of {est} ({pct}; "
                    "{level}% CI {lo} to {hi}).",
                    interruption=r["interruption"],
                    what=what,
                    est=f"{est:.{d}f}",
                    pct=pct(est),
                    level=level,
                    lo=f"{lo:.{d}f}",
                    hi=f"{hi:.{d}f}",
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
            why = self._not_established(i, r, joint)
            if why == "no change":
                s = Msg(
                    "{sentence} The interval includes no change: insufficient evidence of "
                    "an effect.",
                    sentence=s,
                )
            elif why == "running total":
                s = Msg(
                    "{sentence} But the series never falls, as a running total does: the "
                    "change is not established.",
                    sentence=s,
                )
            elif why == "trend":
                t = self.pre_trend
                said = (
                    (lambda v: signed_percent(math.exp(v) - 1))
                    if self.is_count
                    else (lambda v: _fmt(v))
                )
                common = dict(
                    sentence=s,
                    trend=Msg(PER[self.unit][2]),
                    model=said(t["model"]),
                    first=_named(t["interruption"]),
                )
                s = (
                    Msg(
                        "{sentence} But the model's {trend} is {model}, and the series' own "
                        "before {first} was {pre} ({level}% CI {lo} to {hi}): the change is "
                        "measured against a line the data before {first} do not follow, so "
                        "it is not established.",
                        pre=said(t["pre"]),
                        level=level,
                        lo=said(t["low"]),
                        hi=said(t["high"]),
                        **common,
                    )
                    if t["low"] < t["high"]
                    # a pre-period of one value: a flat line with no interval to give
                    else Msg(
                        "{sentence} But the model's {trend} is {model}, and the series was "
                        "flat before {first} (the same value at every point): the change is "
                        "measured against a line the data before {first} do not follow, so "
                        "it is not established.",
                        **common,
                    )
                )
            elif why == "together":
                s = Msg(
                    "{sentence} But the changes after {interruption} taken together are not "
                    "distinguishable from none ({p}): insufficient evidence of an effect.",
                    sentence=s,
                    interruption=r["interruption"],
                    p=p_said(joint[r["interruption"]], 2),
                )
            elif why == "persistent":
                check = self.persistent_noise
                e, a, b = check["rows"][i]
                fmt = (lambda v, d=d: f"{v:.{d}f}") if self.is_count else _fmt
                s = Msg(
                    "{sentence} But read with noise that persists from one point to the next "
                    "(AR(1) noise, its strength estimated from the series: {phi} on average), "
                    "the change is {est} ({level}% interval {lo} to {hi}), which is not "
                    "distinguishable from none: insufficient evidence of an effect.",
                    sentence=s,
                    phi=f"{check['phi']:.2f}",
                    est=fmt(e),
                    level=level,
                    lo=fmt(a),
                    hi=fmt(b),
                )
            elif why == "control moved":
                s = Msg(
                    "{sentence} But the control series changed after {interruption} too "
                    "({changes}): a control that the campaign, or what happened at the same "
                    "time, moved cannot show what the series would have done without it, so "
                    "the change is not established.",
                    sentence=s,
                    interruption=r["interruption"],
                    changes=self.moved_controls[str(r["interruption"])],
                )
            out.append(s)
        return out

    def _not_established(self, i: int, r, joint: dict) -> Optional[str]:
        """Why row `i` of `.effects()` (`r`) is not an established change, or None when it
        is: its interval includes no change; the series is a running total; the
        interruption's terms together are not significant; or, read with noise that
        persists (`persistent_noise`), its interval includes no change or its terms
        together are not significant."""
        none = 1 if self.is_count else 0
        if r["ci_low"] <= none <= r["ci_high"]:
            return "no change"
        if self.running_total:
            return "running total"
        trend = self.pre_trend
        if trend is not None and trend["p"] < self.alpha:
            return "trend"
        p = joint.get(r["interruption"])
        if p is not None and p >= self.alpha:
            return "together"
        check = self.persistent_noise
        if check is not None:
            _, lo, hi = check["rows"][i]
            p = check["joint"].get(r["interruption"])
            if lo <= none <= hi or (p is not None and p >= self.alpha):
                return "persistent"
        if str(r["interruption"]) in self.moved_controls:
            return "control moved"
        return None

    def established(self) -> list[bool]:
        """Per row of `.effects()`: is the change established (what `.effect_sentences()`
        says in words)."""
        joint = self.evidence_p
        return [
            self._not_established(i, r, joint) is None
            for i, (_, r) in enumerate(self.effects().iterrows())
        ]

    # what each row of the table reads as, by why it is not established (`_not_established`)
    READINGS = {
        None: N_("established"),
        "no change": N_("not established: its interval includes no change"),
        "running total": N_("not established: a running total"),
        "trend": N_("not established: measured against a trend the series did not follow before"),
        "together": N_("not established: the changes together are not distinguishable from none"),
        "persistent": N_("not established: read with noise that persists"),
        "control moved": N_("not established: a control series changed there too"),
    }

    def readings(self) -> list[str]:
        """Per row of `.effects()`, what the sentences read it as ('established', or why
        not): the table says it beside its p-value, which alone reads as a finding where
        the changes together are not one (trial 10, L6: p = 0.008 in a row the sentence
        called insufficient evidence)."""
        joint = self.evidence_p
        return [
            self.READINGS[self._not_established(i, r, joint)]
            for i, (_, r) in enumerate(self.effects().iterrows())
        ]

    @property
    def evidence_p(self) -> dict:
        """Per interruption, the p-value of its terms together; set by a caller that chose
        this model among others (the evaluation tests on the model with slope changes)."""
        if self._evidence_p is None:
            several = {n for n, _, _ in self.terms if [m for m, _, _ in self.terms].count(n) > 1}
            self._evidence_p = {n: self.interruption_test(n) for n in several}
        return self._evidence_p

    @evidence_p.setter
    def evidence_p(self, value: dict) -> None:
        self._evidence_p = dict(value)

    def summary(self) -> pd.DataFrame:
        return self.effects()

    def slope_change_test(self) -> float:
        """p-value of the slope-change terms (F test for quasi-Poisson/Gaussian, likelihood
        ratio otherwise), against the same model with level changes only."""
        slope_cols = [c for _, k, c in self.terms if k == "slope"]
        if not slope_cols:
            raise SeriesError("the model has no slope-change terms")
        return self._drop_test(slope_cols)

    def interruption_test(self, name) -> float:
        """p-value of all of one interruption's terms together (its level and, if the model
        has it, its slope change): is there any change at it? The same test as
        `slope_change_test`, against the model without them."""
        cols = [c for n, _, c in self.terms if n == name]
        if not cols:
            raise SeriesError(f"no interruption named {name!r}")
        return self._drop_test(cols)

    def _drop_test(self, cols: list[str]) -> float:
        small = self._fit(self.X.drop(columns=cols), None)
        # the model itself without robust errors (its fit, when it has none): fitted once
        if self._plain_fit is None:
            self._plain_fit = self.result if not self.hac_lags else self._fit(self.X, None)
        big = self._plain_fit
        q = len(cols)
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

    def plot(self, ax=None, spans: Optional[dict] = None):
        """The series, the fitted model and its counterfactual, each interruption a
        numbered line. `spans` (name: (first day, last day)) are the days a vague date
        allows ('late 2024-05'): drawn shaded, the line at the day the model puts the
        change. The key sits under the chart, never over its points."""
        from evalkit.i18n import direction
        from evalkit.style.plotting import date_axis, pyplot

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
        # each interruption a numbered line, its name in the legend: names written at the
        # lines ran into each other where two came days apart, and past the plot's edge
        # near its end; numbers of lines close together are staggered down
        span = (x[-1] - x[0]) if len(x) > 1 else None
        previous, drop, shaded = None, 0, False
        for number, (name, at) in enumerate(
            sorted(self.interruptions.items(), key=lambda i: i[1]), 1
        ):
            first, last = (spans or {}).get(name, (at, at))
            if isinstance(x, pd.DatetimeIndex) and last > first:
                # a vague date: every day it allows, not one picked inside it
                ax.axvspan(
                    pd.Timestamp(first),
                    pd.Timestamp(last) + pd.Timedelta(days=1),
                    color="#999",
                    alpha=0.18,
                    lw=0,
                    label=None if shaded else tr("shaded: the days a vague date allows"),
                )
                shaded = True
            ax.axvline(at, color="#999", lw=1, label=f"{number}: {localized(name)}")
            close = previous is not None and span is not None and (at - previous) < 0.04 * span
            drop = drop + 1 if close else 0
            ax.annotate(
                str(number),
                xy=(at, 1),
                xycoords=("data", "axes fraction"),
                xytext=(2, -2 - 10 * drop),
                textcoords="offset points",
                fontsize=8,
                va="top",
            )
            previous = at
        if isinstance(x, pd.DatetimeIndex):
            date_axis(ax.xaxis)
        ax.set_ylabel(self.outcome)
        ax.set_title(tr("Interrupted time series"))
        fig.tight_layout()
        # under the chart, at the side the report's lines start from: inside it, the key
        # covered the points behind it (the peak of a series under its box). Placed after
        # the layout, which would shrink the plot to make room for it; the picture is
        # cropped to what is drawn, the key included
        rtl = direction() == "rtl"
        ax.legend(
            fontsize=8,
            loc="upper right" if rtl else "upper left",
            bbox_to_anchor=(1.0 if rtl else 0.0, -0.12),
            frameon=False,
            borderaxespad=0.0,
            markerfirst=not rtl,  # right to left: each line's mark at its right
        )
        return fig
