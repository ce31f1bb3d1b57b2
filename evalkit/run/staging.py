"""How a run writes into OUT without losing or mixing anything.

- One run at a time per OUT: `claim_out` holds an exclusive `fcntl.flock` on OUT/.evalkit.lock
  for the whole command; a second run says it waits for the first (pid named), then goes on.
  The file is removed as the run ends: an ended run leaves no lock behind (one killed
  outright leaves the file, locked by no one, and the next run takes it).
- A report is built complete in its own staging folder, OUT/.staging-<id>-<random>/report,
  and replaces OUT/<id> with two renames: the old folder moves into the staging folder
  (`previous`), the new one takes its place. If the second rename fails the old folder is
  moved back; if the process dies between the two, the next run moves it back. Nothing of
  an earlier report is deleted before the new one is in place.
- A staging folder names its owner (owner.json: pid, report) and the owner holds a lock on
  that file while it lives: a folder whose lock is free belongs to a dead run and is cleaned
  by the next one (the kernel's connection file and log live in it too).
- Every temporary file has a unique name (mkstemp) beside its target."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from evalkit.i18n import Exact, Msg

LOCK_FILE = ".evalkit.lock"
STAGING_PREFIX = ".staging-"
CREATING_PREFIX = ".creating-"
OWNER_FILE = "owner.json"
# a folder still being created is signed within microseconds; one this old never will be
UNSIGNED_GRACE_SECONDS = 3600


_INTERRUPTED = threading.Event()


@contextmanager
def interrupts_noted() -> Iterator[None]:
    """While an evalkit command runs: Ctrl-C (SIGINT) is remembered and raised as
    KeyboardInterrupt only where Python can carry it. Raised inside an import it can leave a
    module's import lock held (seen: the checking thread then waited on it for ever, and the
    run with it); raised inside a weakref callback or a __del__, Python prints it as
    "Exception ignored" and drops it. In both it is sent again a moment later. And a library
    that swallows it anyway cannot let the run go on to swap a report in as if nothing had
    been pressed: `Staging.swap_in` refuses once it was pressed (`interrupted`)."""
    import signal
    import sys

    _INTERRUPTED.clear()
    before, hook = signal.signal(signal.SIGINT, _note_interrupt), sys.unraisablehook

    def dropped(unraisable) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            send_again()
        else:
            hook(unraisable)

    sys.unraisablehook = dropped
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
        sys.unraisablehook = hook
        _INTERRUPTED.clear()  # the command is over: what comes after is not interrupted


def _note_interrupt(signum, frame) -> None:
    _INTERRUPTED.set()
    if importing(frame):
        send_again()
        return
    raise KeyboardInterrupt


def send_again(signum: int | None = None) -> None:
    import signal

    again = threading.Timer(0.05, signal.raise_signal, (signum or signal.SIGINT,))
    again.daemon = True
    again.start()


# the import system's own modules, named so until `import importlib` renames them
_IMPORT_MACHINERY = {
    "_frozen_importlib",
    "_frozen_importlib_external",
    "importlib._bootstrap",
    "importlib._bootstrap_external",
}


def importing(frame) -> bool:
    """Whether `frame` runs inside the import system: an exception raised there can leave a
    module's import lock held, and the process waits on it for ever."""
    while frame is not None:
        if frame.f_globals.get("__name__") in _IMPORT_MACHINERY:
            return True
        frame = frame.f_back
    return False


def interrupted() -> bool:
    """Whether Ctrl-C was pressed during this command (see interrupts_noted)."""
    return _INTERRUPTED.is_set()


@contextmanager
def claim_out(out_root: str | Path, say: Callable[[str], None] = print) -> Iterator[Path]:
    """Hold OUT for one run: wait for another run writing there (saying so), then clean what
    dead runs left behind. The lock file is removed when the run ends, however it ends (a
    run killed outright leaves it, holding no lock: the next run takes it over)."""
    out_root = Path(out_root)
    lock = out_root / LOCK_FILE
    waited = False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited:
                    other = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    say(
                        Msg(
                            "waiting for another evalkit run (pid {pid}) that is writing to "
                            "{out} to finish...",
                            pid=Exact(other),
                            out=Exact(out_root),
                        )
                    )
                    waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            # the run that held it removes the file as it ends: a lock on a file no longer
            # at OUT/.evalkit.lock holds nothing, and the file there is the one to lock
            if _is_at(fd, lock):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        clean_stale(out_root)
        yield out_root
    finally:
        try:
            os.unlink(lock)  # while it is held: no other run has it open and locked
        except OSError:
            pass
        os.close(fd)  # releases the lock


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is the file at `path` (not one removed since it was
    opened)."""
    try:
        here = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def atomic_write(path: Path, text: str) -> None:
    """Write `path` whole or not at all, through a temporary file of its own beside it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would hide the page from others
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Staging:
    """OUT/.staging-<name>-<random>/, owned (and locked) by this process until `close`."""

    def __init__(self, out_root: Path, name: str):
        self.out_root, self.name = Path(out_root), name
        # signed and locked under a name the cleaner ignores, then named .staging-: a
        # .staging- folder without its owner file is one whose owner is gone
        born = Path(tempfile.mkdtemp(prefix=CREATING_PREFIX, dir=out_root))
        try:
            self._fd = os.open(born / OWNER_FILE, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            os.write(self._fd, json.dumps({"pid": os.getpid(), "report": name}).encode())
            self.path = (
                self.out_root / f"{STAGING_PREFIX}{name}-{born.name[len(CREATING_PREFIX) :]}"
            )
            os.rename(born, self.path)
        except BaseException:
            shutil.rmtree(born, ignore_errors=True)
            raise
        self.report = self.path / "report"  # the new OUT/<name>, built here
        self.previous = self.path / "previous"  # the old OUT/<name> during the swap

    def swap_in(self) -> Path:
        """Put the built report at OUT/<name>, the earlier one kept until it is in place."""
        if interrupted():  # pressed, and the interrupt swallowed on its way: stop here
            raise KeyboardInterrupt
        final = self.out_root / self.name
        had = os.path.lexists(final)
        if had:
            os.rename(final, self.previous)
        try:
            os.rename(self.report, final)
        except BaseException:
            if had:
                os.rename(self.previous, final)
            raise
        return final

    def close(self) -> None:
        try:
            _settle(self.path, self.out_root, self.name)
        finally:
            os.close(self._fd)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _settle(folder: Path, out_root: Path, name: str) -> None:
    """Remove a staging folder; an earlier report caught mid-swap goes back first (a folder
    whose earlier report cannot be put back is kept, for the next run to try again)."""
    previous, final = folder / "previous", out_root / Path(name).name
    if previous.exists() and not os.path.lexists(final):
        try:
            os.rename(previous, final)
        except OSError:
            return
    shutil.rmtree(folder, ignore_errors=True)


def clean_stale(out_root: Path) -> list[Path]:
    """Settle the staging folders of runs that are no longer alive; return them."""
    cleaned = []
    for folder in sorted(Path(out_root).glob(f"{STAGING_PREFIX}*")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            fd = os.open(folder / OWNER_FILE, os.O_RDWR)
        except FileNotFoundError:  # its owner died while removing it, or its kernel wrote late
            shutil.rmtree(folder, ignore_errors=True)
            cleaned.append(folder)
            continue
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its owner is alive
            try:
                name = json.loads(os.pread(fd, 4096, 0) or b"{}").get("report") or ""
            except ValueError:
                name = ""
            if name:
                _settle(folder, out_root, name)
            else:
                shutil.rmtree(folder, ignore_errors=True)
            cleaned.append(folder)
        finally:
            os.close(fd)
    for folder in Path(out_root).glob(f"{CREATING_PREFIX}*"):
        try:
            if time.time() - folder.stat().st_mtime > UNSIGNED_GRACE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass
    return cleaned
