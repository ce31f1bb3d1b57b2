"""Impact statistics on statsmodels: each analysis is an object built in one call, with
`.summary()` (a table), `.sentences()` (plain language from the numbers) and `.plot()`.
See docs/statistics.md for the methods, the published results they reproduce and the
coverage measured on simulated data."""

from evalkit.stats.agreement import agreement_between_records, cohen, fleiss, krippendorff_alpha
from evalkit.stats.checks import SeriesError
from evalkit.stats.counterfactual import Counterfactual
from evalkit.stats.its import InterruptedTimeSeries
from evalkit.stats.proportions import Proportion, ProportionComparison
from evalkit.stats.rates import RateTrend, rate_ratio

__all__ = [
    "Counterfactual",
    "InterruptedTimeSeries",
    "Proportion",
    "ProportionComparison",
    "RateTrend",
    "SeriesError",
    "agreement_between_records",
    "cohen",
    "fleiss",
    "krippendorff_alpha",
    "rate_ratio",
]
