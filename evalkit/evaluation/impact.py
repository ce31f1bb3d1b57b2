"""Impact statistics on a record's series (series.csv), shown in question 2 (series that
measure reach) and question 3 (series that measure an outcome):

- a **counterfactual** (evalkit.stats.Counterfactual): the series before the launch predicts
  what it would have been after it without the campaign; the difference is the effect, with
  its interval, a sensitivity table over other model settings, and three panels;
- an **interrupted time series** (evalkit.stats.InterruptedTimeSeries) around the launch and
  the hot events that fall inside the series: level and trend changes with intervals.

Neither changes a verdict: a series is evidence beside the record's counts, and a sequence
in time is not by itself proof of cause. A series that cannot carry a model (too short a
pre-period, a gap) says why instead of giving a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Optional

import pandas as pd

from evalkit.i18n import Msg
from evalkit.record.series import CONTROL_PREFIX

if TYPE_CHECKING:
    from evalkit.stats import Counterfactual, InterruptedTimeSeries

QUESTION_OF = {"reach": 2, "outcome": 3}
# an event dated more vaguely than this has no single day to put an interruption at
MAX_EVENT_SPAN_DAYS = 31
MIN_POINTS_EACH_SIDE = 3


@dataclass
class SeriesAnalysis:
    metric: str
    measures: str  # reach / outcome
    points: int
    first: pd.Timestamp
    last: pd.Timestamp
    launch: Optional[pd.Timestamp]
    counterfactual: Optional["Counterfactual"] = None
    counterfactual_problem: str = ""
    its: Optional["InterruptedTimeSeries"] = None
    its_problem: str = ""
    its_model: str = ""
    # the same model with autocorrelation-robust errors, when the residuals are autocorrelated
    its_robust: Optional["InterruptedTimeSeries"] = None
    interruptions: dict = field(default_factory=dict)

    def robust_sentences(self) -> list:
        """The level and trend changes again with Newey–West errors, introduced in words."""
        r = self.its_robust
        if r is None:
            return []
        return [
            Msg(
                "With autocorrelation-robust (Newey–West, {n} lag) errors: {sentence} "
                "Read the wider of the two intervals.",
                "With autocorrelation-robust (Newey–West, {n} lags) errors: {sentence} "
                "Read the wider of the two intervals.",
                n=r.hac_lags,
                sentence=s,
            )
            for s in r.effect_sentences()
        ]

    @property
    def question(self) -> int:
        return QUESTION_OF[self.measures]

    def to_dict(self) -> dict:
        cf = self.counterfactual
        its = self.its
        return {
            "metric": self.metric,
            "measures": self.measures,
            "question": self.question,
            "points": self.points,
            "first": self.first.date().isoformat(),
            "last": self.last.date().isoformat(),
            "launch": self.launch.date().isoformat() if self.launch is not None else None,
            "counterfactual": None
            if cf is None
            else {
                "sentences": cf.sentences(),
                "effects": cf.effects()
                .rename_axis("measure")
                .reset_index()
                .to_dict(orient="records"),
                "tail_probability": cf.tail_probability,
                "model": cf.model_name,
                "model_choice": cf.model_choice().to_dict(orient="records"),
                "residual_check": cf.residual_check,
            },
            "counterfactual_not_computed": self.counterfactual_problem or None,
            "interrupted_time_series": None
            if its is None
            else {
                "model": self.its_model,
                "interruptions": {k: v.date().isoformat() for k, v in self.interruptions.items()},
                "sentences": its.sentences(),
                "effects": its.effects().to_dict(orient="records"),
                "robust_sentences": self.robust_sentences(),
                "robust_effects": None
                if self.its_robust is None
                else self.its_robust.effects().to_dict(orient="records"),
            },
            "interrupted_time_series_not_computed": self.its_problem or None,
        }


def _launch_day(timing) -> Optional[pd.Timestamp]:
    first = next((t for t in timing if t.role == "launch"), None)
    return pd.Timestamp(first.phase.start.start) if first else None


def _interruptions(campaign, launch, dates: pd.DatetimeIndex) -> dict:
    """The launch and each hot event dated to within a month, when the series has enough
    points on both sides of it; named in words for the report."""
    points: dict[str, pd.Timestamp] = {}
    # the launch in words to translate, a hot event in the record's own words
    candidates: list[tuple[str, pd.Timestamp]] = (
        [(Msg("the launch"), launch)] if launch is not None else []
    )
    for e in campaign.record.hot_events:
        if (e.date.end - e.date.start).days <= MAX_EVENT_SPAN_DAYS:
            candidates.append(
                (f"{e.description.rstrip('.')[:70]} ({e.date.text})", pd.Timestamp(e.date.start))
            )
    for name, day in sorted(candidates, key=lambda c: c[1]):
        before, after = (dates < day).sum(), (dates >= day).sum()
        # two interruptions closer than a few points cannot be told apart
        if (
            before >= MIN_POINTS_EACH_SIDE
            and after >= MIN_POINTS_EACH_SIDE
            and all(
                abs((dates < day).sum() - (dates < d).sum()) >= MIN_POINTS_EACH_SIDE
                for d in points.values()
            )
        ):
            points[name] = day
    return points


def _its(data: pd.DataFrame, interruptions: dict, exposure: bool):
    from evalkit.stats import InterruptedTimeSeries

    """Quasi-Poisson for counts (with log exposure as offset when given), Gaussian
    otherwise; two annual harmonics for three years or more of monthly data. A slope change
    is kept only when the data support it (F test, p < 0.05), as Lopez Bernal et al. do."""
    values = data["value"].dropna()
    count = bool((values >= 0).all() and (values == values.round()).all())
    family = "quasipoisson" if count else "gaussian"
    months = pd.DatetimeIndex(data["date"]).to_period("M")
    monthly = bool(
        len(data) >= 3
        and (pd.DatetimeIndex(data["date"]).day == 1).all()
        and ((months[1:] - months[:-1]).map(lambda d: d.n) == 1).all()
    )
    harmonics = 2 if monthly and len(data) >= 36 else 0
    kw: dict[str, Any] = dict(
        time="date",
        family=family,
        offset="exposure" if exposure and count else None,
        harmonics=harmonics,
    )
    full = InterruptedTimeSeries(data, "value", interruptions, slope_change=True, **kw)
    p = full.slope_change_test()
    family_words = (
        Msg("quasi-Poisson (counts, rates per exposure)")
        if count and kw["offset"]
        else Msg("quasi-Poisson (counts)")
        if count
        else Msg("Gaussian")
    )
    described = (
        Msg("{family}, two annual harmonics", family=family_words) if harmonics else family_words
    )
    if p < 0.05:
        chosen, slope = full, True
        words = Msg(
            "{model}; level and trend changes (trend change supported, p = {p})",
            model=described,
            p=f"{p:.3f}",
        )
    else:
        chosen, slope = (
            InterruptedTimeSeries(data, "value", interruptions, slope_change=False, **kw),
            False,
        )
        words = Msg(
            "{model}; level changes only (a trend change is not supported by the data: p = {p})",
            model=described,
            p=f"{p:.2f}",
        )
    # autocorrelated residuals make the model's intervals suspect: the same model again with
    # Newey–West errors over the lags the test used, shown beside it (never instead of it:
    # the robust interval can be the narrower one)
    robust = (
        InterruptedTimeSeries(
            data,
            "value",
            interruptions,
            slope_change=slope,
            hac_lags=chosen.autocorrelation_lags,
            **kw,
        )
        if chosen.autocorrelated
        else None
    )
    return chosen, words, robust


def analyse_series(campaign, timing) -> list[SeriesAnalysis]:
    frame = campaign.series
    if frame is None or frame.empty:
        return []
    # statsmodels is imported only for a record with series: a second of every evaluation
    from evalkit.stats import Counterfactual, SeriesError

    launch = _launch_day(timing)
    out = []
    for metric, part in frame.groupby("metric", sort=False):
        part = part.sort_values("date")
        controls = [
            c for c in part.columns if c.startswith(CONTROL_PREFIX) and part[c].notna().any()
        ]
        a = SeriesAnalysis(
            metric=metric,
            measures=part["measures"].iloc[0],
            points=int(part["value"].notna().sum()),
            first=part["date"].iloc[0],
            last=part["date"].iloc[-1],
            launch=launch,
        )
        data = part[["date", "value", "exposure", *controls]].reset_index(drop=True)
        if launch is None:
            a.counterfactual_problem = Msg("the record has no launch phase to compare around")
        elif not (a.first < launch <= a.last):
            a.counterfactual_problem = Msg(
                "the series ({first} to {last}) does not span the launch ({launch})",
                first=str(a.first.date()),
                last=str(a.last.date()),
                launch=str(launch.date()),
            )
        else:
            try:
                a.counterfactual = Counterfactual(
                    data,
                    "value",
                    controls,
                    time="date",
                    pre_period=(a.first, launch - timedelta(days=1)),
                    post_period=(launch, a.last),
                )
            except SeriesError as exc:
                a.counterfactual_problem = exc.reason
        a.interruptions = _interruptions(campaign, launch, pd.DatetimeIndex(data["date"]))
        if not a.interruptions:
            a.its_problem = Msg(
                "neither the launch nor a hot event dated to the month has {n} or "
                "more points of the series on each side",
                n=MIN_POINTS_EACH_SIDE,
            )
        else:
            try:
                a.its, a.its_model, a.its_robust = _its(
                    data, a.interruptions, data["exposure"].notna().all()
                )
            except SeriesError as exc:
                a.its_problem = exc.reason
        out.append(a)
    return out
