"""Rates across phases or campaigns: events per week (or per unit of exposure), a Poisson
trend test (quasi-Poisson when overdispersed), and honest handling of qualified counts:
"more than 60" is a lower bound, so the result says which way it could move."""

from __future__ import annotations

import textwrap

from typing import Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm

from evalkit.i18n import N_, Msg, joined, tr
from evalkit.record.values import Quantity
from evalkit.stats.checks import SeriesError, p_said

# How far a bounded count is pushed, to see which way the estimate moves.
BOUND_PROBE = 0.5


class RateTrend:
    """`RateTrend(labels, counts, exposures)`: counts may be numbers or `Quantity`/strings
    such as "more than 60"; exposures are the weeks (or other units) each count covers."""

    def __init__(
        self,
        labels: Sequence[str],
        counts: Sequence,
        exposures: Sequence[float],
        unit: str = N_("week"),
        alpha: float = 0.05,
    ):
        if not (len(labels) == len(counts) == len(exposures)):
            raise SeriesError("labels, counts and exposures must have the same length")
        if len(labels) < 2:
            raise SeriesError("a trend needs at least two counts")
        self.quantities = [Quantity.parse(c) for c in counts]
        self.exposures = np.asarray(exposures, dtype=float)
        if (self.exposures <= 0).any():
            raise SeriesError("every exposure (e.g. weeks covered) must be positive")
        self.labels, self.unit, self.alpha = list(labels), unit, alpha
        self.counts = np.array([q.value for q in self.quantities], dtype=float)
        if (self.counts == 0).all():
            raise SeriesError("every count is zero: there is no rate to compare")
        self.warnings: list[str] = []
        self.result = self._fit(self.counts)
        self.overdispersion = float(self.result.scale)

    def _fit(self, counts):
        X = sm.add_constant(np.arange(len(counts), dtype=float))
        model = sm.GLM(counts, X, family=sm.families.Poisson(), offset=np.log(self.exposures))
        res = model.fit()
        df = len(counts) - 2
        if df > 0:
            scale = res.pearson_chi2 / df
            if scale > 1:
                res = model.fit(scale="X2")
        return res

    @property
    def rate_ratio(self) -> tuple[float, float, float]:
        b = self.result.params[1]
        lo, hi = self.result.conf_int(alpha=self.alpha)[1]
        return float(np.exp(b)), float(np.exp(lo)), float(np.exp(hi))

    @property
    def p_value(self) -> float:
        return float(self.result.pvalues[1])

    def rates(self) -> pd.DataFrame:
        rows = []
        for label, q, e in zip(self.labels, self.quantities, self.exposures):
            rows.append(
                {
                    "label": label,
                    "count": str(q),
                    "bound": q.bound,
                    f"{self.unit}s": round(e, 2),
                    f"per {self.unit} (low)": q.lower / e,
                    f"per {self.unit} (high)": q.upper / e,
                }
            )
        return pd.DataFrame(rows)

    def bound_directions(self) -> list[str]:
        """For each bounded count, how the trend would move if the true count were further
        from the stated value in the direction the qualifier allows."""
        rr = self.rate_ratio[0]
        out = []
        for i, q in enumerate(self.quantities):
            if q.bound not in ("lower", "upper"):
                continue
            probe = self.counts.copy()
            probe[i] = (
                q.value * (1 + BOUND_PROBE) if q.bound == "lower" else q.value * (1 - BOUND_PROBE)
            )
            moved = float(np.exp(self._fit(probe).params[1]))
            trend = N_("steeper decline") if moved < rr else N_("weaker decline or a rise")
            if rr > 1:
                trend = N_("steeper rise") if moved > rr else N_("weaker rise or a decline")
            template = (
                N_(
                    "'{count}' ({label}) is a lower bound: if the true count is higher, "
                    "the trend is a {trend} than estimated (rate ratio {moved} instead "
                    "of {rr})."
                )
                if q.bound == "lower"
                else N_(
                    "'{count}' ({label}) is an upper bound: if the true count is lower, the "
                    "trend is a {trend} than estimated (rate ratio {moved} instead of {rr})."
                )
            )
            out.append(
                Msg(
                    template,
                    count=q.msg(),
                    label=self.labels[i],
                    trend=trend,
                    moved=f"{moved:.2f}",
                    rr=f"{rr:.2f}",
                )
            )
        return out

    def summary(self) -> pd.DataFrame:
        return self.rates()

    def sentences(self) -> list[str]:
        rr, lo, hi = self.rate_ratio
        level = int(round((1 - self.alpha) * 100))
        s = [
            Msg(
                "From one count to the next ({labels}) the rate per {unit} changes by a "
                "factor of {rr} ({level}% CI {lo} to {hi}; {p}), estimated at the stated "
                "counts.",
                labels=joined(", ", list(self.labels)),
                unit=self.unit,
                rr=f"{rr:.2f}",
                level=level,
                lo=f"{lo:.2f}",
                hi=f"{hi:.2f}",
                p=p_said(self.p_value),
            )
        ]
        if lo <= 1 <= hi:
            s.append(Msg("The interval includes no trend: insufficient evidence of a trend."))
        if len(self.counts) <= 3:
            s.append(
                Msg(
                    "Only {n} count: overdispersion cannot be estimated well, so the "
                    "interval may be too narrow.",
                    "Only {n} counts: overdispersion cannot be estimated well, so the "
                    "interval may be too narrow.",
                    n=len(self.counts),
                )
            )
        elif self.overdispersion > 1:
            s.append(
                Msg(
                    "The counts are overdispersed (scale {scale}); the interval uses the "
                    "quasi-Poisson scale.",
                    scale=f"{self.overdispersion:.1f}",
                )
            )
        return s + self.bound_directions() + self.warnings

    def plot(self, ax=None, trend_line: bool = True):
        """The rates with their bounds; `trend_line=False` when the counts come from different
        campaigns, where a fitted line would suggest one process running through them."""
        from evalkit.style.plotting import pyplot

        plt = pyplot()
        fig, ax = plt.subplots(figsize=(7, 3)) if ax is None else (ax.figure, ax)
        r = self.rates()
        low, high = r[f"per {self.unit} (low)"], r[f"per {self.unit} (high)"]
        shown = [hi if b == "upper" else lo for lo, hi, b in zip(low, high, r["bound"])]
        top = max(shown) * 1.35 or 1
        arrow = 0.18 * top  # bounds drawn as arrows of a fixed share of the axis
        for i, (y, b) in enumerate(zip(shown, r["bound"])):
            colour = {"lower": "#4c72b0", "upper": "#dd8452"}.get(b, "#55a868")
            ax.plot([i], [y], "o", color=colour)
            if b in ("lower", "upper"):
                end = y + arrow if b == "lower" else max(0, y - arrow)
                ax.annotate(
                    "",
                    xy=(i, end),
                    xytext=(i, y),
                    arrowprops=dict(arrowstyle="->", color=colour, lw=1.5),
                )
        if trend_line:
            fitted = self.result.predict() / self.exposures
            ax.plot(
                range(len(r)),
                fitted,
                "--",
                color="#999",
                label=tr("Poisson trend at the stated counts"),
            )
            ax.legend(fontsize=8)
        ax.set_ylim(0, top + arrow)
        ax.set_xlim(-0.5, len(r) - 0.5)
        ax.set_xticks(range(len(r)), [textwrap.fill(str(l), 22) for l in r["label"]], fontsize=8)
        ax.set_ylabel(tr("per {unit}").format(unit=tr(self.unit)))
        ax.set_title(tr("Rates (arrows: the count is a bound, the rate may lie that way)"))
        fig.tight_layout()
        return fig


def rate_ratio(count_a, exposure_a: float, count_b, exposure_b: float, alpha: float = 0.05) -> dict:
    """Rate of A over rate of B with an exact-conditional interval and test."""
    from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

    a, b = Quantity.parse(count_a), Quantity.parse(count_b)
    ratio = (a.value / exposure_a) / (b.value / exposure_b)
    lo, hi = confint_poisson_2indep(
        a.value, exposure_a, b.value, exposure_b, method="score", compare="ratio", alpha=alpha
    )
    p = test_poisson_2indep(a.value, exposure_a, b.value, exposure_b, method="score").pvalue
    return {
        "ratio": ratio,
        "ci_low": float(lo),
        "ci_high": float(hi),
        "p_value": float(p),
        "bounds": [f"{q} is {q.bound}" for q in (a, b) if q.bound in ("lower", "upper")],
    }
