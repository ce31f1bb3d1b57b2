"""Reading a record's CSV file the same way for every table: UTF-8 (a spreadsheet's BOM
allowed), commas (a semicolon-separated export is named as such), one header naming each
column once, and each data row on one line of the file — the line a problem and the
report's evidence cite. A cell never spans lines: a quote left open would otherwise merge
the rows after it into one cell, silently."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional

from evalkit.record.problems import Problem, short


def _csv_error(e: csv.Error) -> str:
    if "field larger than field limit" in str(e):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters, the most a "
            "cell may hold; shorten it (or move long text to a source)"
        )
    return f"cannot read this line as CSV ({e})"


def open_table(path: Path, problems: list[Problem]) -> Optional[tuple[list[str], Iterator]]:
    """(header, reader) of a CSV file, or None with the reason in `problems`."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append(Problem(name, None, "", f"not UTF-8 text ({e.reason}); save as CSV UTF-8"))
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as e:
        problems.append(Problem(name, 1, "", _csv_error(e)))
        return None
    if header is None:
        return None
    if reader.line_num > 1:
        problems.append(
            Problem(
                name,
                1,
                "",
                f"the header runs over lines 1-{reader.line_num}: "
                "a quote opened in it is not closed on line 1; a column name "
                "cannot span lines",
            )
        )
        return None
    header = [h.strip() for h in header]
    if len(header) == 1 and ";" in header[0]:
        problems.append(
            Problem(
                name,
                1,
                "",
                "the columns are separated by semicolons; "
                "re-save the sheet as CSV with commas (in a spreadsheet: "
                "'CSV UTF-8 (comma delimited)')",
            )
        )
        return None
    for col, n in Counter(header).items():
        if n > 1 and col:  # a blank name is reported as an unknown column
            at = " and ".join(str(i + 1) for i, h in enumerate(header) if h == col)
            problems.append(
                Problem(
                    name,
                    1,
                    short(col),
                    f"the column appears {n} times (columns "
                    f"{at}); keep one: evalkit would read only the last",
                )
            )
    return header, reader


def data_rows(
    name: str, header: list[str], reader, problems: list[Problem]
) -> Iterator[tuple[int, dict]]:
    """(line, {column: stripped cell}) for each non-blank row with as many cells as the
    header, on one line; any other row is a problem, named by the line it starts on."""
    end = reader.line_num
    while True:
        start = end + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            # the reader starts afresh on the next line: the rows after it are still read
            problems.append(Problem(name, reader.line_num, "", _csv_error(e)))
            end = reader.line_num
            continue
        end = reader.line_num
        if end > start:
            # A quoted cell ran past its line's end: a stray quote (it would take the lines
            # up to the next quote as its text) or a line break inside a cell.
            col = next(i for i, v in enumerate(values) if "\n" in v or "\r" in v)
            field = header[col] if col < len(header) else f"cell {col + 1}"
            problems.append(
                Problem(
                    name,
                    start,
                    field,
                    f'a quote (") opens this cell and is not closed on line {start}, so lines '
                    f"{start}-{end} are read as one row; a cell cannot span lines: close the "
                    "quote on this line or remove it (and any line break inside the cell)",
                )
            )
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            hint = (
                "; a cell holding a comma must be in double quotes"
                if len(values) > len(header)
                else ""
            )
            problems.append(
                Problem(
                    name,
                    start,
                    "",
                    f"expected {len(header)} cells as in the header, found {len(values)}{hint}",
                )
            )
            continue
        yield start, {k: v.strip() for k, v in zip(header, values)}
