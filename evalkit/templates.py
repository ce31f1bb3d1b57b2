"""Where the notebook templates are: inside the installed package (a wheel copies
`templates/notebooks` to `evalkit/_templates/notebooks`) or in the source tree (editable)."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_templates" / "notebooks", _PACKAGE.parent / "templates" / "notebooks")


def template_path(name: str) -> Path:
    for folder in _CANDIDATES:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"notebook template {name!r} not found in {', '.join(map(str, _CANDIDATES))}; "
        "reinstall evalkit")
