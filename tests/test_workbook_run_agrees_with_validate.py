"""A workbook `evalkit validate` finds valid is evaluated by `evalkit run`: the report's
kernel reads the workbook's record folder with the workbook's rule for the template's
examples (a row is the template's while it is shaded, workbook.py), not a folder's (before:
`validate` said valid, and `run` refused the same workbook for its unshaded example rows,
naming files of a temporary folder, in English under --lang ar)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_workbook_own
from evalkit.cli import main


def _filled_starter(tmp_path: Path, lang: str) -> Path:
    """`evalkit new --xlsx`, its rows made the campaign's (the shading cleared) and its
    single fields its own."""
    result = CliRunner().invoke(main, ["new", str(tmp_path / "river"), "--xlsx", "--lang", lang])
    assert result.exit_code == 0, result.output
    book = tmp_path / "river.xlsx"
    own = make_workbook_own(book)
    own["fields"]["name.en"].value = "River"
    own["fields"]["name.ar"].value = "حملة النهر"
    own["book"].save(book)
    return book


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_workbook_validate_accepts_is_evaluated_by_run(tmp_path, lang):
    book = _filled_starter(tmp_path, lang)
    checked = CliRunner().invoke(main, ["validate", str(book), "--lang", lang])
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "out"
    ran = CliRunner().invoke(
        main, ["run", str(book), "--out", str(out), "--no-progress", "--lang", lang]
    )
    assert ran.exit_code == 0, ran.output
    assert "evalkit-workbooks" not in ran.output
    page = (out / "river" / "evaluation.html").read_text(encoding="utf-8")
    assert f'lang="{lang}"' in page
