"""The kernel papermill starts for a notebook, with its own output kept out of the user's
terminal. A kernel writes its log to the stderr it inherits: a warning that its local
sockets are not encrypted, and, when it is shut down while a flush is in flight, a zmq
"Socket operation on non-socket" traceback (a harmless race in ipykernel). Neither means
anything to an evaluator, and a failing cell is reported from the notebook itself, so the
kernel's stderr goes to a log file, which is read back only when the kernel died."""
from __future__ import annotations

from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# the kernel's own log level: its startup warnings are not written at all
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def kernel_manager_logging_to(log_path: Path) -> type[AsyncKernelManager]:
    """A kernel manager class whose kernel writes its stderr to `log_path`."""

    class KernelManagerWithLog(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # the child gets its own copy of the descriptor at launch: ours can close
            with open(log_path, "ab") as log:
                kw["stderr"] = log
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return KernelManagerWithLog


def kernel_log_tail(log_path: Path, lines: int = 5) -> str:
    """The last lines the kernel wrote, to explain a kernel that died ('' when none)."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
