"""Benchmark: time and peak memory to validate a record, and to evaluate it (results.json, the
computation the report rests on), as one of its tables grows (issue 18 item 11), each size
in a fresh process so that its peak is its own (the process's peak resident memory, from
getrusage). Records are SIMULATED (benchmarks/simulated_record.py): --table activities
grows activities.csv, --table metrics grows metrics.csv beside Caesar's 28 activities.
Goal: a 1M-row table under 1.5 GB, and linear time: seconds per row flat across sizes.

    .venv/bin/python benchmarks/large_table.py [--sizes 125000 250000 500000 1000000]
        [--table activities|metrics] [--evaluate]

Measured (2026-12-02, 2 shared cores, load average 5-9; see docs/large-records.md):
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from simulated_record import simulated_record  # noqa: E402

MEASURE = r"""
import json, resource, sys, time
from evalkit.record.load import check_record
t = time.perf_counter()
campaign, problems = check_record(sys.argv[1])
assert not problems, problems[:3]
validated = time.perf_counter() - t
peak_validate = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
evaluated = None
if sys.argv[2] == "1":
    from evalkit.run.pipeline import _results_file
    from pathlib import Path
    t = time.perf_counter()
    _results_file(campaign, "", Path(sys.argv[3]))
    evaluated = time.perf_counter() - t
print(json.dumps({"validate_seconds": validated, "validate_peak_mb": peak_validate,
                  "evaluate_seconds": evaluated,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[125_000, 250_000, 500_000, 1_000_000])
    ap.add_argument("--table", choices=("activities", "metrics"), default="activities")
    ap.add_argument("--evaluate", action="store_true", help="also compute results.json")
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
            m.update(rows=n, csv_mb=size_mb, table=args.table)
            if args.evaluate:
                m["results_json_mb"] = (Path(tmp) / f"{n}.json").stat().st_size / 1e6
            rows.append(m)
            ev = (
                f"; evaluate {m['evaluate_seconds']:.1f} s, results.json "
                f"{m['results_json_mb']:.1f} MB"
                if args.evaluate
                else ""
            )
            per_row = f"{m['validate_seconds'] / n * 1e6:.0f} µs/row" + (
                f", evaluate {m['evaluate_seconds'] / n * 1e6:.0f} µs/row" if args.evaluate else ""
            )
            print(
                f"{n:>9} {args.table} rows ({size_mb:.0f} MB csv): validate "
                f"{m['validate_seconds']:.1f} s (peak {m['validate_peak_mb']:.0f} MB){ev}; "
                f"peak {m['peak_mb']:.0f} MB; {per_row}",
                flush=True,
            )
    done = [r for r in rows if "failed" not in r]
    if len(done) >= 2:  # linear time: seconds per row roughly constant across sizes
        a, b = done[0], done[-1]
        for stage in ("validate", "evaluate") if args.evaluate else ("validate",):
            growth = (b[f"{stage}_seconds"] / b["rows"]) / (a[f"{stage}_seconds"] / a["rows"])
            print(
                f"{stage} seconds per row, largest vs smallest size: {growth:.2f}x (1.0 = linear)"
            )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"large_table_{args.table}.json").write_text(
        json.dumps({"rows": rows, "load_average": os.getloadavg()}, indent=2)
    )


if __name__ == "__main__":
    main()
