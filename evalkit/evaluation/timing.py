"""Launch timing, computed from dates: before, at or after the hot event, and how long the
campaign waited after the event became foreseeable (paper §3: "reactive launches").

The model (docs/evaluation-method.md, "Launch timing"):
- A campaign *launches* once, with its first phase. A later phase that starts while the
  campaign is running, or within `GAP_DAYS` of the previous phase's end, is an *escalation*,
  not a launch; one that starts after a longer pause is a *relaunch* (a stop and a restart);
  one whose vague dates allow both is an *escalation or relaunch*, never called either.
- A launch or relaunch is compared with one hot event: the one its phase names in `trigger`
  (the evaluator's link, at any distance), or else the nearest triggering event within
  `REACTIVE_WINDOW_DAYS` of the start. Every hot event in a record is taken to concern the
  record's cause. With no such event the launch is *independent* of the events recorded.
- Reactive: launched at or after an event the campaign did not make itself. A start that
  the dates put wholly before the event (even within the "at" window) answered no event: it
  anticipated one, which is what the paper asks for (recommendation 11). An event after the
  start that no one could foresee by then (no `foreseeable_from` by the start) was neither
  anticipated nor a trigger — often the backlash to the campaign itself — and is not
  compared with the start unless the record links it.
- A start timed to a scheduled event (a summit, vote or hearing foreseeable before the start)
  is *planned*: not reactive, and the time since the event became foreseeable is not
  lateness. A start certainly after the event is not timed to it: reactive.
- Vague dates that allow both "before" and "at" (or "at" and "after") say so: "before or
  at" is not counted reactive or not ("cannot tell"); "at or after" is reactive either way.
- A phase's `trigger` is the event that set it off: its start is on or after that event,
  so the days before the event its vague dates would allow are not counted (a start in
  "2025-03" triggered by an event "early 2025-03" is at it, not "before or at").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Optional, get_args

from evalkit.i18n import N_, Msg, joined
from evalkit.record.schema import TRIGGER_KINDS, CampaignRecord, HotEvent, HotEventKind, Phase

# A launch up to a week before the event, or up to 30 days after it, counts as "at" it:
# the paper's "at the hot event" campaigns started within days of the offensives.
AT_WINDOW_BEFORE_DAYS = 7
AT_WINDOW_AFTER_DAYS = 30
# An unlinked event further than this from the launch did not set it off (nor was it the
# occasion the launch prepared for).
REACTIVE_WINDOW_DAYS = 30
# A pause longer than this between phases is a stop and a restart (§4 weakness 11).
GAP_DAYS = 30

# a phase's role: the first start, a start after a pause, or a step up of a running campaign;
# "escalation or relaunch" where the vague dates allow the pause before it both within and
# over GAP_DAYS (never called either: trial 6, M4)
Role = Literal["launch", "relaunch", "escalation", "escalation or relaunch"]
# "before or at", "at or after": the vague dates allow both and cannot tell them apart
Timing = Literal[
    "before", "at", "after", "before or at", "at or after", "independent", "undetermined"
]
ROLE_WORDS = {
    "launch": N_("launch"),
    "relaunch": N_("relaunch after a pause"),
    "escalation": N_("escalation of the running campaign"),
    "escalation or relaunch": N_("escalation or relaunch, the dates cannot tell which"),
}
# the timing words, shown in tables and sentences
N_("before"), N_("at"), N_("after"), N_("independent"), N_("undetermined"), N_("relaunch")
N_("escalation"), N_("before or at"), N_("at or after"), N_("escalation or relaunch")
# events that are scheduled: a start timed to one foreseen in advance is planned
SCHEDULED_KINDS = ("summit", "vote", "hearing")


def day_span(lo: int, hi: int) -> Msg:
    """'65 days', or '62–131 days' when the dates allow a range."""
    return (
        Msg("{n} day", "{n} days", n=lo)
        if lo == hi
        # the noun agrees with the range's last number, as Arabic says it («31–89 يوماً»,
        # never «31–89 من الأيام»: trial 18, L2)
        else Msg("{low}–{high} day", "{low}–{high} days", low=lo, high=hi, n=hi)
    )


def start_window(phase: Phase) -> tuple[date, date]:
    """The first and last day a phase's start allows by its own dates: its start's, and no
    later than its end's last day (a phase "from 2022 to 2022-04" started by 30 April:
    trial 10, M2 compared it with an event in September, "102 days after")."""
    return phase.start.start, min(phase.start.end, phase.end.end)


def _midpoint(lo: date, hi: date) -> date:
    return lo + timedelta(days=(hi - lo).days // 2)


def start_days(record: CampaignRecord, phase: Phase) -> tuple[date, date]:
    """The first and last day a phase's start allows: its dates' (`start_window`), less the
    days before the event its `trigger` names (the event set it off: the start is on or
    after it — unless the dates put the start wholly before it, when they are kept as
    written)."""
    lo, hi = start_window(phase)
    if phase.trigger is not None:
        ev = next((e for e in record.hot_events if e.id == phase.trigger), None)
        if ev is not None and ev.date.start <= hi:
            lo = max(lo, ev.date.start)
    return lo, hi


def launch_days(record: CampaignRecord) -> tuple[date, date]:
    """The days the campaign's launch allows (the earliest start, triggers counted): between
    the earliest first day and the earliest last day of the phases' starts."""
    days = [start_days(record, p) for p in record.phases]
    return min(d[0] for d in days), min(d[1] for d in days)


@dataclass(frozen=True)
class PhaseGap:
    before: Phase
    after: Phase
    days: tuple[int, int]  # days with no phase running, fewest..most the dates allow

    @property
    def is_pause(self) -> bool:
        """Long enough to count as a stop and a restart: certainly over GAP_DAYS."""
        return self.days[0] > GAP_DAYS

    def text(self) -> Msg:
        return Msg(
            "{before} → {after}: {span}",
            before=self.before.name,
            after=self.after.name,
            span=day_span(*self.days),
        )


def phase_gaps(record: CampaignRecord) -> list[PhaseGap]:
    """Spells with no phase running between consecutive phases. Back-to-back phases (one ends
    on the 5th, the next starts on the 6th) are continuous: no gap."""
    phases = sorted(record.phases, key=lambda p: (p.start.start, p.end.end))
    out = []
    running_end = phases[0].end
    running_phase = phases[0]
    for p in phases[1:]:
        lo = (p.start.start - running_end.end).days - 1
        hi = (start_window(p)[1] - running_end.start).days - 1
        if hi > 0:
            out.append(PhaseGap(running_phase, p, (max(lo, 0), hi)))
        if p.end.end >= running_end.end:
            running_end, running_phase = p.end, p
    return out


@dataclass(frozen=True)
class LaunchTiming:
    phase: Phase
    role: Role
    event: Optional[HotEvent]
    linked: bool  # the record names the event as this phase's trigger
    # before / at / after the event; independent: no event near enough and none linked;
    # undetermined: the dates are too vague to tell, or no event is recorded
    timing: Timing
    lag_days: Optional[tuple[int, int]]  # launch minus event date, fewest..most days
    warning_days: Optional[tuple[int, int]]  # launch minus foreseeable date
    designed: bool  # the campaign made the event itself
    # a non-triggering event (a summit, a truce) within the window, when none triggered
    nearby: Optional[HotEvent] = None

    @property
    def is_launch(self) -> bool:
        return self.role in ("launch", "relaunch")

    @property
    def reactive(self) -> Optional[bool]:
        """True/False for launches and relaunches; None for escalations (not a launch) and
        where the dates or the record cannot tell."""
        if self.role == "escalation or relaunch":
            # not reactive whichever it was, or not known: never a reactive launch
            return False if self._as_launch() is False else None
        if not self.is_launch:
            return None
        return self._as_launch()

    def _as_launch(self) -> Optional[bool]:
        """Whether the phase reacted to its event, were it a launch."""
        if self.designed or self.planned:
            return False  # made or foreseen by the campaign: whatever the dates' precision
        if self.timing in ("undetermined", "before or at"):
            return None
        if self.timing == "independent" or self.anticipated:
            return False
        if self.timing in ("at", "after", "at or after") and self.beyond_window:
            # an event the record does not link counts only within the window: the dates
            # allow the start further from it, where it answered none (independent)
            return None
        return self.timing in ("at", "after", "at or after")

    @property
    def beyond_window(self) -> bool:
        """An event the record does not link, that the vague dates allow further than
        REACTIVE_WINDOW_DAYS from the start (and within it too): whether it is the start's
        event at all cannot be told."""
        lag = self.lag_days
        return (
            not self.linked
            and self.event is not None
            and lag is not None
            and not (-REACTIVE_WINDOW_DAYS <= lag[0] and lag[1] <= REACTIVE_WINDOW_DAYS)
        )

    @property
    def planned(self) -> bool:
        """Timed to a scheduled event foreseeable before the start: not a reaction. A start
        certainly after the event is no timing to it, however foreseeable it was: it came
        once the event had happened, the paper's reactive launch (weakness 11; trial 18, M1:
        a start two weeks after a vote foreseeable for six was called planned)."""
        e = self.event
        return (
            e is not None
            and e.kind in SCHEDULED_KINDS
            and e.foreseeable_from is not None
            and e.foreseeable_from.end <= self.phase.start.start
            and self.timing in ("before", "at", "before or at")
            and not (self.lag_days is not None and self.lag_days[0] > 0)
        )

    @property
    def anticipated(self) -> bool:
        """The start came certainly before the event: nothing yet to react to."""
        return self.lag_days is not None and self.lag_days[1] < 0

    def sentence(self) -> Msg:
        p = self.phase
        # a start known only to fall inside a window is said as one ('started between
        # 2018-03 and 2018-12'), never 'from between …'
        head = Msg(
            N_("{phase} (started {start}, {role})")
            if ".." in str(p.start.text)
            else N_("{phase} (from {start}, {role})"),
            phase=p.name,
            start=p.start.text,
            role=ROLE_WORDS[self.role],
        )
        if self.timing == "undetermined" and self.event is None:
            return Msg(
                "{head}: no triggering hot event is recorded, so launch timing cannot be computed.",
                head=head,
            )
        if self.timing == "independent":
            if self.nearby:
                return Msg(
                    "{head}: no event that sets a campaign off (an offensive, a vote, a "
                    "hearing, a publication, a photo release) within {days} of the "
                    "start and none linked to it; “{event}” ({date}, {kind}) falls "
                    "within that window but closes or answers a campaign rather than "
                    "setting one off.",
                    head=head,
                    days=_day_count(REACTIVE_WINDOW_DAYS),
                    event=self.nearby.description,
                    date=self.nearby.date.text,
                    kind=self.nearby.kind,
                )
            return Msg(
                "{head}: no hot event within {days} of the start and none linked "
                "to it, so the start answered none of the events recorded.",
                head=head,
                days=_day_count(REACTIVE_WINDOW_DAYS),
            )
        event, lag = self.event, self.lag_days
        assert event is not None and lag is not None  # only an independent start has none
        window = _day_count(REACTIVE_WINDOW_DAYS)
        # an event the vague dates only allow within the window is said to be possibly there
        certain = -REACTIVE_WINDOW_DAYS <= lag[0] and lag[1] <= REACTIVE_WINDOW_DAYS
        how = (
            Msg("linked by the record")
            if self.linked
            else Msg("the nearest within {days}", days=window)
            if certain
            else Msg("the nearest the dates allow within {days} of the start", days=window)
        )
        parts = [
            # 'undetermined' is no preposition: the sentence says what cannot be told
            Msg(
                "{head}: compared with the hot event “{event}” ({date}; {how}), the dates "
                "cannot tell whether the start came before, at or after it",
                head=head,
                event=event.description,
                date=event.date.text,
                how=how,
            )
            if self.timing == "undetermined"
            else Msg(
                "{head}: {timing} the hot event “{event}” ({date}; {how})",
                head=head,
                timing=self.timing,
                event=event.description,
                date=event.date.text,
                how=how,
            ),
            _describe_lag(*lag),
        ]
        vague = {
            "before or at": Msg(
                "the dates cannot tell whether the start came before the event or at it"
            ),
            "at or after": Msg(
                "the dates cannot tell whether the start came at the event or after it"
            ),
        }
        if self.timing in vague:
            parts.append(vague[self.timing])
        if (
            self.is_launch
            and self.beyond_window
            and self.reactive is None
            and self.timing in ("at", "after", "at or after")
        ):
            parts.append(
                Msg(
                    "the record does not link this event to the start, and the dates allow "
                    "the start further than {days} from it, where it would answer none of "
                    "the events recorded: the start may be reactive, and the dates cannot "
                    "tell",
                    days=window,
                )
            )
        warned = event.foreseeable_from  # set whenever planned or warning_days is
        if self.designed:
            parts.append(Msg("the campaign made this event itself (a designed launch)"))
        elif self.planned and warned is not None:
            parts.append(
                Msg(
                    "a scheduled event foreseeable from {date}: the start was timed "
                    "to it (planned, not a reaction)",
                    date=warned.text,
                )
            )
        elif self.anticipated and self.is_launch:
            parts.append(Msg("the campaign started before the event, so it did not react to it"))
        elif (
            self.warning_days
            and warned is not None
            and self.timing in ("at", "after", "at or after")
        ):
            wlo, whi = self.warning_days
            parts.append(
                Msg(
                    "the event was foreseeable from {date}, so the start came {days} "
                    "after warning was available",
                    date=warned.text,
                    days=_day_count(_range(wlo, whi)),
                )
            )
        return Msg("{sentence}.", sentence=joined("; ", parts))


def _day_count(n) -> Msg:
    """A number of days (or a range, '0–30') with 'day' in the form it takes."""
    return Msg("{n} day", "{n} days", n=n)


def _range(a: int, b: int) -> str:
    lo, hi = sorted((abs(a), abs(b)))
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _days(n: int) -> Msg:
    if n >= 0:
        return Msg("{n} day after", "{n} days after", n=n)
    return Msg("{n} day before", "{n} days before", n=-n)


def _describe_lag(lo: int, hi: int) -> Msg:
    if lo == hi == 0:
        return Msg("the start came on the day of the event")
    if lo == hi:
        return Msg("the start came {days} the event", days=_days(lo))
    if lo < 0 < hi:
        return Msg(
            "the recorded dates place the start anywhere from {first} to {last} the event",
            first=_days(lo),
            last=_days(hi),
        )
    return (
        Msg("the start came {range} after the event", range=_day_count(_range(lo, hi)))
        if lo >= 0
        else Msg("the start came {range} before the event", range=_day_count(_range(lo, hi)))
    )


def _lag(phase: Phase, ev: HotEvent) -> tuple[int, int]:
    lo, hi = start_window(phase)
    return (lo - ev.date.end).days, (hi - ev.date.start).days


def _near(phase: Phase, events: list[HotEvent], kinds=TRIGGER_KINDS) -> Optional[HotEvent]:
    """The triggering event nearest the start, if any lies within the window. An event
    certainly after the start that could not be foreseen by then is not one: the start
    neither answered nor anticipated it (it may be the campaign's own backlash)."""
    near = []
    for e in events:
        if e.kind not in kinds:
            continue
        lo, hi = _lag(phase, e)
        unforeseen = e.foreseeable_from is None or e.foreseeable_from.end > phase.start.start
        if hi < 0 and unforeseen and not e.made_by_campaign:
            continue
        if hi >= -REACTIVE_WINDOW_DAYS and lo <= REACTIVE_WINDOW_DAYS:
            distance = 0 if lo <= 0 <= hi else min(abs(lo), abs(hi))
            # ties (vague dates overlapping several events) go to the nearest midpoint
            centre = abs((_midpoint(*start_window(phase)) - e.date.midpoint).days)
            near.append((distance, centre, e.date.start, e))
    return min(near, key=lambda x: x[:3])[3] if near else None


def _summit_ahead(phase: Phase, events: list[HotEvent]) -> Optional[HotEvent]:
    """A summit foreseeable by the start and due within the window after it: the start was
    timed to it (planned). A summit sets no campaign off — one before the start is answered,
    not reacted to — so it is looked for only ahead of an unlinked start, where no
    triggering event is near."""
    ahead = [
        e
        for e in events
        if e.kind == "summit"
        and e.foreseeable_from is not None
        and e.foreseeable_from.end <= phase.start.start
        and _lag(phase, e)[1] <= 0  # the start on or before the summit, as the dates say
    ]
    return _near(phase, ahead, kinds=("summit",))


def _timing(lag: tuple[int, int], same_period: bool = False) -> Timing:
    lo, hi = lag
    if same_period:
        return "at"  # written as the same period (both "2016-09"): at the record's precision
    if hi < -AT_WINDOW_BEFORE_DAYS:
        return "before"
    if lo > AT_WINDOW_AFTER_DAYS:
        return "after"
    early, late = lo < -AT_WINDOW_BEFORE_DAYS, hi > AT_WINDOW_AFTER_DAYS
    if not early and not late:
        return "at"
    if early and not late:
        return "before or at"  # the dates allow both: they cannot be told apart
    if late and not early:
        return "at or after"
    return "undetermined"  # the dates are too vague to tell


def launch_timing(record: CampaignRecord) -> list[LaunchTiming]:
    """One entry per phase, in the record's order."""
    by_id = {e.id: e for e in record.hot_events}
    first = min(record.phases, key=lambda p: (p.start.start, p.end.end))
    gaps = phase_gaps(record)
    pauses = {g.after.id for g in gaps if g.is_pause}
    # a gap the dates allow both within GAP_DAYS and over it: a step up or a restart
    maybe = {g.after.id for g in gaps if not g.is_pause and g.days[1] > GAP_DAYS}
    out = []
    for phase in record.phases:
        role: Role = (
            "launch"
            if phase is first
            else "relaunch"
            if phase.id in pauses
            else "escalation or relaunch"
            if phase.id in maybe
            else "escalation"
        )
        linked = phase.trigger is not None
        ev = by_id[phase.trigger] if phase.trigger is not None else _near(phase, record.hot_events)
        if ev is None:
            ev = _summit_ahead(phase, record.hot_events)
        if ev is None:
            timing: Timing = (
                "independent"
                if any(e.kind in TRIGGER_KINDS for e in record.hot_events)
                else "undetermined"
            )
            other = _near(
                phase,
                record.hot_events,
                tuple(k for k in get_args(HotEventKind) if k not in TRIGGER_KINDS),
            )
            out.append(
                LaunchTiming(
                    phase,
                    role,
                    None,
                    False,
                    timing,
                    None,
                    None,
                    False,
                    nearby=other if timing == "independent" else None,
                )
            )
            continue
        lag = _lag(phase, ev)
        if linked and lag[1] >= 0:
            # the trigger is "the hot event that set this phase off" (the format's
            # definition): the phase started on or after it, never before — the vague
            # dates' days before the event are not allowed by the record. A start the dates
            # put wholly before a linked event keeps its dates (the record then contradicts
            # itself, and says "before")
            lag = (max(lag[0], 0), lag[1])
        warning = None
        if ev.foreseeable_from is not None:
            warning = (
                (phase.start.start - ev.foreseeable_from.end).days,
                (start_window(phase)[1] - ev.foreseeable_from.start).days,
            )
        same = (phase.start.start, phase.start.end) == (ev.date.start, ev.date.end)
        out.append(
            LaunchTiming(
                phase, role, ev, linked, _timing(lag, same), lag, warning, ev.made_by_campaign
            )
        )
    return out
