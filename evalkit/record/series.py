"""`series.csv`: optional daily, weekly or monthly series of a campaign (followers per day,
signatures per week, an outcome per month), one row per metric and date, for the impact
statistics of questions 2 and 3 (evalkit.evaluation.impact).

Columns: `date` (YYYY-MM-DD, the day the value is for), `metric` (a name, the same on each
row of one series), `value` (a number; empty when not observed), `source` (a source id);
optional `measures` (`reach`, the default: shown in question 2; `outcome`: question 3),
`exposure` (a positive number, e.g. the population, for rates of a count) and any number of
`control_<name>` columns: series the campaign could not have moved (another country, a
related search term), used as controls of the counterfactual."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import math
from typing import TYPE_CHECKING, Any, Optional

from evalkit.record.csvtable import data_rows, open_table
from evalkit.i18n import N_
from evalkit.record.problems import NOT_A_SOURCE, Problem, did_you_mean, short, shown
from evalkit.record.values import FIRST_YEAR, LARGEST, LAST_YEAR, date_hint

if TYPE_CHECKING:  # pandas is loaded only when a frame is built
    import pandas as pd

SERIES_FILE = "series.csv"
REQUIRED = ("date", "metric", "value", "source")
OPTIONAL = ("measures", "exposure")
MEASURES = (N_("reach"), N_("outcome"))
CONTROL_PREFIX = "control_"


def _number(text: str):
    """A plain number (digits, one '.', a leading '-'); None when it is not one, or not one
    a chart can draw and a model fit: 'inf', 'nan', 1e309 (infinity) or beyond ±2^53."""
    t = text.strip()
    if "," in t:
        return None  # 1,800 or 1,8: ambiguous; the message says how to write it
    try:
        n = float(t)
    except ValueError:
        return None
    return n if math.isfinite(n) and abs(n) <= LARGEST else None


def read_series(
    path: Path, source_ids: set[str], build: bool = True
) -> tuple[Optional[pd.DataFrame], list[Problem]]:
    """The series as a long frame (date, metric, value, measures, exposure, control_…),
    or an empty frame and every problem found, each with its line and column. With
    `build=False` only the problems (the frame is None): pandas is not loaded."""
    empty = _empty if build else (lambda: None)
    name = SERIES_FILE
    problems: list[Problem] = []
    opened = open_table(Path(path), problems)
    if opened is None:
        return empty(), problems
    header, reader = opened
    for col in header:
        if col not in (*REQUIRED, *OPTIONAL) and not (
            col.startswith(CONTROL_PREFIX) and len(col) > len(CONTROL_PREFIX)
        ):
            problems.append(
                Problem(
                    name,
                    1,
                    short(col) or "(blank)",
                    f"unknown column{did_you_mean(col, (*REQUIRED, *OPTIONAL))}; allowed: "
                    f"{', '.join((*REQUIRED, *OPTIONAL))} and control_<name> "
                    "columns",
                )
            )
    for col in REQUIRED:
        if col not in header:
            problems.append(Problem(name, 1, col, "required column is missing"))
    if problems:
        return empty(), problems
    controls = [c for c in header if c.startswith(CONTROL_PREFIX)]
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[Any, Any], int] = {}  # (metric, date) -> the line that has it
    # (metric, control) -> [whether it has a value on a row of the metric, the lines where
    # the response has a value and it has none]
    control_of: dict[tuple[Any, str], list] = {}
    for line, cell in data_rows(name, header, reader, problems):
        row: dict[str, Any] = {"row": line}
        try:
            day = date.fromisoformat(cell["date"])
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise ValueError
            row["date"] = day
        except ValueError:
            hint = date_hint(cell["date"])
            problems.append(
                Problem(
                    name,
                    line,
                    "date",
                    f"{shown(cell['date'])} is not a day "
                    f"written YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR} (a "
                    "series needs exact days)" + (f". Hint: {hint}" if hint else ""),
                )
            )
        if not cell["metric"]:
            problems.append(Problem(name, line, "metric", "empty; name the series"))
        row["metric"] = cell["metric"]
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
                        f"{shown(raw)} is not a number; "
                        "write digits with a '.' for decimals and no "
                        "thousands separator (1800, 1.8), at most "
                        f"{LARGEST:,.0f} (2^53) either way",
                    )
                )
            elif col == "exposure" and number <= 0:
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        f"{shown(raw)}: an exposure (such as a population) must be positive",
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
        row["measures"] = cell.get("measures") or "reach"
        if row["measures"] not in MEASURES:
            problems.append(
                Problem(
                    name,
                    line,
                    "measures",
                    f"{shown(row['measures'])} is not one of {', '.join(MEASURES)}"
                    f"{did_you_mean(row['measures'], MEASURES)}",
                )
            )
        if cell["source"] not in source_ids:
            problems.append(
                Problem(
                    name,
                    line,
                    "source",
                    f"{shown(cell['source'])} {NOT_A_SOURCE}"
                    f"{did_you_mean(cell['source'], source_ids)}",
                )
            )
        key = (row["metric"], row.get("date"))
        if key in seen and "date" in row:
            problems.append(
                Problem(
                    name,
                    line,
                    "date",
                    f"{cell['date']} already has a value "
                    f"for {shown(row['metric'])} on line {seen[key]}; one row per "
                    "metric and date",
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
                    f"empty; a control series must have a value on every row the response "
                    f"has one (leave {col} empty on every row of {shown(metric)} when it is "
                    "no control of that series)",
                )
                for line in lacking
            )
    if problems:
        return empty(), problems
    first: dict = {}  # metric -> (its first row, the kinds it is marked)
    for row in rows:
        first.setdefault(row["metric"], (row["row"], {}))[1].setdefault(row["measures"])
    for metric, (line, kinds) in first.items():
        if len(kinds) > 1:
            problems.append(
                Problem(
                    name,
                    line,
                    "measures",
                    f"{shown(metric)} is marked both {' and '.join(kinds)}; one "
                    "series measures one thing",
                )
            )
    if problems or not build:
        return empty(), problems
    import pandas as pd

    frame = pd.DataFrame(
        rows, columns=["row", "date", "metric", "value", "measures", "exposure", *controls]
    )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame, []


def _empty():
    import pandas as pd

    return pd.DataFrame()
