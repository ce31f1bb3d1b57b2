"""Benchmark: time and peak memory to validate a record, and to evaluate it (results.json, the
computation the report rests on), as one of its tables grows (issue 18 item 11), each size
in a fresh process so that its peak is its own (the process's peak resident memory, from
getrusage). Records are SIMULATED (benchmarks/simulated_record.py): --table activities
grows activities.csv, --table metrics grows metrics.csv beside Caesar's 28 activities.
Goal: a 1M-row table under 1.5 GB, and linear time: seconds per row flat across sizes.

    .venv/bin/python benchmarks/large_table.py [--sizes 125000 250000 500000 1000000]
        [--table activities|metrics] [--evaluate] [--run]

--run also times the whole `evalkit run` command, with the peak of the resident memory of
its processes (its own, the kernel's, the one that writes results.json) summed.
Measured 2026-12-02 (session 2) on 2 cores, shared (load 2.5-3.5); the table is in
README.md ("The limit of one machine"): 1,000,000 activities (312 MB) validate in 49 s at
peak 0.87 GB (validate and evaluate 0.87 GB), the whole `evalkit run` 134 s at 1.10 GB summed
over its processes; 1,000,000 metrics rows (91 MB) 53 s at 0.47 GB, 0.74 GB, and 143 s at
0.94 GB; CPU per row, 1,000,000 against 125,000 rows: validate 0.89x (activities) and 0.79x
(metrics), evaluate under 0.5x. results.json 0.2-0.3 MB at every size. Before (session 1 of
that day): 1M activities validated in 194 s at 1.15 GB (1.37 GB with the evaluation; the whole
run 1.53 GB), CPU per row growing 1.2x (activities) and 1.4x (metrics); the collector's
collections over every object made so far, ids stored twice, frames copied into blocks and
the evaluation's copies of every column of the table were the difference. Before issue 18
item 11: about 5 KB per row, 4.1 GB to validate a 1M-row metrics.csv.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from simulated_record import simulated_record  # noqa: E402

MEASURE = r"""
import json, resource, sys, time
from evalkit.record.load import check_record
t, c = time.perf_counter(), time.process_time()
campaign, problems = check_record(sys.argv[1])
assert not problems, problems[:3]
out = {"validate_seconds": time.perf_counter() - t, "validate_cpu": time.process_time() - c,
       "validate_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if sys.argv[2] == "1":
    from evalkit.run.pipeline import _results_file
    from pathlib import Path
    t, c = time.perf_counter(), time.process_time()
    _results_file(campaign, "", Path(sys.argv[3]))
    out.update(evaluate_seconds=time.perf_counter() - t, evaluate_cpu=time.process_time() - c)
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run_command(record: Path, out: Path) -> dict:
    """The whole `evalkit run` (its process and the notebook kernel it starts): wall time
    and the peak of the resident memory of the process tree, summed, sampled every 0.2 s."""
    import psutil

    evalkit = Path(sys.executable).with_name("evalkit")
    t = time.perf_counter()
    proc = subprocess.Popen(
        [str(evalkit), "run", str(record), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    top, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - t
    if proc.returncode:
        return {"run_failed": proc.stderr.read().decode()[-2000:] if proc.stderr else ""}
    [report] = [d for d in out.iterdir() if (d / "results.json").is_file()]
    size = {f: (report / f).stat().st_size / 1e6 for f in ("evaluation.html", "record.html")}
    return {
        "run_seconds": seconds,
        "run_tree_peak_mb": peak / 2**20,
        "evaluation_html_mb": size["evaluation.html"],
        "record_html_mb": size["record.html"],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[125_000, 250_000, 500_000, 1_000_000])
    ap.add_argument("--table", choices=("activities", "metrics"), default="activities")
    ap.add_argument("--evaluate", action="store_true", help="also compute results.json")
    ap.add_argument("--run", action="store_true", help="also time the whole `evalkit run`")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            record = (
                simulated_record(Path(tmp) / f"r{n}", n)
                if args.table == "activities"
                else simulated_record(Path(tmp) / f"r{n}", 28, metrics=n)
            )
            size_mb = (record / f"{args.table}.csv").stat().st_size / 1e6
            out = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    MEASURE,
                    str(record),
                    "1" if args.evaluate else "0",
                    str(Path(tmp) / f"{n}.json"),
                ],
                capture_output=True,
                text=True,
            )
            if out.returncode:
                print(f"{n} rows: failed\n{out.stderr[-2000:]}")
                rows.append({"rows": n, "failed": out.stderr[-2000:]})
                continue
            m = json.loads(out.stdout.strip().splitlines()[-1])
            m.update(rows=n, csv_mb=size_mb, table=args.table, load=os.getloadavg()[0])
            said = (
                f"{n:>9} {args.table} rows ({size_mb:.0f} MB csv): validate "
                f"{m['validate_seconds']:.1f} s, {m['validate_cpu'] / n * 1e6:.0f} µs CPU/row "
                f"(peak {m['validate_peak_mb']:.0f} MB)"
            )
            if args.evaluate:
                m["results_json_mb"] = (Path(tmp) / f"{n}.json").stat().st_size / 1e6
                said += (
                    f"; evaluate {m['evaluate_seconds']:.1f} s, "
                    f"{m['evaluate_cpu'] / n * 1e6:.0f} µs CPU/row, results.json "
                    f"{m['results_json_mb']:.1f} MB; peak {m['peak_mb']:.0f} MB"
                )
            if args.run:
                m.update(run_command(record, Path(tmp) / f"out{n}"))
                said += (
                    f"; evalkit run {m['run_seconds']:.0f} s, peak of its processes "
                    f"{m['run_tree_peak_mb']:.0f} MB, evaluation.html "
                    f"{m['evaluation_html_mb']:.1f} MB, record.html {m['record_html_mb']:.1f} MB"
                    if "run_seconds" in m
                    else f"; evalkit run failed: {m['run_failed']}"
                )
            rows.append(m)
            print(f"{said} (load {m['load']:.1f})", flush=True)
            shutil.rmtree(record)  # the next size's files, not this one's, on the disk
    done = [r for r in rows if "failed" not in r]
    if len(done) >= 2:  # linear time: CPU seconds per row flat across sizes (wall time
        # on a shared machine says more of the others' load than of evalkit)
        a, b = done[0], done[-1]
        for stage in ("validate", "evaluate") if args.evaluate else ("validate",):
            growth = (b[f"{stage}_cpu"] / b["rows"]) / (a[f"{stage}_cpu"] / a["rows"])
            print(f"{stage} CPU per row, largest vs smallest size: {growth:.2f}x (1.0 = linear)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"large_table_{args.table}.json").write_text(
        json.dumps({"rows": rows, "load_average": os.getloadavg()}, indent=2)
    )


if __name__ == "__main__":
    main()
