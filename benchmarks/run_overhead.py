"""Benchmark: the whole `evalkit run RECORD` command against the whole `papermill` command on a
bare notebook that imports the same libraries (issue 18 item 13), both timed as processes
from start to exit, interleaved in one run. Goal: evalkit run <= 1.3x papermill.

What each side does: `evalkit run` (defaults: no PDF, no Word copy, one record) validates the
record, runs the evaluation notebook in a kernel, and writes evaluation.ipynb, evaluation.html,
results.json, record.html with a copy of the record, and index.html. `papermill` runs a
notebook whose only code imports the libraries one evaluation loads, and writes it back.

The machine is shared: the load average is printed, and the spread of each command's times
and of the ratio of each interleaved pair beside the medians. Measured 2026-12-02 on Caesar, 7
runs each at load 7.5-9.2 on 2 cores: ratio 0.92 (pairs 0.74-1.12), CPU 1.07x; 1.73x (CPU
1.70x) that morning, before the kernel was launched first (README, "A run costs little").

    .venv/bin/python benchmarks/run_overhead.py [--repeats 5] [--record case_studies/caesar]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from evaluation_overhead import bare_notebook, libraries  # noqa: E402  the same bare notebook

BIN = Path(sys.executable).parent


CPU = []  # CPU seconds of each command and its children (the kernel), beside wall time


def timed(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--record", default=str(HERE.parent / "case_studies" / "caesar"))
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        libs = libraries(args.record)
        bare_notebook(tmp / "bare.ipynb", libs)
        papermill = [
            str(BIN / "papermill"),
            str(tmp / "bare.ipynb"),
            str(tmp / "out.ipynb"),
            "-k",
            "python3",
            "--no-progress-bar",
            "--log-level",
            "WARNING",
        ]
        evalkit = [
            str(BIN / "evalkit"),
            "run",
            args.record,
            "--out",
            str(tmp / "reports"),
            "--no-progress",
        ]
        timed(papermill)  # warm the file cache for both
        timed(evalkit)
        bare, run, bare_cpu, run_cpu = [], [], [], []
        for _ in range(args.repeats):
            bare.append(timed(papermill))
            bare_cpu.append(CPU[-1])
            run.append(timed(evalkit))
            run_cpu.append(CPU[-1])
    ratio = statistics.median(run) / statistics.median(bare)
    pairs = sorted(r / b for r, b in zip(run, bare))
    cpu_ratio = statistics.median(run_cpu) / statistics.median(bare_cpu)
    load = (load_before, os.getloadavg()[0])
    result = {
        "record": args.record,
        "repeats": args.repeats,
        "libraries": libs,
        "evalkit_run_seconds_median": statistics.median(run),
        "papermill_seconds_median": statistics.median(bare),
        "ratio": ratio,
        "goal": "<= 1.3",
        "met": ratio <= 1.3,
        "evalkit_run_all": run,
        "papermill_all": bare,
        "pair_ratios": pairs,
        "cpu_ratio": cpu_ratio,
        "evalkit_run_cpu": run_cpu,
        "papermill_cpu": bare_cpu,
        "load_average_before_after": load,
        "cores": os.cpu_count(),
    }
    print(
        f"evalkit run {args.record}: {statistics.median(run):.2f} s "
        f"(median of {args.repeats}; {min(run):.2f}-{max(run):.2f})"
    )
    print(
        f"papermill on the bare notebook, same imports: {statistics.median(bare):.2f} s "
        f"({min(bare):.2f}-{max(bare):.2f})"
    )
    print(
        f"ratio {ratio:.2f} (goal <= 1.3: {'met' if ratio <= 1.3 else 'NOT met'}); interleaved "
        f"pairs {pairs[0]:.2f}-{pairs[-1]:.2f}; CPU time (process and kernel) "
        f"{statistics.median(run_cpu):.2f} s vs {statistics.median(bare_cpu):.2f} s = "
        f"{cpu_ratio:.2f}x; load average {load[0]:.1f} -> {load[1]:.1f} on {os.cpu_count()} cores"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "run_overhead.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
