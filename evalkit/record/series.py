"""`series.csv`: optional daily, weekly or monthly series of a campaign (followers per day,
signatures per week, an outcome per month), one row per metric and date, for the impact
statistics of questions 2 and 3 (evalkit.evaluation.impact).

Columns: `date` (YYYY-MM-DD, the day the value is for), `metric` (a name, the same on each
row of one series), `value` (a number; empty when not observed), `source` (a source id);
optional `measures` (`reach`, the default: shown in question 2; `outcome`: question 3),
`exposure` (a positive number, e.g. the population, for rates of a count), `cumulative`
(`yes`: a running total to date, such as signatures so far or followers, whose change from
one date to the next the statistics model; `no` or empty: a value per period) and any number of
`control_<name>` columns: series the campaign could not have moved (another country, a
related search term), used as controls of the counterfactual.

A series is read in its own step, from its dates (`series_step`: one day, one week, one
month...): a jump of several steps is a gap, not the next point. A gap, a date off the step,
a stretch of rows at another step, and rows out of date order are warnings (`series_warnings`:
the record is still usable; `evalkit validate`, results.json and the report say them at
their row); two rows of one metric and date are an error."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import math
import re
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from evalkit.record.csvtable import data_rows, open_table
from evalkit.i18n import N_, Exact, Msg, Verbatim
from evalkit.record.problems import (
    BLANK,
    NOT_A_SOURCE,
    Problem,
    did_you_mean,
    line_list,
    named,
    names,
    quoted,
    short,
)
from evalkit.record.values import FIRST_YEAR, LARGEST, LAST_YEAR, date_hint, western_digits

if TYPE_CHECKING:  # pandas is loaded only when a frame is built
    import pandas as pd

SERIES_FILE = "series.csv"
REQUIRED = ("date", "metric", "value", "source")
OPTIONAL = ("measures", "exposure", "cumulative")
CUMULATIVE = ("yes", "no")
MEASURES = (N_("reach"), N_("outcome"))
CONTROL_PREFIX = "control_"


# --- a series' own step, from its dates ------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A series' step: `size` days, or `size` months (`months`: dates on one day of the
    month, or each at its month's end)."""

    size: int
    months: bool = False
    # a step in months whose dates are each at their month's end (not on one day of it)
    month_end: bool = field(default=False, compare=False)

    def after(self, a: date, k: int) -> date:
        """The date `k` steps after `a`."""
        if not self.months:
            return a + timedelta(days=k * self.size)
        month = a.year * 12 + a.month - 1 + k * self.size
        year, month = divmod(month, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, last if self.month_end else min(a.day, last))

    def between(self, a: date, b: date) -> float:
        """How many of these steps from `a` to `b` (a fraction for a date off the step)."""
        if not self.months:
            return (b - a).days / self.size
        whole: float = (b.year - a.year) * 12 + b.month - a.month
        if a.day != b.day and not (_month_end(a) and _month_end(b)):
            whole += (b.day - a.day) / 30.44
        return whole / self.size

    def count(self, steps: float) -> Msg:
        """`steps` of this step in words: '6 days', '2 weeks', '3 months', '1 year'."""
        n = steps * self.size
        if self.months:
            if n % 12 == 0:
                return Msg("{n} year", "{n} years", n=_whole(n / 12))
            return Msg("{n} month", "{n} months", n=_whole(n))
        if n % 7 == 0:
            return Msg("{n} week", "{n} weeks", n=_whole(n / 7))
        return Msg("{n} day", "{n} days", n=_whole(n))

    @property
    def said(self) -> Msg:
        """The step itself: '1 day', '1 week', '1 month', '3 months'."""
        return self.count(1)

    @property
    def unit(self) -> str:
        """The step's name as the statistics count time in it ('day', 'week', 'month'...)."""
        if self.months:
            return "year" if self.size == 12 else "month" if self.size == 1 else "step"
        return "day" if self.size == 1 else "week" if self.size == 7 else "step"


def _whole(x: float):
    return int(x) if float(x).is_integer() else round(x, 1)


def _month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def _commonest(values: Iterable[int]) -> int:
    """The commonest value, the smallest of those equally common."""
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, c in counts.items() if c == top)


def series_step(dates: Sequence[date]) -> Optional[Step]:
    """A series' own step from its dates (sorted, distinct): months when every date is on
    one day of the month (or at its month's end) and no two are under 28 days apart, in the
    commonest number of months between them; else the commonest number of days between
    them. None for fewer than two dates."""
    if len(dates) < 2:
        return None
    pairs = list(zip(dates, dates[1:]))
    same_day = len({d.day for d in dates}) == 1 and dates[0].day <= 28
    if (same_day or all(_month_end(d) for d in dates)) and min(
        (b - a).days for a, b in pairs
    ) >= 28:
        size = _commonest(round(Step(1, True).between(a, b)) for a, b in pairs)
        return Step(size, True, month_end=not same_day)
    return Step(_commonest((b - a).days for a, b in pairs))


# this many jumps in a row of one size other than the step are a stretch at another step
# (weekly rows in a daily series), said once
STRETCH = 2


@dataclass(frozen=True)
class StepReading:
    """What a series' dates say of its step: the step; its gaps (from, to, steps without a
    row); its stretches at another step (the date before, the stretch's first and last
    date, the steps between its rows); and its dates off the step (from, to)."""

    step: Step
    gaps: list
    stretches: list
    off: list

    @property
    def one_step(self) -> bool:
        """Every row on the step, with at most gaps between them: adding the dates of the
        gaps, as rows not observed, makes the series regular."""
        return not self.stretches and not self.off

    def missing_dates(self) -> list[date]:
        """The dates of the gaps: the steps between two rows that have no row."""
        out: list[date] = []
        for a, _, n in self.gaps:
            out.extend(self.step.after(a, k) for k in range(1, n + 1))
        return out


def read_steps(days: Sequence[date]) -> Optional[StepReading]:
    """`days` (sorted, distinct) read in their own step (`series_step`); None for fewer
    than two."""
    step = series_step(days)
    if step is None:
        return None
    jumps = [(a, b, step.between(a, b)) for a, b in zip(days, days[1:])]
    gaps: list[tuple[date, date, int]] = []
    stretches: list[tuple[date, date, date, float]] = []
    off: list[tuple[date, date]] = []
    i = 0
    while i < len(jumps):
        a, b, steps = jumps[i]
        if math.isclose(steps, 1):
            i += 1
            continue
        run = i + 1
        while run < len(jumps) and math.isclose(jumps[run][2], steps):
            run += 1
        if run - i >= STRETCH:
            stretches.append((a, b, jumps[run - 1][1], steps))
        elif steps > 1 and math.isclose(steps, round(steps)):
            gaps.append((a, b, round(steps) - 1))
        else:
            off.append((a, b))
        i = run
    return StepReading(step, gaps, stretches, off)


def series_warnings(
    rows: Iterable[tuple[int, Any, date]], refused: Iterable[tuple[int, Any]] = ()
) -> list[Problem]:
    """What a series' dates say that the statistics must work around, per metric, at its
    row: rows out of date order (said once, at the first); a jump of several steps (a gap:
    the steps between have no row); a date off the series' step; a stretch of rows at
    another step (said once, at its first row). `rows`: (line, metric, date), in the file's
    order; rows of one metric and date are the loader's error, read once here. `refused`:
    (line, metric, or None when the row's metric cannot be read) of the rows whose date the
    loader refused as an error (a date with a time, a row of too few cells): a jump with as
    many of them between its two rows as it has steps without a row is theirs, said with
    its cause, not again as a gap."""
    by_metric: dict[Any, list[tuple[int, date]]] = {}
    for line, metric, day in rows:
        by_metric.setdefault(metric, []).append((line, day))
    unread = sorted(refused, key=lambda r: r[0])
    out: list[Problem] = []
    for metric, dated in by_metric.items():
        name = Verbatim(str(metric))
        late = [
            (line, day, before)
            for (_, before), (line, day) in zip(dated, dated[1:])
            if day < before
        ]
        if late:
            line, day, before = late[0]
            out.append(
                Problem(
                    SERIES_FILE,
                    line,
                    "date",
                    Msg(
                        "'{metric}': {date} comes after a row dated {before}: the rows are "
                        "not in date order ({n} row out of order); the statistics read them "
                        "sorted by date, so check that no date is mistyped",
                        "'{metric}': {date} comes after a row dated {before}: the rows are "
                        "not in date order ({n} rows out of order); the statistics read them "
                        "sorted by date, so check that no date is mistyped",
                        metric=name,
                        date=day.isoformat(),
                        before=before.isoformat(),
                        n=len(late),
                    ),
                    warning=True,
                )
            )
        first_line: dict[date, int] = {}
        for line, day in dated:
            first_line.setdefault(day, line)
        reading = read_steps(sorted(first_line))
        if reading is None:
            continue
        step = reading.step
        for a, b, last, steps in reading.stretches:  # one warning for each stretch
            message = Msg(
                "'{metric}' changes step: its rows from {start} to {end} are {apart} "
                "apart, where its step is {step}. A value over {apart} is not comparable "
                "with one over {step}: give the series one step (the statistics count "
                "the dates between its rows as gaps)",
                metric=name,
                start=a.isoformat(),
                end=last.isoformat(),
                apart=step.count(steps),
                step=step.said,
            )
            out.append(Problem(SERIES_FILE, first_line[b], "date", message, warning=True))
        gaps, off = reading.gaps, reading.off
        lines = [line for line, of in unread if of is None or of == metric]
        gaps = [g for g in gaps if not _made_by_refused_rows(g, first_line, lines)]
        out.extend(_gaps_said(name, step, gaps, first_line))
        out.extend(_off_step_said(name, step, off, first_line))
    return sorted(out, key=lambda p: p.line or 0)


# more gaps (or dates off the step) than this in one series are said once, with their count,
# the first and the last: a daily series without its weekends has a gap every week, and
# fifty warnings a year would hide any other
MANY = 3


def _made_by_refused_rows(gap: tuple, first_line: dict, refused: list[int]) -> bool:
    """A gap (start, end, steps without a row) whose missing steps are rows refused as
    errors (`refused`: their lines) between the gap's two rows in the file."""
    a, b, missing = gap
    low, high = sorted((first_line[a], first_line[b]))
    return sum(1 for line in refused if low < line < high) >= missing


def _gaps_said(name, step: Step, gaps: list, first_line: dict) -> list[Problem]:
    """The gaps of one series: each at the row after it, or, more than MANY, once at the
    first one's row."""
    if len(gaps) > MANY:
        (a, b, _), (y, z, _) = gaps[0], gaps[-1]
        message = Msg(
            "'{metric}' has {n} gap, where its step is {step}: {missing} without a row in "
            "all, the first from {start} to {end}, the last from {last_start} to {last_end}. "
            "The statistics count them as gaps; a date not observed is written as a row "
            "with an empty value",
            "'{metric}' has {n} gaps, where its step is {step}: {missing} without a row in "
            "all, the first from {start} to {end}, the last from {last_start} to {last_end}. "
            "The statistics count them as gaps; a date not observed is written as a row "
            "with an empty value",
            metric=name,
            n=len(gaps),
            step=step.said,
            missing=step.count(sum(g[2] for g in gaps)),
            start=a.isoformat(),
            end=b.isoformat(),
            last_start=y.isoformat(),
            last_end=z.isoformat(),
        )
        return [Problem(SERIES_FILE, first_line[b], "date", message, warning=True)]
    return [
        Problem(
            SERIES_FILE,
            first_line[b],
            "date",
            Msg(
                "'{metric}' jumps from {start} to {end}, where its step is {step}: "
                "{missing} without a row. The statistics count them as a gap; a date "
                "not observed is written as a row with an empty value",
                metric=name,
                start=a.isoformat(),
                end=b.isoformat(),
                step=step.said,
                missing=step.count(missing),
            ),
            warning=True,
        )
        for a, b, missing in gaps
    ]


def _off_step_said(name, step: Step, off: list, first_line: dict) -> list[Problem]:
    """The dates off a series' step: each at its row, or, more than MANY, once at the
    first one's row."""
    if len(off) > MANY:
        a, b = off[0]
        message = Msg(
            "'{metric}' has {n} date off its step of {step}, the first going from {start} "
            "to {end} ({apart}); check that they are not mistyped",
            "'{metric}' has {n} dates off its step of {step}, the first going from {start} "
            "to {end} ({apart}); check that they are not mistyped",
            metric=name,
            n=len(off),
            step=step.said,
            start=a.isoformat(),
            end=b.isoformat(),
            apart=Msg("{n} day", "{n} days", n=(b - a).days),
        )
        return [Problem(SERIES_FILE, first_line[b], "date", message, warning=True)]
    return [
        Problem(
            SERIES_FILE,
            first_line[b],
            "date",
            Msg(
                "'{metric}' goes from {start} to {end} ({apart}), where its step is "
                "{step}: a date off the series' step; check that it is not mistyped",
                metric=name,
                start=a.isoformat(),
                end=b.isoformat(),
                apart=Msg("{n} day", "{n} days", n=(b - a).days),
                step=step.said,
            ),
            warning=True,
        )
        for a, b in off
    ]


def frame_warnings(frame: "pd.DataFrame") -> list[Problem]:
    """`series_warnings` of a series frame (read_series's, or an as-of cut of it)."""
    if frame is None or frame.empty or "date" not in frame:
        return []
    return series_warnings(
        zip(frame["row"].tolist(), frame["metric"].tolist(), frame["date"].dt.date.tolist())
    )


# Arabic's own separators, each only one thing: ٫ (U+066B) a decimal point, ٬ (U+066C) a
# thousands separator (in threes); its digits and Persian ones float() reads itself
_ARABIC_GROUPED = re.compile(r"^-?\d{1,3}(?:٬\d{3})+(?:٫\d+)?$")


def _number(text: str):
    """A plain number (digits, one '.', a leading '-'; in Arabic-Indic or Persian digits
    too, with Arabic's decimal separator ٫ and its thousands separator ٬ in threes: «١٢٫٥»,
    «١٬٢٠٠»); None when it is not one, or not one a chart can draw and a model fit: 'inf',
    'nan', 1e309 (infinity) or beyond ±2^53."""
    t = text.strip()
    if "٬" in t:
        if not _ARABIC_GROUPED.match(t):
            return None
        t = t.replace("٬", "")
    if "٫" in t:
        if "." in t:
            return None  # two decimal separators
        t = t.replace("٫", ".")
    if "," in t:
        return None  # 1,800 or 1,8: ambiguous; the message says how to write it
    try:
        n = float(t)
    except ValueError:
        return None
    return n if math.isfinite(n) and abs(n) <= LARGEST else None


def _read_day(name: str, line: int, written: str, row: dict, problems: list) -> None:
    """A series row's day into `row["date"]`, or its problem."""
    try:
        # a day typed in Arabic-Indic or Persian digits (٢٠٢٤-٠١-٠٥) is the same day
        day = date.fromisoformat(western_digits(written))
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError
        row["date"] = day
    except ValueError:
        hint = date_hint(written)
        problems.append(
            Problem(
                name,
                line,
                "date",
                Msg(
                    "{value} is not a day written YYYY-MM-DD from {first} to {last} (a "
                    "series needs exact days){hint}",
                    value=quoted(written),
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                    hint=Msg(". Hint: {hint}", hint=hint) if hint else "",
                ),
            )
        )


def read_series(
    path: Path, source_ids: Optional[set[str]], build: bool = True
) -> tuple[Optional[pd.DataFrame], list[Problem], list[Problem]]:
    """The series as a long frame (date, metric, value, measures, exposure, control_…),
    or an empty frame and every problem found, each with its line and column; and the
    warnings of its dates (`series_warnings`), whether or not it has problems. With
    `build=False` only the problems and warnings (the frame is None): pandas is not
    loaded. `source_ids` None: the record's sources are wrong themselves, and the rows'
    sources are not checked against them."""
    empty = _empty if build else (lambda: None)
    name = SERIES_FILE
    problems: list[Problem] = []
    opened = open_table(Path(path), problems)
    if opened is None:
        return empty(), problems, []
    header, reader = opened
    for col in header:
        if col not in (*REQUIRED, *OPTIONAL) and not (
            col.startswith(CONTROL_PREFIX) and len(col) > len(CONTROL_PREFIX)
        ):
            problems.append(
                Problem(
                    name,
                    1,
                    short(col) or BLANK,
                    Msg(
                        "unknown column{meant}; allowed: {allowed} and control_<name> columns",
                        meant=did_you_mean(col, (*REQUIRED, *OPTIONAL)),
                        allowed=names((*REQUIRED, *OPTIONAL)),
                    ),
                )
            )
    missing = [col for col in REQUIRED if col not in header]
    for col in missing:
        problems.append(Problem(name, 1, col, Msg("required column is missing")))
    # a header's problems are said once, at the header; the rows are still checked on the
    # columns it has, so that all the file's problems come in one pass (trial 13, M2)
    controls = [c for c in header if c.startswith(CONTROL_PREFIX)]
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[Any, Any], int] = {}  # (metric, date) -> the line that has it
    # (metric, control) -> [whether it has a value on a row of the metric, the lines where
    # the response has a value and it has none]
    control_of: dict[tuple[Any, str], list] = {}
    for line, cell in data_rows(name, header, reader, problems):
        row: dict[str, Any] = {"row": line}
        if "date" not in missing:
            _read_day(name, line, cell["date"], row, problems)
        if "metric" not in missing and not cell["metric"]:
            problems.append(Problem(name, line, "metric", Msg("empty; name the series")))
        row["metric"] = cell.get("metric", "")
        for col in ("value", "exposure", *controls):
            raw = cell.get(col, "")
            if raw == "":
                row[col] = None
                continue
            number = _number(raw)
            if number is None:
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        Msg(
                            "{value} is not a number; write digits with a '.' for decimals "
                            "and no thousands separator (1800, 1.8), at most {largest} (2^53) "
                            "either way",
                            value=quoted(raw),
                            largest=f"{LARGEST:,.0f}",
                        ),
                    )
                )
            elif col == "exposure" and number <= 0:
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        Msg(
                            "{value}: an exposure (such as a population) must be positive",
                            value=quoted(raw),
                        ),
                    )
                )
            row[col] = number
        for col in controls:
            # A control empty on every row of a metric is no control of that metric (a
            # control kept for one series of the file only); one with some values must have
            # one wherever the response has one: which rows lack it is known at the end.
            got = control_of.setdefault((row["metric"], col), [False, []])
            if row.get(col) is not None:
                got[0] = True
            elif row.get("value") is not None:
                got[1].append(line)
        total = cell.get("cumulative") or "no"
        if total not in CUMULATIVE:
            problems.append(
                Problem(
                    name,
                    line,
                    "cumulative",
                    Msg(
                        "{value} is not one of yes, no{meant} (yes: a running total to date; "
                        "no or empty: a value per period)",
                        value=quoted(total),
                        meant=did_you_mean(total, CUMULATIVE),
                    ),
                )
            )
        row["cumulative"] = total == "yes"
        row["measures"] = cell.get("measures") or "reach"
        if row["measures"] not in MEASURES:
            problems.append(
                Problem(
                    name,
                    line,
                    "measures",
                    Msg(
                        "{value} is not one of {allowed}{meant}",
                        value=quoted(row["measures"]),
                        allowed=names(MEASURES),
                        meant=did_you_mean(row["measures"], MEASURES),
                    ),
                )
            )
        if source_ids is not None and "source" not in missing and cell["source"] not in source_ids:
            problems.append(
                Problem(
                    name,
                    line,
                    "source",
                    Msg(
                        "{value} {not_a_source}{meant}",
                        value=quoted(cell["source"]),
                        not_a_source=NOT_A_SOURCE,
                        meant=did_you_mean(cell["source"], source_ids),
                    ),
                )
            )
        key = (row["metric"], row.get("date"))
        if key in seen and "date" in row:
            problems.append(
                Problem(
                    name,
                    line,
                    "date",
                    Msg(
                        "{date} already has a value for {metric} on {line}; one row per "
                        "metric and date",
                        date=Exact(cell["date"]),
                        metric=quoted(row["metric"]),
                        line=line_list([seen[key]]),
                    ),
                )
            )
        seen.setdefault(key, line)
        rows.append(row)
    for (metric, col), (some, lacking) in control_of.items():
        if some:
            problems.extend(
                Problem(
                    name,
                    line,
                    col,
                    Msg(
                        "empty; a control series must have a value on every row the response "
                        "has one (leave {column} empty on every row of {metric} when it is "
                        "no control of that series)",
                        column=named(col),
                        metric=quoted(metric),
                    ),
                )
                for line in lacking
            )
    # the rows whose date was refused (or that were refused whole, as a short row): a gap
    # they leave is their error's knock-on, not said again as a gap
    dated = {r["row"] for r in rows if "date" in r}
    metric_of = {r["row"]: r["metric"] for r in rows}
    refused = {
        (p.line, metric_of.get(p.line))
        for p in problems
        if p.file == name and p.line and p.line > 1 and p.line not in dated
    }
    warnings = series_warnings(
        ((r["row"], r["metric"], r["date"]) for r in rows if "date" in r), refused
    )
    if problems:
        return empty(), problems, warnings
    first: dict = {}  # metric -> (its first row, the kinds it is marked)
    totals: dict = {}  # metric -> (its first row, whether its rows are running totals)
    for row in rows:
        first.setdefault(row["metric"], (row["row"], {}))[1].setdefault(row["measures"])
        totals.setdefault(row["metric"], (row["row"], {}))[1].setdefault(row["cumulative"])
    for metric, (line, kinds) in first.items():
        if len(kinds) > 1:
            problems.append(
                Problem(
                    name,
                    line,
                    "measures",
                    Msg(
                        "{metric} is marked both {kinds}; one series measures one thing",
                        metric=quoted(metric),
                        kinds=Exact(" and ".join(kinds)),
                    ),
                )
            )
    for metric, (line, kinds) in totals.items():
        if len(kinds) > 1:
            problems.append(
                Problem(
                    name,
                    line,
                    "cumulative",
                    Msg(
                        "{metric} is marked cumulative on some rows and not on others; a "
                        "series is a running total on every row (yes) or on none (no or empty)",
                        metric=quoted(metric),
                    ),
                )
            )
    if problems or not build:
        return empty(), problems, warnings
    import pandas as pd

    frame = pd.DataFrame(
        rows,
        columns=["row", "date", "metric", "value", "measures", "exposure", "cumulative", *controls],
    )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame, [], warnings


def _empty():
    import pandas as pd

    return pd.DataFrame()
