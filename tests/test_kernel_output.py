"""The kernel's own stderr (log lines, ipykernel's shutdown traceback) never reaches the
user's terminal; it goes to a log read back only when the kernel died."""

import nbformat
import papermill as pm
import pytest
from nbclient.exceptions import DeadKernelError

from evalkit.run.kernel import KERNEL_ARGUMENTS, kernel_log_tail, kernel_manager_logging_to
from evalkit.run.pipeline import KERNEL_LOG, _describe_execution_error


def _notebook_writing_to_stderr(path):
    nb = nbformat.v4.new_notebook()
    # os.write on descriptor 2 is what the kernel's logger and a C-level crash write to;
    # print(file=sys.stderr) would go to the notebook instead
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import os\nos.write(2, b'Traceback (most recent call last): kernel noise\\n')"
        )
    )
    nbformat.write(nb, path)


def test_kernel_stderr_goes_to_its_log_not_the_terminal(tmp_path, capfd):
    source, executed, log = tmp_path / "in.ipynb", tmp_path / "out.ipynb", tmp_path / "k.log"
    _notebook_writing_to_stderr(source)
    pm.execute_notebook(
        str(source),
        str(executed),
        kernel_name="python3",
        language="python",
        progress_bar=False,
        kernel_manager_class=kernel_manager_logging_to(log),
        extra_arguments=KERNEL_ARGUMENTS,
    )
    out, err = capfd.readouterr()
    assert "kernel noise" not in out + err
    assert "kernel noise" in log.read_text()


def test_a_dead_kernel_is_explained_by_its_last_log_lines(tmp_path):
    (tmp_path / KERNEL_LOG).write_text("starting\nSegmentation fault in libfoo\n")
    said = _describe_execution_error(DeadKernelError("Kernel died"), tmp_path)
    assert said.startswith("DeadKernelError: Kernel died")
    assert "Segmentation fault in libfoo" in said


def test_a_kernel_that_did_not_die_does_not_show_its_log(tmp_path):
    (tmp_path / KERNEL_LOG).write_text("zmq.error.ZMQError: Socket operation on non-socket\n")
    said = _describe_execution_error(TimeoutError("Cell timed out"), tmp_path)
    assert "ZMQError" not in said


def test_no_log_reads_as_nothing(tmp_path):
    assert kernel_log_tail(tmp_path / "absent.log") == ""


def test_building_a_report_imports_neither_statsmodels_nor_nbformat():
    """A second of every evaluation's kernel: statsmodels only for records with series,
    nbformat only where notebooks are converted (the pipeline, not the kernel)."""
    import subprocess
    import sys

    code = (
        "import sys, evalkit.render.report, evalkit.evaluation; "
        "print(sorted(m for m in ('statsmodels', 'nbformat', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_jupyter_client_without_the_launch_hook_is_a_clear_error(tmp_path, monkeypatch):
    from jupyter_client.manager import AsyncKernelManager

    # as a jupyter_client that renamed or dropped its private launch method would be
    monkeypatch.setattr(AsyncKernelManager, "_async_launch_kernel", None)
    with pytest.raises(
        RuntimeError,
        match=r"no AsyncKernelManager\._async_launch_kernel.*"
        r"jupyter_client>=8,<9",
    ):
        kernel_manager_logging_to(tmp_path / "k.log")
