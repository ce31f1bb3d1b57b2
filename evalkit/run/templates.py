"""Where the notebook templates are: `evalkit/run/notebooks`, package data. In the source tree
it is a link to the repository's `templates/notebooks` (the one copy that is edited); a wheel
ships the files themselves there (pyproject's force-include)."""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


def template_path(name: str) -> Path:
    path = NOTEBOOKS / name
    if not path.is_file():
        raise FileNotFoundError(
            f"notebook template {name!r} not found in {NOTEBOOKS}; reinstall evalkit"
        )
    return path
