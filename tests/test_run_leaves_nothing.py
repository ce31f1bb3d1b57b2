"""A run leaves no lock and no partial output behind: a run whose records are all invalid
writes nothing (not even OUT, when it made it), the lock a run holds on OUT is removed when it
ends, however it ends, and a lock left by a run that was killed blocks no one (trial 5, F17)."""

import os
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import SCAFFOLD, edit
from evalkit.cli import main
from evalkit.run.staging import LOCK_FILE, claim_out


@pytest.fixture
def invalid(tmp_path):
    folder = tmp_path / "records" / "rec"
    shutil.copytree(SCAFFOLD, folder)
    edit(folder / "activities.csv", ",mobilisation,", ",mobilisaton,")
    return folder


def _run(*args: str):
    result = CliRunner().invoke(main, ["run", *args, "--no-progress"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_a_run_of_an_invalid_record_writes_nothing_not_even_its_out_folder(invalid, tmp_path):
    out = tmp_path / "new" / "reports"
    result = _run(str(invalid), "--out", str(out))
    assert result.exit_code == 1
    assert "mobilisaton" in result.stderr
    assert f"nothing written to {out}: no record could be evaluated" in result.stderr
    assert not (tmp_path / "new").exists()  # OUT and the parent the run made for it


def test_a_run_of_an_invalid_record_leaves_an_existing_out_as_it_was(invalid, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("the earlier index", encoding="utf-8")
    result = _run(str(invalid), "--out", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the earlier index"
    # run-all alike
    result = CliRunner().invoke(
        main, ["run-all", str(invalid.parent), "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 1, result.output
    assert "index: " not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_the_lock_is_removed_when_the_run_ends_and_when_it_fails(tmp_path):
    with claim_out(tmp_path, say=lambda m: None):
        assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    assert not (tmp_path / LOCK_FILE).exists()
    with pytest.raises(RuntimeError):
        with claim_out(tmp_path, say=lambda m: None):
            raise RuntimeError("a failure inside the run")
    assert list(tmp_path.iterdir()) == []


def test_a_lock_left_by_a_killed_run_blocks_no_one_and_is_removed(tmp_path):
    killed = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = killed.stdout.strip()
    (tmp_path / LOCK_FILE).write_text(f"{dead}\n")  # its pid, its lock gone with it
    said: list = []
    started = time.monotonic()
    with claim_out(tmp_path, say=said.append):
        assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"
    assert said == [] and time.monotonic() - started < 5  # no wait for the dead run
    assert not (tmp_path / LOCK_FILE).exists()


HOLD = """
import sys, time
from evalkit.run.staging import claim_out
with claim_out(sys.argv[1], say=lambda m: print("waiting", flush=True)):
    print("holding", time.time(), flush=True)
    time.sleep(float(sys.argv[2]))
print("released", time.time(), flush=True)
"""


def test_a_run_that_waited_holds_the_lock_the_next_one_sees(tmp_path):
    """The first run removes the file it locked as it ends, while a second waits on that
    file: the second must then hold the lock on the file at OUT/.evalkit.lock, so that a
    third run still waits for it rather than taking a new file alongside."""

    def start(seconds: str):
        return subprocess.Popen(
            [sys.executable, "-c", HOLD, str(tmp_path), seconds],
            stdout=subprocess.PIPE,
            text=True,
        )

    first = start("1.5")
    first_holds = float(first.stdout.readline().split()[1])
    second = start("4")
    assert second.stdout.readline() == "waiting\n"
    second_holds = float(second.stdout.readline().split()[1])
    assert second_holds - first_holds >= 1.4  # it waited for the first
    third = start("0")
    assert third.stdout.readline() == "waiting\n"  # the second holds it: the third waits
    third_holds = float(third.stdout.readline().split()[1])
    assert third_holds - second_holds >= 3.9
    for p in (first, second, third):
        p.stdout.read()
        assert p.wait() == 0
    assert not (tmp_path / LOCK_FILE).exists()
