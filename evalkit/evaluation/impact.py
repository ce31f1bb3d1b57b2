"""Impact statistics on a record's series (series.csv), shown in question 2 (series that
measure reach) and question 3 (series that measure an outcome):

- a **counterfactual** (evalkit.stats.Counterfactual): the series before the launch predicts
  what it would have been after it without the campaign; the difference is the effect, with
  its interval, a sensitivity table over other model settings, and three panels;
- an **interrupted time series** (evalkit.stats.InterruptedTimeSeries) around the launch,
  the start of each later phase (a boycott after a petition: the campaign's own change of
  course) and the hot events that fall inside the series: level and trend changes with
  intervals, each date tested on its own; the report lists the dates tested and says why
  each phase start or event inside the series is not (too few points on a side, too near
  another date, a date vaguer than a month), so that no date reads as 'no effect' untested.

Neither changes a verdict: a series is evidence beside the record's counts, and a sequence
in time is not by itself proof of cause. A series that cannot carry a model (too short a
pre-period, a gap) says why instead of giving a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Optional, Sequence

import numpy as np
import pandas as pd

from evalkit.i18n import N_, Msg, Verbatim, joined
from evalkit.record.series import CONTROL_PREFIX, Step, read_steps, series_step

if TYPE_CHECKING:
    from evalkit.stats import Counterfactual, InterruptedTimeSeries

QUESTION_OF = {"reach": 2, "outcome": 3}
# an event dated more vaguely than this has no single day to put an interruption at
MAX_EVENT_SPAN_DAYS = 31
# How many observed values a segment of the interrupted time series needs, on either side
# of a date it tests: 3 per term the segment fits on its own (its level and its trend: the
# level and slope changes of the date that opens it, or the intercept and trend of the
# series before the first date), the rule the counterfactual applies to its pre-period.
# The first segment is the baseline every later change is measured against, its trend
# carried over the whole series: it needs at least 10, as the counterfactual's pre-period
# does. Before, 3 points a side, whatever the segment fitted: a trend fitted on 5 noisy
# points made a 'change' of +35.8% at a later phase's start (trial 7, H2). The terms fitted
# over the whole series (the days of the week, the seasons, the controls) are fitted from
# every segment, not from one.
SEGMENT_TERMS = 2
MIN_POINTS_EACH_SIDE = 3 * SEGMENT_TERMS
MIN_BASELINE_POINTS = max(10, MIN_POINTS_EACH_SIDE)
# the share of SIMULATED null count series (weekly, persistence 0.5 and 0.8) on which the
# interrupted time series establishes a change (benchmarks/its_persistent_noise.py;
# tests/test_its_persistent_noise.py measures both again and holds these to them)
COUNT_NULL_CLAIMS = (0.115, 0.12)


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
    # which dates the model tests, in words (the launch, later phases' starts, hot events)
    its_dates: list = field(default_factory=list)
    # why a date is not an interruption of its own (too near another, too few points on a
    # side, a vague date), in words: the report never reads 'no effect' at an untested date
    its_notes: list = field(default_factory=list)
    # the hot events inside the post-period: the counterfactual cannot tell them from the
    # campaign
    counterfactual_notes: list = field(default_factory=list)
    # a running total's first date, whose row has no change to read (`first` is the date of
    # its first change), and the rows the file holds: said, since `first` is not the file's
    running_total_start: Optional[pd.Timestamp] = None
    rows: int = 0

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

    def count_caution(self) -> list:
        """On a count series with a change established, what the test is known to claim
        on series with no change: its intervals are too narrow on counts whose rate wanders
        from week to week (docs/statistics.md, "Noise that persists": 11.5-12% of SIMULATED
        null series at phi 0.5 and 0.8, against 5% nominal; trial 11, M2 saw it in a report
        as an "established" fall in trend where nothing was designed)."""
        its = self.its
        if its is None or not its.is_count or not any(its.established()):
            return []
        return [
            Msg(
                "On counts this test establishes changes that are not there more often than "
                "its 95% says: on SIMULATED weekly counts whose rate wanders from week to "
                "week (persistence 0.5 and 0.8), {low}–{high}% of series with no change had "
                "one established, against 5%, its check for noise that persists reading the "
                "persistence of counts as less than it is (docs/statistics.md). Read an "
                "established change here as a lead to check against the counterfactual and "
                "the record, not as a finding on its own.",
                low=f"{100 * COUNT_NULL_CLAIMS[0]:g}",
                high=f"{100 * COUNT_NULL_CLAIMS[1]:g}",
            )
        ]

    def agreement_notes(self) -> list:
        """When one model establishes an effect at the launch and the other does not, say
        why they can differ: a reader must not take either alone as the answer. When both
        do and their sizes disagree (a count series: the jump at the launch against the
        counterfactual's average relative effect, intervals apart), say what each measures."""
        cf, its = self.counterfactual, self.its
        if cf is None or its is None:
            return []
        rows = list(its.effects().iterrows())
        at_launch = [
            ok
            for ok, (_, r) in zip(its.established(), rows)
            if str(r["interruption"]) == "the launch"
        ]
        if at_launch and any(at_launch) and cf.effect_established and its.is_count:
            from evalkit.stats.checks import signed_percent  # the stats load with a series

            rel = cf.effects().loc["relative effect"]
            level = [
                r
                for ok, (_, r) in zip(its.established(), rows)
                if ok and str(r["interruption"]) == "the launch" and r["change"] == "level"
            ]
            if level:
                lo, hi = level[0]["ci_low"] - 1, level[0]["ci_high"] - 1
                jump = level[0]["estimate"] - 1
                # one's estimate outside the other's interval: sizes that do not agree
                if not (rel["average_low"] <= jump <= rel["average_high"]) or not (
                    lo <= rel["average"] <= hi
                ):
                    return [
                        Msg(
                            "The two models agree there is an effect at the launch but not "
                            "on its size: the counterfactual's average effect over the "
                            "post-period is {cf} ({cf_low} to {cf_high}), the interrupted "
                            "time series' jump at the launch {its} ({its_low} to {its_high})"
                            "{trend}. They measure different things, and do not agree: "
                            "neither size alone is the answer.",
                            # only a model with a trend change reads part of it as one
                            # (trial 12, M3)
                            trend=Msg(", the rest of its effect read as changes of trend after it")
                            if any(str(r["change"]) == "slope" for _, r in rows)
                            else "",
                            cf=signed_percent(rel["average"]),
                            cf_low=signed_percent(rel["average_low"]),
                            cf_high=signed_percent(rel["average_high"]),
                            its=signed_percent(level[0]["estimate"] - 1),
                            its_low=signed_percent(lo),
                            its_high=signed_percent(hi),
                        )
                    ]
        if not at_launch or any(at_launch) == cf.effect_established:
            return []
        # which of the two finds the change, then why they can differ (trial 12, L3)
        which = (
            Msg(
                "The interrupted time series establishes a change at the launch; the "
                "counterfactual establishes no effect after it."
            )
            if any(at_launch)
            else Msg(
                "The counterfactual establishes an effect after the launch; the interrupted "
                "time series establishes no change at it."
            )
        )
        return [Msg("{which} {why}", which=which, why=self._why_they_differ(cf))]

    @staticmethod
    def _why_they_differ(cf) -> Msg:
        if cf.carries_a_trend:  # the pre-period chose a straight line for both
            return Msg(
                "The two models disagree about the launch, though both carry the "
                "pre-period's trend on: they differ in its form (the interrupted time "
                "series fits the counts' rate, the counterfactual a straight line in the "
                "values around any control series) and in the noise. Which holds is a "
                "judgement about the series, not a computation: neither alone is the answer."
            )
        return Msg(
            "The two models disagree about the launch: the interrupted time series "
            "assumes the pre-period's straight-line trend would have gone on; the "
            "counterfactual the pre-period chose carries no trend on (a level, steady or "
            "wandering, or noise around one, and any control series). Which holds is a "
            "judgement about the series, not a computation: neither alone is the answer."
        )

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
                "notes": list(self.counterfactual_notes),
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
                "notes": list(self.its_dates)
                + list(self.its_notes)
                + self.agreement_notes()
                + self.count_caution(),
                "robust_effects": None
                if self.its_robust is None
                else self.its_robust.effects().to_dict(orient="records"),
            },
            "interrupted_time_series_not_computed": self.its_problem or None,
        }


# what numpy, scipy and statsmodels raise when a model cannot be fitted to a series
_FIT_FAILURES = (ValueError, ArithmeticError, np.linalg.LinAlgError)


def _could_not_fit(exc: Exception) -> Msg:
    return Msg("the model could not be fitted ({why})", why=str(exc) or type(exc).__name__)


def _event_name(e) -> Verbatim:
    """A hot event as the series section names it: its description, cut, and its date (the
    record's own words, never looked up in the catalogue)."""
    return Verbatim(f"{e.description.rstrip('.')[:70]} ({e.date.text})")


def _phase_start_name(phase) -> Msg:
    """A later phase's start as the series section names it: the campaign's own date, so
    labelled ("the start of phase 'Boycott and lobbying' (2024-04-01)"); a vague date in the
    report's language («أواخر 2021», as everywhere else: trial 10, L8)."""
    return Msg(
        "the start of phase '{phase}' ({date})",
        phase=Verbatim(str(phase.name).rstrip(".")),
        date=str(phase.start.text),
    )


def _later_phases(campaign, launch: Optional[pd.Timestamp]) -> list:
    """The phases that start after the launch, in time order: a relaunch after a pause, or
    a new step of a running campaign (a boycott after a petition), each the campaign's own
    change of course, which may be the intervention a series answers."""
    if launch is None:
        return []
    return sorted(
        (p for p in campaign.record.phases if pd.Timestamp(p.start.start) > launch),
        key=lambda p: (p.start.start, p.end.end),
    )


def _events_in_post_period(campaign, launch: pd.Timestamp, last: pd.Timestamp) -> list:
    """A hot event between the launch and the series' end moves the series as the campaign
    might: the counterfactual's effect is the two together, and the report says so. So does
    a later phase's start: the effect is the average over every phase after the launch."""
    inside = [
        _event_name(e)
        for e in campaign.record.hot_events
        if launch <= pd.Timestamp(e.date.start) <= last
    ]
    notes = []
    if inside:
        notes.append(
            Msg(
                "A hot event falls in the post-period: {events}. The effect is the campaign's "
                "and the event's together; the counterfactual cannot tell them apart.",
                "Hot events fall in the post-period: {events}. The effect is the campaign's "
                "and the events' together; the counterfactual cannot tell them apart.",
                n=len(inside),
                events=joined("; ", inside),
            )
        )
    phases = [
        _phase_start_name(p)
        for p in _later_phases(campaign, launch)
        if pd.Timestamp(p.start.start) <= last
    ]
    if phases:
        notes.append(
            Msg(
                "A later phase starts in the post-period: {phases}. The effect is the "
                "average over the whole post-period, not that phase's own; the interrupted "
                "time series below tests the start on its own when the series allows.",
                "Later phases start in the post-period: {phases}. The effect is the average "
                "over the whole post-period, not any one phase's own; the interrupted time "
                "series below tests each start on its own when the series allows.",
                n=len(phases),
                phases=joined("; ", phases),
            )
        )
    return notes


def _launch_day(timing) -> Optional[pd.Timestamp]:
    first = next((t for t in timing if t.role == "launch"), None)
    return pd.Timestamp(first.phase.start.start) if first else None


def _dated(name, day: pd.Timestamp):
    """An interruption with its date, where a list of dates names it: the launch gets its
    day ('the launch (2024-02-05)'); a phase's start and an event carry theirs already."""
    if isinstance(name, Msg) and name.template == "the launch":
        return Msg("the launch ({date})", date=str(day.date()))
    return name


# the names the section gives its dates, and each as it starts a sentence
_CAPITALISED = {
    "the launch": N_("The launch"),
    "the launch ({date})": N_("The launch ({date})"),
    "the start of phase '{phase}' ({date})": N_("The start of phase '{phase}' ({date})"),
}


def _first(name):
    """A date's name where it starts a sentence: evalkit's own names capitalised ('The
    start of phase …'), an event's description as the record writes it."""
    if isinstance(name, Msg) and name.template in _CAPITALISED:
        return Msg(_CAPITALISED[name.template], **name.fields)
    return name


def _not_tested(name, before: int, after: int, empty: int = 0) -> Msg:
    """Why a date is not an interruption of the model: too few observed values on one side
    (a row without a value counts for nothing; `empty` rows on that side are said)."""
    if before < MIN_BASELINE_POINTS:
        said = Msg(
            "{date} is not tested: the series has {n} observed value before it, and the "
            "baseline a change is measured against needs {m} (3 per term it fits, its level "
            "and its trend, and at least 10, as the counterfactual's pre-period).",
            "{date} is not tested: the series has {n} observed values before it, and the "
            "baseline a change is measured against needs {m} (3 per term it fits, its level "
            "and its trend, and at least 10, as the counterfactual's pre-period).",
            date=_first(name),
            n=before,
            m=MIN_BASELINE_POINTS,
        )
    else:
        said = Msg(
            "{date} is not tested: the series has {n} observed value after it, and a change "
            "needs {m} (3 per term it fits: its level and its trend).",
            "{date} is not tested: the series has {n} observed values after it, and a change "
            "needs {m} (3 per term it fits: its level and its trend).",
            date=_first(name),
            n=after,
            m=MIN_POINTS_EACH_SIDE,
        )
    if empty:
        said = Msg(
            "{sentence} On that side {n} more row has a date but no value the models can "
            "read (of the series, or of a control).",
            "{sentence} On that side {n} more rows have a date but no value the models can "
            "read (of the series, or of a control).",
            sentence=said,
            n=empty,
        )
    return said


@dataclass
class _Dates:
    """The interruptions of a series' model and what the report says of the dates."""

    # name: day, in time order
    points: dict
    # which dates are tested, in words (empty when none is)
    tested: list
    # each date left out and why: too few points on a side, a vague date, too near another
    notes: list


def _interruptions(
    campaign, launch, dates: pd.DatetimeIndex, rows: Optional[pd.DatetimeIndex] = None
) -> _Dates:
    """The launch, the start of each later phase and each hot event dated to within a
    month, when the series has enough points on both sides of it; named in words for the
    report. Two interruptions closer than a few points cannot be told apart: the launch,
    the campaign's own date, is kept first, then the later phases' starts (its own too),
    then events, each in time order; each one left out says why (the notes), as does every
    phase start and every event inside the series that is not tested, so that the report
    never reads 'no effect' at a date it did not test.

    `dates` are the dates with an observed value (every count of points here counts them:
    a row without a value carries nothing), `rows` every date of the series (its span: an
    event inside it is said; the rows without a value are said where they decide)."""
    rows = dates if rows is None else rows
    first, last = (rows.min(), rows.max()) if len(rows) else (None, None)
    # (name, day, said when not tested): the launch and the phases always, an event when
    # it falls inside the series (one outside it could not move it)
    candidates: list[tuple[Any, pd.Timestamp, bool]] = []
    if launch is not None:
        candidates.append((Msg("the launch"), launch, True))
    for p in _later_phases(campaign, launch):
        if (p.start.end - p.start.start).days <= MAX_EVENT_SPAN_DAYS:
            candidates.append((_phase_start_name(p), pd.Timestamp(p.start.start), True))
    vague: list = []
    events: list[tuple[Any, pd.Timestamp, bool]] = []
    for e in campaign.record.hot_events:
        day = pd.Timestamp(e.date.start)
        inside = first is not None and first <= day <= last
        if (e.date.end - e.date.start).days <= MAX_EVENT_SPAN_DAYS:
            events.append((_event_name(e), day, inside))
        elif inside:
            vague.append(_event_name(e))
    candidates += sorted(events, key=lambda c: c[1])
    points: dict[Any, pd.Timestamp] = {}
    notes: list = []
    for name, day, say in candidates:
        before = int((dates < day).sum())
        after = len(dates) - before
        if before < MIN_BASELINE_POINTS or after < MIN_POINTS_EACH_SIDE:
            if say:
                side = rows < day if before < MIN_BASELINE_POINTS else rows >= day
                empty = int(side.sum()) - (before if before < MIN_BASELINE_POINTS else after)
                notes.append(_not_tested(_dated(name, day), before, after, empty))
            continue
        near = [
            (other, n)
            for other, d in points.items()
            if (n := abs(before - int((dates < d).sum()))) < MIN_POINTS_EACH_SIDE
        ]
        if near:
            other, n = near[0]
            notes.append(
                Msg(
                    "{event} falls at the same point of the series as {other}: a change "
                    "found after {other} is a change after either.",
                    event=_first(name),
                    other=other,
                )
                if n == 0
                else Msg(
                    "{event} falls within {n} point of {other}: the two cannot be told apart, "
                    "and a change after {other} may be due to either.",
                    "{event} falls within {n} points of {other}: the two cannot be told "
                    "apart, and a change after {other} may be due to either.",
                    event=_first(name),
                    n=n,
                    other=other,
                )
            )
            continue
        points[name] = day
    for p in _later_phases(campaign, launch):
        if (p.start.end - p.start.start).days > MAX_EVENT_SPAN_DAYS:
            notes.append(
                Msg(
                    "{date} is not tested: the phase's start is known only to within more "
                    "than a month, and a change needs a day to start at.",
                    date=_first(_phase_start_name(p)),
                )
            )
    for name in vague:
        notes.append(
            Msg(
                "{date} is not tested: the event's date is known only to within more than a "
                "month, and a change needs a day to start at.",
                date=_first(name),
            )
        )
    points = dict(sorted(points.items(), key=lambda kv: kv[1]))
    later = [(name, d) for name, d in points.items() if launch is not None and d > launch]
    if later and not any(d == launch for d in points.values()):
        # the launch untested (no point, or too few, before it): the first date tested after
        # it is measured against a stretch of the campaign itself (trial 7, H2: a phase's
        # start read against the campaign's first phase, and the report did not say so)
        name, _ = later[0]
        notes.append(
            Msg(
                "The launch is not tested, so the baseline the change at {date} is measured "
                "against includes the campaign itself, from the launch ({launch}): it is a "
                "change against the campaign's own earlier course, not against a time "
                "without the campaign.",
                date=_dated(name, later[0][1]),
                launch=str(launch.date()),
            )
        )
    tested = (
        [
            Msg(
                "The date tested as an interruption: {dates}.",
                "The dates tested as interruptions, each on its own at 95% (the more dates, "
                "the likelier that one of them shows a change by chance alone): {dates}.",
                n=len(points),
                dates=joined("; ", [_dated(name, d) for name, d in points.items()]),
            )
        ]
        if points
        else []
    )
    return _Dates(points, tested, notes)


RUNNING_TOTAL_READ = Msg(
    "The series is a running total (cumulative: yes in series.csv): the models read its "
    "change from each date to the next, one step apart; a change across a gap is left "
    "unobserved, since it cannot be split between the steps it spans."
)


def changes_per_step(dates: pd.Series, values: pd.Series) -> pd.Series:
    """A running total's change from each date to the next one step after it (the series'
    own step, from its dates); NaN where the date before is not one step earlier or either
    value is not observed. The first date has none."""
    days = [pd.Timestamp(d).date() for d in dates]
    step = series_step(days)
    v = values.astype(float).to_numpy()
    out = np.full(len(v), np.nan)
    if step is not None:
        for i in range(1, len(v)):
            if abs(step.between(days[i - 1], days[i]) - 1) < 1e-9:
                out[i] = v[i] - v[i - 1]
    return pd.Series(out, index=values.index)


def control_label(column: str) -> str:
    """A control series' column as a reader names it: 'control_visits_city_library' is
    'visits city library' (the prefix marks the column for evalkit, the underscores stand for
    the spaces a column name could not hold)."""
    return " ".join(column.removeprefix(CONTROL_PREFIX).split("_")) or column


def _its(data: pd.DataFrame, interruptions: dict, exposure: bool, controls: Sequence[str] = ()):
    """Quasi-Poisson for counts (with log exposure as offset when given), Gaussian
    otherwise; two annual harmonics for three years or more of monthly data; day-of-week
    effects for three weeks or more of daily data; the control series as regressors (logged
    for counts, so that a control's rise is a rate's rise), the way the counterfactual uses
    them. A slope change is kept only when the data support it (F test, p < 0.05), as
    Lopez Bernal et al. do."""
    from evalkit.stats import InterruptedTimeSeries

    values = data["value"].dropna()
    count = bool((values >= 0).all() and (values == values.round()).all())
    family = "quasipoisson" if count else "gaussian"
    dates = pd.DatetimeIndex(data["date"])
    # the series' own step, from its dates: a month or a day without a row is a gap in a
    # monthly or daily series, whose dates still name their months and days (the seasons
    # and the days of the week are read from them)
    step = series_step([d.date() for d in dates])
    # three years, three weeks: of observed values (a row without one is no data)
    seen = len(values)
    monthly = bool(seen >= 3 and step == Step(1, months=True))
    harmonics = 2 if monthly and seen >= 36 else 0
    # daily data: people act by the day of the week (fewer signatures on a Sunday)
    weekday = bool(seen >= 21 and step == Step(1))
    controls = [c for c in controls if data[c].notna().any()]
    log_controls = bool(count and controls and (data[controls].dropna() > 0).all().all())
    kw: dict[str, Any] = dict(
        time="date",
        family=family,
        offset="exposure" if exposure and count else None,
        harmonics=harmonics,
        weekday=weekday,
        controls=controls,
        log_controls=log_controls,
    )
    full = InterruptedTimeSeries(data, "value", interruptions, slope_change=True, **kw)
    p = full.slope_change_test()
    # and with noise that persists: a few weeks of a wandering level pass the plain F test
    # as a trend change (on 40 weekly points with AR(1) noise, phi 0.8: 4 series in 10), and
    # the slope model chosen so claims a change at the launch three times as often
    p_persistent = full.persistent_test([c for _, k, c in full.terms if k == "slope"])
    if p_persistent is not None:
        p = max(p, p_persistent)
    # is there any change at an interruption: its level and slope terms together, in the
    # model that has both (whichever is shown), so that choosing the slope term by its own
    # test does not make a change by chance twice as likely to be claimed
    evidence = {name: full.interruption_test(name) for name in interruptions}
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
    if weekday:
        described = Msg("{model}, day-of-week effects", model=described)
    if full.missing_steps:
        # time from the dates: the steps without a row are a gap in time, not skipped
        described = Msg(
            "{model}, time counted from the dates ({missing} without a row, counted as gaps)",
            model=described,
            missing=full.step.count(full.missing_steps) if full.step else full.missing_steps,
        )
    for c in controls:
        name = control_label(c)
        described = (
            Msg("{model}, regression on the log of {control}", model=described, control=name)
            if log_controls
            else Msg("{model}, regression on {control}", model=described, control=name)
        )
    # with the series' statistics (evalkit.stats imports statsmodels: not for a report
    # without a series)
    from evalkit.stats.checks import p_said

    if p < 0.05:
        chosen, slope = full, True
        words = Msg(
            "{model}; level and trend changes (trend change supported, {p})",
            model=described,
            p=p_said(p),
        )
    else:
        chosen, slope = (
            InterruptedTimeSeries(data, "value", interruptions, slope_change=False, **kw),
            False,
        )
        words = Msg(
            "{model}; level changes only (a trend change is not supported by the data: {p})",
            model=described,
            p=p_said(p, 2),
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
    for model in (chosen, robust):
        if model is not None:
            model.evidence_p = evidence
    return chosen, words, robust


@dataclass
class _Regular:
    """The series one row per step (`data`), or why it cannot be (`problem`)."""

    data: Optional[pd.DataFrame] = None
    problem: Msg = Msg("")
    notes: list = field(default_factory=list)


def _gaps_as_rows(data: pd.DataFrame, controls: Sequence[str]) -> _Regular:
    """The series as the counterfactual needs it, one row per step: a date of a gap added as
    a row whose value was not observed (what the record's warning tells the evaluator to
    write). Not for a series that changes step or has dates off its step (a weekly total read
    as a day's value would be a jump the campaign did not make), nor where a control would
    need a value the record does not have: those are said instead."""
    reading = read_steps([d.date() for d in data["date"]])
    if reading is None or (reading.one_step and not reading.gaps):
        return _Regular(data)
    if not reading.one_step:
        return _Regular(
            problem=Msg(
                "the series does not keep one step (its rows change step, or some dates are "
                "off its step: the warnings at its rows say where); the counterfactual needs "
                "a series at one step (here {step})",
                step=reading.step.said,
            )
        )
    missing = reading.missing_dates()
    dates = joined(", ", [d.isoformat() for d in missing[:3]])
    if controls:
        return _Regular(
            problem=Msg(
                "{n} date has no row (e.g. {dates}): the counterfactual needs the control "
                "series' values on every date; add the row with the controls' values (leave "
                "its value empty if it was not observed)",
                "{n} dates have no row (e.g. {dates}): the counterfactual needs the control "
                "series' values on every date; add the rows with the controls' values (leave "
                "their value empty if it was not observed)",
                n=len(missing),
                dates=dates,
            )
        )
    added = pd.DataFrame({"date": pd.to_datetime(missing)})
    full = pd.concat([data, added], ignore_index=True).sort_values("date", ignore_index=True)
    note = Msg(
        "{n} date has no row in the series (e.g. {dates}): read as not observed.",
        "{n} dates have no row in the series (e.g. {dates}): read as not observed.",
        n=len(missing),
        dates=dates,
    )
    return _Regular(full, notes=[note])


NOT_FINITE = Msg(
    "the model's estimates are not finite: the series cannot carry this model (too few "
    "points, or a term that does not vary)"
)


def _unobserved_side(data: pd.DataFrame, launch: pd.Timestamp) -> Optional[Msg]:
    """Why the counterfactual cannot be computed when one side of the launch has dates but
    no observed value (every value empty): an effect over no observed point would be
    'nan', and its cumulative sum a measured-looking 0 (0 to 0) (trial 7, H3). The
    counterfactual's own checks count the post-period's rows; values are counted here."""
    after = data["date"] >= launch
    if after.any() and not data.loc[after, "value"].notna().any():
        return Msg(
            "the series has no observed value after the launch ({n} date, its value empty)",
            "the series has no observed value after the launch ({n} dates, all empty)",
            n=int(after.sum()),
        )
    if (~after).any() and not data.loc[~after, "value"].notna().any():
        return Msg(
            "the series has no observed value before the launch ({n} date, its value empty)",
            "the series has no observed value before the launch ({n} dates, all empty)",
            n=int((~after).sum()),
        )
    return None


def _finite_effects(cf: "Counterfactual") -> bool:
    """Every number the counterfactual's sentences and tables give a reader is finite (the
    observed row's interval is empty by design: it has none)."""
    values = cf.effects().drop(index="actual").to_numpy(dtype=float)
    return bool(np.isfinite(values).all() and np.isfinite(cf.tail_probability))


def _refuse_non_finite_its(*models) -> None:
    """A rate ratio, an interval or a p-value that is not finite, or an interval of no width
    (a term the observed rows never vary: 1.000000 to 1.000000), is no estimate: the model
    is refused with the reason, never shown as 'nan' or as a measured no-change."""
    from evalkit.stats import SeriesError

    for model in models:
        if model is None:
            continue
        e = model.effects()
        numbers = e[["estimate", "ci_low", "ci_high", "p_value"]].to_numpy(dtype=float)
        joint = np.array(list(model.evidence_p.values()), dtype=float)
        if not (np.isfinite(numbers).all() and np.isfinite(joint).all()):
            raise SeriesError(NOT_FINITE)
        if (e["ci_high"] - e["ci_low"] <= 1e-9 * np.maximum(1.0, e["estimate"].abs())).any():
            raise SeriesError(NOT_FINITE)


def _beyond_the_possible(cf: "Counterfactual", data: pd.DataFrame) -> list:
    """A count cannot be negative, nor fall by more than 100%: when the counterfactual's
    interval for the series without the campaign reaches below zero (its model, on the
    response's own scale, does not know the floor), its intervals run past what the series
    can be, and the relative effect's with them (a total near or below zero in some
    simulated paths). Said in a sentence, not cut: a truncated interval would read as
    measured at the floor, and it would no longer be the 95% interval the model gives; the
    honest reading is that the interval is too wide to say more (trial 7, L5)."""
    values = data["value"].dropna()
    if not len(values) or not ((values >= 0).all() and (values == values.round()).all()):
        return []
    e = cf.effects()
    low = float(e.loc["prediction", "average_low"])
    rel_low = float(e.loc["relative effect", "average_low"])
    if low >= 0 and rel_low >= -1:
        return []
    from evalkit.stats.checks import signed_percent
    from evalkit.stats.counterfactual import significant

    if rel_low < -1:
        return [
            Msg(
                "The series is a count, which cannot be negative nor fall by more than "
                "100%; yet the interval of what it would have been reaches {low} a period, "
                "and the relative effect's {rel_low}: the model does not know the floor at "
                "zero, and these intervals are too wide to read beyond the possible range. "
                "The pre-period does not pin down what the series would have been.",
                low=significant(low),
                rel_low=signed_percent(rel_low),
            )
        ]
    return [
        Msg(
            "The series is a count, which cannot be negative; yet the interval of what it "
            "would have been reaches {low} a period: the model does not know the floor at "
            "zero, and the interval is too wide to read beyond the possible range.",
            low=significant(low),
        )
    ]


def sensitivity_notes(cf: "Counterfactual", table: pd.DataFrame) -> list:
    """What the sensitivity table says against the headline, in a sentence beside it: rows
    whose interval excludes no effect where the chosen model finds none established (on a
    series without an effect some settings exclude it by chance: a reader must not copy the
    row that agrees with a hope), or rows that include no effect where the chosen model
    establishes one (the effect depends on the settings). Built from the table as shown
    (its first row is the chosen model); rows not computed count for nothing (trial 7, L6)."""
    rows = table.iloc[1:]
    computed = rows[["low", "high"]].notna().all(axis=1)
    rows = rows[computed]
    if rows.empty:
        return []
    excludes = (rows["low"] > 0) | (rows["high"] < 0)
    n, k = len(rows), int(excludes.sum())
    if not cf.effect_established and k:
        return [
            Msg(
                "{n} of the {of} other settings gives an interval that excludes no effect; "
                "the chosen model does not establish one. Read the chosen model's answer, not "
                "the row that agrees with a hope: among several settings, one can exclude "
                "no effect by chance alone.",
                "{n} of the {of} other settings give an interval that excludes no effect; "
                "the chosen model does not establish one. Read the chosen model's answer, not "
                "the row that agrees with a hope: among several settings, one can exclude "
                "no effect by chance alone.",
                n=k,
                of=n,
            )
        ]
    if cf.effect_established and k < n:
        return [
            Msg(
                "{n} of the {of} other settings gives an interval that includes no effect: "
                "the effect found depends on the model's settings; read it with that "
                "caution.",
                "{n} of the {of} other settings give an interval that includes no effect: "
                "the effect found depends on the model's settings; read it with that "
                "caution.",
                n=n - k,
                of=n,
            )
        ]
    return []


def analyse_series(campaign, timing) -> list[SeriesAnalysis]:
    frame = campaign.series
    if frame is None or frame.empty:
        return []
    # statsmodels is imported only for a record with series: a second of every evaluation
    from evalkit.stats import Counterfactual, SeriesError
    from evalkit.stats.counterfactual import moved_said

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
        total = bool("cumulative" in part and part["cumulative"].any())
        if total:
            # a running total (cumulative: yes) rises whatever the campaign does: the models
            # read its change from each date to the next, one step apart (a change across a
            # gap spans several steps, and cannot be split between them: left unobserved)
            data["value"] = changes_per_step(data["date"], data["value"])
            a.points = int(data["value"].notna().sum())
            if len(data) > 1:
                # the first date has no change to read (no date before it): the series
                # starts there, it is no gap (read as one, it cost the model choice and
                # asked the evaluator to fill it: trial 7, M1)
                a.running_total_start, a.rows = data["date"].iloc[0], len(data)
                data = data.iloc[1:].reset_index(drop=True)
                a.first = data["date"].iloc[0]
        # the control series under their names as a reader says them (the counterfactual's
        # sentences and sensitivity table name them), unless two would read the same
        labels = {c: control_label(c) for c in controls}
        if len(set(labels.values()) | {"date", "value", "exposure"}) < len(labels) + 3:
            labels = {c: c for c in controls}
        if launch is None:
            a.counterfactual_problem = Msg("the record has no launch phase to compare around")
        elif a.running_total_start is not None and a.running_total_start <= launch <= a.first:
            # its rows reach the launch, but its changes begin at or after it
            a.counterfactual_problem = Msg(
                "as a running total, the series' first change is from {start} to {first}, "
                "which is not before the launch ({launch}): there is no change before the "
                "launch to compare with",
                start=str(a.running_total_start.date()),
                first=str(a.first.date()),
                launch=str(launch.date()),
            )
        elif not (a.first < launch <= a.last):
            a.counterfactual_problem = Msg(
                "the series ({first} to {last}) does not span the launch ({launch})",
                first=str(a.first.date()),
                last=str(a.last.date()),
                launch=str(launch.date()),
            )
        elif (unseen := _unobserved_side(data, launch)) is not None:
            a.counterfactual_problem = unseen
        elif (regular := _gaps_as_rows(data, controls)).data is None:
            a.counterfactual_problem = regular.problem
        else:
            try:
                a.counterfactual = Counterfactual(
                    regular.data.rename(columns=labels),
                    "value",
                    [labels[c] for c in controls],
                    time="date",
                    pre_period=(a.first, launch - timedelta(days=1)),
                    post_period=(launch, a.last),
                )
            except SeriesError as exc:
                a.counterfactual_problem = exc.reason
            except _FIT_FAILURES as exc:  # a report says so rather than stopping the batch
                a.counterfactual_problem = _could_not_fit(exc)
            if a.counterfactual is not None and not _finite_effects(a.counterfactual):
                a.counterfactual, a.counterfactual_problem = None, NOT_FINITE
            if a.counterfactual is not None and controls:
                # a control that changed after the launch on its own cannot say what the
                # series would have done without the campaign (trial 13, H1)
                a.counterfactual.check_controls()
            a.counterfactual_notes = regular.notes + _events_in_post_period(
                campaign, launch, a.last
            )
            if a.counterfactual is not None:
                a.counterfactual_notes += _beyond_the_possible(a.counterfactual, data)
            if total:
                a.counterfactual_notes.append(RUNNING_TOTAL_READ)
        # the dates with an observed value (and the controls' values, without which the
        # model has no row): what every count of points counts
        seen = data[["value", *controls]].notna().all(axis=1)
        found = _interruptions(
            campaign,
            launch,
            pd.DatetimeIndex(data.loc[seen, "date"]),
            pd.DatetimeIndex(data["date"]),
        )
        a.interruptions, a.its_dates, a.its_notes = found.points, found.tested, found.notes
        if not a.interruptions:
            a.its_problem = Msg(
                "neither the launch, nor a later phase's start, nor a hot event dated to "
                "the month has {before} or more observed values of the series before it "
                "and {after} or more after it",
                before=MIN_BASELINE_POINTS,
                after=MIN_POINTS_EACH_SIDE,
            )
        else:
            try:
                a.its, a.its_model, a.its_robust = _its(
                    data, a.interruptions, data["exposure"].notna().all(), controls
                )
                _refuse_non_finite_its(a.its, a.its_robust)
                moved = a.counterfactual.moved_controls if a.counterfactual else None
                if moved:  # the same controls changed at the launch: no change there holds
                    said = moved_said(moved, int(round((1 - a.its.alpha) * 100)))
                    for model in (a.its, a.its_robust):
                        if model is not None:
                            model.moved_controls = {"the launch": said}
                if total:
                    a.its_notes.append(RUNNING_TOTAL_READ)
            except SeriesError as exc:
                a.its, a.its_robust, a.its_problem = None, None, exc.reason
            except _FIT_FAILURES as exc:
                a.its, a.its_robust, a.its_problem = None, None, _could_not_fit(exc)
            if a.its is None:  # nothing was tested
                a.its_dates = []
        out.append(a)
    return out


def interruption_spans(campaign, interruptions: dict) -> dict:
    """Each hot event among the interruptions with the days its date allows (first, last):
    the chart shades a vague date ('late 2024-05') over all of them, where the model puts
    its change at the first."""
    spans = {}
    for e in campaign.record.hot_events:
        name = _event_name(e)
        if name in interruptions:
            spans[name] = (pd.Timestamp(e.date.start), pd.Timestamp(e.date.end))
    return spans
