"""What is wrong with a record, said so that an evaluator can fix it: file, line, field, what
was expected. Problems are collected, never raised one at a time."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

# A value quoted back in a message is cut short: a record's cell or an alias-expanded YAML
# value can be megabytes, and a message exists to say where the problem is.
SHOWN = 60
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = SHOWN
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlevel = 2
# every message and field, whatever built it, at most this long
_LONGEST = 2000


def short(text: str) -> str:
    """A name from the record (a column's) as a message's field, cut like `shown`."""
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}… ({len(text):,} characters)"


def shown(value: Any) -> str:
    """`repr(value)` for a message, cut to about SHOWN characters; a long text or number
    says its length, so the evaluator can find it."""
    if isinstance(value, str) and len(value) > SHOWN:
        r = repr(value[:SHOWN])
        return f"{r[:-1]}…{r[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        try:
            digits = str(value)
        except ValueError:  # beyond Python's 4,300-digit conversion limit
            return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
        return f"{digits[:20]}… ({len(digits):,} digits)"
    return _REPR.repr(value)


def _cut(text: str) -> str:
    return text if len(text) <= _LONGEST else text[:_LONGEST] + f"… ({len(text):,} characters)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: Optional[int]
    field: str
    message: str
    column: Optional[int] = None

    def __post_init__(self):
        object.__setattr__(self, "field", _cut(self.field))
        object.__setattr__(self, "message", _cut(self.message))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RecordInvalid(ValueError):
    """Raised by `load_campaign` with every problem found in one pass, in the order
    `check_record` gives them (the record's file first, then each table line by line; a
    workbook's sheet by sheet, row by row): sorting them again by their text would put a
    workbook's row 12 before its row 9."""

    def __init__(self, path: Path | str, problems: Iterable[Problem]):
        self.path = Path(path)
        self.problems = list(problems)
        super().__init__(
            f"{self.path}: {len(self.problems)} problem(s)\n"
            + "\n".join(f"  {p}" for p in self.problems)
        )
