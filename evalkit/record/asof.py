"""A campaign as it stood on a date: the one cut an evaluation "as of" a date makes, before
any question, grid, chart or rule reads the record (docs/evaluation-method.md, "As of a
date"). Filtering inside each question was a fix at the wrong depth: a treaty signed after
the report's date still reached the checklist.

What the cut keeps — never what may not have happened yet:
- a dated fact (hot event, engagement, decision, metric, a judgement) only when its dates
  put it wholly on or before the date: one the dates allow either side is left out;
- an activity over a window ("2016-04..2016-06") that began by the date, clipped to end on
  it; its counts (participants, events) are dropped, since a count cannot be split by date;
- phases that began by the date, the one running past it clipped to end on it; hashtags of
  phases that had not begun and accounts opened after the date are left out; series values
  after the date too;
- a hashtag whose phase (or, without a phase, the campaign) ran past the date keeps its
  name but not its uses or trending, and an account still open then (or undated, in a
  campaign running past it) its name but not its followers or posts: they are totals over
  a window that runs past the date, not known by then; its `active_to` becomes the date
  itself when it is certainly later (active then, the last date known by then), else none.
The rows keep their line numbers, so evidence still names the record's own rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from evalkit.i18n import Msg
from evalkit.record.load import Campaign
from evalkit.record.series import SERIES_FILE, frame_warnings
from evalkit.record.values import DateSpan

# the workbook's sheet of series.csv (evalkit.record.workbook names a sheet by its file)
SERIES_SHEET = SERIES_FILE.removesuffix(".csv")
COUNT_COLUMNS = ("participants", "foreign_participants", "events")


class NotBegun(ValueError):
    """The campaign had not begun by the as-of date: there is nothing to evaluate yet."""


def _by(span: DateSpan, day: date) -> bool:
    return span.end <= day


def _clip(span: DateSpan, day: date) -> DateSpan:
    """`span` ending on `day` at the latest, written as the record writes a window."""
    if span.end <= day:
        return span
    start = span.text.partition("..")[0] if ".." in span.text else span.text
    return DateSpan(
        f"{start}..{day.isoformat()}" if span.start < day else day.isoformat(),
        min(span.start, day),
        day,
    )


def _rows_by(frame: pd.DataFrame, day: date) -> pd.DataFrame:
    if frame.empty or "date_end" not in frame:
        return frame
    return frame[frame["date_end"].dt.date <= day]


def cut_as_of(campaign: Campaign, day: date | None) -> Campaign:
    """The campaign as it stood on `day` (itself when `day` is None or already applied)."""
    if day is None or campaign.as_of == day:
        return campaign
    if campaign.as_of is not None and campaign.as_of < day:
        raise ValueError(f"the record was cut at {campaign.as_of}; cannot cut it later at {day}")
    rec = campaign.record
    phases = [p for p in rec.phases if p.start.start <= day]
    if not phases:
        first = min(p.start.start for p in rec.phases)
        raise NotBegun(
            Msg(
                "as of {day} the campaign had not begun (its first phase starts {first})",
                day=str(day),
                first=str(first),
            )
        )
    # a phase still running on the day ends, for this evaluation, on that day
    on_day = DateSpan(day.isoformat(), day, day)
    clipped = [p.model_copy(update={"end": on_day}) if not _by(p.end, day) else p for p in phases]
    kept_phases = {p.id for p in phases}
    events = [e for e in rec.hot_events if _by(e.date, day)]
    kept_events = {e.id for e in events}
    clipped = [
        p.model_copy(update={"trigger": None})
        if p.trigger is not None and p.trigger not in kept_events
        else p
        for p in clipped
    ]
    goals = [
        g.model_copy(update={"judgements": [j for j in g.judgements if _by(j.as_of, day)]})
        for g in rec.goals
    ]
    tools = rec.media_tools
    # whether the whole campaign was over by the day: a total with no date of its own (a
    # hashtag's uses, an account's followers) is then a total by the day
    over = all(_by(p.end, day) for p in rec.phases)
    ended = {p.id for p in rec.phases if _by(p.end, day)}
    accounts, account_counts = [], 0
    for a in tools.accounts:
        if a.active_from is not None and a.active_from.start > day:
            continue  # opened later
        if (a.active_to is not None and _by(a.active_to, day)) or (a.active_to is None and over):
            accounts.append(a)
            continue
        # still open on the day: its followers and posts may be counted later; one whose
        # last activity is certainly after the day was active on it, the last date known
        # by then (`active_to` is the last date an account is known active), never "no end
        # recorded" (trial 11, M5)
        account_counts += a.followers is not None or a.posts is not None
        known = on_day if a.active_to is not None and a.active_to.start > day else None
        accounts.append(a.model_copy(update={"active_to": known, "followers": None, "posts": None}))
    hashtags, hashtag_counts = [], 0
    for h in tools.hashtags:
        if h.phase is not None and h.phase not in kept_phases:
            continue  # of a phase not begun
        if h.phase in ended or (h.phase is None and over):
            hashtags.append(h)
            continue
        # its phase (or, without one, the campaign) ran past the day: its uses and whether it
        # trended are over a window that runs past it, not known by then
        hashtag_counts += h.uses is not None or h.trended != "unknown"
        hashtags.append(h.model_copy(update={"uses": None, "trended": "unknown"}))
    record = rec.model_copy(
        update={
            "phases": clipped,
            "hot_events": events,
            "goals": goals,
            "media_tools": tools.model_copy(update={"accounts": accounts, "hashtags": hashtags}),
        }
    )

    acts = campaign.activities
    n_clipped = 0
    if not acts.empty:
        window = acts["date"].str.contains("..", regex=False)
        began = acts["date_start"].dt.date <= day
        ended = acts["date_end"].dt.date <= day
        acts = acts[ended | (window & began)].copy()
        running = acts["date_end"].dt.date > day
        n_clipped = int(running.sum())
        if n_clipped:
            for i in acts.index[running]:
                span = _clip(
                    DateSpan(
                        acts.at[i, "date"],
                        acts.at[i, "date_start"].date(),
                        acts.at[i, "date_end"].date(),
                    ),
                    day,
                )
                acts.at[i, "date"] = span.text
                acts.at[i, "date_end"] = pd.Timestamp(span.end)
                for col in COUNT_COLUMNS:
                    for c in (col, f"{col}_qualifier", f"{col}_low", f"{col}_high", f"{col}_words"):
                        if c in acts:
                            acts.at[i, c] = None
        # an activity of a phase that had not begun keeps its row, not the phase
        if "phase" in acts:
            acts.loc[acts["phase"].notna() & ~acts["phase"].isin(kept_phases), "phase"] = None
    metrics = _rows_by(campaign.metrics, day)
    engagements = _rows_by(campaign.engagements, day)
    decisions = _rows_by(campaign.decisions, day)
    series = campaign.series
    if not series.empty and "date" in series:
        series = series[series["date"].dt.date <= day]
    warnings = _warnings_by(campaign, series)

    def left(before, after) -> int:
        return len(before) - len(after)

    cut = {
        "as_of": day.isoformat(),
        "activities": left(campaign.activities, acts),
        "activities_clipped": n_clipped,
        "metrics": left(campaign.metrics, metrics),
        "engagements": left(campaign.engagements, engagements),
        "decisions": left(campaign.decisions, decisions),
        "hot_events": left(rec.hot_events, events),
        "phases": left(rec.phases, phases),
        "phases_clipped": sum(not _by(p.end, day) for p in phases),
        "judgements": sum(len(g.judgements) for g in rec.goals)
        - sum(len(g.judgements) for g in goals),
        "series_values": left(campaign.series, series),
        "hashtag_counts": hashtag_counts,
        "account_counts": account_counts,
    }
    return replace(
        campaign,
        record=record,
        activities=acts,
        metrics=metrics,
        engagements=engagements,
        decisions=decisions,
        series=series,
        warnings=warnings,
        as_of=day,
        cut=cut,
    )


def _warnings_by(campaign: Campaign, series: pd.DataFrame) -> list:
    """The record's warnings as the cut series gives them: its dates' (gaps, steps, order)
    read again from the rows kept, so that a gap or a change of step after the date is not
    said and the step is the one of the rows kept; a warning the whole series gave too
    keeps its place as given (a workbook's sheet and cell). Other warnings as they are."""

    def of_series(w) -> bool:
        return Path(w.file).name == SERIES_FILE or w.file.split("!")[0] == SERIES_SHEET

    before = {str(w.message): w for w in campaign.warnings if of_series(w)}
    again = [before.get(str(w.message), w) for w in frame_warnings(series)]
    return [w for w in campaign.warnings if not of_series(w)] + again


# --- sources published after the date ------------------------------------------------------
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = "|".join([*_MONTHS, *(m[:3] for m in _MONTHS), "sept"])
_MENTION = re.compile(
    rf"(?<!\d)(\d{{4}}-\d{{2}}(?:-\d{{2}})?)(?!\d)"  # 2016-10, 2016-10-13
    rf"|(?:\b(\d{{1,2}})\s+)?\b({_MONTH})\.?\s+(\d{{4}})\b"  # 7 May 2017, October 2016
    r"|(?<!\d)((?:19|20)\d{2})(?!\d)",  # 2016, 2014-2017
    re.IGNORECASE,
)
# an access date says when the evaluator read a page, not when it was published
_ACCESSED = re.compile(r"(accessed|retrieved|consulted|viewed|اطلاع|اطلع)\W*\w*\W*$", re.I)


def citation_dates(citation: str) -> list[DateSpan]:
    """The dates a citation mentions ("…, 7 May 2017", "October 2016", "2016-10-13"), access
    dates left out."""
    spans = []
    for m in _MENTION.finditer(citation):
        if _ACCESSED.search(citation[max(0, m.start() - 20) : m.start()]):
            continue
        iso, day, month, year, bare = m.groups()
        if month:
            number = [*_MONTHS, *(x[:3] for x in _MONTHS)].index(month.casefold()[:3]) % 12 + 1
            iso = f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")
        try:
            spans.append(DateSpan.parse(iso or bare))
        except ValueError:
            continue  # not a date after all ("2016-13")
    return spans


def published_after(source, day: date) -> tuple[bool, bool] | None:
    """(after, read from the citation) when `source` was published after `day`: its
    `published` date, or else every date its citation mentions, begins after `day`. None
    when it was not, or cannot be told. A later source may describe earlier facts: it is
    marked, never dropped."""
    if source.published is not None:
        return (True, False) if source.published.start > day else None
    spans = citation_dates(source.citation)
    if spans and min(s.start for s in spans) > day:
        return (True, True)
    return None
