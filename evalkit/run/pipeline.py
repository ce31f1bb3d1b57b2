"""One evaluation: validate the record, execute the template with papermill, convert it to a
self-contained HTML page without code, write `results.json`, then put the report in place as
`reports/<id>/`. Nothing is written for an invalid record, and a crash or a kill leaves any
earlier report whole: the new report is built complete in a staging folder beside it and
replaces the old folder by renames (evalkit.run.staging).

Heavy libraries (papermill, nbformat, jupyter_client, pandas) are imported where they are
used, so that `evalkit --help` and `evalkit validate` never load them."""

from __future__ import annotations

import json
import re
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Optional

from evalkit.i18n import Exact, Msg, direction, tr
from evalkit.record.problems import Problem, rtl_line, said
from evalkit.run.staging import Staging, atomic_write
from evalkit.run.templates import template_path

EVALUATION_TEMPLATE = "campaign_evaluation.ipynb"
# A record whose tables are larger than this is evaluated in turn, not alongside the kernel:
# its results.json and record page are written by a process of their own, which ends before
# the kernel, which reads the record again, starts; so the record is in memory in one
# process at a time (issue 18 item 11; benchmarks/large_table.py --run).
LARGE_TABLES = 20_000_000  # bytes
COMPARATIVE_TEMPLATE = "comparative.ipynb"
KERNEL_LOG = "kernel.log"
# what happened to a record: evaluated, refused by validation, or failed while running
Status = Literal["ok", "invalid", "failed"]


@dataclass
class Outcome:
    """What happened to one record in a run."""

    record_path: str
    record_id: Optional[str] = None
    status: Status = "ok"
    # the id the record declares, when fit for a folder name, even when it was not run (an
    # invalid record): the index says which earlier report under OUT it did not replace
    declared_id: Optional[str] = None
    problems: list[Problem] = field(default_factory=list)
    error: Optional[str] = None
    out_dir: Optional[str] = None

    def describe(self, lang: str = "en") -> str:
        """What happened, as the command line says it (and the index lists a failure), in
        `lang`: the record's problems each on a line."""
        record = Exact(self.record_path)
        if self.record_path == "comparative" and lang != "en":  # the comparison's outcome
            record = Exact(tr("the comparative report", lang))
        if self.status == "ok":
            return Msg("{record}: ok -> {out}", record=record, out=Exact(self.out_dir)).translated(
                lang
            )
        if self.status == "invalid":
            head = Msg(
                "{record}: invalid record, not evaluated: {n} error",
                "{record}: invalid record, not evaluated: {n} errors",
                record=record,
                n=len(self.problems),
            )
            return head.translated(lang) + "".join(
                f"\n  {line}" for line in said(self.problems, lang)
            )
        # the error as it was said (an exception's text, or a comparison's files in `lang`),
        # after the sentence rather than in it: it runs over several lines
        error = str(self.error)
        if direction(lang) == "rtl":
            error = "\n".join(rtl_line(line) for line in error.split("\n"))
        return Msg("{record}: failed:", record=record).translated(lang) + " " + error


def _execute(
    template: str,
    parameters: dict | Callable[[], dict],
    executed: Path,
    timeout: int,
    work: Path,
    on_launch=None,
):
    """Run a template with papermill into `executed`; return the executed notebook. The
    kernel's stderr and connection file go to `work` (see evalkit.run.kernel). `parameters`
    may be a function: it is called once the kernel is launched, so what it waits for is
    made while the kernel boots."""
    from evalkit.run.kernel import KERNEL_ARGUMENTS, kernel_manager_logging_to, start_kernel
    from evalkit.run.kernel import stop_kernels

    log = work / KERNEL_LOG
    for attempt in range(1, KERNEL_STARTS + 1):
        manager = kernel_manager_logging_to(log, on_launch)
        try:
            # the kernel boots while papermill, nbformat and nbconvert load
            kernel = start_kernel(manager)
            import nbformat
            import papermill as pm

            pm.execute_notebook(
                str(template_path(template)),
                str(executed),
                parameters=parameters() if callable(parameters) else parameters,
                kernel_name="python3",
                language="python",
                progress_bar=False,
                execution_timeout=timeout,
                # written once at the end: the staging copy is discarded on failure
                request_save_on_cell_execute=False,
                km=kernel,
                extra_arguments=KERNEL_ARGUMENTS,
                start_timeout=KERNEL_START_TIMEOUT,
            )
        except Exception as exc:
            if attempt == KERNEL_STARTS or not _never_ready(exc):
                raise
            continue  # no cell ran: a new kernel, on new ports (stopped in `finally`)
        finally:  # on every way out, Ctrl-C and SIGTERM included: no kernel outlives its run
            stop_kernels(manager)
        return nbformat.read(executed, as_version=4)
    raise AssertionError("unreachable")  # the last attempt returns or raises


# A kernel's ports are chosen free by jupyter_client, then bound by the kernel a moment
# later: another process (a parallel run, any program on a shared machine) may take one in
# between. The kernel then dies before it answers, or lives on and never answers (its
# messages went to the other process); either way no cell ran. It is started again on new
# ports, up to this many times in all.
KERNEL_STARTS = 3
# seconds a new kernel has to answer its first request (papermill's default)
KERNEL_START_TIMEOUT = 60

# jupyter_client's words for a kernel that never answered its first request (wait_for_ready)
_NEVER_READY = re.compile(r"Kernel (died before replying to kernel_info|didn't respond)")


def _never_ready(exc: BaseException) -> bool:
    """The kernel never answered its first request, so no cell ran: it is safe to start
    another. A cell's error, a kernel that died in a cell or a timed-out cell is not this."""
    return isinstance(exc, RuntimeError) and bool(_NEVER_READY.search(str(exc)))


def _write_pages(
    nb, folder: Path, stem: str, title: str, record_id: str, lang: str, pdf: bool, docx: bool
) -> None:
    """The report page (linking the copies it will have), the notebook's readable page, and
    the copies: the PDF with --pdf, the Word and Excel copies with --docx."""
    from evalkit.render.office import write_copies
    from evalkit.render.page import NOTEBOOK_PAGE, notebook_page, notebook_to_html
    from evalkit.render.pdf import html_to_pdf

    copies = ["pdf"] * pdf + ["docx", "xlsx"] * docx
    page = folder / f"{stem}.html"
    page.write_text(notebook_to_html(nb, title, record_id, lang, copies), encoding="utf-8")
    (folder / f"{stem}{NOTEBOOK_PAGE}").write_text(
        notebook_page(nb, title, record_id, lang), encoding="utf-8"
    )
    if pdf:
        html_to_pdf(page, page.with_suffix(".pdf"))
    if docx:
        write_copies(page, lang)


def _describe_execution_error(exc: BaseException, staging: Optional[Path], lang: str = "en") -> str:
    """Why a report could not be made, in `lang`: the sentence translated, the system's or
    the exception's own text (the detail a bug report needs) as it was said."""
    said, log = _execution_error(exc, staging)
    text = str(said.translated(lang))
    if log:  # a dead kernel's last lines, as it wrote them, each on its own line
        text += "\n" + tr("The kernel's last words:", lang) + "\n" + log
    return text


def _execution_error(exc: BaseException, staging: Optional[Path]) -> tuple[Msg, str]:
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from evalkit.render.office import OfficeError
    from evalkit.render.pdf import PdfError
    from evalkit.run.kernel import kernel_log_tail

    if isinstance(exc, PdfError):
        return Msg("the report was built but its PDF was not: {why}", why=Exact(exc)), ""
    if isinstance(exc, OfficeError):
        return Msg("the report was built but its Word copy was not: {why}", why=Exact(exc)), ""
    if isinstance(exc, OSError) and exc.strerror:
        # a full or read-only disk: the system's reason in a sentence, not a traceback
        where = f" ({exc.filename})" if exc.filename else ""
        return Msg(
            "the report could not be written: {why}", why=Exact(f"{exc.strerror}{where}")
        ), ""
    if isinstance(exc, PapermillExecutionError):
        return Msg(
            "cell {cell} (execution {count}) raised {error}",
            cell=Exact(exc.cell_index),
            count=Exact(exc.exec_count),
            error=Exact(f"{exc.ename}: {exc.evalue}"),
        ), ""
    said = Exact(f"{type(exc).__name__}: {exc}")
    if _never_ready(exc):
        return Msg(
            "the notebook's kernel (the Python process that runs the report) did not start: "
            "started {n} time, it never answered; the machine may be busy or short of "
            "memory. Run the record again, alone or with --jobs 1 ({error})",
            "the notebook's kernel (the Python process that runs the report) did not start: "
            "started {n} times, it never answered; the machine may be busy or short of "
            "memory. Run the record again, alone or with --jobs 1 ({error})",
            n=KERNEL_STARTS,
            error=said,
        ), (kernel_log_tail(staging / KERNEL_LOG) if staging else "")
    # only a dead kernel's log explains anything; a finished kernel's holds shutdown noise
    if staging and (isinstance(exc, DeadKernelError) or "kernel died" in str(exc).lower()):
        return Msg("{error}", error=said), kernel_log_tail(staging / KERNEL_LOG) or ""
    return Msg("{error}", error=said), ""


def _replace_files(staging: Path, final: Path, names: list[str], copies: list[str]) -> None:
    """Move the comparative report's staged files into OUT one by one (each `os.replace` is
    atomic), the page last. A copy this run did not make (a PDF without --pdf, …) left by
    an earlier run is removed: it would not match the new HTML, and the page does not link
    it."""
    page = Path(names[-1])
    made = [page.with_suffix(s).name for s in copies]
    for name in [*names[:-1], *made, page.name]:
        os.replace(staging / name, final / name)
    for suffix in {".pdf", ".docx", ".xlsx"} - set(copies):
        (final / page.with_suffix(suffix).name).unlink(missing_ok=True)


def _stage_record(campaign, staging: Path, lang: str = "en") -> None:
    """A copy of the record's files and the record page its evidence links point to."""
    import shutil

    from evalkit.record.load import RECORD_FILES
    from evalkit.record.workbook import PLACES_FILE
    from evalkit.render.page import RECORD_COPY, RECORD_PAGE, record_page

    copy = staging / RECORD_COPY
    copy.mkdir()
    # with a workbook's places, so that a comparison made from this folder names its sheets
    for name in (*RECORD_FILES, PLACES_FILE):
        if (campaign.path / name).is_file():
            shutil.copyfile(campaign.path / name, copy / name)
    (staging / RECORD_PAGE).write_text(
        record_page(campaign.path, campaign.id, campaign.name_in(lang), lang), encoding="utf-8"
    )


def _not_begun(campaign, as_of: str) -> list:
    """A campaign judged as of a date before it began has nothing to evaluate: one clear
    problem, before any notebook runs."""
    from evalkit.evaluation.grid import parse_as_of
    from evalkit.record.asof import NotBegun, cut_as_of
    from evalkit.record.problems import Problem

    try:
        cut_as_of(campaign, parse_as_of(as_of))
    except NotBegun as e:
        said = e.args[0] if e.args and isinstance(e.args[0], Msg) else str(e)
        return [Problem(str(campaign.path / "campaign.yaml"), None, "phases", said)]
    return []


def _checked(record_path: Path, as_of: str) -> tuple:
    """(campaign, []) for a record fit to evaluate, else (None, its problems)."""
    from evalkit.record.load import check_record

    campaign, problems = check_record(record_path)
    if not problems and as_of:
        problems = _not_begun(campaign, as_of)
    return (None, problems) if problems else (campaign, [])


class _Invalid(Exception):
    """The record, checked while its kernel booted, is not fit to evaluate."""

    def __init__(self, problems: list):
        self.problems = problems


# the record format's ids (evalkit.record.schema.Slug): a name fit for the staging folder
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


def evaluate(
    record_path: str | Path,
    out_root: str | Path = "reports",
    as_of: str = "",
    timeout: int = 900,
    pdf: bool = False,
    lang: str = "en",
    docx: bool = False,
) -> Outcome:
    """Evaluate one record into `out_root/<id>/`; never raises for a bad record or cell.
    With `pdf`, evaluation.pdf is printed from the HTML too (evalkit.render.pdf); with
    `docx`, evaluation.docx and evaluation.xlsx are written from it (evalkit.render.office).
    The page links the copies, and they are made in the staging folder with it."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

    from evalkit.run.batch import _record_id

    record_path = Path(record_path)
    outcome = Outcome(str(record_path))
    out_root = Path(out_root).resolve()
    # The kernel is launched first, named by the id the record declares, and the record is
    # checked and its campaign built (pandas loaded) in a thread while the kernel boots: a
    # kernel takes a second or more. An invalid record's kernel is then killed and its
    # staging folder removed. A record without an id fit for a folder name, or an OUT that
    # does not exist yet, is checked first: nothing is written for an invalid record.
    checked: list[Future] = []  # (campaign, problems), once known
    record_id = _record_id(record_path)
    named = isinstance(record_id, str) and _SLUG.fullmatch(record_id)
    large = named and _tables_size(record_path) > LARGE_TABLES
    if not (named and out_root.is_dir()):
        if large:  # checked without its frames: they are built apart (below)
            from evalkit.record.load import check_record

            campaign, problems = None, check_record(record_path, build=False)[1]
        else:
            campaign, problems = _checked(record_path, as_of)
        if problems:
            outcome.status, outcome.problems = "invalid", problems
            outcome.declared_id = record_id if named else None
            return outcome
        if campaign is not None:
            record_id = campaign.id
            checked.append(Future())
            checked[0].set_result((campaign, []))
    # results.json is computed, the HTML converter loaded and the record's copy and page
    # staged in the same thread while the kernel runs the notebook (papermill mostly waits
    # on the kernel's socket, so they overlap on a second core). The thread starts once the
    # kernel process runs: started earlier, it would hold the GIL against the launch and
    # delay the kernel, the longest part of a run.
    pool = ThreadPoolExecutor(max_workers=1)
    futures: list = []  # the thread runs them in order

    def built():
        campaign, problems = checked[0].result()
        if problems:
            raise _Invalid(problems)
        return campaign

    def background():
        if not checked:
            checked.append(pool.submit(_checked, record_path, as_of))
        futures.append(pool.submit(lambda: _results_file(built(), as_of, report / "results.json")))
        futures.append(pool.submit(_load_converter))
        futures.append(pool.submit(lambda: _stage_record(built(), report, lang)))

    def parameters() -> dict:
        if not futures:  # a kernel manager that never called back
            background()
        return {"record_path": str(built().path), "as_of": str(as_of or ""), "lang": lang}

    staging = None
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        staging = Staging(out_root, record_id)
        report = staging.report
        report.mkdir()
        if large and not checked:
            # in a process of its own, whose memory goes back to the system when it ends
            # (memory freed in this one would mostly stay with it, beside the kernel's)
            with ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_apart_dies_with,  # a `kill -9` of the run takes it along
                initargs=(os.getpid(),),
            ) as apart:
                checked.append(apart.submit(_results_apart, record_path, as_of, report, lang))
                built()  # raises _Invalid for an invalid record: no kernel is started
            futures.append(pool.submit(_load_converter))
        executed = _execute(
            EVALUATION_TEMPLATE,
            parameters,
            report / "evaluation.ipynb",
            timeout,
            staging.path,
            on_launch=lambda: futures or background(),
        )
        outcome.record_id = record_id
        title = tr("Evaluation: {name}", lang).format(name=built().name_in(lang))
        _write_pages(executed, report, "evaluation", title, record_id, lang, pdf, docx)
        for future in futures:
            future.result()
        outcome.out_dir = str(staging.swap_in())
    except _Invalid as invalid:
        outcome.declared_id = record_id
        outcome.status, outcome.problems = "invalid", invalid.problems
    except Exception as exc:  # one failing campaign never stops a batch
        outcome.record_id = record_id
        outcome.status = "failed"
        outcome.error = _describe_execution_error(exc, staging.path if staging else None, lang)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if staging is not None:
            staging.close()
    return outcome


@dataclass
class _Named:
    """What a run needs of a campaign once its results are written: where and what it is."""

    path: Path
    name: str  # in the run's language (Campaign.name_in)

    def name_in(self, lang: str) -> str:
        return self.name


def _apart_dies_with(parent: int) -> None:
    """The large record's process never outlives its run: a thread ends it the moment its
    parent is gone (a `kill -9` of the run; a death signal would only raise SystemExit,
    which the pool's worker loop catches), and the terminal's Ctrl-C, which the parent
    reports, stops it at once and quietly (it would otherwise finish while the parent
    waits for it)."""
    import signal
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    signal.signal(signal.SIGINT, lambda signum, frame: os._exit(128 + signum))


def _results_apart(record_path: Path, as_of: str, report: Path, lang: str):
    """_checked, then results.json and the record's copy and page written into `report`:
    (what the run needs of the campaign, []) or (None, its problems)."""
    campaign, problems = _checked(record_path, as_of)
    if problems:
        return None, problems
    _results_file(campaign, as_of, report / "results.json")
    _stage_record(campaign, report, lang)
    return _Named(campaign.path, campaign.name_in(lang)), []


def _tables_size(record_path: Path) -> int:
    from evalkit.record.load import RECORD_FILES

    if record_path.suffix.lower() == ".xlsx":
        return record_path.stat().st_size if record_path.is_file() else 0
    folder = record_path if record_path.is_dir() else record_path.parent
    return sum((folder / f).stat().st_size for f in RECORD_FILES[1:] if (folder / f).is_file())


def _campaign(record_path: Path, campaign):
    """The campaign with its tables (checked already, without them)."""
    from evalkit.record.load import check_record

    if campaign is None:
        campaign, problems = check_record(record_path)
        if problems:  # the record was edited since it was checked
            raise RuntimeError(
                "the record changed while it was evaluated: " + "; ".join(str(p) for p in problems)
            )
    return campaign


def _results_file(campaign, as_of: str, path: Path) -> None:
    from evalkit.results.build import results_document, results_json

    path.write_text(results_json(results_document(campaign, as_of)), encoding="utf-8")


def _load_converter() -> None:
    """nbconvert and its templates, loaded while the kernel works (they are the HTML
    conversion's main cost)."""
    from evalkit.render import page

    if hasattr(page, "_exporter"):
        page._exporter(False), page._exporter(True)
    else:
        import nbconvert  # noqa: F401


def comparative_data(results) -> dict:
    """comparative.json: what the comparative report shows, as data for analysts — the
    replication table, the paper's grids against evalkit's, and the side-by-side tables."""
    from evalkit.comparison import (
        grid_agreement,
        grid_side_by_side,
        launches,
        replication_items,
        verdicts,
    )
    from evalkit.comparison.tables import label_campaigns

    # each campaign by its name, its id added where two share one: a table keyed by name
    # would merge them (and pandas warn of columns that are not unique)
    label_campaigns(results)
    ids = {r.record.label: r.record.id for r in results}

    def with_ids(rows: list[dict]) -> list[dict]:
        return [{**row, "id": ids[row["campaign"]]} for row in rows]

    replication = replication_items(results)
    return {
        "schema_version": 1,
        "campaigns": [r.record.id for r in results],
        "replication": replication,
        "grid_agreement": grid_agreement(results),
        "verdicts": with_ids(
            verdicts(results).drop(columns=["score", "shown"]).to_dict(orient="records")
        ),
        "launches": with_ids(launches(results).to_dict(orient="records")),
        "grid": grid_side_by_side(results).astype(str).to_dict(orient="records"),
    }


def compare(
    out_root: str | Path = "reports",
    campaigns: list[str] | None = None,
    timeout: int = 900,
    pdf: bool = False,
    lang: str = "en",
    docx: bool = False,
    left_out: list[str] | None = None,
) -> Outcome:
    """The comparative report from the results.json files already in `out_root` (with its
    PDF, Word and Excel copies as `evaluate` makes them). They are
    checked against the results model (evalkit.results.model) before any kernel starts: a
    missing, stray, truncated or other-version file fails the comparison, every such file
    named, and nothing is written (a bad file was a cell's traceback)."""
    from evalkit.render.page import NOTEBOOK_PAGE
    from evalkit.results.model import ResultsError, read_results_dir

    out_root = Path(out_root).resolve()
    outcome = Outcome("comparative", record_id="comparative")
    try:
        results = read_results_dir(out_root, campaigns)
    except ResultsError as exc:
        outcome.status = "failed"
        outcome.error = "\n  " + "\n  ".join(exc.said(lang).splitlines())
        return outcome
    staging = None
    try:
        staging = Staging(out_root, "comparative")
        executed = _execute(
            COMPARATIVE_TEMPLATE,
            {
                "results_dir": str(out_root),
                "campaigns": ",".join(campaigns or []),
                "lang": lang,
                # the run's records not evaluated: the comparison says it leaves them out
                "left_out": "\n".join(left_out or []),
            },
            staging.path / "comparative.ipynb",
            timeout,
            staging.path,
        )
        from evalkit.results.build import results_json

        (staging.path / "comparative.json").write_text(
            results_json(comparative_data(results)), encoding="utf-8"
        )
        title = tr("Comparing campaigns", lang)
        _write_pages(executed, staging.path, "comparative", title, "comparative", lang, pdf, docx)
        _replace_files(
            staging.path,
            out_root,
            ["comparative.ipynb", "comparative.json", f"comparative{NOTEBOOK_PAGE}"]
            + ["comparative.html"],
            [".pdf"] * pdf + [".docx", ".xlsx"] * docx,
        )
        outcome.out_dir = str(out_root)
    except Exception as exc:
        outcome.status = "failed"
        outcome.error = _describe_execution_error(exc, staging.path if staging else None, lang)
    finally:
        if staging is not None:
            staging.close()
    return outcome


def write_index(
    out_root: str | Path,
    outcomes: list[Outcome],
    comparative: Optional[Outcome] = None,
    run_date: Optional[str] = None,
    lang: str = "en",
) -> Path:
    """OUT/index.html: every evaluation present under OUT (earlier runs' too, read from their
    results.json), this run's failures, and the comparative report if there is one; in the
    run's language (a campaign by its Arabic name where the record gives one). Problems with
    a record are shown as evalkit validate writes them."""
    from datetime import date

    from evalkit import __version__
    from evalkit.render.markup import render_page

    from evalkit.evaluation import QUESTION_WORDS
    from evalkit.evaluation.base import with_confidence
    from evalkit.evaluation.grid import ATTAINMENT_WORDS
    from evalkit.i18n import localized
    from evalkit.style.colours import VERDICT_COLOURS

    out_root = Path(out_root)
    present: dict[str, dict] = {}
    for path in sorted(out_root.glob("*/results.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            name = (lang == "ar" and data["record"].get("name_ar")) or data["record"]["name_en"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not an evalkit results file
        if (path.parent / "evaluation.html").is_file():
            present[path.parent.name] = {"name": name, "data": data}
    # a failure is named by the record as the run was given it (the path to fix), and
    # matched by the id it declares to the earlier report it left in place
    failed = {o.record_path: o for o in outcomes if o.status != "ok"}
    failed_ids = {
        o.record_id or o.declared_id: o for o in failed.values() if o.record_id or o.declared_id
    }
    this_run = {o.record_id for o in outcomes if o.status == "ok"}

    def written(rid: str) -> str:
        """The day an earlier report was written (its page's time)."""
        try:
            return date.fromtimestamp(
                (out_root / rid / "evaluation.html").stat().st_mtime
            ).isoformat()
        except OSError:
            return "?"

    def run_said(rid: str) -> str:
        if rid in this_run:
            return tr("written by this run", lang)
        o = failed_ids.get(rid)
        if o is None:  # not part of this run: an earlier run's report, as it was
            return tr("from an earlier run, written {date}", lang).format(date=written(rid))
        if o.status == "invalid":
            return tr(
                "from an earlier run, written {date}: kept, as this run found {record} "
                "invalid (its problems are listed with this run's failures)",
                lang,
            ).format(date=written(rid), record=o.record_path)
        return tr(
            "from an earlier run, written {date}: kept, as this run of {record} failed "
            "(listed with this run's failures)",
            lang,
        ).format(date=written(rid), record=o.record_path)

    def tiles(data: dict) -> list[dict]:
        out = []
        for n, word in QUESTION_WORDS.items():
            question = data.get("questions", {}).get(str(n)) or {}
            level = question.get("verdict")
            floor = question.get("verdict_floor")  # a range's lower end (older runs: none)
            out.append(
                {
                    "label": f"{n} {tr(word, lang)}",
                    # the verdict with its confidence, as the report's own summary says it
                    "level": localized(
                        with_confidence(
                            level or "insufficient evidence", question.get("confidence"), floor
                        ),
                        lang,
                    ),
                    # a range is coloured by its lower end, as every table colours it
                    "colour": VERDICT_COLOURS.get(floor or level or "", ""),
                }
            )
        return out

    def attainment_said(g: dict) -> str:
        """As the campaign's report says it: a judgement its question 3 did not count
        (`counted: false`) is said not counted, as in the comparison."""
        words = tr(ATTAINMENT_WORDS.get(g.get("attainment") or "", "no judgement yet"), lang)
        if g.get("counted") is False:
            return tr("{attainment} (not counted: the record itself goes against it)", lang).format(
                attainment=words
            )
        return words

    def main_goal(data: dict) -> list[dict]:
        goals = (data.get("facts") or {}).get("main_goal") or []
        # record text keeps its own direction (its full stop at its end, in any page)
        return [
            {
                "text": g.get("text", ""),
                "dir": "rtl" if re.search(r"[\u0600-\u06FF]", g.get("text", "")) else "ltr",
                "attainment": attainment_said(g),
            }
            for g in goals
        ]

    rows = []
    for rid, item in sorted(present.items(), key=lambda x: x[1]["name"].casefold()):
        data, folder = item["data"], out_root / rid
        facts = data.get("facts") or {}
        rows.append(
            {
                "id": rid,
                "name": item["name"],
                "pdf": (folder / "evaluation.pdf").is_file(),
                "record_page": (folder / "record.html").is_file(),
                "docx": (folder / "evaluation.docx").is_file(),
                # the dates as the record writes them ('2023', 'mid 2025-06'), as every
                # report page does: never the first and last day a vague date allows
                "start": localized(facts.get("start_said") or facts.get("start", ""), lang),
                "end": localized(facts.get("end_said") or facts.get("end", ""), lang),
                "dates_key": f"{facts.get('start', '')} {facts.get('end', '')}",
                "as_of": data.get("as_of") or tr("everything recorded", lang),
                "tiles": tiles(data),
                "main_goal": main_goal(data),
                "run": run_said(rid),
                "kept": rid in failed_ids,
            }
        )
    failures = [
        {
            "key": key,
            "status": o.status,
            "detail": o.describe(lang).split(": ", 1)[-1],
            "id": o.record_id or o.declared_id,
            "earlier": (o.record_id or o.declared_id) in present,
        }
        for key, o in failed.items()
    ]
    comp: Optional[dict[str, Any]] = None
    if comparative is not None and comparative.status != "ok":
        comp = {"error": comparative.error or ""}
    elif (out_root / "comparative.html").is_file():
        comp = {"error": None, "pdf": (out_root / "comparative.pdf").is_file()}
    if comp is not None:
        comp.update(
            heading=tr("Comparison", lang),
            failed=tr("failed", lang),
            link=tr("The comparative report", lang),
            said=tr("the campaigns side by side.", lang),
        )
    run = tr("Run on {date} with evalkit {version}. Generated; do not edit by hand.", lang)
    page = render_page(
        "index.html.j2",
        lang,
        title=tr("evalkit reports", lang),
        heading=tr("Campaign evaluations", lang),
        evaluations=tr("Evaluations", lang),
        run=run.format(date=run_date or date.today().isoformat(), version=__version__),
        campaign=tr("campaign", lang),
        status=tr("run", lang),
        report=tr("report", lang),
        verdicts=tr("the five questions", lang),
        dates=tr("dates", lang),
        goal=tr("main goal (the evaluator's judgement)", lang),
        as_of_word=tr("as of", lang),
        record_word=tr("record", lang),
        sort_hint=tr("click a heading to sort", lang),
        evaluation=tr("evaluation", lang),
        earlier=tr("earlier report", lang),
        comparative=comp,
        present=rows,
        failed=failures,
    )
    atomic_write(out_root / "index.html", page)
    return out_root / "index.html"
