"""Benchmark: how fast the command line answers (issue 18 item 12), as whole processes in one
run, interleaved so that all three see the same machine state:

- `evalkit --help`                  goal: well under half of `python -c "import pandas"`
- `evalkit validate case_studies`   goal: under 1.5x `python -c "import pandas"`

    .venv/bin/python benchmarks/startup.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVALKIT = str(Path(sys.executable).parent / "evalkit")


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    commands = {
        "import_pandas": [sys.executable, "-c", "import pandas"],
        "help": [EVALKIT, "--help"],
        "validate_case_studies": [EVALKIT, "validate", str(HERE.parent / "case_studies")],
    }
    for cmd in commands.values():  # warm the file cache once
        timed(cmd)
    times = {name: [] for name in commands}
    for _ in range(args.repeats):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    med = {name: statistics.median(t) for name, t in times.items()}
    help_ratio = med["help"] / med["import_pandas"]
    validate_ratio = med["validate_case_studies"] / med["import_pandas"]
    result = {
        "repeats": args.repeats,
        "seconds_median": med,
        "all": times,
        "help_over_import_pandas": help_ratio,
        "help_goal": "< 0.5 (well under)",
        "help_met": help_ratio < 0.5,
        "validate_over_import_pandas": validate_ratio,
        "validate_goal": "< 1.5",
        "validate_met": validate_ratio < 1.5,
    }
    print(f"python -c 'import pandas':     {med['import_pandas']:.3f} s (median of {args.repeats})")
    print(
        f"evalkit --help:                {med['help']:.3f} s = {help_ratio:.2f}x "
        f"(goal well under 0.5: {'met' if help_ratio < 0.5 else 'NOT met'})"
    )
    print(
        f"evalkit validate case_studies: {med['validate_case_studies']:.3f} s = "
        f"{validate_ratio:.2f}x (goal < 1.5: {'met' if validate_ratio < 1.5 else 'NOT met'})"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "startup.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
