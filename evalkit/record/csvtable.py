"""Reading a record's CSV file the same way for every table: UTF-8 (a spreadsheet's BOM
allowed), commas (a semicolon-separated export is named as such), and each data row with the
file line it ends on — the line a problem and the report's evidence cite."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator, Optional

from evalkit.record.problems import Problem


def open_table(path: Path, problems: list[Problem]) -> Optional[tuple[list[str], Iterator]]:
    """(header, reader) of a CSV file, or None with the reason in `problems`."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append(Problem(name, None, "", f"not UTF-8 text ({e.reason}); save as CSV UTF-8"))
        return None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return None
    header = [h.strip() for h in header]
    if len(header) == 1 and ";" in header[0]:
        problems.append(Problem(name, 1, "", "the columns are separated by semicolons; "
                                "re-save the sheet as CSV with commas (in a spreadsheet: "
                                "'CSV UTF-8 (comma delimited)')"))
        return None
    return header, reader


def data_rows(name: str, header: list[str], reader, problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    """(line, {column: stripped cell}) for each non-blank row with as many cells as the
    header; a row with another count is a problem, named by its line."""
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(Problem(name, line, "", f"expected {len(header)} cells as in the "
                                    f"header, found {len(values)}"))
            continue
        yield line, {k: v.strip() for k, v in zip(header, values)}
