"""Benchmark: 24 records (copies of the four case studies under new ids) with --jobs 2
against --jobs 1, same run; peak memory (max RSS) per worker process and of the kernels.
Goal (issue: comparative report and batch): --jobs 2 at least 1.6x faster than --jobs 1.

    .venv/bin/python benchmarks/batch_scaling.py [--records 24]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "case_studies"

WORKER = r"""
import json, resource, sys, time
from pathlib import Path
from evalkit.run.batch import run_batch
records = [Path(p) for p in json.loads(sys.argv[1])]
t = time.perf_counter()
outcomes = run_batch(records, sys.argv[2], jobs=int(sys.argv[3]), progress=False)
elapsed = time.perf_counter() - t
print("RESULT " + json.dumps({
    "seconds": elapsed, "failed": sum(o.status != "ok" for o in outcomes),
    # ru_maxrss of children = the largest single worker or kernel process, in KiB
    "peak_child_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "parent_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def copies(folder: Path, n: int) -> list[Path]:
    cases = sorted(p for p in CASES.iterdir() if (p / "campaign.yaml").is_file())
    out = []
    for i in range(n):
        src = cases[i % len(cases)]
        new_id = f"{src.name}-copy-{i:02d}"
        dst = folder / new_id
        shutil.copytree(src, dst)
        y = dst / "campaign.yaml"
        y.write_text(
            y.read_text(encoding="utf-8").replace(f"id: {src.name}\n", f"id: {new_id}\n", 1),
            encoding="utf-8",
        )
        out.append(dst)
    return out


def run(records, out, jobs) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps([str(r) for r in records]), str(out), str(jobs)],
        capture_output=True,
        text=True,
    )
    line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if not line:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(line[0][7:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=24)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        records = copies(tmp / "records", args.records)
        one = run(records, tmp / "out1", 1)
        two = run(records, tmp / "out2", 2)
    speed = one["seconds"] / two["seconds"]
    result = {
        "records": args.records,
        "jobs_1": one,
        "jobs_2": two,
        "speedup": speed,
        "goal": ">= 1.6",
        "met": speed >= 1.6,
    }
    print(
        f"{args.records} records, --jobs 1: {one['seconds']:.1f} s; --jobs 2: "
        f"{two['seconds']:.1f} s; speed-up {speed:.2f}x (goal >= 1.6: "
        f"{'met' if speed >= 1.6 else 'NOT met'})"
    )
    print(
        f"peak memory of one worker or kernel process: {two['peak_child_rss_mib']:.0f} MiB "
        f"(jobs 2), {one['peak_child_rss_mib']:.0f} MiB (jobs 1); failures: "
        f"{one['failed']} / {two['failed']}"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "batch_scaling.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
