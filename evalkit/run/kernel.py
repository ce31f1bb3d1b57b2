"""The kernel papermill starts for a notebook, with its own output kept out of the user's
terminal. A kernel writes its log to the stderr it inherits: a warning that its local
sockets are not encrypted, and, when it is shut down while a flush is in flight, a zmq
"Socket operation on non-socket" traceback (a harmless race in ipykernel). Neither means
anything to an evaluator, and a failing cell is reported from the notebook itself, so the
kernel's stderr goes to a log file, which is read back only when the kernel died.

The kernel's connection file (its ports and signing key) is written beside that log, in the
run's own staging folder, not as /tmp/tmp*.json: whatever way the run ends, it goes with the
folder (a killed run's folder is cleaned by the next run, evalkit.run.staging)."""

from __future__ import annotations

import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# the kernel's own log level: its startup warnings are not written at all
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
# what nbclient adds for a kernel it starts itself (no history file written)
HISTORY_IN_MEMORY = "--HistoryManager.hist_file=:memory:"


def _check_launch_hook() -> None:
    """`_async_launch_kernel` is private to jupyter_client (pyproject pins the 8.x range it
    has kept its signature in): without it our override would never run and the kernel's
    noise would reach the terminal, so say so instead."""
    if not callable(getattr(AsyncKernelManager, "_async_launch_kernel", None)):
        import jupyter_client

        raise RuntimeError(
            f"jupyter_client {jupyter_client.__version__} has no "
            "AsyncKernelManager._async_launch_kernel, which evalkit overrides to keep the "
            "kernel's log out of the terminal; install a supported version: "
            "pip install 'jupyter_client>=8,<9' (or -c constraints.txt)"
        )


def kernel_manager_logging_to(log_path: Path, on_launch=None) -> type[AsyncKernelManager]:
    """A kernel manager class whose kernel writes its stderr to `log_path` and whose
    connection file sits in the same folder; `on_launch()` is called once its process runs
    (work for this process while the kernel boots)."""
    _check_launch_hook()

    class KernelManagerWithLog(AsyncKernelManager):
        managers: list = []  # every manager of this class, for `stop_kernels`

        def __init__(self, **kw):
            kw.setdefault(
                "connection_file", str(log_path.parent / f"kernel-{uuid.uuid4().hex}.json")
            )
            super().__init__(**kw)
            self.clients: list = []  # papermill's, which it leaves open on a kernel it was given
            self.managers.append(self)

        def client(self, **kw):
            client = super().client(**kw)
            self.clients.append(client)
            return client

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # the child gets its own copy of the descriptor at launch: ours can close
            with open(log_path, "ab") as log:
                kw["stderr"] = log
                launched = await super()._async_launch_kernel(kernel_cmd, **kw)
            if on_launch is not None:
                on_launch()
            return launched

    return KernelManagerWithLog


def start_kernel(manager_class: type[AsyncKernelManager]) -> AsyncKernelManager:
    """Launch a kernel now and return its manager, for papermill to run a notebook on
    (`km=`): a kernel takes a second or more to boot, and the caller loads papermill and
    nbformat meanwhile instead of before. It runs in the event loop papermill uses (the
    thread's own, jupyter_core's run_sync); `stop_kernels` ends it."""
    from jupyter_core.utils import run_sync

    manager = manager_class(kernel_name="python3")
    run_sync(manager.start_kernel)(extra_arguments=[*KERNEL_ARGUMENTS, HISTORY_IN_MEMORY])
    return manager


def stop_kernels(manager_class: type) -> None:
    """End the kernels a manager class started: a kernel given to papermill is left running
    once the notebook is done (its outputs are all in by then, so it is killed rather than
    asked to shut down), a run stopped by Ctrl-C or SIGTERM leaves the event loop before it
    shuts its kernel down, and a kernel still starting would write its connection file into
    a staging folder already removed."""
    for manager in getattr(manager_class, "managers", []):
        for client in getattr(manager, "clients", []):
            client.stop_channels()
        # the provisioner holds the process from the moment it is started
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            try:
                process.wait(timeout=10)
            except Exception:  # a kernel that does not die in 10 s is the system's problem
                pass
        manager.cleanup_connection_file()


def kernel_log_tail(log_path: Path, lines: int = 5) -> str:
    """The last lines the kernel wrote, to explain a kernel that died ('' when none)."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
