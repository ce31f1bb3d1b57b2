import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASE_STUDIES = ROOT / "case_studies"
SCAFFOLD = ROOT / "evalkit" / "scaffold"
CASE_IDS = ["aleppo-is-burning", "save-ghouta", "idlib-under-fire", "caesar"]


@pytest.fixture
def record(tmp_path) -> Path:
    """A fresh copy of the scaffold record, valid as it is, for a test to break."""
    target = tmp_path / "rec"
    shutil.copytree(SCAFFOLD, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
