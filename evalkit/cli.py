"""The `evalkit` command: validate, new, run, run-all, compare, worksheets.

Each command imports what it needs inside its function: pandas, papermill and nbformat take
seconds to load, and `evalkit --help` needs none of them (benchmarks/startup.py)."""

from __future__ import annotations

import sys

INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C
STOPPED = (
    "interrupted: stopped before finishing; reports already in place are unchanged, "
    "and a report being written was discarded"
)
# Every line the command says is a catalogue sentence (evalkit.i18n), said in the language
# of --lang: `evalkit validate --lang ar` lists a record's problems in Arabic, the record's
# own names (files, sheets, columns, ids, cells) as written.

try:
    import os
    import re
    import shutil
    import tempfile
    from contextlib import contextmanager
    from pathlib import Path

    import click

    from evalkit.i18n import LANGUAGES, N_, Exact, Msg, tr

    STOPPED = N_(  # the same, for the catalogue: said in --lang once the command has begun
        "interrupted: stopped before finishing; reports already in place are unchanged, "
        "and a report being written was discarded"
    )
except KeyboardInterrupt:  # Ctrl-C while the command line itself loads
    sys.stderr.write(f"\n{STOPPED}\n")
    raise SystemExit(INTERRUPTED) from None


# jsonschema, which nbformat (so papermill) imports, builds optional format checkers at import:
# "iri" compiles some thirty Lark grammars (rfc3987_syntax, ~1.2 s, a third of a bare papermill
# run) and "duration" loads arrow (isoduration). A notebook is checked by fastjsonschema against
# a schema with no string formats, so the evalkit command's process goes without both
# (benchmarks/run_overhead.py).
UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax", "isoduration")


def _without_unused_format_checkers() -> None:
    if "jsonschema" not in sys.modules:  # once jsonschema is loaded it is too late, and moot
        for name in UNUSED_FORMAT_CHECKERS:
            sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # import fails: skipped


def _terminated(signum, frame):
    from evalkit.run.staging import importing, send_again

    if importing(frame):  # as Ctrl-C: never inside an import (its lock would stay held)
        send_again(signum)
        return
    raise SystemExit(128 + signum)  # `kill PID`: unwind, so that workers and kernels stop


class _Commands(click.Group):
    def invoke(self, ctx):
        import signal

        from evalkit.run.staging import interrupted, interrupts_noted

        before = signal.signal(signal.SIGTERM, _terminated)
        try:
            with interrupts_noted():
                done = super().invoke(ctx)
                if interrupted():  # a library swallowed it, and the command went on
                    raise KeyboardInterrupt
            return done
        except KeyboardInterrupt:
            # whatever was being done: earlier reports stay whole (built aside, swapped in)
            click.echo(f"\n{tr(STOPPED, _lang_given(ctx))}", err=True)
            sys.exit(INTERRUPTED)
        finally:
            signal.signal(signal.SIGTERM, before)


def _lang_given(ctx) -> str:
    """The --lang a command was given, read from its words (for what the group says on its
    behalf, such as an interrupt); English when none."""
    words = [*getattr(ctx, "protected_args", ()), *ctx.args]
    for i, w in enumerate(words):
        given = w.partition("=")[2] if w.startswith("--lang=") else None
        if w == "--lang" and i + 1 < len(words):
            given = words[i + 1]
        if given in LANGUAGES:
            return given
    return "en"


def _say(message, lang: str = "en", err: bool = False) -> None:
    """A line of the command's in `lang`: a catalogue sentence translated (the English
    where the catalogue has none), anything else as it is."""
    click.echo(message.translated(lang) if isinstance(message, Msg) else message, err=err)


def _error(message: str, lang: str) -> None:
    _say(Msg("error: {message}", message=message), lang, err=True)


@contextmanager
def _holding(out, lang="en"):
    """One run at a time writes to OUT: a second one waits for it, and says so."""
    from evalkit.run.staging import claim_out

    with claim_out(out, say=lambda m: _say(m, lang, err=True)):
        yield


def _evaluated(outcomes) -> bool:
    """Whether a run has anything to put in OUT: a record evaluated, or one that failed while
    being evaluated (the index says so beside the earlier reports). A run whose records were
    all invalid writes nothing: bad input is said on the terminal, and OUT is left as it was."""
    return any(o.status != "invalid" for o in outcomes)


def _nothing_written(out, indexed, lang="en") -> None:
    if indexed is None:
        _say(
            Msg(
                "nothing written to {out}: no record could be evaluated; fix the errors above "
                "and run again",
                out=Exact(out),
            ),
            lang,
            err=True,
        )


@contextmanager
def _leaving_no_new_empty_folder(out):
    """The folders of OUT that the run creates (OUT and any missing parent) are removed
    again when the run ends with nothing in them: an invalid record leaves no trace."""
    new = []
    folder = Path(out).absolute()
    while not os.path.lexists(folder) and folder != folder.parent:
        new.append(folder)
        folder = folder.parent
    try:
        yield
    finally:
        for folder in new:  # OUT first, then its parents
            try:
                folder.rmdir()  # only an empty folder
            except OSError:
                break


def _index(out, outcomes, comparative=None, lang="en") -> bool:
    """Write OUT/index.html; a full disk is said in a sentence (False), not a traceback."""
    from evalkit.run.pipeline import write_index

    try:
        write_index(out, outcomes, comparative, lang=lang)
        return True
    except OSError as exc:
        _error(
            Msg(
                "could not write {path}: {reason}; the earlier index, if any, is unchanged",
                path=Exact(Path(out) / "index.html"),
                reason=Exact(exc.strerror or exc),
            ),
            lang,
        )
        return False


@click.group(cls=_Commands)
@click.version_option(package_name="evalkit")
def main() -> None:
    """Evaluate advocacy and mobilisation campaigns from campaign records."""
    _without_unused_format_checkers()


def command() -> None:
    """The `evalkit` console command: `main`, and once it has ended (its status decided,
    said and about to be returned) Ctrl-C ignored while Python closes its threads — an
    interrupt there would only turn the status into a signal's, with nothing said."""
    import signal

    try:
        main()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


NO_RECORDS = Msg("no campaign records found (a record is a folder with campaign.yaml)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="the language problems are listed in (ar: Arabic; the record's own names, "
    "values and file names are shown as written)",
)
def validate(paths: tuple[str, ...], lang: str) -> None:
    """Check record folders (or folders of records); list every problem. Writes nothing."""
    from evalkit.record.load import check_record
    from evalkit.run.batch import find_records
    from evalkit.run.batch import duplicate_ids
    from evalkit.record.problems import Problem, quoted, said
    from evalkit.record.workbook import id_location

    records = find_records(paths)
    skipped = _skipped(paths, lang)
    bad = 0
    # two records with one id would overwrite each other's reports: said here, not at run
    clashes = {r: (rid, others) for rid, others in duplicate_ids(records).items() for r in others}
    warned = 0
    for record in records:
        # warnings never make a record invalid: said after its problems, if any
        warnings: list = []
        _, found = check_record(record, build=False, warnings=warnings)
        problems: list[object] = list(found)  # the record's problems, then a clash of ids
        if record in clashes:
            rid, others = clashes[record]
            problems = [
                *problems,
                Problem(
                    *id_location(record),
                    "id",
                    Msg(
                        "{id} is also the id of {others}; give each record its own id (its "
                        "reports would overwrite each other's)",
                        id=quoted(rid),
                        others=Exact(", ".join(str(o) for o in others if o != record)),
                    ),
                ),
            ]
        warned += bool(warnings)
        if problems:
            bad += 1
            # errors: the record cannot be evaluated, whatever its warnings (said after)
            head = Msg(
                "{record}: {n} error: the record cannot be evaluated until it is fixed",
                "{record}: {n} errors: the record cannot be evaluated until they are fixed",
                record=Exact(record),
                n=len(problems),
            )
            also = Msg("; and {n} warning", "; and {n} warnings", n=len(warnings))
            _say(Msg("{head}{also}", head=head, also=also) if warnings else head, lang)
            for line in said(problems, lang):
                click.echo(f"  {line}")
        else:
            _say(
                Msg(
                    "{record}: valid, with {n} warning: the record can be evaluated; check it",
                    "{record}: valid, with {n} warnings: the record can be evaluated; check "
                    "each one",
                    record=Exact(record),
                    n=len(warnings),
                )
                if warnings
                else Msg("{record}: valid", record=Exact(record)),
                lang,
            )
        for line in said(warnings, lang):
            _say(Msg("  warning: {line}", line=Exact(line)), lang)
    if not records:
        _say(NO_RECORDS, lang, err=True)
        sys.exit(2)
    _say(
        Msg(
            "{valid} of {n} record(s) valid{skipped}",
            "{valid} of {n} record(s) valid{skipped}",
            valid=len(records) - bad,
            n=len(records),
            skipped=Msg(
                "{warned}{skipped}",
                warned=Msg("; {n} with warnings", "; {n} with warnings", n=warned),
                skipped=_skipped_said(skipped),
            )
            if warned
            else _skipped_said(skipped),
        ),
        lang,
    )
    sys.exit(1 if bad or skipped else 0)


_LANG_HELP = "the language of the command's lines{what} (ar: Arabic)"


def _lang_option(what: str = ""):
    return click.option(
        "--lang",
        type=click.Choice(list(LANGUAGES)),
        default="en",
        show_default=True,
        help=_LANG_HELP.format(what=what),
    )


def _then_validate(path: Path, lang: str) -> Exact:
    """The command that checks what was written, to paste: in the language asked for."""
    import shlex

    words = ["evalkit", "validate", str(path), *(["--lang", lang] if lang != "en" else [])]
    return Exact(" ".join(shlex.quote(w) for w in words))


_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def _dated_id(parent: Path) -> str:
    """An id for a record whose name has no Latin letters: today's date, campaign-2026-12-04,
    with -2, -3 … after it when a record of that day is already there."""
    import datetime

    base = f"campaign-{datetime.date.today().isoformat()}"
    n = 1
    while True:
        slug = base if n == 1 else f"{base}-{n}"
        if not (parent / slug).exists() and not (parent / f"{slug}.xlsx").exists():
            return slug
        n += 1


@main.command()
@click.argument("directory", type=click.Path())
@click.option(
    "--xlsx", is_flag=True, help="write the record as one spreadsheet workbook, NAME.xlsx, instead"
)
@click.option(
    "--id",
    "record_id",
    metavar="ID",
    help="the record's id, and its folder's or workbook's name: lower-case Latin letters, "
    "digits and hyphens (e.g. save-the-river); by default made from DIRECTORY's "
    "name, or from today's date when the name has no Latin letters (a name in Arabic)",
)
@_lang_option(
    ", and of the record's comments, instructions and example texts (the format's keys, "
    "codes and sheet names stay as they are; a workbook is laid out right to left)"
)
def new(directory: str, xlsx: bool, record_id: str | None, lang: str) -> None:
    """Create a new record folder with commented examples to replace (validate names each
    one still there, and a record that keeps one is refused).
    DIRECTORY may be a campaign's name ("Save the River"): the folder and the record's id
    are made from it (save-the-river), and the name goes into the record. With --xlsx, the
    record is a workbook (save-the-river.xlsx): a sheet per part, drop-down lists; a
    DIRECTORY that ends in .xlsx is one too.
    A name in Arabic ("حملة النهر") is the record's name.ar, and its id (the folder's or
    workbook's name) is made from today's date (campaign-2026-12-04) unless --id gives one.
    With --lang ar, the record's comments and examples are in Arabic."""
    import shlex

    from evalkit.record.template import write_scaffold

    # a NAME that ends in .xlsx asks for a workbook (not a folder 'name-xlsx')
    xlsx = xlsx or directory.lower().endswith(".xlsx")
    given = (
        Path(re.sub(r"\.xlsx$", "", directory, flags=re.IGNORECASE)) if xlsx else Path(directory)
    )
    name = given.name.strip()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    arabic = bool(_ARABIC_SCRIPT.search(name))
    dated = False
    if record_id is not None:
        if not _ID.fullmatch(record_id) or len(record_id) > 80:
            _say(
                Msg(
                    "{option} {id}: an id is lower-case Latin letters, digits and hyphens, "
                    "starting with a letter or a digit (at most 80), e.g. {example}",
                    option=Exact("--id"),
                    id=Exact(record_id),
                    example=Exact("save-the-river"),
                ),
                lang,
                err=True,
            )
            sys.exit(2)
        slug = record_id
    elif not slug and arabic:
        slug, dated = _dated_id(given.parent), True
    if not slug:
        _say(
            Msg(
                "{directory}: the name gives no usable id (Latin letters, digits, hyphens); "
                "choose a name such as {example}, or give the id with {option}, e.g. {given}",
                option=Exact("--id"),
                given=Exact("--id my-campaign"),
                directory=Exact(directory),
                example=Exact("my-campaign.xlsx" if xlsx else "my-campaign"),
            ),
            lang,
            err=True,
        )
        sys.exit(2)
    # a name with spaces or capitals becomes a folder named like the id: a path that pastes
    # into any shell and matches the record it holds
    target = given.with_name(slug) if given.name != slug else given
    book = target.with_name(slug + ".xlsx")
    # where the Arabic name goes, in the form the record will have
    place = (
        Msg("in the value column of the row name.ar on its campaign sheet")
        if xlsx
        else Msg("under name.ar in its campaign.yaml")
    )
    if xlsx and book.exists():
        _say(Msg("{path}: exists; choose a new name", path=Exact(book)), lang, err=True)
        sys.exit(2)
    if xlsx:
        target = Path(tempfile.mkdtemp(prefix="evalkit-new-")) / slug
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        _say(
            Msg("{path}: exists and is not empty; choose a new folder", path=Exact(target)),
            lang,
            err=True,
        )
        sys.exit(2)
    target.mkdir(parents=True, exist_ok=True)
    write_scaffold(target, slug, name if name != slug else "", lang)
    notes = []
    if dated:
        notes.append(
            Msg(
                "the name has no Latin letters to make an id of, so the id is made from "
                "today's date: {id}; to choose it yourself, give it with {option}, e.g. {command}",
                option=Exact("--id"),
                id=Exact(slug),
                command=Exact(
                    " ".join(
                        shlex.quote(w)
                        for w in ("evalkit", "new", directory, *(["--xlsx"] if xlsx else []))
                    )
                    + " --id save-the-river"
                ),
            )
        )
    if arabic:
        notes.append(
            Msg(
                "the name is written in Arabic {place}; name.en, which the record needs, holds "
                "the id until you write the campaign's name in English there",
                place=place,
            )
        )
    if xlsx:
        from evalkit.record.workbook import folder_to_workbook

        folder_to_workbook(target, book, examples=True, lang=lang)
        shutil.rmtree(target.parent, ignore_errors=True)
        created = Msg(
            "created {path} (id: {id}): fill in its sheets, replacing the grey example "
            "rows (validate names any left), then run: {command}",
            path=Exact(book),
            id=Exact(slug),
            command=_then_validate(book, lang),
        )
    else:
        created = Msg(
            "created {path} (id: {id}): edit campaign.yaml and the CSV tables, replacing the "
            "examples (validate names any left), then run: {command}",
            path=Exact(target),
            id=Exact(slug),
            command=_then_validate(target, lang),
        )
    for said in (created, *notes):
        _say(said, lang)


@main.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@_lang_option(
    ", and of the workbook's instructions, column notes and drop-down messages when it "
    "writes one (laid out right to left)"
)
def convert(source: str, target: str, lang: str) -> None:
    """Turn a record folder into a workbook (TARGET ends in .xlsx) or a workbook into a
    record folder. Nothing is overwritten: TARGET must not exist yet."""
    from evalkit.record.load import check_record
    from evalkit.record.problems import said
    from evalkit.record.workbook import folder_to_workbook, is_workbook, workbook_to_folder

    src, dst = Path(source), Path(target)
    if not src.exists():
        _say(Msg("{path}: no such record folder or workbook", path=Exact(src)), lang, err=True)
        sys.exit(2)
    if dst.exists():
        _say(
            Msg("{path}: exists; choose a new name (convert never overwrites)", path=Exact(dst)),
            lang,
            err=True,
        )
        sys.exit(2)
    if is_workbook(src) and is_workbook(dst):
        _say(
            Msg("{path}: a workbook converts to a folder; give a folder name", path=Exact(dst)),
            lang,
            err=True,
        )
        sys.exit(2)
    if not is_workbook(src) and not is_workbook(dst):
        _say(
            Msg(
                "{path}: a folder converts to a workbook; give a name ending in .xlsx",
                path=Exact(dst),
            ),
            lang,
            err=True,
        )
        sys.exit(2)
    _, problems = check_record(src, build=False)
    if problems:
        _say(
            Msg(
                "{path}: {n} problem; fix it first ({command})",
                "{path}: {n} problems; fix them first ({command})",
                path=Exact(src),
                n=len(problems),
                command=_then_validate(src, lang),
            ),
            lang,
            err=True,
        )
        for line in said(problems, lang):
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    if is_workbook(src):
        workbook_to_folder(src, dst)
    else:
        folder_to_workbook(src, dst, lang=lang)
    _say(Msg("written {path}", path=Exact(dst)), lang)


def _command_lang() -> str:
    """The --lang of the command being run (English outside a command, or without one)."""
    ctx = click.get_current_context(silent=True)
    return (ctx.params.get("lang") if ctx else None) or "en"


def _writable_out(out: str) -> Path:
    """Create OUT if it is new; stop before any work if reports cannot be written there."""
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".evalkit-write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        reason: str = Exact(exc.strerror or str(exc))
        if folder.exists() and not folder.is_dir():
            reason = Msg("it is a file, not a folder")
        _error(
            Msg(
                "cannot write reports to --out {out}: {reason}. Choose a folder you can write to.",
                out=Exact(out),
                reason=reason,
            ),
            _command_lang(),
        )
        sys.exit(2)
    return folder


def _check_as_of(ctx, param, value: str) -> str:
    """An invalid --as-of stops the run before any notebook is executed."""
    if not value:  # everything recorded: nothing to check, and pandas stays unloaded
        return value
    from evalkit.evaluation.grid import parse_as_of

    try:
        parse_as_of(value)
    except ValueError as exc:
        raise click.BadParameter(f"{exc} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


def _can_print_pdf(pdf: bool, lang: str = "en") -> None:
    """--pdf without a browser to print with stops before any work."""
    from evalkit.render.pdf import INSTALL_HINT, find_chromium

    if pdf and find_chromium() is None:
        _error(Msg("--pdf needs Chromium to print with: {hint}", hint=Exact(INSTALL_HINT)), lang)
        sys.exit(2)


def _skipped(paths, lang: str = "en") -> list:
    """The folders of a folder of records that are not records, each named with why (a
    batch never leaves one out in silence)."""
    from evalkit.run.batch import skipped_folders

    skipped = skipped_folders(paths)
    for folder, why in skipped:
        _say(
            Msg("{folder}: skipped, not a record: {why}", folder=Exact(folder), why=why),
            lang,
            err=True,
        )
    return skipped


def _records(paths, pdf, out, lang: str = "en") -> tuple[list, list]:
    """The records to run and the folders skipped (each said), or a stop before any work:
    none found, no browser for --pdf, an OUT that cannot be written."""
    from evalkit.run.batch import find_records

    records = find_records(paths)
    skipped = _skipped(paths, lang)
    if not records:
        _say(NO_RECORDS, lang, err=True)
        sys.exit(2)
    _can_print_pdf(pdf, lang)
    _writable_out(out)
    return records, skipped


def _run(records, out, as_of, jobs, progress, pdf, lang="en", docx=False) -> list:
    """Evaluate the records; the caller holds OUT (`_holding`)."""
    import logging

    from evalkit.run.batch import run_batch

    logging.getLogger("pypandoc").setLevel(logging.ERROR)
    outcomes = run_batch(records, out, as_of, jobs, progress, pdf=pdf, lang=lang, docx=docx)
    for o in outcomes:
        click.echo(o.describe(lang), err=o.status != "ok")
    return outcomes


def _skipped_said(skipped) -> "Msg | str":
    """'; 1 folder skipped, not a record (b04-missing-yaml)' for a batch's summary."""
    if not skipped:
        return ""
    names = ", ".join(Path(f).name for f, _ in skipped[:5]) + (", …" if len(skipped) > 5 else "")
    return Msg(
        "; {n} folder skipped, not a record ({names})",
        "; {n} folders skipped, not a record ({names})",
        n=len(skipped),
        names=Exact(names),
    )


def _exit(outcomes, comparative=None, indexed=True, skipped=(), lang="en") -> None:
    ok = sum(o.status == "ok" for o in outcomes)
    failed = len(outcomes) - ok
    parts: list = [Msg("{n} evaluation written", "{n} evaluations written", n=ok)]
    if comparative is not None and comparative.status == "ok":
        parts = [
            Msg(
                "{n} evaluation and the comparative report written",
                "{n} evaluations and the comparative report written",
                n=ok,
            )
        ]
    elif comparative is not None:
        parts.append(Msg("; the comparative report failed"))
    if failed:
        parts.append(
            Msg(
                "; {failed} of {n} records failed or were invalid",
                "; {failed} of {n} records failed or were invalid",
                failed=failed,
                n=len(outcomes),
            )
        )
    parts.append(_skipped_said(skipped))
    click.echo("".join(p.translated(lang) if isinstance(p, Msg) else p for p in parts))
    # a skipped folder counts as a failure: it was put among the records to be one
    sys.exit(
        min(
            failed
            + len(skipped)
            + (comparative is not None and comparative.status != "ok")
            + (not indexed),
            255,
        )
    )


_options = [
    click.option(
        "--out",
        default="reports",
        show_default=True,
        type=click.Path(),
        help="folder the reports are written to",
    ),
    click.option(
        "--as-of",
        default="",
        callback=_check_as_of,
        help="judge goals as of this date (YYYY[-MM[-DD]])",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="worker processes [default: number of cores]",
    ),
    click.option("--no-progress", is_flag=True, help="no progress bar"),
    click.option(
        "--pdf", is_flag=True, help="also print each report to PDF (A4), with headless Chromium"
    ),
    click.option(
        "--lang",
        type=click.Choice(list(LANGUAGES)),
        default="en",
        show_default=True,
        help="the reports' language, and the command's (ar: Arabic, right to left)",
    ),
    click.option(
        "--docx",
        is_flag=True,
        help="also write each report as Word (.docx) and its tables as Excel (.xlsx)",
    ),
]


def _can_write_docx(docx: bool, lang: str = "en") -> None:
    if docx:
        from evalkit.render.office import INSTALL_HINT, RSVG_HINT, pandoc_available
        from evalkit.render.office import pictures_convertible

        if not pandoc_available():
            _error(Exact(INSTALL_HINT), lang)
            sys.exit(2)
        if not pictures_convertible():
            _say(Msg("note: {hint}", hint=Exact(RSVG_HINT)), lang, err=True)


def _with_options(f):
    for opt in reversed(_options):
        f = opt(f)
    return f


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_with_options
def run(paths, out, as_of, jobs, no_progress, pdf, lang, docx) -> None:
    """Evaluate records into OUT/<id>/ (notebook, HTML, results.json; evaluation.pdf with
    --pdf; evaluation.docx and .xlsx with --docx). Exit status: failures."""
    _can_write_docx(docx, lang)
    with _leaving_no_new_empty_folder(out):
        records, skipped = _records(paths, pdf, out, lang)
        with _holding(out, lang):
            outcomes = _run(records, out, as_of, jobs, not no_progress, pdf, lang, docx)
            indexed = _index(out, outcomes, lang=lang) if _evaluated(outcomes) else None
        _nothing_written(out, indexed, lang)
    _exit(outcomes, indexed=indexed is not False, skipped=skipped, lang=lang)


@main.command("run-all")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@_with_options
def run_all(directory, out, as_of, jobs, no_progress, pdf, lang, docx) -> None:
    """Evaluate every record in DIRECTORY (e.g. case_studies/), then compare them:
    OUT/<id>/ for each, OUT/comparative.html and OUT/index.html."""
    from evalkit.run.pipeline import compare as run_compare

    _can_write_docx(docx, lang)
    with _leaving_no_new_empty_folder(out):
        records, skipped = _records([directory], pdf, out, lang)
        with _holding(out, lang):
            outcomes = _run(records, out, as_of, jobs, not no_progress, pdf, lang, docx)
            done = [o.record_id for o in outcomes if o.status == "ok"]
            comparative = None
            if done:
                # the records of this run that failed: the comparison says it leaves them
                # out (trial 14, M5: it named only the one campaign it held)
                failed = [Path(o.record_path).name for o in outcomes if o.status != "ok"]
                comparative = run_compare(out, done, pdf=pdf, lang=lang, docx=docx, left_out=failed)
                click.echo(comparative.describe(lang), err=comparative.status != "ok")
            indexed = (
                _index(out, outcomes, comparative, lang=lang) if _evaluated(outcomes) else None
            )
        _nothing_written(out, indexed, lang)
    if indexed:
        _say(Msg("index: {path}", path=Exact(Path(out) / "index.html")), lang)
    _exit(outcomes, comparative, indexed is not False, skipped, lang)


@main.command()
@click.argument("results_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--campaigns", default="", help="comma-separated ids (default: all found)")
@click.option("--pdf", is_flag=True, help="also print the report to PDF, with headless Chromium")
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="the report's language (ar: Arabic, right to left)",
)
@click.option("--docx", is_flag=True, help="also write it as Word (.docx) and Excel (.xlsx)")
def compare(results_dir, campaigns, pdf, lang, docx) -> None:
    """The comparative report from the results.json files in RESULTS_DIR."""
    from evalkit.run.pipeline import compare as run_compare

    _can_print_pdf(pdf, lang)
    _can_write_docx(docx, lang)
    ids = [i.strip() for i in campaigns.split(",") if i.strip()] or None
    _writable_out(results_dir)
    with _holding(results_dir, lang):
        outcome = run_compare(results_dir, ids, pdf=pdf, lang=lang, docx=docx)
    click.echo(outcome.describe(lang), err=outcome.status != "ok")
    sys.exit(0 if outcome.status == "ok" else 1)


@main.command()
@click.option(
    "--out",
    default="workshop/worksheets",
    show_default=True,
    type=click.Path(),
    help="folder the worksheets are written to, each language in a folder of its own "
    "(OUT/en, OUT/ar)",
)
@click.option("--pdf", is_flag=True, help="also print each worksheet to PDF (A4)")
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    show_default=True,
    help="the worksheets' language, and the command's (ar: Arabic, right to left)",
)
def worksheets(out, pdf, lang) -> None:
    """The workshop's printable worksheets (five-question debrief, audience grid, SMART goal
    sheet, launch-timing sheet), generated from evalkit's own vocabulary."""
    from evalkit.workshop.worksheets import write_worksheets

    _can_print_pdf(pdf, lang)
    _writable_out(out)
    for path in write_worksheets(out, pdf=pdf, lang=lang):
        _say(Msg("written {path}", path=Exact(path)), lang)
