"""Why a report could not be made is said in the run's language: the sentence translated,
the system's or the exception's own words kept as they were said (before: English under
--lang ar, e.g. 'the report could not be written: …')."""

import errno
import os
from pathlib import Path

from click.testing import CliRunner
from papermill.exceptions import PapermillExecutionError

import evalkit.run.staging as staging_mod
from conftest import CASE_STUDIES
from evalkit.cli import main
from evalkit.i18n import FSI, PDI
from evalkit.run.pipeline import _describe_execution_error


def test_a_full_disk_is_said_in_arabic_under_lang_ar(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(staging_mod.tempfile, "mkdtemp", full)
    monkeypatch.setattr(staging_mod.tempfile, "mkstemp", full)
    monkeypatch.setattr("evalkit.cli._writable_out", lambda out: Path(out))
    result = CliRunner().invoke(
        main,
        ["run", str(CASE_STUDIES / "caesar"), "--out", str(out), "--no-progress", "--lang", "ar"],
    )
    said = (result.stderr + result.output).replace(FSI, "").replace(PDI, "")
    assert "تعذّرت كتابة التقرير: No space left on device" in said, said
    assert "the report could not be written" not in said
    assert "Traceback" not in result.stderr + result.stdout


def test_a_cell_that_raised_keeps_the_exception_as_it_was_said():
    exc = PapermillExecutionError(3, 4, "plot()", "TypeError", "no numeric data to plot", [])
    english = _describe_execution_error(exc, None)
    assert english == "cell 3 (execution 4) raised TypeError: no numeric data to plot"
    arabic = _describe_execution_error(exc, None, "ar").replace(FSI, "").replace(PDI, "")
    assert arabic.startswith("أثارت الخلية 3 (التنفيذ 4) الخطأ")
    assert "TypeError: no numeric data to plot" in arabic
