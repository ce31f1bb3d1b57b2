"""Proportions (English share of posts, foreign share of participants …) with Wilson
intervals, and two-sample comparisons (score test; Newcombe interval for the difference,
score interval for the ratio: "twice as often" is a claim about the ratio)."""

from __future__ import annotations

import pandas as pd
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    test_proportions_2indep,
)

from evalkit.stats.checks import SeriesError, signed_percent


def _check(k, n, name=""):
    if n <= 0 or k < 0 or k > n:
        raise SeriesError(
            f"{name or 'proportion'}: need 0 ≤ successes ≤ total and total > 0, got {k} of {n}"
        )


class Proportion:
    def __init__(self, successes: int, total: int, label: str = "", alpha: float = 0.05):
        _check(successes, total, label)
        self.k, self.n, self.label, self.alpha = successes, total, label, alpha
        self.estimate = successes / total
        self.ci_low, self.ci_high = proportion_confint(
            successes, total, alpha=alpha, method="wilson"
        )

    def summary(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "label": self.label,
                    "successes": self.k,
                    "total": self.n,
                    "share": self.estimate,
                    "ci_low": self.ci_low,
                    "ci_high": self.ci_high,
                }
            ]
        )

    def sentences(self) -> list[str]:
        lvl = int(round((1 - self.alpha) * 100))
        s = [
            f"{self.label or 'Share'}: {self.estimate:.1%} ({self.k} of {self.n}; {lvl}% Wilson "
            f"interval {self.ci_low:.1%} to {self.ci_high:.1%})."
        ]
        if self.n < 30:
            s.append(f"Small sample ({self.n}): the interval is wide; read it, not the point.")
        return s


class ProportionComparison:
    def __init__(self, k1: int, n1: int, k2: int, n2: int, labels=("A", "B"), alpha: float = 0.05):
        _check(k1, n1, labels[0])
        _check(k2, n2, labels[1])
        self.a, self.b = Proportion(k1, n1, labels[0], alpha), Proportion(k2, n2, labels[1], alpha)
        self.alpha = alpha
        self.difference = self.a.estimate - self.b.estimate
        self.ci_low, self.ci_high = confint_proportions_2indep(
            k1, n1, k2, n2, method="newcomb", compare="diff", alpha=alpha
        )
        self.p_value = float(test_proportions_2indep(k1, n1, k2, n2, method="score").pvalue)
        self.ratio = self.a.estimate / self.b.estimate if k2 else float("inf")
        self.ratio_low, self.ratio_high = (
            confint_proportions_2indep(k1, n1, k2, n2, method="score", compare="ratio", alpha=alpha)
            if k2
            else (float("nan"), float("inf"))
        )

    def summary(self) -> pd.DataFrame:
        return pd.concat([self.a.summary(), self.b.summary()], ignore_index=True)

    def sentences(self) -> list[str]:
        lvl = int(round((1 - self.alpha) * 100))
        s = self.a.sentences()[:1] + self.b.sentences()[:1]
        s.append(
            f"Difference {signed_percent(self.difference)} ({lvl}% Newcombe interval "
            f"{signed_percent(self.ci_low)} to {signed_percent(self.ci_high)}; score test p = {self.p_value:.3g})."
        )
        if self.b.k:
            s.append(
                f"Ratio {self.ratio:.2f} ({lvl}% score interval {self.ratio_low:.2f} to "
                f"{self.ratio_high:.2f})."
            )
        if self.ci_low <= 0 <= self.ci_high:
            s.append("The interval includes no difference: insufficient evidence of a difference.")
        return s
