"""Counterfactual, CausalImpact-style: the pre-period (with any control series) predicts the
response over the post-period; the effect is observed minus forecast — pointwise, average,
cumulative and relative — with intervals from simulated future paths that carry the
parameters' uncertainty.

The model is chosen by the pre-period: a local level, AR(1) noise around the regression, or
AR(1) noise around a linear trend (each with and without a weekly pattern on a daily series),
scored by their one-step out-of-sample predictive log score and averaged by the weights the
scores give; the chosen model's errors get a Ljung-Box check. An effect is called established
only where every candidate the pre-period cannot rule out finds it alone, and, where a trend
is carried on, the best candidate without one too. `prior_level_sd=0.01` gives R CausalImpact's default
priors instead. Other settings (a local linear trend, a stochastic seasonal, missing
pre-period responses) use statsmodels' `UnobservedComponents` by maximum likelihood.

Checked against Google's R CausalImpact on its five reference sets, and for calibration and
sharpness on simulated series (docs/statistics.md).
"""

from __future__ import annotations

import datetime
import functools
import inspect
import math
from typing import Optional, Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm

from evalkit.i18n import N_, Msg, joined, localized, tr
from evalkit.stats.ar_noise import ArNoiseFit
from evalkit.stats.checks import (
    SeriesError,
    as_series_frame,
    p_said,
    refuse_redundant_controls,
    regular_gaps,
    running_total_warning,
    signed_percent,
)
from evalkit.stats.local_level import LocalLevelFit, SharedFilter

_PANDAS_MAJOR = int(pd.__version__.split(".")[0])
# the trend forms by name (N_: the names reach a report as table cells and model sentences)
TRENDS = {N_("local level"): "llevel", N_("local linear trend"): "lltrend"}
# the models the pre-period chooses between (fast engines)
# A steady trend the controls do not carry (an audience growing whatever the campaign does)
# is neither a level nor noise: the local level follows it step by step and forecasts it
# flat, and the trend going on reads as an effect (trial 7, H1: a +77.5% "effect" on a
# straight line). AR(1) noise around a straight line in time carries it on.
TREND_AR = N_("AR(1) noise around a linear trend")
MODELS = {N_("local level"): LocalLevelFit, N_("AR(1) noise"): ArNoiseFit, TREND_AR: ArNoiseFit}
# The candidates are scored one step ahead, out of sample, on every point of the pre-period
# after a minimal start (the first TRAINING points, or more until the regressors have full
# rank): on 70 points, scoring only the last 30% told a drifting level from AR(1) noise less
# well on the simulations (benchmarks/counterfactual_coverage.py).
TRAINING = 10
# fewer one-step scores than this cannot tell the candidates apart: a handful of points gives
# one candidate a weight near 1 by chance, so the local level is used alone
MIN_SCORED = 10
WEEK = 7
# the model-choice table's headings (the report translates them)
CHOICE_COLUMNS = (N_("model"), N_("hold-out log score"), N_("weight"))
# A candidate holding this share of the weight is one the pre-period cannot rule out: an
# effect the candidates' average finds is established only if each such candidate, alone,
# finds it too. On 70 points a drifting level is often read partly as persistent noise, and
# the average's interval then excludes no effect where there is none 9-12.5% of the time
# (5% nominal); with the check, 4.5-7% (docs/statistics.md, "Claims of an effect").
OPEN_WEIGHT = 0.05
# the effects table's labels, made once
_EFFECT_ROW_NAMES = (N_("actual"), N_("prediction"), N_("absolute effect"), N_("relative effect"))
_EFFECT_COLUMN_NAMES = (
    "average",
    "cumulative",
    "average_low",
    "average_high",
    "cumulative_low",
    "cumulative_high",
)
_EFFECT_ROWS = pd.Index(list(_EFFECT_ROW_NAMES), name="")
_EFFECT_COLUMNS = pd.Index(list(_EFFECT_COLUMN_NAMES))


def significant(x: float, digits: int = 4) -> str:
    """A number for a sentence: `digits` significant digits, never in e-notation (13,241,
    not 1.324e+04; 0.0001234, not 1.234e-04), its thousands separated as the rest of a
    report writes them (4,848, not 4848)."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if abs(x) >= 10**digits - 0.5:  # what rounds to 10,000 is written as such
        return f"{x:,.0f}"
    text = np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-")
    whole, dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{decimals}"


def tail_said(p: float, paths: int) -> str:
    """A tail probability as a table shows it beside the text: (k + 1) / (N + 1) measured
    from k of N simulated paths, three decimals; with none of them (k = 0) only a bound can
    be said, the rule of three's '< 3/N' at 95% (the text's 'below 0.003')."""
    if round(p * (paths + 1)) <= 1:
        return f"< {significant(3 / paths, 2)}"
    return f"{p:.3f}"


def _cols(*arrays: np.ndarray) -> np.ndarray:
    """np.column_stack of 2-d arrays (its concatenate, without its checks of each)."""
    return np.concatenate(arrays, axis=1)


def _seasonal_terms(n: int, period: int) -> np.ndarray:
    """Fixed seasonal effects as regressors: one indicator per season but the first."""
    phase = np.arange(n) % period
    return (phase[:, None] == np.arange(1, period)[None, :]).astype(float)


def _times(index: pd.Index) -> Optional[np.ndarray]:
    """A DatetimeIndex's datetime64 values (UTC for one with a time zone), else None."""
    return index.values if isinstance(index, pd.DatetimeIndex) else None


def _spacing(t: Optional[np.ndarray]) -> tuple[bool, bool]:
    """(evenly spaced, daily) from one difference of the dates. Dates one fixed step apart,
    or the same day of every k-th month (monthly, quarterly, yearly data), have no gaps: no
    need for pandas' frequency inference; daily: more than two dates, each the day after the
    one before. `t`: the datetime64 values of the time index (None: not dates, nothing to
    check), compared as numpy's values (any unit): pandas' own subtraction builds three
    indexes."""
    if t is None or len(t) < 3:
        return True, False
    step = np.diff(t)
    if (step == step[0]).all():
        return True, bool(step[0] == np.timedelta64(1, "D"))
    month = t.astype("datetime64[M]")
    in_month, months = t - month, np.diff(month.astype(np.int64))
    return bool((in_month == in_month[0]).all() and (months == months[0]).all()), False


def _t_mixture_cdf(x: float, weights, loc, scale, dof) -> float:
    """P(total <= x) under a mixture of Student t's (a fit's `total_distribution`)."""
    from scipy.special import stdtr

    return float(weights @ stdtr(dof, (x - loc) / scale))


def _t_mixture_quantile(p: float, weights, loc, scale, dof) -> float:
    """The p-quantile of a mixture of Student t's sharing one dof (a fit's total): Newton's
    steps on the cdf, kept inside the bracket the components' own p-quantiles make (the
    mixture's lies between them), to a millionth of the components' smallest scale."""
    from scipy.special import gammaln, stdtr, stdtrit

    own = loc + scale * float(stdtrit(dof, p))
    low, high = float(own.min()), float(own.max())
    x = float(weights @ own)
    log_c = gammaln((dof + 1) / 2) - gammaln(dof / 2) - 0.5 * math.log(dof * math.pi)
    for _ in range(20):
        z = (x - loc) / scale
        f = float(weights @ stdtr(dof, z)) - p
        if f < 0:
            low = x
        else:
            high = x
        density = float(weights @ (np.exp(log_c - (dof + 1) / 2 * np.log1p(z * z / dof)) / scale))
        step = x - f / density if density > 0 else 0.5 * (low + high)
        if not low < step < high:
            step = 0.5 * (low + high)
        if abs(step - x) <= 1e-6 * float(scale.min()) or high - low <= 0:
            return step
        x = step
    # not converged (components of very unequal scales): bisect the bracket left
    for _ in range(200):
        mid = 0.5 * (low + high)
        if mid in (low, high):
            break
        if float(weights @ stdtr(dof, (mid - loc) / scale)) < p:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def moved_said(moved: list[dict], level: int) -> Msg:
    """The controls `Counterfactual.check_controls` found changed, with their own changes."""
    return joined(
        "; ",
        [
            Msg(
                "{control} {relative} on its own, {level}% interval {low} to {high}",
                control=m["control"],
                relative=signed_percent(m["relative"]),
                level=level,
                low=signed_percent(m["low"]),
                high=signed_percent(m["high"]),
            )
            for m in moved
        ],
    )


def _heavy(weights, loc, scale, dof) -> tuple:
    """A grid mixture without the components whose weight is below 1e-12 of the whole
    (together under 1e-9: nothing a 95% interval can show), for its cdf's evaluations."""
    keep = weights >= 1e-12
    return weights[keep], loc[keep], scale[keep], dof


def quantiles(x: np.ndarray, q: tuple) -> np.ndarray:
    """np.quantile(x, q, axis=1) (linear interpolation) of a (rows, n) float array, the same
    numbers (tests/test_stats_fast_paths.py checks them bit for bit) in a fraction of the
    time: the order statistics either side of each quantile from one sort (numpy's
    vectorised sort beats a partition at six order statistics, 1000 paths or 10,000), then
    numpy's own interpolation. NaNs (sorted last), or a quantile at an end, go to
    np.quantile itself."""
    n = x.shape[1]
    where = _order_statistics(n, tuple(q))
    if where is None:
        return np.quantile(x, q, axis=1)
    below, above, t, t_rest, upper = where
    part = np.sort(x, axis=1)
    if np.isnan(part[:, -1]).any():
        return np.quantile(x, q, axis=1)
    a, b = part[:, below].T, part[:, above].T  # (quantiles, rows)
    # numpy's _lerp: a + (b - a) t, or b - (b - a) (1 - t) from t = 0.5 on
    diff = b - a
    out = a + diff * t
    np.subtract(b, diff * t_rest, out=out, where=upper)
    return out


@functools.lru_cache(maxsize=64)
def _order_statistics(n: int, q: tuple) -> Optional[tuple]:
    """For `quantiles` of n numbers: the order statistics either side of each quantile,
    the interpolation weights t and 1 - t and where t >= 0.5 (numpy's steps), made once per
    n and q (read only); None where np.quantile itself is to answer (n < 2, a quantile at
    an end)."""
    v = (n - 1) * np.asarray(q, dtype=float)  # numpy's virtual indexes
    if n < 2 or not ((v >= 0) & (v < n - 1)).all():
        return None
    below = np.floor(v).astype(np.intp)
    above = below + 1
    t = (v - below)[:, None]
    out = (below, above, t, 1 - t, t >= 0.5)
    for a in out:
        a.flags.writeable = False
    return out


def ljung_box(e: np.ndarray, lags: int, model_df: int = 1) -> float:
    """Ljung-Box p-value (statsmodels' acorr_ljungbox, without its table overhead): Q =
    n (n + 2) sum r_k^2 / (n - k) against chi-square with lags - model_df degrees of freedom
    (one estimated dynamic parameter: q or phi)."""
    from scipy.special import chdtrc  # chi2.sf without the distribution object's overhead

    e = np.asarray(e, float)
    e = e - np.add.reduce(e) / len(e)  # np.mean(e) in numpy's own steps, without its wrapper
    n, c0 = len(e), float(e @ e)
    r = np.array([e[k:] @ e[:-k] for k in range(1, lags + 1)]) / c0
    q = n * (n + 2) * float((r * r / (n - np.arange(1, lags + 1))).sum())
    return float(chdtrc(lags - model_df, q))


def _window(naive: Optional[np.ndarray], index, period) -> np.ndarray:
    """The points of `period` (start, end): on `naive`, the datetime64 values of a time index
    without a time zone, when the period is given as dates (numpy's comparison: pandas'
    builds two boolean indexes on the way); otherwise on the index (`index()` makes it)."""
    start, end = period
    dates = (str, datetime.date, np.datetime64)
    if naive is not None and isinstance(start, dates) and isinstance(end, dates):
        t = naive
        return (t >= pd.Timestamp(start).to_datetime64()) & (t <= pd.Timestamp(end).to_datetime64())
    idx = index()
    return np.asarray((idx >= start) & (idx <= end))


def _period_said(period) -> Msg:
    """A period (start, end) as a reader writes it: '2024-01-31 to 2024-02-09' (a date
    without its time of day, a number as it is), never a tuple's repr of Timestamps."""

    def said(x) -> str:
        if isinstance(x, (datetime.date, np.datetime64, pd.Timestamp)):
            t = pd.Timestamp(x)
            return str(t.date()) if t == t.normalize() else str(t)
        return str(x)

    start, end = period
    return Msg("{start} to {end}", start=said(start), end=said(end))


def _stored(data: pd.DataFrame, name) -> object:
    """A column's values as the frame stores them (a numpy array or pandas' own array),
    read only: pandas' _get_column_array where it has it (a Series per column costs more
    than the rest of the checks), else the Series' array."""
    get = getattr(data, "_get_column_array", None)
    return get(data.columns.get_loc(name)) if get is not None else data[name].array


def _plain_columns(data, columns: list, time: Optional[str]):
    """(datetime64 values of the time column, or None for the frame's own index; float
    values of `columns`) read straight from `data` when the checks of as_series_frame would
    change nothing and raise nothing: a datetime column without a time zone (or the frame's
    own index) strictly increasing, numeric columns. None otherwise (the checks then run,
    and say what is wrong). Building the indexed copy costs more than the model on a short
    series; under copy-on-write (pandas 3) a shallow copy keeps the data as given."""
    if _PANDAS_MAJOR < 3 or not isinstance(data, pd.DataFrame):
        return None
    names = data.columns
    if isinstance(names, pd.MultiIndex) or not names.is_unique:
        return None
    if any(c not in names for c in columns):
        return None
    if time is None:
        index = data.index
        if index.has_duplicates or not index.is_monotonic_increasing:
            return None
        t = None
    else:
        if time not in names or time in columns:
            return None
        when = _stored(data, time)
        if not (isinstance(when.dtype, np.dtype) and when.dtype.kind == "M"):
            return None
        t = np.asarray(when)
        if not (np.diff(t) > np.timedelta64(0)).all():  # unique, in order, no NaT
            return None
    arrays = [_stored(data, c) for c in columns]
    if not all(isinstance(a, np.ndarray) and a.dtype.kind in "fiu" for a in arrays):
        return None
    return t, np.column_stack([np.asarray(a, dtype=float) for a in arrays])


def _full_rank(Z: np.ndarray, rows: Optional[int] = None) -> bool:
    """np.linalg.matrix_rank(Z[:rows]) == Z.shape[1] (all rows: None), the same answer
    without numpy's SVD where it is certain: fewer rows than columns, all finite (the rank is
    at most the rows; numpy's SVD refuses NaN), or the compiled check vouches for a full rank
    (kernels.surely_full_rank: a full rank with room to spare); numpy's rank decides the rest."""
    from evalkit.stats.kernels import surely_full_rank

    rows = len(Z) if rows is None else rows
    if 0 < rows < Z.shape[1] and np.isfinite(Z[:rows]).all():
        return False
    if surely_full_rank(Z, rows):
        return True
    A = Z[:rows]
    if A.dtype != np.float64 or rows < Z.shape[1]:
        return bool(np.linalg.matrix_rank(A) == Z.shape[1])
    # numpy's matrix_rank without its wrapping (a third of its time on a small matrix): the
    # same SVD and the same tolerance in the same arithmetic, S_max (max(n, d) eps); the
    # singular values come largest first, so all d are above it when the last is
    S = np.linalg.svd(A, compute_uv=False)
    return bool(S[-1] > S[0] * (max(A.shape) * _EPS))


_EPS = np.finfo(np.float64).eps
_CHOICE_NAMES = pd.Index(list(CHOICE_COLUMNS))
_STR = pd.Series(["a"]).dtype  # pandas' dtype for a column of words (str from pandas 3)


def _choice_frame(models: list, scores: list, weights: list) -> pd.DataFrame:
    """The model-choice table: pd.DataFrame({"model": models, "hold-out log score": scores,
    "weight": weights}). Made from its three columns as arrays (pandas' _from_arrays, a
    third of the time of the dict of lists) where this pandas has it; the same table
    (tests/test_stats_model_choice.py)."""
    make = getattr(pd.DataFrame, "_from_arrays", None)
    if make is None or _PANDAS_MAJOR < 3:
        return pd.DataFrame(dict(zip(CHOICE_COLUMNS, (models, scores, weights))))
    return make(
        [pd.array(models, dtype=_STR), np.array(scores, float), np.array(weights, float)],
        columns=_CHOICE_NAMES.view(),
        index=pd.RangeIndex(len(models)),
        verify_integrity=False,
    )


class Counterfactual:
    """`Counterfactual(df, "y", ["x"], pre_period=(0, 69), post_period=(70, 99))`."""

    def __init__(
        self,
        data: pd.DataFrame,
        response: str,
        controls: Sequence[str] = (),
        pre_period: tuple = None,
        post_period: tuple = None,
        time: Optional[str] = None,
        trend: str = "local level",
        seasonal: Optional[int] = None,
        alpha: float = 0.05,
        simulations: int = 1000,
        parameter_draws: int = 100,
        seed: int = 0,
        engine: str = "auto",
        model: str = "auto",
        prior_level_sd: Optional[float] = None,
    ):
        """`model`: "auto" (the pre-period chooses: local level, AR(1) noise or AR(1) noise
        around a linear trend, each with and without a weekly pattern on a daily series), or
        one of these by name.
        `prior_level_sd=0.01`: R CausalImpact's default prior on the level instead (a local
        level whose sd is shrunk towards that share of the response's sd)."""
        if trend not in TRENDS:
            raise SeriesError(f"trend must be one of {', '.join(TRENDS)}, got {trend!r}")
        if pre_period is None or post_period is None:
            raise SeriesError("give pre_period=(start, end) and post_period=(start, end)")
        self.warnings: list[str] = []
        controls = list(controls)
        columns = [response, *controls]
        plain = _plain_columns(data, columns, time)
        self._index: Optional[pd.Index] = None
        if plain is None:
            frame = as_series_frame(data, columns, time, [], self.warnings)
            self._index = frame.index
            times = _times(frame.index)
            naive = times if times is not None and frame.index.tz is None else None
            # the columns as numpy once: the checks and the model work on arrays
            values = np.column_stack([frame[c].to_numpy(dtype=float) for c in columns])
        else:  # nothing for the checks to change: the checked frame is made when asked
            times, values = plain
            frame = None
            self._source = (data.copy(deep=False), columns, time)
            if times is None:  # the frame's own index
                self._index = data.index
                times = _times(data.index)
                naive = times if times is not None and data.index.tz is None else None
            else:
                naive = times
        self._frame, self._t = frame, times
        evenly, self._daily = _spacing(times)
        gaps = [] if evenly else regular_gaps(self.index)[1]
        if gaps:
            raise SeriesError(
                Msg(
                    "{n} time point is missing (e.g. {dates}); the model needs a "
                    "regular series: add the missing row (with an empty "
                    "response if it was not observed)",
                    "{n} time points are missing (e.g. {dates}); the model needs a "
                    "regular series: add the missing rows (with an empty "
                    "response if it was not observed)",
                    n=len(gaps),
                    dates=joined(", ", [str(g.date()) for g in gaps[:3]]),
                )
            )
        for j, c in enumerate(controls, start=1):
            n = int(np.isnan(values[:, j]).sum())
            if n:
                raise SeriesError(
                    Msg(
                        "control series {control} has {n} missing value; a "
                        "control must cover every time point of the response",
                        "control series {control} has {n} missing values; a "
                        "control must cover every time point of the response",
                        control=repr(c),
                        n=n,
                    )
                )
        index = lambda: self.index  # noqa: E731 - made only if the periods need it
        pre, post = _window(naive, index, pre_period), _window(naive, index, post_period)
        if (pre & post).any():
            raise SeriesError(Msg("the pre- and post-periods overlap"))
        if not post.any():
            raise SeriesError(
                Msg("no data in the post-period {period}", period=_period_said(post_period))
            )
        if pre.any() and np.flatnonzero(post)[0] < np.flatnonzero(pre)[-1]:
            # a forecast runs forward from the pre-period's last point, never back before it
            raise SeriesError(
                Msg(
                    "the post-period ({post}) starts before the pre-period ({pre}) ends",
                    post=_period_said(post_period),
                    pre=_period_said(pre_period),
                )
            )
        if np.isnan(values[post, 0]).all():  # dates without a value: nothing to compare
            raise SeriesError(
                Msg(
                    "no observed response in the post-period {period} ({n} date, empty)",
                    "no observed response in the post-period {period} ({n} dates, all empty)",
                    period=_period_said(post_period),
                    n=int(post.sum()),
                )
            )
        n_params = (
            1
            + (1 if trend == "local linear trend" else 0)
            + len(controls)
            + 1
            + (1 if seasonal else 0)
        )
        minimum = max(10, 3 * n_params, 2 * (seasonal or 0))
        y_pre = values[pre, 0]
        n_pre = int((~np.isnan(y_pre)).sum())
        if n_pre < minimum:
            model = Msg(
                "{trend}, {n} control", "{trend}, {n} controls", trend=trend, n=len(controls)
            )
            if seasonal:
                model = Msg("{model}, seasonal {period}", model=model, period=seasonal)
            raise SeriesError(
                Msg(
                    "the pre-period has {n} observation; this model ({model}) "
                    "needs at least {minimum} (3 per parameter, at least 10)",
                    "the pre-period has {n} observations; this model ({model}) "
                    "needs at least {minimum} (3 per parameter, at least 10)",
                    n=n_pre,
                    model=model,
                    minimum=minimum,
                )
            )
        # the regressors [1, controls] over the pre-period, made once: the check of the
        # controls, the scores' start and the AR(1) noise's regression read them
        exog_pre = values[pre, 1:] if controls else None
        Z = _cols(np.ones((len(y_pre), 1)), exog_pre) if controls else None
        if controls:
            refuse_redundant_controls(
                Z[:, :1], Z[:, 1:], controls, N_("the pre-period"), full=Z, full_rank=_full_rank
            )
        seen = y_pre[~np.isnan(y_pre)]
        if (total := running_total_warning(values[:, 0])) is not None:
            self.warnings.append(total)
        if (seen == seen[0]).all():
            raise SeriesError(
                Msg("the response is constant over the pre-period: no model can be fitted to it")
            )
        if model != "auto" and model not in MODELS:
            raise SeriesError(f"model must be auto or one of {', '.join(MODELS)}, got {model!r}")
        if engine not in ("auto", "local level", "statespace"):
            raise SeriesError(f"engine must be auto, 'local level' or statespace, got {engine!r}")
        if engine == "local level":
            model = "local level"
        self.response, self.controls = response, controls
        self.pre, self.post, self.alpha = pre, post, alpha
        self.prior_level_sd = prior_level_sd
        # the controls' values and the settings each is read with alone (`check_controls`);
        # the controls whose own change is established, once checked (None: not checked)
        self._control_values = values[:, 1:]
        self._alone = dict(
            pre_period=pre_period,
            post_period=post_period,
            trend=trend,
            seasonal=seasonal,
            alpha=alpha,
            simulations=simulations,
            parameter_draws=parameter_draws,
            seed=seed,
            engine=engine,
            model=model,
            prior_level_sd=prior_level_sd,
        )
        self.moved_controls: Optional[list[dict]] = None
        self.settings = {
            "trend": trend,
            "seasonal": seasonal,
            "controls": controls,
            "model": model,
            "prior_level_sd": prior_level_sd,
        }
        exog_post = values[post, 1:] if controls else None
        h = int(post.sum())
        fast = (
            engine != "statespace"
            and trend == "local level"
            and not seasonal
            and len(seen) == len(y_pre)
        )
        self.engine = N_("exact grid-posterior engine") if fast else N_("state-space engine")
        self.candidates: list[dict] = []
        self.residual_check = None
        # the pre-period's one-step errors lean one way ({"p", "rises"}), or None
        self.trend_left: Optional[dict] = None
        # (scored points, points needed) when the pre-period was too short to choose
        self.too_short_to_choose: Optional[tuple[int, int]] = None
        if not fast and engine == "auto" and len(seen) < len(y_pre):
            self.warnings.append(
                Msg(
                    "{n} response in the pre-period is missing: the model is the "
                    "state-space {trend}, without the choice between models; fill the gap "
                    "to have it.",
                    "{n} responses in the pre-period are missing: the model is the "
                    "state-space {trend}, without the choice between models; fill the gaps "
                    "to have it.",
                    n=len(y_pre) - len(seen),
                    trend=trend,
                )
            )
        self._choice: Optional[pd.DataFrame] = None
        if fast:
            self._fit_fast(y_pre, exog_pre, exog_post, h, simulations, seed, Z)
            self._finish(values[post, 0])
            return
        mod = sm.tsa.UnobservedComponents(
            y_pre,
            level=TRENDS[trend],
            exog=exog_pre,
            seasonal=seasonal,
            stochastic_seasonal=True if seasonal else False,
            # Coefficients as states: their uncertainty reaches the forecast intervals.
            mle_regression=False,
        )
        self.result = mod.fit(disp=False, maxiter=500)
        if not self.result.mle_retvals.get("converged", True):
            self.warnings.append(
                Msg(
                    "The maximum-likelihood fit did not converge; treat the "
                    "estimates with caution and check the sensitivity table."
                )
            )
        fc = self.result.get_forecast(h, exog=exog_post)
        self._predicted = np.asarray(fc.predicted_mean, float)
        sims = self._simulate(mod, h, exog_post, simulations, parameter_draws, seed)
        self._totals, self._make_paths = sims.sum(axis=0), lambda: sims
        self._finish(values[post, 0])

    def _fit_fast(self, y, exog_pre, exog_post, h, simulations, seed, Z=None) -> None:
        """The candidate models on the pre-period, scored one step ahead on its last part;
        the forecast averages them by the weights the scores give (Bayesian model averaging
        with the first part of the pre-period as the prior's data). `Z`: the regressors
        [1, controls] over the pre-period (None: no controls)."""
        n, k = len(y), len(self.controls)
        Z = np.ones((n, 1)) if Z is None else Z
        X_pre = exog_pre if exog_pre is not None else np.zeros((n, 0))
        X_post = exog_post if exog_post is not None else np.zeros((h, 0))
        if self.prior_level_sd is not None:
            names, weekly = [N_("local level")], [False]
        else:
            names = list(MODELS) if self.settings["model"] == "auto" else [self.settings["model"]]
            # a weekly pattern on a daily series, when the pre-period can carry 6 more terms
            weekly = [False, True] if (self._daily and n >= 3 * (k + WEEK + 1)) else [False]
        # the weekly terms only where a candidate has them
        season = (
            _seasonal_terms(len(self.pre), WEEK) if any(weekly) else np.zeros((len(self.pre), 0))
        )
        s_pre, s_post = season[self.pre], season[self.post]
        # the regressors with the weekly terms (the same as Z without them)
        Zw = _cols(Z, s_pre) if any(weekly) else Z
        if any(weekly) and not _full_rank(Zw):
            # the controls already carry the week (a control that is a weekday's indicator):
            # the weekly terms would repeat them, and the fit would have no single answer
            weekly = [False]
        Zs = Zw if any(weekly) else Z  # the fullest regressors of the candidates so far
        if TREND_AR in names:
            # time as a regressor, in the series' steps (scaled to the series' length)
            steps = np.arange(len(self.pre), dtype=float) / len(self.pre)
            t_pre, t_post = steps[self.pre, None], steps[self.post, None]
            Zt = _cols(Zs, t_pre)
            if _full_rank(Zt):
                Zs = Zt
            else:  # a control that is a straight line in time already carries the trend
                names = [x for x in names if x != TREND_AR]
                if not names:  # asked for by name
                    raise SeriesError(
                        Msg(
                            "a control series is itself a straight line in time: it carries "
                            "the trend already, and AR(1) noise around a linear trend would "
                            "have no single answer; ask for AR(1) noise or the local level"
                        )
                    )
        # where the one-step scores start (needed before the fits: the local level computes
        # the evidence of the first points in the same pass)
        m = self._training_start(Zs) if len(names) * len(weekly) > 1 else None
        if m is not None and n - m < MIN_SCORED:
            self.too_short_to_choose = (n, m + MIN_SCORED)
            names, weekly, m = [N_("local level")], [False], None
        # the local level's filter run once on the response, the controls and the weekly
        # terms: each local-level candidate reads its columns
        shared = SharedFilter(_cols(y[:, None], X_pre, s_pre))
        for name in names:
            for w in weekly:
                Xa, Xb, Za = X_pre, X_post, Zw if w else Z
                if w:
                    Xa = _cols(X_pre, s_pre)
                    Xb = _cols(X_post, s_post)
                if name == TREND_AR:
                    Xa, Xb = _cols(Xa, t_pre), _cols(Xb, t_post)
                    Za = Zs if w else _cols(Za, t_pre)  # with the week: the fullest, made
                fit = (
                    LocalLevelFit(y, Xa, level_sd=self.prior_level_sd, first=m, shared=shared)
                    if name == "local level"
                    else ArNoiseFit(y, Xa, first=m, Z=Za)
                )
                self.candidates.append({"model": name, "weekly": w, "fit": fit, "X_post": Xb})
        # a candidate with no grid point fitted (a regression with no single answer) is no
        # candidate; with none left there is nothing to say
        self.candidates = [c for c in self.candidates if np.isfinite(c["fit"].log_evidence)]
        if not self.candidates:
            raise SeriesError(
                Msg(
                    "no model could be fitted to the pre-period: its regression has no single answer"
                )
            )
        self.holdout = 0
        if len(self.candidates) > 1:
            scores = np.array([c["fit"].holdout_score(m) for c in self.candidates])
            if not np.isfinite(scores).all():  # a first part with no single answer
                keep = np.isfinite(scores)
                self.candidates = [c for c, k in zip(self.candidates, keep) if k] or [
                    self.candidates[0]
                ]
                scores = scores[keep]
        if len(self.candidates) > 1:
            self.holdout = n - m
            w = np.exp(scores - scores.max())
            w /= w.sum()
        else:
            scores, w = np.array([np.nan]), np.array([1.0])
        for c, sc, wt in zip(self.candidates, scores, w):
            c["score"], c["weight"] = float(sc), float(wt)
        self.chosen = max(self.candidates, key=lambda c: c["weight"])
        self.result = self.chosen["fit"]
        self._predicted = sum(
            c["weight"] * c["fit"].mean_forecast(c["X_post"], h) for c in self.candidates
        )
        self._seed = seed
        rng = np.random.default_rng(seed)
        counts = rng.multinomial(simulations, w)
        drawn = [
            c["fit"].simulate(c["X_post"], h, int(m_), rng)
            for c, m_ in zip(self.candidates, counts)
            if m_
        ]
        # each candidate's own share of the draws (open_without_effect tops them up)
        shares = iter(drawn)
        for c, m_ in zip(self.candidates, counts):
            c["drawn"] = next(shares) if m_ else None
        self._totals = np.concatenate([t for t, _ in drawn])
        self._make_paths = lambda: np.concatenate([p() for _, p in drawn], axis=1)
        self._check_residuals()

    def _training_start(self, Z: np.ndarray) -> int:
        """The first point the scores start from: TRAINING, or later if the regressors `Z`
        (1, the controls, any weekly terms) of the first points are not yet of full rank (a
        control constant at the start)."""
        lo, hi = max(TRAINING, Z.shape[1] + 3), len(Z) - 3
        if lo >= hi:
            return lo
        # the rank of the first rows never falls as rows are added: the first m whose first
        # m - 2 rows have full rank (or the last allowed). A compiled pass over the rows
        # guesses it; numpy's rank, on either side of the guess, confirms it (then the rows
        # before lo are short of it too: no rank of their own to take); else bisect.
        from evalkit.stats.kernels import first_full_rank

        guess = first_full_rank(np.ascontiguousarray(Z)) + 2
        if lo < guess <= hi and _full_rank(Z, guess - 2) and not _full_rank(Z, guess - 3):
            return guess
        if _full_rank(Z, lo - 2):
            return lo
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _full_rank(Z, mid - 2):
                hi = mid
            else:
                lo = mid
        return hi

    def _check_residuals(self) -> None:
        """Ljung-Box on the chosen model's standardised one-step errors over the pre-period:
        left-over autocorrelation means the intervals may be too narrow."""
        e = self.result.residuals()
        self._check_trend_left(e)
        lags = min(12, len(e) // 5)
        if lags < 2:
            return
        p = ljung_box(e, lags)
        self.residual_check = {"p": p, "lags": lags}
        if p < 0.05:
            self.warnings.append(
                Msg(
                    "The chosen model's errors over the pre-period are "
                    "autocorrelated (Ljung-Box {p} at {n} lag): the "
                    "intervals may be too narrow.",
                    "The chosen model's errors over the pre-period are "
                    "autocorrelated (Ljung-Box {p} at {n} lags): the "
                    "intervals may be too narrow.",
                    p=p_said(p),
                    n=lags,
                )
            )

    def _check_trend_left(self, e: np.ndarray) -> None:
        """The one-step errors of a model that carries the pre-period's course average
        zero; errors that average away from zero (a t test) are a trend the model does not
        carry: its forecast goes flat while the trend goes on, and the gap reads as an
        effect. Then the effect is withheld (`trend_left`), whatever its interval."""
        from scipy.special import stdtr  # the t distribution's cdf, without its object

        n = len(e)
        if n < 10:
            return
        # np.mean(e) and np.std(e, ddof=1) in numpy's own steps (its _var: the sum over n,
        # the squared deviations summed over n - 1), the sum made once
        mean = np.add.reduce(e) / n
        dev = e - mean
        sd = float(np.sqrt(np.add.reduce(dev * dev) / (n - 1)))
        if sd == 0:
            return
        stat = float(mean) / (sd / np.sqrt(n))
        p = float(2 * stdtr(n - 1, -abs(stat)))
        if p < 0.05:
            self.trend_left = {"p": p, "rises": stat > 0}

    @property
    def index(self) -> pd.Index:
        """The series' time points (made when first asked where the data needed no change:
        what set_index makes of the time column)."""
        if self._index is None:
            data, _, time = self._source
            self._index = pd.Index(data[time], name=time)
        return self._index

    @property
    def frame(self) -> pd.DataFrame:
        """The checked data, indexed by time (made when first asked where the data needed
        no change: the plot, the sensitivity table)."""
        if self._frame is None:
            data, columns, time = self._source
            self._frame = as_series_frame(data, columns, time, [], [])
        return self._frame

    @property
    def model_name(self):
        """The chosen model in words (a Msg or a catalogue word)."""
        if not self.candidates:
            return self.settings["trend"]
        return self._candidate_name(self.chosen)

    def _candidate_name(self, c: dict):
        name = c["model"]
        if self.prior_level_sd is not None:
            name = Msg(
                "{model} with R CausalImpact's prior (level sd {sd} of the response's)",
                model=name,
                sd=f"{self.prior_level_sd:g}",
            )
        return Msg("{model} + weekly pattern", model=name) if c["weekly"] else name

    def model_choice(self) -> pd.DataFrame:
        """The candidate models, their hold-out log score and weight."""
        if self._choice is None:
            self._choice = self._choice_table()
        return self._choice.copy()

    def _choice_table(self) -> pd.DataFrame:
        c = self.candidates
        return _choice_frame(
            [self._candidate_name(x) for x in c],
            [x["score"] for x in c],
            [x["weight"] for x in c],
        )

    def _finish(self, observed: np.ndarray) -> None:
        self._observed = observed
        self._ok = ~np.isnan(observed)
        if not self._ok.all():
            self.warnings.append(
                Msg(
                    "{n} post-period response is missing; effects use the observed points only.",
                    "{n} post-period responses are missing; effects use the observed points only.",
                    n=int((~self._ok).sum()),
                )
            )
        self._effects: Optional[pd.DataFrame] = None
        self._effect_values: Optional[np.ndarray] = None
        self._paths = None

    @property
    def predicted(self) -> pd.Series:
        """The counterfactual's mean over the post-period (built when asked: the plot)."""
        return pd.Series(self._predicted, index=self.index[self.post])

    @property
    def observed(self) -> pd.Series:
        """The post-period responses (built when asked: the plot)."""
        return pd.Series(self._observed, index=self.index[self.post], name=self.response)

    @property
    def _sims(self) -> np.ndarray:
        """Full simulated paths (time, path), built when first needed (plots, gaps)."""
        if self._paths is None:
            self._paths = self._make_paths()
        return self._paths

    def _path_totals(self, ok: np.ndarray) -> np.ndarray:
        return self._totals if ok.all() else self._sims[ok].sum(axis=0)

    def _simulate(self, model, h, exog_post, simulations, parameter_draws, seed):
        """Future paths without the intervention, shape (time, path). With parameter_draws,
        the variances are drawn from their asymptotic distribution (log scale) and each draw
        is filtered again, so the intervals carry parameter as well as state uncertainty;
        without it (0), the maximum-likelihood values are plugged in."""
        rng = np.random.default_rng(seed)
        seed_kw = (
            "rng" if "rng" in inspect.signature(self.result.simulate).parameters else "random_state"
        )
        params = np.asarray(self.result.params, dtype=float)
        se = np.sqrt(np.diag(np.asarray(self.result.cov_params(), dtype=float)))
        if parameter_draws and not np.isfinite(se).all():
            self.warnings.append(
                Msg(
                    "The parameters' standard errors could not be computed; the "
                    "intervals plug in the fitted values and may be too "
                    "narrow."
                )
            )
            parameter_draws = 0
        if not parameter_draws:
            sims = self.result.simulate(
                h, repetitions=simulations, anchor="end", exog=exog_post, **{seed_kw: rng}
            )
            return np.asarray(sims).reshape(h, -1)
        per_draw = max(1, simulations // parameter_draws)
        log_p = np.log(np.maximum(params, 1e-12))
        # delta method on the log scale, capped so a variance near zero cannot explode
        log_se = np.minimum(se / np.maximum(params, 1e-12), 1.5)
        paths = []
        for _ in range(parameter_draws):
            draw = np.exp(log_p + rng.normal(size=len(params)) * log_se)
            sims = model.filter(draw).simulate(
                h, repetitions=per_draw, anchor="end", exog=exog_post, **{seed_kw: rng}
            )
            paths.append(np.asarray(sims).reshape(h, -1))
        return np.concatenate(paths, axis=1)

    # --- effects -----------------------------------------------------------------------
    def _band(self, upper: bool) -> pd.Series:
        q = 1 - self.alpha / 2 if upper else self.alpha / 2
        return pd.Series(np.quantile(self._sims, q, axis=1), index=self.predicted.index)

    @property
    def predicted_low(self) -> pd.Series:
        """Pointwise lower bound of the counterfactual (computed when asked: the plot)."""
        return self._band(False)

    @property
    def predicted_high(self) -> pd.Series:
        return self._band(True)

    def effects(self) -> pd.DataFrame:
        return self._table().copy()

    def _table(self) -> pd.DataFrame:
        """The effects table, computed once (read only: .effects() hands out copies)."""
        if self._effects is None:
            # from one float array with the labels made once (pandas builds a table from a
            # list of rows, and an index from a list of words, ten times slower); views, so
            # that a caller renaming an axis cannot change the shared labels
            self._effects = pd.DataFrame(
                self._values(), index=_EFFECT_ROWS.view(), columns=_EFFECT_COLUMNS.view()
            )
        return self._effects

    def _values(self) -> np.ndarray:
        """The effects table's numbers (rows _EFFECT_ROW_NAMES, columns _EFFECT_COLUMN_NAMES),
        computed once: what the summary and the sentences read."""
        if self._effect_values is None:
            self._effect_values = self._compute_effects()
        return self._effect_values

    def _compute_effects(self) -> np.ndarray:
        ok = self._ok
        obs = self._observed[ok]
        pred = self._predicted[ok]
        totals = self._path_totals(ok)
        n = len(obs)
        cum_sim = obs.sum() - totals
        a = self.alpha / 2
        # one call for the three intervals: prediction, cumulative and relative effect
        (p_lo, c_lo, r_lo), (p_hi, c_hi, r_hi) = quantiles(
            np.stack([totals, cum_sim, cum_sim / totals]), (a, 1 - a)
        )
        point = (obs - pred).sum()
        return np.array(
            [
                [obs.mean(), obs.sum(), np.nan, np.nan, np.nan, np.nan],
                [pred.mean(), pred.sum(), p_lo / n, p_hi / n, p_lo, p_hi],
                [point / n, point, c_lo / n, c_hi / n, c_lo, c_hi],
                [point / pred.sum(), point / pred.sum(), r_lo, r_hi, r_lo, r_hi],
            ]
        )

    @property
    def draws_of_total(self) -> np.ndarray:
        """The simulated totals of the post-period without the intervention (read only)."""
        view = self._totals.view()
        view.flags.writeable = False
        return view

    @property
    def tail_probability(self) -> float:
        """One-sided probability of an effect at least this large arising by chance under
        the model (R's 'posterior tail-area probability')."""
        k, n = self._tail_count()
        return float((k + 1) / (n + 1))

    def _tail_count(self) -> tuple[int, int]:
        """(simulated paths at least as extreme as the observed total, on its side; paths)."""
        ok = self._ok
        total = self._observed[ok].sum()
        sims = self._path_totals(ok)
        return int(min((sims >= total).sum(), (sims <= total).sum())), len(sims)

    def summary(self) -> pd.DataFrame:
        """The effects table, its index named after the model (and why, when the pre-period
        chose it), so the table says what it rests on; `.attrs` holds the model choice."""
        if len(self.candidates) > 1:
            name = Msg(
                "{model} (weight {weight}, chosen by its one-step score on the last "
                "{holdout} points of the pre-period)",
                model=self.model_name,
                weight=f"{self.chosen['weight']:.2f}",
                holdout=self.holdout,
            )
        else:
            name = self.model_name
        # the effects table with its index named (made from the numbers: pandas'
        # rename_axis of the stored table costs twice as much)
        table = pd.DataFrame(
            self._values(),
            index=_EFFECT_ROWS.rename(Msg("Model: {model}", model=name)),
            columns=_EFFECT_COLUMNS.view(),
        )
        if self.candidates:  # set last: pandas copies attrs into every derived table
            if self._choice is None:
                self._choice = self._choice_table()
            # its own copy: under copy-on-write (pandas 3) a shallow one, which a change
            # made to it copies first, never reaching the table model_choice() gives
            table.attrs["model_choice"] = self._choice.copy(deep=_PANDAS_MAJOR < 3)
            table.attrs["residual_check"] = self.residual_check
        return table

    def sentences(self) -> list[str]:
        # the table's rows as plain dicts: .loc per cell costs more than the text
        e = {
            k: dict(zip(_EFFECT_COLUMN_NAMES, v)) for k, v in zip(_EFFECT_ROW_NAMES, self._values())
        }
        level = int(round((1 - self.alpha) * 100))
        a = e["absolute effect"]
        r = e["relative effect"]
        g = significant  # four significant digits throughout
        pc = signed_percent
        s = [
            Msg(
                "Over the post-period the response averaged {actual}; without the "
                "intervention the model expected {expected} ({level}% interval {low} to "
                "{high}).",
                actual=g(e["actual"]["average"]),
                expected=g(e["prediction"]["average"]),
                level=level,
                low=g(e["prediction"]["average_low"]),
                high=g(e["prediction"]["average_high"]),
            ),
            Msg(
                "Average effect {average} per period ({level}% interval {low} to {high}); "
                "cumulative {cumulative} ({cum_low} to {cum_high}); relative {relative} "
                "({rel_low} to {rel_high}).",
                average=g(a["average"]),
                level=level,
                low=g(a["average_low"]),
                high=g(a["average_high"]),
                cumulative=g(a["cumulative"]),
                cum_low=g(a["cumulative_low"]),
                cum_high=g(a["cumulative_high"]),
                relative=pc(r["average"]),
                rel_low=pc(r["average_low"]),
                rel_high=pc(r["average_high"]),
            ),
            self._tail_sentence(),
        ]
        if a["cumulative_low"] <= 0 <= a["cumulative_high"]:
            s.append(Msg("The interval includes no effect: insufficient evidence of an effect."))
        elif (open_ := self.open_without_effect) is not None:
            said = dict(
                model=open_["model"],
                weight=f"{open_['weight']:.2f}",
                low=g(open_["low"]),
                high=g(open_["high"]),
            )
            s.append(
                Msg(
                    "But without the pre-period's trend going on, {model}, the best candidate "
                    "without a trend (weight {weight}), gives an interval that includes no "
                    "effect ({low} to {high} per period): the effect rests on the straight line "
                    "going on over the post-period, which the pre-period cannot show, so it is "
                    "not established.",
                    **said,
                )
                if open_["without trend"]
                else Msg(
                    "But one candidate alone, {model}, which the pre-period cannot rule out "
                    "(weight {weight}), gives an interval that includes no effect ({low} to "
                    "{high} per period): the data cannot tell which model holds, so the "
                    "effect is not established.",
                    **said,
                )
            )
        elif (trend := self.trend_left) is not None:
            s.append(
                Msg(
                    "But the pre-period rises steadily, a trend the model does not carry "
                    "(its one-step errors lean one way, {p}): a trend that goes on "
                    "reads as an effect, so the effect is not established.",
                    p=p_said(trend["p"]),
                )
                if trend["rises"]
                else Msg(
                    "But the pre-period falls steadily, a trend the model does not carry "
                    "(its one-step errors lean one way, {p}): a trend that goes on "
                    "reads as an effect, so the effect is not established.",
                    p=p_said(trend["p"]),
                )
            )
        elif self.moved_controls:
            s.append(
                Msg(
                    "But the control series changed over the post-period too ({changes}): "
                    "a control that the intervention, or what happened at the same time, "
                    "moved cannot show what the response would have done without it, so "
                    "the effect is not established.",
                    changes=moved_said(self.moved_controls, level),
                )
            )
        if not self.candidates:
            parts = [
                Msg("Model: {trend} [{engine}]", trend=self.settings["trend"], engine=self.engine)
            ]
            if self.settings["seasonal"]:
                parts.append(Msg("seasonal period {n}", n=self.settings["seasonal"]))
        else:
            parts = [Msg("Model: {model}", model=self.model_name)]
        parts.append(
            Msg("regression on {controls}", controls=joined(", ", self.controls))
            if self.controls
            else Msg("no control series")
        )
        if not self.candidates:
            s.append(
                Msg(
                    "{model}; fitted by maximum likelihood on the pre-period.",
                    model=joined(", ", parts),
                )
            )
        else:
            s.append(
                Msg(
                    "{model}; the intervals carry the uncertainty of its parameters.",
                    model=joined(", ", parts),
                )
            )
        if self.candidates and self.carries_a_trend:
            s.append(
                Msg(
                    "The forecast carries the pre-period's straight-line trend on over the "
                    "post-period: an effect is a departure from that line, and a trend that "
                    "would have ended anyway (a decline levelling off, a growth saturating) "
                    "reads as one."
                )
            )
        s.extend(self.choice_sentences())
        return s + self.warnings

    @property
    def effect_established(self) -> bool:
        """The cumulative effect's interval excludes no effect, the pre-period leaves no
        trend the model does not carry, every candidate it cannot rule out agrees, and no
        control series changed over the post-period itself, once `check_controls` has
        looked (what `.sentences()` says in words)."""
        a = self.effects().loc["absolute effect"]
        return bool(
            not (a["cumulative_low"] <= 0 <= a["cumulative_high"])
            and self.trend_left is None
            and self.open_without_effect is None
            and not self.moved_controls
        )

    def check_controls(self) -> list[dict]:
        """Each control series read alone as a response of its own, over the same periods
        with the same settings: one whose own change over the post-period is established
        (by `effect_established`) moved with the intervention, or with what happened at the
        same time, and cannot show what the response would have done without it (the
        method's assumption: controls the intervention leaves alone). A shared jump the
        pre-period never showed the two moving together is otherwise read as the
        intervention's effect (trial 13, H1). Sets `moved_controls` ({"control",
        "relative", "low", "high"}: the control's own average relative change and its
        interval), which `effect_established` and `.sentences()` then read; returns it."""
        moved = []
        for j, name in enumerate(self.controls):
            alone = pd.DataFrame({"control": self._control_values[:, j]}, index=self.index)
            try:
                own = Counterfactual(alone, "control", [], **self._alone)
                established = own.effect_established
            except (SeriesError, np.linalg.LinAlgError, ValueError, ArithmeticError):
                continue  # a control no model reads alone (constant before): says nothing
            if established:
                r = own.effects().loc["relative effect"]
                moved.append(
                    {
                        "control": name,
                        "relative": float(r["average"]),
                        "low": float(r["average_low"]),
                        "high": float(r["average_high"]),
                    }
                )
        self.moved_controls = moved
        return moved

    @functools.cached_property
    def open_without_effect(self) -> Optional[dict]:
        """A candidate the pre-period cannot rule out (weight at least OPEN_WEIGHT) under
        which alone the cumulative effect's interval includes no effect, where the
        candidates' average excludes it: {"model", "weight", "low", "high", "without
        trend"} (the average effect's interval, per period), or None. Where a trend
        candidate is open, the best candidate without a trend is asked too, whatever its
        weight ("without trend": True when it is the one that finds no effect): a straight
        line carried on over the post-period is an assumption the pre-period cannot test (a
        decline that levels off at the launch would read as an effect of the campaign).
        Each candidate's total is read from its exact predictive distribution (a mixture of
        t's over its grid: `total_distribution`), no draws; where some post-period points are
        not observed, from draws of its own (its share of the average's, topped up to as many
        as the average has)."""
        # the candidates the pre-period cannot rule out
        open_ = [c for c in self.candidates if c["weight"] >= OPEN_WEIGHT]
        flat = [c for c in self.candidates if c["model"] != TREND_AR]
        trended = any(c["model"] == TREND_AR for c in open_)
        if trended and flat:
            best_flat = max(flat, key=lambda c: c["weight"])
            if all(c is not best_flat for c in open_):
                open_.append(best_flat)
        else:
            best_flat = None
        if len(open_) < 2:  # one alone: the average is it but for the light ones' share
            return None
        c_lo, c_hi = self._values()[2, 4:6]
        if c_lo <= 0 <= c_hi:
            return None
        ok = self._ok
        observed = float(self._observed[ok].sum())
        k, h, a = int(ok.sum()), len(self._observed), self.alpha / 2
        rng = None  # draws of its own, made only if a candidate needs them
        # the lightest first: the one most apart from the average, and the one to say
        for c in sorted(open_, key=lambda c: c["weight"]):
            mixture = None
            if ok.all():
                try:
                    mixture = _heavy(*c["fit"].total_distribution(c["X_post"], h))
                except np.linalg.LinAlgError:  # a grid point with no single answer: draws
                    mixture = None
                if mixture is not None:
                    _, loc, scale, _ = mixture
                    if not (np.isfinite(loc).all() and np.isfinite(scale).all()):
                        mixture = None  # a cdf of NaNs would read as agreement: draws
                    elif (scale <= 0).any():
                        mixture = None
            if mixture is not None:
                F = _t_mixture_cdf(observed, *mixture)
                # its interval excludes no effect too, on the same side as the average's
                if (F > 1 - a) if c_lo > 0 else (F < a):
                    continue
                hi_total, lo_total = (_t_mixture_quantile(p, *mixture) for p in (1 - a, a))
                lo, hi = observed - hi_total, observed - lo_total
            else:
                if rng is None:
                    rng = np.random.default_rng(self._seed).spawn(1)[0]
                drawn = [c["drawn"]] if c["drawn"] is not None else []
                more = len(self._totals) - sum(len(t) for t, _ in drawn)
                if more > 0:
                    drawn.append(c["fit"].simulate(c["X_post"], h, more, rng))
                totals = np.concatenate([paths()[ok].sum(axis=0) for _, paths in drawn])
                lo, hi = quantiles((observed - totals)[None, :], (a, 1 - a))[:, 0]
                if (lo > 0) if c_lo > 0 else (hi < 0):
                    continue
            return {
                "model": self._candidate_name(c),
                "weight": c["weight"],
                "low": float(lo / k),
                "high": float(hi / k),
                "without trend": c is best_flat and c["weight"] < OPEN_WEIGHT,
            }
        return None

    @property
    def carries_a_trend(self) -> bool:
        """The forecast is mostly a straight line carried on: the trend candidates hold
        half the weight or more."""
        return sum(c["weight"] for c in self.candidates if c["model"] == TREND_AR) >= 0.5

    def _tail_sentence(self) -> Msg:
        """The tail probability; when no simulated path was as extreme as the observed total,
        only a bound can be said (the rule of three: below 3/N at 95%), not (0 + 1)/(N + 1)."""
        k, n = self._tail_count()
        if k == 0:
            return Msg(
                "Tail probability below {p}: none of the {n} simulated path was as extreme "
                "as the observed total.",
                "Tail probability below {p}: none of the {n} simulated paths was as extreme "
                "as the observed total.",
                p=significant(3 / n, 2),
                n=n,
            )
        return Msg(
            "Tail probability {p} (one-sided: how often the model, were there no effect, "
            "gives a total as far from its forecast in this direction).",
            p=tail_said((k + 1) / (n + 1), n),
        )

    def choice_sentences(self) -> list:
        """Which model the pre-period chose and why, and the check of its errors."""
        out = []
        if self.too_short_to_choose is not None:
            n, need = self.too_short_to_choose
            out.append(
                Msg(
                    "The pre-period is too short to choose between models ({n} point; "
                    "scoring them needs {need} or more): the local level is used, the model "
                    "whose intervals are the wider when the noise persists.",
                    "The pre-period is too short to choose between models ({n} points; "
                    "scoring them needs {need} or more): the local level is used, the model "
                    "whose intervals are the wider when the noise persists.",
                    n=n,
                    need=need,
                )
            )
        if len(self.candidates) > 1:
            others = [c for c in self.candidates if c is not self.chosen]
            out.append(
                Msg(
                    "Why this model: of {n} candidates it best predicted the last {holdout} points "
                    "of the pre-period one step ahead, each fitted on the points before "
                    "(weight {weight}; {others}); the forecast averages the candidates by these "
                    "weights.",
                    n=len(self.candidates),
                    holdout=self.holdout,
                    weight=f"{self.chosen['weight']:.2f}",
                    others=joined(
                        "; ",
                        [
                            Msg(
                                "{model} {weight}",
                                model=self._candidate_name(c),
                                weight=f"{c['weight']:.2f}",
                            )
                            for c in others
                        ],
                    ),
                )
            )
        elif self.prior_level_sd is not None:
            out.append(
                Msg(
                    "R CausalImpact's default, on request: its intervals can be too "
                    "narrow when the level drifts or the noise persists "
                    "(docs/statistics.md)."
                )
            )
        rc = self.residual_check
        if rc is not None and rc["p"] >= 0.05:
            out.append(
                Msg(
                    "Its errors over the pre-period show no autocorrelation (Ljung-Box "
                    "{p} at {n} lag).",
                    "Its errors over the pre-period show no autocorrelation (Ljung-Box "
                    "{p} at {n} lags).",
                    p=p_said(rc["p"], 2),
                    n=rc["lags"],
                )
            )
        return out

    def sensitivity(self) -> pd.DataFrame:
        """The effect under other models: the pre-period's choice with and without the
        controls, each candidate alone, a local linear trend, and R CausalImpact's prior."""
        auto = dict(model="auto", trend="local level", prior_level_sd=None)
        options = [(N_("chosen by the pre-period"), auto, self.controls)]
        if self.controls:
            options.append((N_("chosen by the pre-period"), auto, []))
        options += [(name, dict(auto, model=name), self.controls) for name in MODELS]
        options += [
            (N_("local linear trend"), dict(auto, trend="local linear trend"), self.controls),
            (
                Msg("local level, R CausalImpact's prior (level sd {sd})", sd="0.01"),
                dict(auto, model="local level", prior_level_sd=0.01),
                self.controls,
            ),
        ]
        here = {k: self.settings[k] for k in ("model", "trend", "prior_level_sd")}
        pre = (self.index[self.pre][0], self.index[self.pre][-1])
        post = (self.index[self.post][0], self.index[self.post][-1])
        rows = []
        for label, kw, controls in options:
            row = {"model": label, "controls": joined(", ", controls) or N_("none")}
            try:
                alt = (
                    self
                    if (kw == here and controls == self.controls and not self.settings["seasonal"])
                    else Counterfactual(
                        self.frame.reset_index(),
                        self.response,
                        controls,
                        pre,
                        post,
                        time=self.frame.index.name or "index",
                        seasonal=self.settings["seasonal"],
                        alpha=self.alpha,
                        simulations=len(self._totals),
                        seed=1,
                        **kw,
                    )
                )
                a = alt.effects().loc["absolute effect"]
                row.update(
                    {
                        "average effect": a["average"],
                        "low": a["average_low"],
                        "high": a["average_high"],
                        "tail probability": alt.tail_probability,
                    }
                )
            except SeriesError as exc:
                row.update(
                    {
                        "average effect": np.nan,
                        "low": np.nan,
                        "high": np.nan,
                        "tail probability": np.nan,
                        "note": exc.reason,
                    }
                )
            rows.append(row)
        return pd.DataFrame(rows)

    def cumulative_effect(self) -> tuple[pd.Series, pd.Series, pd.Series]:
        """The cumulative effect at each post-period point, with its interval (low, high):
        the sum of observed minus predicted over the points observed so far, as the effects
        table sums it ('effects use the observed points only'). A missing point adds nothing,
        so the line runs flat over it and ends at the table's cumulative effect (before,
        the first missing day cut the line off there: ~700 drawn for a total of 4,848)."""
        ok = self._ok
        obs = np.where(ok, self._observed, 0.0)
        point = np.cumsum(np.where(ok, obs - self._predicted, 0.0))
        sims = np.cumsum(np.where(ok[:, None], obs[:, None] - self._sims, 0.0), axis=0)
        a = self.alpha / 2
        index = self.predicted.index
        low, high = np.quantile(sims, a, axis=1), np.quantile(sims, 1 - a, axis=1)
        return pd.Series(point, index), pd.Series(low, index), pd.Series(high, index)

    def _counts(self) -> bool:
        """The response is a count (every observed value a whole number, none below 0)."""
        values = self.frame[self.response].dropna().to_numpy(dtype=float)
        return bool(len(values) and (values >= 0).all() and (values == np.round(values)).all())

    def plot(self):
        from evalkit.i18n import direction
        from evalkit.style.plotting import date_axis, pyplot

        plt = pyplot()
        fig, axes = plt.subplots(3, 1, figsize=(8, 7), sharex=True)
        f = self.frame
        idx_post = self.predicted.index
        low, high = self.predicted_low, self.predicted_high
        axes[0].plot(f.index, f[self.response], color="#333", lw=1, label=tr("observed"))
        axes[0].plot(idx_post, self.predicted, "--", color="#c44e52", label=tr("counterfactual"))
        axes[0].fill_between(
            idx_post,
            low,
            high,
            color="#c44e52",
            alpha=0.2,
            label=tr("{level}% interval").format(level=int((1 - self.alpha) * 100)),
        )
        rtl = direction() == "rtl"
        axes[0].legend(fontsize=8, loc="best", markerfirst=not rtl)
        axes[0].set_title(tr("Observed and counterfactual"))
        if self._counts() and float(low.min()) < 0:
            # a count cannot fall below 0, but the model's interval does: the band is drawn
            # as the model gives it, the axis stops at 0, and the chart says how far it went
            axes[0].set_ylim(bottom=0)
            axes[0].set_title(
                tr("Observed and counterfactual")
                + "\n"
                + localized(
                    Msg(
                        "(the model's {level}% interval goes below 0, to {low}, which a count "
                        "cannot: the axis stops at 0)",
                        level=int((1 - self.alpha) * 100),
                        low=significant(float(low.min()), 3),
                    )
                ),
                fontsize=10,
            )
        point = self.observed - self.predicted
        axes[1].plot(idx_post, point, color="#4c72b0")
        axes[1].fill_between(
            idx_post,
            self.observed - high,
            self.observed - low,
            color="#4c72b0",
            alpha=0.2,
        )
        axes[1].axhline(0, color="#999", lw=1)
        axes[1].set_title(tr("Pointwise effect"))
        cumulative, cum_low, cum_high = self.cumulative_effect()
        axes[2].plot(idx_post, cumulative, color="#55a868")
        axes[2].fill_between(idx_post, cum_low, cum_high, color="#55a868", alpha=0.2)
        axes[2].axhline(0, color="#999", lw=1)
        axes[2].set_title(
            tr("Cumulative effect (a missing point adds nothing: the line runs flat over it)")
            if not self._ok.all()
            else tr("Cumulative effect")
        )
        for ax in axes:
            ax.axvline(idx_post[0], color="#999", lw=1, ls=":")
        if isinstance(idx_post, pd.DatetimeIndex):
            date_axis(axes[2].xaxis)
        fig.tight_layout()
        return fig
