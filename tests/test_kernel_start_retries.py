"""A notebook's kernel that never answers its first request is started again: no cell ran,
so nothing is lost (CI, run-all with two workers: one record in a batch failed with
"RuntimeError: Kernel didn't respond in 60 seconds")."""

import sys

import evalkit.run.kernel as kernel
import evalkit.run.pipeline as pipeline
from evalkit.run.pipeline import evaluate

from conftest import small_record

# a process that lives on and never answers, as a kernel whose messages go elsewhere does
SILENT = [sys.executable, "-c", "import time; time.sleep(120)"]


def _silent_for(starts: int, monkeypatch) -> list:
    """Make the first `starts` kernels silent ones; the managers started, in order."""
    real, started = kernel.kernel_manager_logging_to, []

    def first_silent(log, on_launch=None):
        class Manager(real(log, on_launch)):  # type: ignore[misc, valid-type]
            def __init__(self, **kw):
                super().__init__(**kw)
                started.append(self)
                self.silent = len(started) <= starts

            def format_kernel_cmd(self, extra_arguments=None):
                if self.silent:
                    return list(SILENT)
                return super().format_kernel_cmd(extra_arguments)

        return Manager

    monkeypatch.setattr(kernel, "kernel_manager_logging_to", first_silent)
    monkeypatch.setattr(pipeline, "KERNEL_START_TIMEOUT", 3)
    return started


def _processes_alive(managers) -> list:
    return [
        m
        for m in managers
        if getattr(m.provisioner, "process", None) is not None
        and m.provisioner.process.poll() is None
    ]


def test_a_kernel_that_never_answers_is_started_again_and_the_report_is_written(
    tmp_path, monkeypatch
):
    started = _silent_for(1, monkeypatch)
    outcome = evaluate(small_record(tmp_path).path, tmp_path / "out")
    assert outcome.status == "ok", outcome.error
    assert len(started) == 2
    assert (tmp_path / "out" / "small" / "evaluation.html").is_file()
    assert not _processes_alive(started)  # the silent kernel was stopped, not left behind


def test_a_kernel_that_never_answers_on_every_start_fails_its_record_in_plain_words(
    tmp_path, monkeypatch
):
    started = _silent_for(pipeline.KERNEL_STARTS, monkeypatch)
    outcome = evaluate(small_record(tmp_path).path, tmp_path / "out")
    assert outcome.status == "failed"
    assert len(started) == pipeline.KERNEL_STARTS
    said = str(outcome.error)
    assert "the notebook's kernel (the Python process that runs the report) did not start" in said
    assert f"started {pipeline.KERNEL_STARTS} times, it never answered" in said
    assert "--jobs 1" in said and "Kernel didn't respond in 3 seconds" in said
    # evalkit's own words carry no traceback (the kernel's last lines follow, as it wrote them)
    assert "Traceback" not in said.split("The kernel's last words:")[0]
    assert not (tmp_path / "out" / "small").exists()  # nothing written
    assert not _processes_alive(started)


def test_a_kernel_that_never_answers_is_said_in_the_runs_language(tmp_path, monkeypatch):
    _silent_for(pipeline.KERNEL_STARTS, monkeypatch)
    outcome = evaluate(small_record(tmp_path).path, tmp_path / "out", lang="ar")
    assert outcome.status == "failed"
    assert "لم تبدأ نواة الدفتر" in str(outcome.error)
    assert "ولم تُجب قط" in str(outcome.error) and "--jobs 1" in str(outcome.error)
