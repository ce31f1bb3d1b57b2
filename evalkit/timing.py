"""Launch timing, computed from dates: before, at or after the hot event, and how long the
campaign waited after the event became foreseeable (paper §3: "reactive launches")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .schema import TRIGGER_KINDS, CampaignRecord, HotEvent, Phase

# A launch up to a week before the event, or up to 30 days after it, counts as "at" it:
# the paper's "at the hot event" campaigns started within days of the offensives.
AT_WINDOW_BEFORE_DAYS = 7
AT_WINDOW_AFTER_DAYS = 30


@dataclass(frozen=True)
class LaunchTiming:
    phase: Phase
    event: Optional[HotEvent]
    timing: str                     # before / at / after / undetermined
    lag_days: Optional[tuple[int, int]]        # launch minus event date, fewest..most days
    warning_days: Optional[tuple[int, int]]    # launch minus foreseeable date
    designed: bool                  # the campaign made the event itself

    @property
    def reactive(self) -> Optional[bool]:
        if self.event is None or self.timing == "undetermined":
            return None
        return (not self.designed) and self.timing in ("at", "after")

    def sentence(self) -> str:
        p = self.phase
        if self.event is None:
            return f"{p.name}: no hot event recorded, so launch timing cannot be computed."
        s = (f"{p.name} (from {p.start.text}): launch {self.timing} the hot event "
             f"“{self.event.description}” ({self.event.date.text}); "
             f"{_describe_lag(*self.lag_days)}")
        if self.designed:
            s += "; the campaign made this event itself (a designed launch)"
        elif self.warning_days:
            wlo, whi = self.warning_days
            s += (f"; the event was foreseeable from {self.event.foreseeable_from.text}, "
                  f"so the launch came {wlo}–{whi} days after warning was available")
        return s + "."


def _days(n: int) -> str:
    return f"{abs(n)} day{'s' if abs(n) != 1 else ''} {'after' if n >= 0 else 'before'}"


def _describe_lag(lo: int, hi: int) -> str:
    if lo == hi:
        return f"the launch came {_days(lo)} the event"
    if lo < 0 < hi:
        return (f"the recorded dates place the launch anywhere from {_days(lo)} to "
                f"{_days(hi)} the event")
    return f"the launch came {abs(lo)}–{abs(hi)} days {'after' if lo >= 0 else 'before'} the event"


def _trigger_for(phase: Phase, events: list[HotEvent]) -> Optional[HotEvent]:
    triggers = [e for e in events if e.kind in TRIGGER_KINDS]
    if not triggers:
        return None
    mid = phase.start.midpoint
    return min(triggers, key=lambda e: abs((e.date.midpoint - mid).days))


def launch_timing(record: CampaignRecord) -> list[LaunchTiming]:
    out = []
    for phase in record.phases:
        ev = _trigger_for(phase, record.hot_events)
        if ev is None:
            out.append(LaunchTiming(phase, None, "undetermined", None, None, False))
            continue
        lag = ((phase.start.start - ev.date.end).days, (phase.start.end - ev.date.start).days)
        overlap = lag[0] <= 0 <= lag[1]
        if overlap:
            timing = "at"  # at the record's precision the two dates are the same period
        elif lag[1] < -AT_WINDOW_BEFORE_DAYS:
            timing = "before"
        elif lag[0] > AT_WINDOW_AFTER_DAYS:
            timing = "after"
        elif lag[0] >= -AT_WINDOW_BEFORE_DAYS and lag[1] <= AT_WINDOW_AFTER_DAYS:
            timing = "at"
        else:
            timing = "undetermined"  # the dates are too vague to tell
        warning = None
        if ev.foreseeable_from is not None:
            warning = ((phase.start.start - ev.foreseeable_from.end).days,
                       (phase.start.end - ev.foreseeable_from.start).days)
        out.append(LaunchTiming(phase, ev, timing, lag, warning, ev.made_by_campaign))
    return out
