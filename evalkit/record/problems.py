"""What is wrong with a record, said so that an evaluator can fix it: file, line, field, what
was expected. Problems are collected, never raised one at a time."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: Optional[int]
    field: str
    message: str
    column: Optional[int] = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RecordInvalid(ValueError):
    """Raised by `load_campaign` with every problem found in one pass."""

    def __init__(self, path: Path | str, problems: Iterable[Problem]):
        self.path = Path(path)
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__(
            f"{self.path}: {len(self.problems)} problem(s)\n"
            + "\n".join(f"  {p}" for p in self.problems)
        )
