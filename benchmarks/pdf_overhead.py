"""Benchmark: one evaluation as it is now — with the timeline, the record page and the PDF —
against one evaluation as it was when the reports issue was filed (commit BASELINE: no
timeline, no PDF), both timed in the same run, interleaved, on the same record.
Goal (issue 9): now-with-PDF <= 2x the baseline.

The baseline runs from a git worktree of BASELINE put first on PYTHONPATH, so its notebook
kernel imports that evalkit (and its templates) instead of this one.

    .venv/bin/python benchmarks/pdf_overhead.py [--repeats 5] [--record case_studies/caesar]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE = "1a6b0fb"  # the last commit before the reports issue's work began

TIMED = r"""
import json, sys, time
from evalkit.run.pipeline import evaluate
kw = {"pdf": True} if sys.argv[3] == "pdf" else {}
t = time.perf_counter()
outcome = evaluate(sys.argv[1], sys.argv[2], **kw)
print("RESULT " + json.dumps({"seconds": time.perf_counter() - t, "status": outcome.status,
                              "error": outcome.error}))
"""


def timed(record: str, out: Path, pythonpath: str, pdf: bool) -> float:
    env = dict(os.environ, PYTHONPATH=pythonpath)
    proc = subprocess.run(
        [sys.executable, "-c", TIMED, record, str(out), "pdf" if pdf else "html"],
        capture_output=True,
        text=True,
        env=env,
        # not the project folder: `python -c` puts its cwd first on sys.path
        cwd=out.parent,
    )
    line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if not line:
        raise RuntimeError(proc.stderr[-2000:])
    result = json.loads(line[0][7:])
    if result["status"] != "ok":
        raise RuntimeError(result["error"])
    return result["seconds"]


def main() -> None:
    from evalkit.render.pdf import find_chromium

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--record", default=str(ROOT / "case_studies" / "caesar"))
    args = ap.parse_args()
    if find_chromium() is None:
        sys.exit("needs Chromium (bash scripts/test.sh installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        baseline_tree = tmp / "baseline"
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "worktree",
                "add",
                "--detach",
                "-q",
                str(baseline_tree),
                BASELINE,
            ],
            check=True,
        )
        try:
            before, now = [], []
            for i in range(args.repeats):  # interleaved: both see the same machine state
                before.append(timed(args.record, tmp / f"before-{i}", str(baseline_tree), False))
                now.append(timed(args.record, tmp / f"now-{i}", str(ROOT), True))
            pdf_made = (tmp / "now-0" / Path(args.record).name).glob("*.pdf")
            assert any(pdf_made), "no PDF was written"
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline_tree)],
                check=True,
            )
    ratio = statistics.median(now) / statistics.median(before)
    result = {
        "record": args.record,
        "repeats": args.repeats,
        "baseline_commit": BASELINE,
        "baseline_seconds_median": statistics.median(before),
        "now_with_timeline_and_pdf_seconds_median": statistics.median(now),
        "ratio": ratio,
        "goal": "<= 2",
        "met": ratio <= 2,
        "baseline_all": before,
        "now_all": now,
    }
    print(
        f"evaluation at {BASELINE} (before the issue): {statistics.median(before):.2f} s; "
        f"now with timeline, record page and PDF: {statistics.median(now):.2f} s "
        f"(medians of {args.repeats})"
    )
    print(f"ratio {ratio:.2f} (goal <= 2: {'met' if ratio <= 2 else 'NOT met'})")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "pdf_overhead.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
