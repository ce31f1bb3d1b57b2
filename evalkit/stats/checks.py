"""Bad series get a clear error or an explicit warning, never a silent number."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evalkit.i18n import Msg, joined


def p_said(p: float, places: int = 3) -> str:
    """A p-value as a sentence says it: 'p = 0.012', or 'p < 0.001' when it rounds to
    nothing at `places` decimals. Fixed decimals alone made 'p = 0.000', a probability of
    none, which no test gives; and 'p = 1.2e-05' is no reader's notation. One field, 'p'
    with it, so that a right-to-left sentence keeps it in one left-to-right run."""
    smallest = 10.0**-places
    return f"p < {smallest:.{places}f}" if p < smallest else f"p = {p:.{places}f}"


class SeriesError(ValueError):
    """A series that cannot be analysed as given; the message says why and what to do. The
    message may be a Msg, so that a report shows it in its own language (`.reason`)."""

    @property
    def reason(self):
        return self.args[0] if self.args else str(self)


def refuse_redundant_controls(
    base: np.ndarray, X: np.ndarray, controls: list, period, full=None, full_rank=None
) -> None:
    """Each control must add something over `period` (the rows of `base` and X) that the
    model's other terms (`base`: the level, its changes, seasons) and the controls before it
    do not: a constant control is the level again, a copy (or a sum) of others is them
    again, and the regression then has no single answer — a solve stops, or worse, gives a
    number (an interval from 0 to infinity). Said by name, with what to do.
    `full`: [base X] when the caller has made it; `full_rank`: a test that gives numpy's
    matrix_rank's answer to "full column rank?" sooner (the counterfactual's compiled one)."""
    full = np.column_stack([base, X]) if full is None else full
    if full_rank is not None and full_rank(full):
        return
    if np.linalg.matrix_rank(full) == full.shape[1]:
        return
    constant = [c for c, col in zip(controls, X.T) if np.ptp(col) == 0]
    if constant:
        raise SeriesError(
            Msg(
                "control series {controls} is constant over {period}: it cannot be "
                "told from the level; leave it out",
                "control series {controls} are constant over {period}: they cannot be "
                "told from the level; leave them out",
                controls=joined(", ", [repr(c) for c in constant]),
                period=period,
                n=len(constant),
            )
        )
    kept, redundant = [base], []
    rank = np.linalg.matrix_rank(base)
    for c, col in zip(controls, X.T):
        now = np.linalg.matrix_rank(np.column_stack([*kept, col]))
        if now > rank:
            kept.append(col[:, None])
            rank = now
        else:
            redundant.append(c)
    if not redundant:  # the model's own terms cannot be told apart: not a control's doing
        return
    raise SeriesError(
        Msg(
            "control series {controls} adds nothing over {period}: it is a "
            "combination of the model's other terms and the controls before it; leave it out",
            "control series {controls} add nothing over {period}: each is a "
            "combination of the model's other terms and the controls before it; leave them out",
            controls=joined(", ", [repr(c) for c in redundant]),
            period=period,
            n=len(redundant),
        )
    )


def as_series_frame(
    data: pd.DataFrame,
    columns: list[str],
    time: str | None,
    counts: list[str] = (),
    warnings: list[str] | None = None,
) -> pd.DataFrame:
    """Checked copy of `data`, indexed by time: no duplicates, sorted (with a warning),
    numeric, counts non-negative and not all zero."""
    warnings = warnings if warnings is not None else []
    missing = [c for c in columns + ([time] if time else []) if c not in data.columns]
    if missing:
        raise SeriesError(
            f"column(s) not found: {', '.join(missing)}; "
            f"the data has: {', '.join(map(str, data.columns))}"
        )
    frame = data.set_index(time) if time else data.copy()
    if frame.index.has_duplicates:
        dups = frame.index[frame.index.duplicated()].unique()[:5]
        raise SeriesError(
            Msg(
                "duplicate time points: {points}; aggregate them to one row each first",
                points=joined(", ", [str(d) for d in dups]),
            )
        )
    if not frame.index.is_monotonic_increasing:
        frame = frame.sort_index()
        warnings.append(Msg("The rows were not in time order; they were sorted by time."))
    for c in columns:
        if frame[c].dtype.kind in "fiu":  # already numbers: nothing to convert or report
            continue
        values = pd.to_numeric(frame[c], errors="coerce")
        bad = frame.index[values.isna() & frame[c].notna()]
        if len(bad):
            raise SeriesError(
                Msg(
                    "column {column}: non-numeric values at {points}",
                    column=repr(c),
                    points=joined(", ", [str(b) for b in bad[:5]]),
                )
            )
        frame[c] = values
    for c in counts:
        v = frame[c].dropna()
        if (v < 0).any():
            at = v.index[v < 0][:5]
            raise SeriesError(
                Msg(
                    "column {column}: negative counts at {points}; a count cannot be negative",
                    column=repr(c),
                    points=joined(", ", [str(a) for a in at]),
                )
            )
        if len(v) and (v == 0).all():
            raise SeriesError(
                Msg("column {column} is zero everywhere: there is no rate to model", column=repr(c))
            )
        if not np.allclose(v, np.round(v)):
            warnings.append(
                Msg(
                    "Column {column} has non-integer values; a count model treats "
                    "them as counts anyway.",
                    column=repr(c),
                )
            )
    return frame


def running_total_warning(values) -> Msg | None:
    """A series that never falls, over ten points or more, is likely a running total
    (followers, signatures to date): its rise goes on whatever the campaign does, and a
    model of changes reads it as an effect. Said, so that the evaluator enters the change
    per period instead."""
    v = np.asarray(values, float)
    v = v[~np.isnan(v)]
    if len(v) < 10 or v[-1] == v[0] or not (np.diff(v) >= 0).all():
        return None
    return Msg(
        "The series never falls: if it is a running total (followers, signatures to date), "
        "mark it cumulative: yes in series.csv (its change per period is then modelled) or "
        "enter the change per period instead, since a total's steady rise reads as an effect."
    )


def _inferred_frequency(index: pd.DatetimeIndex) -> str | None:
    """infer_freq's answer by name. pandas 3.1 announces it will return an offset object and
    warns at every call unless asked for that future behaviour, which older pandas lack."""
    try:
        with pd.option_context("future.infer_freq_returns_offset", True):
            freq = pd.infer_freq(index)
    except (KeyError, pd.errors.OptionError):
        freq = pd.infer_freq(index)
    return getattr(freq, "freqstr", freq)


def regular_gaps(index: pd.Index) -> tuple[str | None, list]:
    """For a DatetimeIndex, its frequency and the missing time points (gaps)."""
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        return None, []
    freq = _inferred_frequency(index)
    if freq is None:
        t = index.values
        month = t.astype("datetime64[M]")
        if (t - month == t[0] - month[0]).all():
            # the same day of every k-th month (months differ in length: no fixed step)
            k = int(np.diff(month.astype(np.int64)).min())
            months = np.arange(month[0], month[-1] + 1, k)
            full = pd.DatetimeIndex(months.astype(t.dtype) + (t[0] - month[0]))
            return f"{k}M", list(full.difference(index))
        step = pd.Series(index).diff().mode().iloc[0]
        full = pd.date_range(index[0], index[-1], freq=step)
        return str(step), list(full.difference(index))
    return freq, []


def signed_percent(x: float) -> str:
    """A share as a signed percentage with one decimal (+12.5%, -3.0%); one that rounds to
    zero is written 0.0% (Python writes -0.0% for -0.0004: a sign the number does not
    carry)."""
    text = f"{x:+.1%}"
    return text[1:] if text[1:] == "0.0%" else text
