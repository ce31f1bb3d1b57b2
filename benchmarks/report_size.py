"""Benchmark: the size of one evaluation's HTML page for a SIMULATED record of 10,000
activities (benchmarks/simulated_record.py). Goal (issue 9): <= 1.5 MB. Long cells are
cut with a count of what was left out; every row is on the separate record page.

    .venv/bin/python benchmarks/report_size.py [--activities 10000]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from simulated_record import simulated_record  # noqa: E402

GOAL_BYTES = 1_500_000


def main() -> None:
    from evalkit.run.pipeline import evaluate

    ap = argparse.ArgumentParser()
    ap.add_argument("--activities", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        record = simulated_record(Path(tmp) / "simulated", args.activities)
        t = time.perf_counter()
        outcome = evaluate(record, Path(tmp) / "reports")
        seconds = time.perf_counter() - t
        assert outcome.status == "ok", outcome.describe()
        folder = Path(outcome.out_dir)
        page = (folder / "evaluation.html").read_text(encoding="utf-8")
        size = len(page.encode("utf-8"))
        cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
        result = {
            "activities": args.activities,
            "html_bytes": size,
            "goal_bytes": GOAL_BYTES,
            "met": size <= GOAL_BYTES,
            "seconds": seconds,
            "longest_cell_chars": max(map(len, cells)),
            "record_page_bytes": (folder / "record.html").stat().st_size,
            "results_json_bytes": (folder / "results.json").stat().st_size,
        }
    print(
        f"SIMULATED record, {args.activities} activities: evaluation.html {size / 1e6:.2f} MB "
        f"(goal <= {GOAL_BYTES / 1e6:.1f} MB: {'met' if result['met'] else 'NOT met'}); "
        f"longest cell {result['longest_cell_chars']} characters; record.html "
        f"{result['record_page_bytes'] / 1e6:.2f} MB; evaluated in {seconds:.1f} s"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "report_size.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
