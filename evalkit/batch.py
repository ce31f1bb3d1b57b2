"""Many evaluations at once: one worker process per record (papermill's `cwd` and kernel
state are per process), a progress bar, and a failure in one record never stops the rest."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from .pipeline import Outcome, evaluate
from .schema import RECORD_FILE


def find_records(paths: Iterable[str | Path]) -> list[Path]:
    """Record folders named directly, or found one level below a folder of records."""
    found: list[Path] = []
    for p in map(Path, paths):
        if (p / RECORD_FILE).is_file() or p.name == RECORD_FILE or not p.is_dir():
            found.append(p.parent if p.name == RECORD_FILE else p)
        else:
            found.extend(sorted(d for d in p.iterdir() if (d / RECORD_FILE).is_file()))
    return found


def _run_one(args: tuple) -> Outcome:
    record, out_root, as_of = args
    return evaluate(record, out_root, as_of)


def run_batch(records: list[Path], out_root: str | Path = "reports", as_of: str = "",
              jobs: int | None = None, progress: bool = True) -> list[Outcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    work = [(str(r), str(out_root), as_of) for r in records]
    bar = tqdm(total=len(work), desc="evaluating", unit="record", disable=not progress)
    outcomes: list[Outcome] = []
    try:
        if jobs == 1 or len(work) == 1:
            for w in work:
                outcomes.append(_run_one(w))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
                futures = {pool.submit(_run_one, w): w for w in work}
                for fut in as_completed(futures):
                    try:
                        outcomes.append(fut.result())
                    except Exception as exc:  # a worker that died
                        outcomes.append(Outcome(futures[fut][0], status="failed",
                                                error=f"worker crashed: {exc!r}"))
                    bar.update()
    finally:
        bar.close()
    order = {str(r): i for i, r in enumerate(records)}
    return sorted(outcomes, key=lambda o: order.get(o.record_path, 0))
