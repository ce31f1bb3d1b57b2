"""Benchmark: one evaluation end to end (execute + HTML + results.json) against a bare
papermill run of a notebook that only imports the same libraries, in the same run.
Goal (issue: comparative report and batch): evaluation <= 1.5x the bare run.

    .venv/bin/python benchmarks/evaluation_overhead.py [--repeats 5] [--record case_studies/caesar]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

HERE = Path(__file__).resolve().parent

# The libraries are the third-party top-level modules that one evaluation really loads,
# found by doing what the notebook does in a fresh interpreter: not a hand-typed list.
PROBE = r"""
import json, sys, sysconfig
from evalkit.render.report import CampaignReport
r = CampaignReport(sys.argv[1], "")
for part in (r.title(), r.overview(), r.verdicts_table(), r.grid_table(), r.timing_table(),
             r.checklist_table(), r.recommendations_list(), r.sources_table()):
    pass
for n in range(1, 6):
    r.question(n)
site = sysconfig.get_paths()["purelib"]
top = sorted({m.split(".")[0] for m, mod in list(sys.modules.items())
              if getattr(mod, "__file__", None) and str(mod.__file__).startswith(site)
              and not m.startswith(("evalkit", "_"))})
print(json.dumps(top))
"""


def libraries(record: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, record], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bare_notebook(path: Path, libs: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    params = nbformat.v4.new_code_cell('record_path = ""\nas_of = ""')
    params.metadata["tags"] = ["parameters"]
    code = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot\n" + "\n".join(
        f"import {lib}" for lib in libs
    )
    nb.cells = [params, nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)


def main() -> None:
    from evalkit.run.kernel import KERNEL_ARGUMENTS, kernel_manager_logging_to
    from evalkit.run.pipeline import evaluate

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--record", default=str(HERE.parent / "case_studies" / "caesar"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bare = tmp / "bare.ipynb"
        libs = libraries(args.record)
        bare_notebook(bare, libs)
        full, plain = [], []
        for i in range(args.repeats):  # interleaved, so both see the same machine state
            t = time.perf_counter()
            pm.execute_notebook(
                str(bare),
                str(tmp / f"bare-out-{i}.ipynb"),
                kernel_name="python3",
                progress_bar=False,
                # the same quiet kernel the evaluation starts
                kernel_manager_class=kernel_manager_logging_to(tmp / "k.log"),
                extra_arguments=KERNEL_ARGUMENTS,
            )
            plain.append(time.perf_counter() - t)
            t = time.perf_counter()
            outcome = evaluate(args.record, tmp / f"reports-{i}")
            full.append(time.perf_counter() - t)
            assert outcome.status == "ok", outcome.describe()
    ratio = statistics.median(full) / statistics.median(plain)
    result = {
        "record": args.record,
        "repeats": args.repeats,
        "libraries": libs,
        "evaluation_seconds_median": statistics.median(full),
        "bare_papermill_seconds_median": statistics.median(plain),
        "ratio": ratio,
        "goal": "<= 1.5",
        "met": ratio <= 1.5,
        "evaluation_all": full,
        "bare_all": plain,
    }
    print(f"libraries the evaluation loads (imported by the bare notebook): {', '.join(libs)}")
    print(f"one evaluation end to end: {statistics.median(full):.2f} s (median of {args.repeats})")
    print(f"bare papermill, same imports: {statistics.median(plain):.2f} s")
    print(f"ratio {ratio:.2f} (goal <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "evaluation_overhead.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
