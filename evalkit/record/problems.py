"""What is wrong with a record, said so that an evaluator can fix it: file, line, field, what
was expected. Problems are collected, never raised one at a time.

A problem's message is a catalogue sentence (evalkit.i18n.Msg): its English text is what
`str(problem)` and results compare, and `evalkit validate --lang ar` says it in Arabic
(`Problem.said_in`). The record's own values in it — a cell's text, an id, a file, column
or key name — are fields kept as written (`quoted`, `named`: Verbatim), isolated in a
right-to-left sentence so that their Latin text keeps its order."""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, cast

from evalkit.i18n import FSI, LTR_RUN, PDI, Exact, Msg, Verbatim, direction, joined, localized

# A value quoted back in a message is cut short: a record's cell or an alias-expanded YAML
# value can be megabytes, and a message exists to say where the problem is.
SHOWN = 60
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = SHOWN
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4
_REPR.maxlevel = 2
# every message and field, whatever built it, at most this long
_LONGEST = 2000


def short(text: str) -> str:
    """A name from the record (a column's) as a message's field, cut like `shown`."""
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}… ({len(text):,} characters)"


def shown(value: Any) -> str:
    """`repr(value)` for a message, cut to about SHOWN characters; a long text or number
    says its length, so the evaluator can find it."""
    if isinstance(value, str) and len(value) > SHOWN:
        r = repr(value[:SHOWN])
        return f"{r[:-1]}…{r[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        try:
            digits = str(value)
        except ValueError:  # beyond Python's 4,300-digit conversion limit
            return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
        return f"{digits[:20]}… ({len(digits):,} digits)"
    return _REPR.repr(value)


# Arabic spellings that differ only in what writers commonly drop or vary (short vowels,
# tatweel; hamza on or under alef; final alef maqsura; taa marbuta written as haa), and
# the separators a code or an id is written with ('in person', 'In-Person', 'phase_1')
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SEPARATORS = re.compile(r"[\s_\-]+")


def _folded(text: str) -> str:
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD).casefold()
    return _SEPARATORS.sub("_", text).strip("_")


def closest(value: Any, allowed: Iterable[Any], cutoff: float = 0.6) -> Optional[str]:
    """The allowed value (a code, an id, a key, a name) that `value` was most likely meant
    to be — the same but for case, separators or Arabic spelling variants, else the closest
    by its letters (difflib) — or None when none is close; `value` itself never is."""
    if not isinstance(value, str) or not value.strip():
        return None
    options: dict[str, str] = {}
    for a in allowed:
        if isinstance(a, str) and a:
            options.setdefault(_folded(a), a)
    key = _folded(value)
    if key in options:
        same = options[key]
        return same if same != value else None
    import difflib

    close = difflib.get_close_matches(key, list(options), n=1, cutoff=cutoff)
    if close:
        return options[close[0]]
    if _ARABIC.search(value):
        return _by_arabic_word(key, options, cutoff)
    return None


_ARABIC = re.compile("[\u0600-\u06ff]")


def _bare(word: str) -> str:
    """An Arabic word without its article: «الحشد» and «حشد» are one word."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _by_arabic_word(key: str, options: dict[str, str], cutoff: float) -> Optional[str]:
    """The code whose Arabic word (the catalogue's, as the Arabic template's comments and
    reports say it) `key` is: «حضوري» is `in_person` (trial 11, L6)."""
    import difflib

    from evalkit.i18n import localized

    words: dict[str, str] = {}
    for code in options.values():
        said = localized(code, "ar")
        if isinstance(said, str) and said != code and _ARABIC.search(said):
            words.setdefault(_bare(_folded(said)), code)
    bare = _bare(key)
    if bare in words:
        return words[bare]
    close = difflib.get_close_matches(bare, list(words), n=1, cutoff=cutoff)
    return words[close[0]] if close else None


def quoted(value: Any) -> Exact:
    """A value of the record quoted in a message (`shown`), as the record's own words: never
    translated, isolated in an Arabic sentence."""
    return Exact(shown(value))


def named(text: Any) -> Exact:
    """A name the evaluator types (a column, a key, a file, a sheet, an id) or a list of
    them, in a message as written (`short`)."""
    return Exact(short(str(text)))


def names(items: Iterable[Any]) -> "Msg | str":
    """Names the record format allows (columns, keys, codes), each as the evaluator types it,
    listed the message's way: 'id, date, kind'; in Arabic «id، date، kind», each name
    isolated (one Latin run with Latin commas sat inside the Arabic sentence: trial 9)."""
    return joined(", ", [Exact(str(i)) for i in items], cap=None)


def given(value: Any) -> Msg:
    """What the record holds, in words, when it is of the wrong kind: "the text 'Save
    Ghouta'", 'a list of 2 items', 'a mapping of 1 key (id)'."""
    if value is None:
        return Msg("nothing (the key has no value)")
    if isinstance(value, bool):
        return Msg(
            "a bare {value}, which YAML reads as a yes/no value", value=Exact(str(value).lower())
        )
    if isinstance(value, (int, float)):
        return Msg("the number {value}", value=quoted(value))
    if isinstance(value, str):
        return Msg("the text {value}", value=quoted(value)) if value else Msg("an empty text")
    if isinstance(value, list):
        return Msg("a list of {n} item", "a list of {n} items", n=len(value))
    if isinstance(value, dict):
        keys = [str(k) for k in list(value)[:5]]
        return Msg(
            "a mapping of {n} key ({keys})",
            "a mapping of {n} keys ({keys})",
            n=len(value),
            keys=names(keys + (["…"] if len(value) > 5 else [])),
        )
    return Msg("the value {value}", value=quoted(value))


def did_you_mean(value: Any, allowed: Iterable[Any]) -> "Msg | str":
    """ " (did you mean 'lobbying'?)" after a value that is not one of `allowed`: the one
    it is closest to (`closest`), or '' when none is close. Every message that names an
    unknown code, id, key, column or language says it the same way."""
    match = closest(value, allowed)
    return Msg(" (did you mean {match}?)", match=quoted(match)) if match is not None else ""


def line_list(numbers: list[int], more: bool = False) -> Msg:
    """'line 7', 'lines 4, 5, 6, …': a table's lines named in a message (a workbook names
    them as its sheet's rows: workbook.Converted.locate)."""
    listed = joined(", ", [str(n) for n in numbers] + (["…"] if more else []), cap=None)
    if more or len(numbers) != 1:
        return Msg("lines {lines}", lines=listed, numbers=tuple(numbers), more=more)
    return Msg("line {lines}", lines=listed, numbers=tuple(numbers), more=more)


def _cut(text: str) -> str:
    return text if len(text) <= _LONGEST else text[:_LONGEST] + f"… ({len(text):,} characters)"


def _in(message: str, lang: str) -> str:
    """A message in `lang`: a catalogue sentence translated (the English where the catalogue
    has none), any other text as it is."""
    if isinstance(message, Msg):
        return message.translated(lang)
    return str(localized(message, lang)) if not isinstance(message, Verbatim) else message


@dataclass(frozen=True, order=True)
class Problem:
    """What is wrong at a place of the record. An error (the default) stops the record
    from being evaluated; a `warning` never does: the record is still usable, and the
    warning is said where the record is checked (`evalkit validate`), kept in results.json
    and shown in the report (series.csv's gaps, steps and order: evalkit.record.series).
    A warning's message is a Msg, so that a report says it in its own language."""

    file: str
    line: Optional[int]
    field: str
    message: str
    column: Optional[int] = None
    warning: bool = False

    def __post_init__(self):
        object.__setattr__(self, "field", _cut(self.field))
        object.__setattr__(self, "message", _cut(self.message))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def said_in(self, lang: str = "en") -> str:
        """The problem as a line in `lang`: in English `str(self)`; in a right-to-left
        language the message translated, its place (file:line, a sheet's cell) and field
        as the record names them, each isolated so that the line reads right to left."""
        if lang == "en":
            return str(self)
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return _line(lang, where, self.field, _in(self.message, lang))


# Latin text and numbers joined by separators in an Arabic sentence's own words (a format,
# an example: 'YYYY-MM-DD', '2016-09..2016-12') are isolated in a terminal's line by the
# runs the pages isolate (LTR_RUN; evalkit.render.markup is not loaded to validate)
_MARK = re.compile("([\u2066-\u2069])")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_PAIRS = {"(": ")", "[": "]", "«": "»", "<": ">"}


def _unpaired(run: str, c: str) -> bool:
    if c in "'\"`":
        return run.count(c) % 2 == 1
    opener = c if c in _PAIRS else next((o for o, e in _PAIRS.items() if e == c), None)
    return opener is not None and run.count(opener) != run.count(_PAIRS[opener])


def _trim(run: str) -> tuple[str, str, str]:
    """A Latin run as (before, run, after): the sentence's punctuation at its edges, and a
    bracket or quote it does not close itself, moved out of it."""
    head = tail = ""
    while run and run[0] in "([«<\"'`" and _unpaired(run, run[0]):
        head, run = head + run[0], run[1:]
    while run and (
        run[-1] in ".,;:!?،؛([«<"
        or run[-1].isspace()
        or run[-1] in ")]»>\"'`"
        and _unpaired(run, run[-1])
    ):
        run, tail = run[:-1], run[-1] + tail
    return head, run, tail


def rtl_line(text: str) -> str:
    """A right-to-left line for a terminal: the Latin runs and joined numbers of its own
    words isolated (FSI … PDI), in a field that is a sentence of its own too; a field of
    the record's, isolated whole, stays as it is."""
    pieces = _MARK.split(text)
    out = []
    for i, piece in enumerate(pieces):
        whole = (
            0 < i < len(pieces) - 1
            and pieces[i - 1] in ("\u2066", "\u2067", FSI)
            and pieces[i + 1] == PDI
            and not _ARABIC_LETTER.search(piece)
        )
        if _MARK.fullmatch(piece) or whole or not piece:
            out.append(piece)
            continue
        pos, done = 0, []
        for m in LTR_RUN.finditer(piece):
            head, run, tail = _trim(m.group(0))
            if not run:
                continue
            done.append(piece[pos : m.start()] + head + FSI + run + PDI + tail)
            pos = m.end()
        out.append("".join(done) + piece[pos:])
    return "".join(out)


def _line(lang: str, where: str, field: str, message: str) -> str:
    """'where: field: message' in `lang`, the record's names isolated where it is written
    right to left."""
    if isinstance(field, Msg):  # evalkit's word for it ('(blank)'), not the record's name
        field = field.translated(lang)
    elif direction(lang) == "rtl" and field:
        field = _whole(field)
    if direction(lang) == "rtl":
        where, message = _whole(where), rtl_line(message)
    return f"{where}: {field}: {message}" if field else f"{where}: {message}"


def _whole(text: str) -> str:
    """A name of the record isolated whole in a right-to-left line (a path with Arabic in
    it too: its own order stays)."""
    text = str(text)
    return text if text.startswith(FSI) else FSI + text + PDI


def warning_said(w: Problem) -> Msg:
    """A warning as a report says it, in its language, with its place as evidence is
    cited ('… (series.csv:14)', linked to the row; a workbook's 'series!A14')."""
    where = Path(w.file).name + (f":{w.line}" if w.line is not None else "")
    return Msg("{warning} ({where})", warning=w.message, where=Verbatim(where))


def warning_data(w: Problem) -> dict:
    """A warning as results.json keeps it: its file (as the record names it), line, field
    and message (a Msg: its template is in the file's messages, for another language)."""
    return {"file": Path(w.file).name, "line": w.line, "field": w.field, "message": w.message}


# Where a message sends the evaluator, as a record folder has it, and as a workbook does:
# a workbook has no campaign.yaml and no CSV files, and its problems name the sheet
# (workbook.Converted.locate puts the second for the first). Each is a sentence of its own,
# a field of the message it ends.
SHEET_WORDS = {
    Msg("from its phases in campaign.yaml"): Msg("from its phases sheet"),
    Msg("add it to the record's sources (in campaign.yaml)"): Msg("add it to the sources sheet"),
    Msg("is not a source id in campaign.yaml's sources"): Msg(
        "is not a source id on the sources sheet"
    ),
    Msg("campaign.yaml lists no hot_events"): Msg(
        "the workbook's hot_events sheet has no rows, or is missing"
    ),
    Msg("campaign.yaml lists no audiences"): Msg(
        "the workbook's audiences sheet has no rows, or is missing"
    ),
    Msg("of metrics.csv"): Msg("of the metrics sheet"),
    Msg("of series.csv"): Msg("of the series sheet"),
}
(
    PHASES_WINDOW,
    ADD_SOURCE,
    NOT_A_SOURCE,
    NO_HOT_EVENTS,
    NO_AUDIENCES,
    OF_METRICS,
    OF_SERIES,
) = SHEET_WORDS
# an optional list the record leaves out, said where its ids are named
NONE_LISTED = {"hot_events": NO_HOT_EVENTS, "audiences": NO_AUDIENCES}


# the field of a column whose header cell is blank
BLANK = Msg("(blank)")

# this many problems alike but for their line (one mistake copied down a column) are said once
ALIKE = 3


def _lines(numbers: list[int]) -> str:
    """2–219, or 2–40, 45, 50–60, … : the lines as runs, the first few."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:4]]
    return ", ".join(text) + (", …" if len(runs) > 4 else "")


def said(problems: Iterable[object], lang: str = "en") -> list[str]:
    """Each problem as a line, in `lang`; problems alike but for their line — the same file,
    field and message, ALIKE or more — said once where the first stands, with their lines
    ('series.csv:2–219 (218 lines): exposure: …'): a mistake copied down a column is one fix,
    and 218 lines of it hide the others. The rest keep their order."""
    items = list(problems)

    def key(p: object) -> Optional[tuple[str, str, str]]:
        if isinstance(p, Problem) and p.line is not None and p.column is None:
            return (p.file, p.field, p.message)
        return None  # a problem of no line, or of a line and column (YAML syntax), alone

    alike: dict[tuple, list[int]] = {}
    for p in items:
        if (k := key(p)) is not None:
            alike.setdefault(k, []).append(cast(Problem, p).line or 0)
    out, done = [], set()
    for p in items:
        k = key(p)
        if k is None or len(alike[k]) < ALIKE:
            out.append(p.said_in(lang) if isinstance(p, Problem) else _in(str(p), lang))
        elif k not in done:
            done.add(k)
            file, field, message = k
            if lang == "en":
                where = f"{file}:{_lines(alike[k])} ({len(alike[k]):,} lines):"
                out.append(f"{where} {field}: {message}" if field else f"{where} {message}")
                continue
            first = cast(Problem, next(q for q in items if key(q) == k))
            lines = Msg(
                "{file}, lines {lines} ({n} line)",
                "{file}, lines {lines} ({n} lines)",
                file=Exact(file),
                lines=Exact(_lines(alike[k])),
                n=f"{len(alike[k]):,}",
            )
            out.append(_line_many(lang, lines.translated(lang), field, _in(first.message, lang)))
    return out


def _line_many(lang: str, where: str, field: str, message: str) -> str:
    if direction(lang) == "rtl":
        message = rtl_line(message)
    if isinstance(field, Msg):
        field = field.translated(lang)
    elif direction(lang) == "rtl" and field:
        field = _whole(field)
    return f"{where}: {field}: {message}" if field else f"{where}: {message}"


class RecordInvalid(ValueError):
    """Raised by `load_campaign` with every problem found in one pass, in the order
    `check_record` gives them (the record's file first, then each table line by line; a
    workbook's sheet by sheet, row by row): sorting them again by their text would put a
    workbook's row 12 before its row 9."""

    def __init__(self, path: Path | str, problems: Iterable[Problem]):
        self.path = Path(path)
        self.problems = list(problems)
        super().__init__(
            f"{self.path}: {len(self.problems)} problem(s)\n"
            + "\n".join(f"  {line}" for line in said(self.problems))
        )
