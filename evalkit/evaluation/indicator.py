"""A goal's indicator as the record itself counts it: the metric of metrics.csv, or the series
of series.csv, that a goal names as its `indicator_metric`, read against its numeric `target`
at the time a judgement says the goal was attained (its `attained` date, else its `as_of`).

A judgement of "achieved" whose own indicator the record shows below its target is the
paper's over-estimated achievement (§4, weakness 12) in the record's own figures (trial 11,
H1: 10,000 signatures judged collected by April, the record's running total 9,400 in June).
Only what the figures allow is read:
- a running total (`cumulative: yes`) never falls, so a figure after the attainment that is
  below the target shows the target was not reached then ("below"); one before it at or
  above the target shows it was ("reached");
- counts per period add up: the rows that start by then adding up to less than the target
  are the record's own count below it; those that end by then adding up to it, reached;
- a level (followers, a share, an outcome series) may fall as well as rise:
  a figure at or above the target by then shows it reached; only a figure of that very day
  below it, with none at or above it by then, shows it missed then.
A target to come down to ('at most 40' filings a week) is read as a level, the other way
round: a figure by then at or under it shows it reached; only figures of that very day all
above it, with none by then under it, show it missed then.
Anything else is "not shown": the record neither confirms nor contradicts the judgement."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Optional, cast

import numpy as np
import pandas as pd

from evalkit.i18n import Msg, Verbatim, joined
from evalkit.record.schema import TARGET_CEILINGS, TARGET_FLOORS
from evalkit.record.values import Quantity

State = Literal["below", "reached", "not shown"]
How = Literal["running total", "sum", "level"]

# a target the count must reach (a floor): what `target` may say when `indicator_metric`
# names a metric (the record's contract; record.load checks it)
FLOORS = TARGET_FLOORS
# or one it must come down to (a ceiling: 'at most 40' filings a week), read as a level
CEILINGS = TARGET_CEILINGS
# rows of one metric that count different things, added up (two platforms' signatures)
GROUP_COLUMNS = ("platform", "country", "hashtag", "language", "scope")
# how far a figure written 'about N' is read to be from N, at most, where it is read
# against a target: between N / ABOUT and N * ABOUT. A convention, not a measurement: it
# takes 'about' to be looser than any rounding a source would call 'about' (docs/
# evaluation-method.md, question 3)
ABOUT = 1.5
# qualifiers whose count is below the number written: its high is no value it can take
STRICT_UPPER = ("nearly", "less_than")
LEVELS = ("followers", "percent", "co_sponsors", "cities", "countries", "organisations", "other")


def target_floor(goal) -> Optional[Quantity]:
    """The goal's target as the count it must reach (a floor) or come down to (a ceiling,
    CEILINGS), or None when it is no such number."""
    if not goal.target:
        return None
    try:
        q = Quantity.parse(goal.target, whole=False)
    except ValueError:
        return None
    return q if q.qualifier in FLOORS + CEILINGS else None


@dataclass(frozen=True)
class IndicatorCount:
    """The record's own count of a goal's indicator at the attainment a judgement states."""

    metric: str
    series: bool  # a series of series.csv, else a metric of metrics.csv
    target: Quantity
    by: str  # the date the judgement says the goal was attained by, as written
    state: State
    how: How
    value: Optional[float]  # the count that decides the state (None: no figure by then)
    exact: bool  # the value is exact, not a bound of figures written 'about', 'more than'
    at: str  # the date(s) of the figures it rests on
    rows: tuple[str, ...]  # their places: metrics.csv:4, series.csv:9
    # the figure as the record writes it, when the count rests on one row ('about 10,450':
    # a bound made from it, its 'about' read as 0 to no limit, would say 'at most 0')
    written: Optional[Quantity] = None
    # how many breakdowns (platforms, countries, languages) the rows split into: a reading
    # of the largest alone says so (trial 14, M3: 38,000 on the website beside 14,000 on
    # paper read as "38,000 signatures")
    groups: int = 1
    # rows that repeat an earlier one cell for cell, read once in the count that reached
    # (their places), and the count read with them (trial 15, H5)
    copies: tuple[str, ...] = ()
    with_copies: Optional[float] = None
    # some of the rows it rests on are written 'about' (read within ABOUT of it), and the
    # rows added up as written (their numbers, 'about' read as its number)
    about: bool = False
    as_written: Optional[float] = None
    # some of the rows it rests on are written as a bound ('more than 5,000'): their total as
    # written is no 'about' figure (trial 16, M4: «حوالي» said of a sum with «أكثر من»)
    bounded: bool = False
    # the other breakdowns' own counts by then, when the reading is of the largest alone:
    # said beside it, never left out (trial 16, M3)
    others: tuple[Quantity, ...] = ()
    # the target is one to come down to ('at most 40'): 'below' then means the count was
    # above it, and 'reached' that it came down to it
    ceiling: bool = False

    def _ceiling_words(self) -> Msg:
        """`words` for a target to come down to, read as a level (trial 18, H2)."""
        if self.state == "below":
            return Msg(
                "the record's own figure of the day the goal is said attained by is {amount} "
                "({at}): above the target, {target}, and no figure by then came down to it",
                amount=self.amount(),
                at=self.at,
                target=self.target,
            )
        if self.state == "reached":
            return Msg(
                "the record's own count came down to the target ({target}) by {by}: "
                "{amount} ({at})",
                target=self.target,
                by=self.by,
                amount=self.amount(),
                at=self.at,
            )
        return Msg(
            "the record's own count neither confirms nor contradicts the target ({target}): "
            "{amount} ({at}), its latest figure by {by}",
            target=self.target,
            amount=self.amount(),
            at=self.at,
            by=self.by,
        )

    def label(self) -> str:
        """The indicator's name: a series' as the evaluator wrote it, a metric's code (a
        vocabulary word, translated)."""
        return Verbatim(self.metric) if self.series else self.metric

    def amount(self) -> Msg:
        """The count in words, with its metric's noun ('9,400 signatures')."""
        from evalkit.evaluation.reach import counted  # reach's nouns; reach reads goals

        def named(n: Quantity) -> Msg:
            if self.series:
                return Msg("{n} ({series})", n=n, series=Verbatim(self.metric))
            return counted(self.metric, n)

        if self.written is not None:
            return named(self.written)
        if self.exact:
            return named(Quantity(self.value or 0.0))
        # rows added up: a count below rests on their highs, any other on their lows
        # a whole count, its bound rounded the safe way: 'about 5,000' read as at least
        # 3,333.3 is at least 3,333 (never a fraction of a signature)
        v = self.value or 0.0
        below = self.state == "below"
        if math.isfinite(v):
            v = float(math.ceil(v - 1e-9) if below else math.floor(v + 1e-9))
        bound = Quantity(v, "at_most" if below else "at_least")
        if self.about and not self.bounded and self.as_written is not None:
            # figures written 'about' and exact ones: their total as written beside the
            # bound it is read as, never the bound alone (trial 16, M2: 'at most 975' for
            # rows written 'about 400' and 'about 250')
            return Msg(
                "{written} as written, {bound}",
                written=named(Quantity(self.as_written, "about")),
                bound=bound,
            )
        return named(bound)

    def words(self) -> Msg:
        """What the record's own count says of the judgement, in a sentence's part."""
        if self.ceiling and self.value is not None:  # no figure: said as for any target
            return self._ceiling_words()
        if self.state == "below" and self.how == "sum" and self.about:
            return Msg(
                "the record's own count, its rows that start by {by} added up, is {amount} "
                "with a figure written 'about' read as at most half again what it says: "
                "below the target, {target}",
                by=self.by,
                amount=self.amount(),
                target=self.target,
            )
        if self.state == "below" and self.how == "sum":
            return Msg(
                "the record's own count, its rows that start by {by} added up, is {amount}: "
                "below the target, {target}",
                by=self.by,
                amount=self.amount(),
                target=self.target,
            )
        if self.state == "below" and self.how == "level":
            return Msg(
                "the record's own figure of the day the goal is said attained by is {amount} "
                "({at}): below the target, {target}, and no figure by then reached it",
                amount=self.amount(),
                at=self.at,
                target=self.target,
            )
        if self.state == "below":
            return Msg(
                "the record's own count, a running total, is {amount} ({at}), on or after {by}: "
                "below the target, {target}",
                amount=self.amount(),
                at=self.at,
                by=self.by,
                target=self.target,
            )
        if self.state == "reached":
            return Msg(
                "the record's own count reached the target ({target}) by {by}: {amount} ({at})",
                target=self.target,
                by=self.by,
                amount=self.amount(),
                at=self.at,
            )
        if self.value is None:
            return Msg(
                "the record's own count has no figure by {by}: it neither confirms nor "
                "contradicts the target ({target})",
                by=self.by,
                target=self.target,
            )
        if self.how == "sum":  # rows added up, never one figure (trial 15, M1)
            said = Msg(
                "the record's own count neither confirms nor contradicts the target "
                "({target}): its rows that end by {by} add up to {amount} ({at})",
                target=self.target,
                amount=self.amount(),
                at=self.at,
                by=self.by,
            )
        else:
            said = Msg(
                "the record's own count neither confirms nor contradicts the target "
                "({target}): {amount} ({at}), its highest figure by {by}",
                target=self.target,
                amount=self.amount(),
                at=self.at,
                by=self.by,
            )
        if self.copies:
            from evalkit.evaluation.reach import counted

            total = (
                Quantity(self.with_copies or 0.0)
                if self.exact
                else Quantity(float(math.floor((self.with_copies or 0.0) + 1e-9)), "at_least")
            )
            said = Msg(
                "{said}, the row that repeats another cell for cell ({rows}) read once; "
                "read twice, they add up to {total}",
                "{said}, the rows that repeat others cell for cell ({rows}) read once; "
                "read twice, they add up to {total}",
                said=said,
                rows=", ".join(self.copies),
                n=len(self.copies),
                total=counted(self.metric, total),
            )
        if self.groups > 1 and self.how != "level":
            from evalkit.evaluation.reach import counted

            why = Msg(
                "they are not added up, since they may be parts of one count, or one may "
                "count another's too (a total beside its parts; if they are parts, write "
                "their total as a row of its own, its breakdown cells left empty)"
            )
            if self.others:
                return Msg(
                    "{said}, of one of its {n} breakdown (by platform, country, language or "
                    "scope; the others by then: {others}): {why}",
                    "{said}, of one of its {n} breakdowns (by platform, country, language or "
                    "scope; the others by then: {others}): {why}",
                    said=said,
                    n=self.groups,
                    others=joined("; ", [counted(self.metric, q) for q in self.others]),
                    why=why,
                )
            return Msg(
                "{said}, of one of its {n} breakdown (by platform, country, language or "
                "scope): {why}",
                "{said}, of one of its {n} breakdowns (by platform, country, language or "
                "scope): {why}",
                said=said,
                n=self.groups,
                why=why,
            )
        return said


def _rows(campaign, name: str) -> tuple[pd.DataFrame, bool, How]:
    """The figures of the metric or series `name`, with (start, end, low, high, place, group)
    columns; whether it is a series; how its figures add up."""
    m = campaign.metrics
    if len(m) and (m["metric"] == name).any():
        part = m[m["metric"] == name]
        totals = part[part["cumulative"] == "yes"]
        how: str
        if len(totals):
            part, how = totals, "running total"
        else:
            how = "level" if name in LEVELS else "sum"
        how = cast(How, how)
        about = (part["value_qualifier"] == "about").to_numpy()
        # 'about 9,990' is no firm bound: read as at most half again what it says, and at
        # least two thirds of it (ABOUT), it neither shows 9,990 below a target of 10,000
        # nor reached (trial 12, M1), and it does not switch off the reading of rows far
        # short of it (trial 15, H3: 250,000 + 300,000 + about 90,000 views against a million)
        low, high, strict = read_bounds(part)
        group = (
            part[list(GROUP_COLUMNS)].astype(object).where(part[list(GROUP_COLUMNS)].notna(), "")
        )
        frame = pd.DataFrame(
            {
                "start": pd.to_datetime(part["date_start"]),
                "end": pd.to_datetime(part["date_end"]),
                "low": low,
                "high": high,
                "about": about,
                "as_written": part["value"].astype(float).to_numpy(),
                "exact": (part["value_qualifier"] == "exactly").to_numpy(),
                "date": part["date"].astype(str),
                "written": [_written(r) for r in part.itertuples(index=False)],
                "place": [f"metrics.csv:{r}" for r in part["row"]],
                "group": group.apply(tuple, axis=1) if len(part) else [],
                # a row that repeats an earlier one cell for cell (record.load warns of it):
                # pasted twice, or two events alike; never what a target is reached on
                "copy": part.drop(columns="row").duplicated().to_numpy(),
                # a rival figure of a count another row already counts (below)
                "rival": False,
                "strict": strict,
            }
        )
        # another source's figure of the same count that this one's cannot be true beside
        # (estimates.rival_estimates): the two read as one count of their widest bounds,
        # so that neither settles the target alone (trial 17, H1)
        from evalkit.evaluation.estimates import rival_estimates

        rivals = rival_estimates(part)  # rival figures share their metric
        if rivals:
            at = {r: i for i, r in enumerate(part["row"].tolist())}
            low, high = frame["low"].to_numpy(float).copy(), frame["high"].to_numpy(float).copy()
            for r, others in rivals.items():
                if r in at:
                    both = [at[r], *(at[o] for o in others if o in at)]
                    low[at[r]], high[at[r]] = low[both].min(), high[both].max()
            frame["low"], frame["high"] = low, high
            # and counted once: a set of rival figures is one count, read by its first row
            # (trial 19, H1: 'more than 5,000' and '3,000' of one march added up to 'at
            # least 6,000', and a target of 6,000 was said reached)
            rival = frame["rival"].to_numpy(bool).copy()
            for r, others in rivals.items():
                if r in at and any(o in at and o < r for o in others):
                    rival[at[r]] = True
            frame["rival"] = rival
            frame["written"] = [
                None if r in rivals else w for r, w in zip(part["row"], frame["written"])
            ]
        return frame, False, how
    s = campaign.series
    part = s[s["metric"] == name].dropna(subset=["value"]) if len(s) else s
    running = len(part) and "cumulative" in part and bool(part["cumulative"].astype(bool).all())
    dates = pd.to_datetime(part["date"]) if len(part) else pd.Series([], dtype="datetime64[ns]")
    frame = pd.DataFrame(
        {
            "start": dates,
            "end": dates,
            "low": part["value"].astype(float) if len(part) else [],
            "high": part["value"].astype(float) if len(part) else [],
            "exact": True,
            "date": [d.date().isoformat() for d in dates],
            "written": [Quantity(float(v)) for v in part["value"]] if len(part) else [],
            "place": [f"series.csv:{r}" for r in part["row"]] if "row" in part else "",
            "group": [("",)] * len(part),
            "copy": False,  # series.csv holds one value per series and date
            "rival": False,
            "about": False,
            "as_written": part["value"].astype(float) if len(part) else [],
            "strict": False,
        }
    )
    # a series that is no running total holds a value per period (docs/campaign-format.md),
    # added up; but an outcome series (`measures: outcome`: filings, sales, admissions) is
    # the state of what the campaign set out to change, a level: its weeks before the
    # campaign added up are no count of the campaign's (trial 18, H2: 3,616 filings)
    outcome = len(part) and "measures" in part and bool((part["measures"] == "outcome").all())
    return frame, True, "running total" if running else "level" if outcome else "sum"


def read_bounds(m: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, strict) of each row of metrics.csv as a target is read against it:
    'about N' within ABOUT of N; 'nearly N' and 'fewer than N' (strict) short of N itself
    (trial 15, H2). estimates.rival_estimates reads rival figures by the same bounds."""
    about = (m["value_qualifier"] == "about").to_numpy(dtype=bool)
    value = m["value"].to_numpy(dtype=float)
    low = np.where(about, value / ABOUT, m["value_low"].to_numpy(dtype=float))
    high = np.where(about, value * ABOUT, m["value_high"].to_numpy(dtype=float))
    strict = m["value_qualifier"].isin(STRICT_UPPER).to_numpy(dtype=bool)
    return low, high, strict


def _written(row) -> Quantity:
    """A metrics.csv row's figure as the record writes it."""
    words = row.value_words if isinstance(row.value_words, str) else ""
    high = float(row.value_high) if row.value_qualifier == "between" else None
    return Quantity(float(row.value), str(row.value_qualifier), high, words)


def indicator_count(goal, judgement, campaign) -> Optional[IndicatorCount]:
    """The record's own count of `goal`'s indicator at the attainment `judgement` states
    (its `attained` date, else its `as_of`: the latest it can have been attained by), read
    against the goal's target; None when the goal names no indicator metric with a numeric
    target, or there is no judgement. `campaign` is the record as of the report's date."""
    if judgement is None or not getattr(goal, "indicator_metric", None):
        return None
    target = target_floor(goal)
    if target is None:
        return None
    name = goal.indicator_metric
    span = judgement.attained or judgement.as_of
    t = pd.Timestamp(span.end)
    by = span.text
    rows, series, how = _rows(campaign, name)
    floor = target.value
    ceiling = target.qualifier in CEILINGS

    def reaches(v: float) -> bool:
        return v > floor if target.qualifier == "more_than" else v >= floor

    def may_reach(high: float, strict: bool) -> bool:
        """Whether a count at most `high` (below it when `strict`) may reach the target."""
        return high > floor if strict else reaches(high)

    def figure(low: float, exact: bool) -> Quantity:
        """A count read as a lower bound, in words: exact as written, else at least it."""
        return Quantity(low) if exact else Quantity(float(math.floor(low + 1e-9)), "at_least")

    def said(state: State, value, chosen: pd.DataFrame, copies=None, others=()) -> IndicatorCount:
        copied = copies if copies is not None and len(copies) else chosen.iloc[:0]
        return IndicatorCount(
            name,
            series,
            target,
            by,
            state,
            how,
            None if value is None else float(value),
            bool(chosen["exact"].all()) if len(chosen) else True,
            # each date its own part, so that a list of them breaks between dates, never
            # inside one (trial 16, L2: one left-to-right run wrapped inside a date)
            joined(", ", list(dict.fromkeys(chosen["date"]))),
            tuple(chosen["place"]),
            chosen["written"].iloc[0] if len(chosen) == 1 else None,
            rows["group"].nunique() if len(rows) else 1,
            tuple(copied["place"]),
            float(value) + float(copied["low"].sum())
            if len(copied) and value is not None
            else None,
            bool(chosen["about"].any()) if len(chosen) else False,
            float(chosen["as_written"].sum()) if len(chosen) else None,
            bool((~chosen["exact"] & ~chosen["about"]).any()) if len(chosen) else False,
            tuple(others),
            ceiling,
        )

    if rows.empty:
        return said("not shown", None, rows)
    if ceiling:
        return _come_down_to(rows, t, target, said)
    # Rows of one metric split by platform, country or language may be parts of the count
    # (two platforms' petitions) or the same count written twice (a total row beside its
    # countries', a row whose language cell was left empty: trial 12, H1 and H2). Each
    # reading holds either way: a count below the target is the groups' bounds added up
    # (at least the count, whether they are parts or copies), one that reached it the
    # largest group alone (at most the count).
    groups = [g for _, g in rows.groupby("group", sort=False)]
    if how == "running total":
        # figures certainly at or after the attainment (a month-dated figure of its month
        # is not: trial 12, M2), in every group: the total then is at most their sum
        after = [g[g["start"] >= t] for g in groups]
        if all(len(a) for a in after):
            lowest = [a.loc[[a["high"].idxmin()]] for a in after]
            upper = sum(float(x["high"].iloc[0]) for x in lowest)
            strict = any(bool(x["strict"].iloc[0]) for x in lowest)
            if math.isfinite(upper) and not may_reach(upper, strict):
                return said("below", upper, pd.concat(lowest))
        before = [g[g["end"] <= t] for g in groups]
        highest = [b.loc[[b["low"].idxmax()]] for b in before if len(b)]
        if not highest:
            return said("not shown", None, rows.iloc[:0])
        top = max(highest, key=lambda x: float(x["low"].iloc[0]))
        lower = float(top["low"].iloc[0])
        rest = [
            figure(float(h["low"].iloc[0]), bool(h["exact"].iloc[0]))
            for h in highest
            if h is not top
        ]
        return said("reached" if reaches(lower) else "not shown", lower, top, others=rest)
    if how == "sum":
        # the rows that start by then hold at most what was counted by then
        started = rows[rows["start"] <= t]
        upper = float(started["high"].sum()) if len(started) else 0.0
        if math.isfinite(upper) and not may_reach(upper, bool(started["strict"].any())):
            return said("below", upper, started)
        # and those that end by then, in one group, at least what it counted: a row
        # repeating another read once (it may be the same figure pasted twice)
        ended = [
            (g[(g["end"] <= t) & ~g["copy"] & ~g["rival"]], g[(g["end"] <= t) & g["copy"]])
            for g in groups
        ]
        sums = [(float(e["low"].sum()), e, c) for e, c in ended if len(e)]
        if not sums:
            return said("not shown", None, rows.iloc[:0])
        best = max(sums, key=lambda x: x[0])
        lower, part, copies = best
        rest = [figure(lo, bool(e["exact"].all())) for lo, e, _ in sums if e is not part]
        return said("reached" if reaches(lower) else "not shown", lower, part, copies, rest)
    # a level: a figure by then at or above the target shows it reached; none shows it missed
    by_then = rows[rows["start"] <= t]
    if by_then.empty:
        return said("not shown", None, by_then)
    top = by_then.loc[[by_then["low"].idxmax()]]
    last = by_then.loc[[by_then["end"].idxmax()]]
    if reaches(float(top["low"].iloc[0])):
        return said("reached", top["low"].iloc[0], top)
    # but a figure of the very day the goal is said attained by, below the target, with
    # none at or above it before, is the record's own count below it then (trial 15, H1:
    # "60% support" judged achieved on the day the campaign's own poll said 41%)
    on_the_day = by_then[by_then["end"] >= t]
    if len(on_the_day) and not any(
        may_reach(float(r.high), bool(r.strict)) for r in on_the_day.itertuples(index=False)
    ):
        highest = on_the_day.loc[[on_the_day["high"].idxmax()]]
        return said("below", highest["high"].iloc[0], highest)
    return said("not shown", last["low"].iloc[0], last)


def _come_down_to(rows: pd.DataFrame, t: pd.Timestamp, target: Quantity, said) -> IndicatorCount:
    """A target to come down to ('at most 40', 'fewer than 40'), read as a level whatever
    the figures are: a figure by then certainly at or under it shows it reached; figures of
    the very day all certainly over it, with none by then under it, show it missed then."""
    v, strict = target.value, target.qualifier == "less_than"
    by_then = rows[rows["start"] <= t]
    if by_then.empty:
        return said("not shown", None, by_then)
    high, low = by_then["high"].to_numpy(float), by_then["low"].to_numpy(float)
    row_strict = by_then["strict"].to_numpy(bool)
    # the count is at most `high` (under it, for 'nearly' and 'fewer than')
    under = (high < v) | ((high == v) & np.logical_or(not strict, row_strict))
    if under.any():
        met = by_then[under]
        best = met.loc[[met["high"].idxmin()]]
        return said("reached", best["high"].iloc[0], best)
    over = (low > v) | ((low == v) & strict)
    day = (by_then["end"] >= t).to_numpy(bool)
    if day.any() and over[day].all():
        on_the_day = by_then[day]
        lowest = on_the_day.loc[[on_the_day["low"].idxmin()]]
        return said("below", lowest["low"].iloc[0], lowest)
    last = by_then.loc[[by_then["end"].idxmax()]]
    return said("not shown", last["high"].iloc[0], last)


def goes_against(count: Optional[IndicatorCount], attainment: str) -> bool:
    """Whether the record's own count goes against a judgement: "achieved" while the count
    was below the target then. "Partly" is what a count below its target means."""
    return count is not None and attainment == "achieved" and count.state == "below"
