"""Many evaluations at once: one worker process per record (papermill's `cwd` and kernel
state are per process), a progress bar, and a failure in one record never stops the rest.
Workers die with the run: a killed parent takes them along (Linux: the kernel sends them
SIGTERM; elsewhere a watchdog thread sees the parent gone), Ctrl-C is the parent's to handle
(it stops the workers, which clean up their staging folders), and each worker's kernel
exits when its worker does (ipykernel watches its parent)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Iterable

from evalkit.i18n import Exact, Msg, tr
from evalkit.record.problems import Problem
from evalkit.run.pipeline import Outcome

RECORD_FILE = "campaign.yaml"  # evalkit.record.schema.RECORD_FILE, without loading pydantic


def find_records(paths: Iterable[str | Path]) -> list[Path]:
    """Record folders named directly, or found one level below a folder of records."""
    found: list[Path] = []
    for p in map(Path, paths):
        # lexists: a campaign.yaml that is a pipe or a link out is the record's, and refused
        if os.path.lexists(p / RECORD_FILE) or p.name == RECORD_FILE or not p.is_dir():
            found.append(p.parent if p.name == RECORD_FILE else p)
        else:
            # record folders, and records kept as workbooks (evalkit new NAME --xlsx)
            found.extend(
                sorted(
                    d
                    for d in p.iterdir()
                    if os.path.lexists(d / RECORD_FILE)
                    or (d.suffix.lower() == ".xlsx" and d.is_file() and not d.name.startswith("~$"))
                )
            )
    return found


def skipped_folders(paths: Iterable[str | Path]) -> list[tuple[Path, Msg]]:
    """The folders inside a folder of records that `find_records` passes over, each with
    why: a batch that leaves one out must say so, not count only the records it found."""
    skipped: list[tuple[Path, Msg]] = []
    for p in map(Path, paths):
        if os.path.lexists(p / RECORD_FILE) or p.name == RECORD_FILE or not p.is_dir():
            continue  # a record named directly: its own validation speaks for it
        for d in sorted(p.iterdir()):
            if d.name.startswith(".") or not d.is_dir() or os.path.lexists(d / RECORD_FILE):
                continue
            skipped.append((d, _why_not_a_record(d)))
    return skipped


def _listed(items: list[str], most: int) -> Exact:
    """Names of a folder's files, the first `most` of them, as written."""
    return Exact(", ".join(items[:most]) + (", …" if len(items) > most else ""))


def _why_not_a_record(folder: Path) -> Msg:
    try:
        names = sorted(f.name for f in folder.iterdir())
    except OSError as exc:
        return Msg("cannot be read ({error})", error=Exact(exc.strerror or exc))
    near = [
        n
        for n in names
        if n.lower() in ("campaign.yaml", "campaign.yml")
        or n.endswith((".yaml", ".yml", ".YAML", ".YML"))
    ]
    if near:
        return Msg(
            "no {file} in it (it holds {names}: a record's file must be named {file}, in "
            "lower case)",
            file=Exact(RECORD_FILE),
            names=Exact(", ".join(near)),
        )
    inner = [n for n in names if os.path.lexists(folder / n / RECORD_FILE)]
    if inner:
        return Msg(
            "no {file} in it, but it holds record folders ({names}): name it on the command "
            "line to run those",
            file=Exact(RECORD_FILE),
            names=_listed(inner, 3),
        )
    tables = [n for n in names if n.lower().endswith(".csv")]
    if tables:
        return Msg(
            "no {file} in it, beside its tables ({names}): a record folder needs one "
            "(evalkit new writes a template)",
            file=Exact(RECORD_FILE),
            names=_listed(tables, 3),
        )
    return Msg("no {file} in it: not a record folder", file=Exact(RECORD_FILE))


def _record_id(record: Path):
    """The id a record declares, read without validating (validation comes later)."""
    from evalkit.record.load import _refusal, _yaml, _yaml_shape

    if record.suffix.lower() == ".xlsx":
        from evalkit.record.workbook import record_id

        return record_id(record)
    try:
        if _refusal(record, RECORD_FILE):  # a link out of the folder, a pipe: not read
            return None
        text = (record / RECORD_FILE).read_text(encoding="utf-8")
        if _yaml_shape(text) is not None:  # nested too deep (the C loader crashes) or a bomb
            return None
        data = _yaml("safe").load(text)
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


def _valid_clashes(clashes: dict[str, list[Path]]) -> dict[str, list[Path]]:
    """The clashes of ids among records that are valid: an invalid record writes no report
    (it is run, to say its own problems), so it takes no id from another (trial 14, M4: a
    workbook with six errors and a valid one of the same id were both refused, with neither
    the errors said nor the valid one evaluated)."""
    from evalkit.record.load import check_record

    out = {}
    for rid, paths in clashes.items():
        valid = [p for p in paths if not check_record(p, build=False)[1]]
        if len(valid) > 1:
            out[rid] = valid
    return out


def _run_one(args: tuple) -> Outcome:
    from evalkit.run.pipeline import evaluate

    record, out_root, as_of, pdf, lang, docx = args
    return evaluate(record, out_root, as_of, pdf=pdf, lang=lang, docx=docx)


def _run_in_worker(args: tuple) -> Outcome:
    try:
        return _run_one(args)
    except SystemExit as stop:  # SIGTERM: evaluate() has cleaned up; the pool would
        # catch this and wait for more work that never comes; _stop gives the code
        os._exit(stop.code if isinstance(stop.code, int) else 1)


def _stop(signum, frame):
    from evalkit.run.staging import importing, send_again

    if importing(frame):
        # SystemExit raised inside an import can leave its module lock held, and the worker
        # then waits on it for ever with its kernel (seen: kill -9 of run-all, 1 run in 12):
        # the signal comes again a moment later, once the import is done
        send_again(signum)
        return
    # once: a second SIGTERM (the parent's death signal after its own) would cut the cleanup
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)  # unwinds evaluate(): its staging folder is removed


def _die_with_parent(parent: int) -> None:
    """Pool worker initializer: never outlive the run that started this worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl-C is the parent's
    signal.signal(signal.SIGTERM, _stop)
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    else:  # no death signal: a thread polls for the parent instead

        def watch():
            while os.getppid() == parent:
                time.sleep(1)
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os.kill(os.getpid(), signal.SIGTERM)


def run_batch(
    records: list[Path],
    out_root: str | Path = "reports",
    as_of: str = "",
    jobs: int | None = None,
    progress: bool = True,
    pdf: bool = False,
    lang: str = "en",
    docx: bool = False,
) -> list[Outcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    from evalkit.record.workbook import id_location, id_place

    clashes = _valid_clashes(duplicate_ids(records))
    refused = []
    for rid, paths in clashes.items():
        for p in paths:
            others = ", ".join(id_place(o) for o in paths if o != p)
            refused.append(
                Outcome(
                    str(p),
                    record_id=None,
                    status="invalid",
                    problems=[
                        Problem(
                            *id_location(p),
                            "id",
                            Msg(
                                "{id} is also the id of {others}; each record in a run needs its "
                                "own id (the report folder is named after it), so none of them "
                                "was evaluated",
                                id=Exact(f"'{rid}'"),
                                others=Exact(others),
                            ),
                        )
                    ],
                )
            )
    skip = {str(p) for paths in clashes.values() for p in paths}
    work = [(str(r), str(out_root), as_of, pdf, lang, docx) for r in records if str(r) not in skip]
    from tqdm import tqdm

    # the bar's label in the command's language; its counts and rate are tqdm's own
    desc = tr("evaluating", lang)
    bar = tqdm(total=len(work), desc=desc, unit="record", disable=not progress)
    outcomes: list[Outcome] = list(refused)
    try:
        if jobs == 1 or len(work) <= 1:
            for w in work:
                outcomes.append(_run_one(w))
                bar.update()
        else:
            outcomes += _in_pool(work, min(jobs, len(work)), bar)
    finally:
        bar.close()
    order = {str(r): i for i, r in enumerate(records)}
    return sorted(outcomes, key=lambda o: order.get(o.record_path, 0))


def _in_pool(work: list[tuple], jobs: int, bar) -> list[Outcome]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    outcomes = []
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    try:
        futures = {pool.submit(_run_in_worker, w): w for w in work}
        for fut in as_completed(futures):
            try:
                outcomes.append(fut.result())
            except Exception as exc:  # a worker that died
                declared = _record_id(Path(futures[fut][0]))
                outcomes.append(
                    Outcome(
                        futures[fut][0],
                        status="failed",
                        error=f"worker crashed: {exc!r}",
                        # the index then says which earlier report it left in place
                        declared_id=declared if isinstance(declared, str) else None,
                    )
                )
            bar.update()
    except BaseException:  # Ctrl-C or SystemExit: stop the workers, let them clean up
        workers = list(getattr(pool, "_processes", {}).values())
        for proc in workers:
            proc.terminate()
        for proc in workers:  # each removes its staging folder and kernel before it exits
            proc.join(timeout=30)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes
