"""Many evaluations at once: one worker process per record (papermill's `cwd` and kernel
state are per process), a progress bar, and a failure in one record never stops the rest."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from evalkit.run.pipeline import Outcome, evaluate
from evalkit.record.problems import Problem
from evalkit.record.schema import RECORD_FILE


def find_records(paths: Iterable[str | Path]) -> list[Path]:
    """Record folders named directly, or found one level below a folder of records."""
    found: list[Path] = []
    for p in map(Path, paths):
        if (p / RECORD_FILE).is_file() or p.name == RECORD_FILE or not p.is_dir():
            found.append(p.parent if p.name == RECORD_FILE else p)
        else:
            found.extend(sorted(d for d in p.iterdir() if (d / RECORD_FILE).is_file()))
    return found


def _record_id(record: Path):
    """The id a record declares, read without validating (validation comes later)."""
    from evalkit.record.load import _yaml
    try:
        with open(record / RECORD_FILE, encoding="utf-8") as fh:
            data = _yaml("safe").load(fh)
        return data.get("id") if isinstance(data, dict) else None
    except Exception:  # unreadable YAML is reported by the record's own validation
        return None


def duplicate_ids(records: list[Path]) -> dict[str, list[Path]]:
    """Ids declared by more than one record of a batch: their reports would overwrite each
    other in one folder, so none of them is run."""
    by_id: dict[str, list[Path]] = {}
    for r in records:
        rid = _record_id(Path(r))
        if isinstance(rid, str):
            by_id.setdefault(rid, []).append(Path(r))
    return {i: paths for i, paths in by_id.items() if len(paths) > 1}


def _run_one(args: tuple) -> Outcome:
    record, out_root, as_of, pdf, lang = args
    return evaluate(record, out_root, as_of, pdf=pdf, lang=lang)


def run_batch(records: list[Path], out_root: str | Path = "reports", as_of: str = "",
              jobs: int | None = None, progress: bool = True,
              pdf: bool = False, lang: str = "en") -> list[Outcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    clashes = duplicate_ids(records)
    refused = []
    for rid, paths in clashes.items():
        for p in paths:
            others = ", ".join(str(o / RECORD_FILE) for o in paths if o != p)
            refused.append(Outcome(str(p), record_id=None, status="invalid", problems=[Problem(
                str(p / RECORD_FILE), None, "id",
                f"'{rid}' is also the id of {others}; each record in a run needs its own id "
                "(the report folder is named after it), so none of them was evaluated")]))
    skip = {str(p) for paths in clashes.values() for p in paths}
    work = [(str(r), str(out_root), as_of, pdf, lang) for r in records if str(r) not in skip]
    bar = tqdm(total=len(work), desc="evaluating", unit="record", disable=not progress)
    outcomes: list[Outcome] = list(refused)
    try:
        if jobs == 1 or len(work) <= 1:
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
