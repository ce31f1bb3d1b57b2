"""Reading a campaign record folder into a typed `Campaign`, or every problem in one pass."""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
import stat
import types
import typing
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Literal, Optional

from pydantic import BaseModel, ValidationError, create_model
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.representer import RoundTripRepresenter, SafeRepresenter

from evalkit.i18n import LIST_CAP, Exact, Msg, Verbatim, joined

from evalkit.record import schema, template
from evalkit.record.kinds import missing_list, wrong_kind
from evalkit.record.csvtable import gc_paused, open_table, table_rows
from evalkit.record.names import names_match
from evalkit.record.problems import (
    ADD_SOURCE,
    BLANK,
    NONE_LISTED,
    OF_METRICS,
    OF_SERIES,
    PHASES_WINDOW,
    Problem,
    closest,
    RecordInvalid,
    did_you_mean,
    line_list,
    named,
    names,
    quoted,
    short,
)
from evalkit.record.series import SERIES_FILE, read_series
from evalkit.record.values import DateSpan, Quantity


if TYPE_CHECKING:  # pandas is loaded when a campaign's frames are built, not to validate
    import pandas as pd
    from pydantic_core import ErrorDetails

# The record's own words (the campaign's free text, evalkit.i18n.Verbatim) are written back
# as the text they are, by any YAML writer
for _writer in (SafeRepresenter, RoundTripRepresenter):
    _writer.add_representer(Verbatim, lambda writer, text: writer.represent_str(str(text)))

# --- YAML with positions -------------------------------------------------------------------
# Dates and decimals are read as the text the evaluator wrote: YAML would turn `2012-13-05`
# into a crash and `1.800` into 1.8 before evalkit could say what is wrong with them.


def _as_text(constructor, node):
    return constructor.construct_scalar(node)


class _SafeAsText(SafeConstructor):
    pass


class _RoundTripAsText(RoundTripConstructor):
    pass


def _int_or_text(as_int):
    def construct(constructor, node):
        try:
            number = as_int(constructor, node)
        except ValueError:  # more digits than Python converts (4,300): the schema says why
            return constructor.construct_scalar(node)
        # a number only as written in digits (`10000`, `-3`): `0x1F`, `1_000`, `010` and
        # `+5` stay the text typed, which a count refuses and a text keeps as written
        text = constructor.construct_scalar(node)
        return number if isinstance(text, str) and text.strip() == str(number) else text

    return construct


for _cls in (_SafeAsText, _RoundTripAsText):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
    _cls.add_constructor("tag:yaml.org,2002:float", _as_text)
    _cls.add_constructor(
        "tag:yaml.org,2002:int", _int_or_text(_cls.yaml_constructors["tag:yaml.org,2002:int"])
    )


def _yaml(typ: str) -> YAML:
    y = YAML(typ=typ)
    y.Constructor = _SafeAsText if typ == "safe" else _RoundTripAsText
    return y


# The format nests five levels deep (media_tools.hashtags[0].uses.value); a record needs no
# aliases (*name), and a few of them can expand a 1 KB file into a billion values that every
# later step would walk ("billion laughs").
MAX_DEPTH = 20
MAX_ALIASED = 10_000


def _yaml_error_said(e, line: str, column: int) -> Msg:
    """A YAML syntax error in words an evaluator can act on: the parser's own words say
    what it expected, not what to change (trial 13, M3: an Arabic phase name with a colon,
    «المرحلة الأولى: التعريف», read 'mapping values are not allowed in this context'). The
    parser's words stay after it, for whoever knows YAML."""
    problem = e.problem or ""
    context = e.context or ""
    error = Exact(problem or context)
    if "mapping values are not allowed" in problem:
        # a colon and a space inside a value, or a line indented under a value
        value = line.split(":", 1)[1] if ":" in line else ""
        if ": " in value or value.rstrip().endswith(":"):
            hint = Msg(
                "the value holds a colon and a space (': '), which YAML reads as a new field: "
                "put the whole value in double quotes"
            )
        else:
            hint = Msg(
                "this line is indented under a value, not under a list or a field: indent it "
                "as the fields beside it are"
            )
    elif "cannot start any token" in problem:
        start = line[column : column + 1] or "?"
        hint = Msg(
            "a value cannot start with {char} in YAML: put the whole value in double quotes",
            char=Exact(start),
        )
    elif "end of stream" in problem and "quoted" in context:
        hint = Msg(
            "a quote opens a value and is never closed: close it at the value's end (write a "
            "quote inside a value in double quotes as \\\" and in single quotes as '')"
        )
    elif "expected ':'" in problem:
        hint = Msg(
            "a line that is not 'field: value' inside an entry: add the colon, or indent a "
            "long value that goes on to this line"
        )
    elif "expected key" in problem or "expected '-'" in problem:
        hint = Msg(
            "the indentation of this line differs from the entries beside it: each entry's "
            "fields start at the same column, under its first field"
        )
    elif "expected ','" in problem:
        hint = Msg("a list in [brackets] is not closed: close it with ] on the same line")
    else:
        return Msg("YAML syntax error: {error}", error=error)
    return Msg("YAML syntax error: {hint} (the parser: {error})", hint=hint, error=error)


def _yaml_shape(text: str) -> Optional[Problem]:
    """The first place where campaign.yaml nests deeper than MAX_DEPTH, or where its aliases
    expand to more than MAX_ALIASED values; read from the parser's events, before anything
    is built (raises YAMLError on a syntax error)."""
    sizes: dict[str, int] = {}  # anchor -> values it stands for, aliases in it expanded
    open_: list[tuple[Optional[str], int]] = []
    total = aliased = 0
    for ev in _yaml("safe").parse(text):
        line = ev.start_mark.line + 1 if ev.start_mark else None
        if isinstance(ev, AliasEvent):
            if any(a == ev.anchor for a, _ in open_):
                return Problem(
                    schema.RECORD_FILE,
                    line,
                    "",
                    Msg(
                        "the alias *{anchor} is inside the value it names (&{anchor}): "
                        "write the value out",
                        anchor=named(ev.anchor),
                    ),
                )
            size = sizes.get(ev.anchor, 1)
            total += size
            aliased += size
            if aliased > MAX_ALIASED:
                return Problem(
                    schema.RECORD_FILE,
                    line,
                    "",
                    Msg(
                        "YAML aliases (here *{anchor}) stand for more than {n} value; "
                        "a record needs no aliases: write the values out",
                        "YAML aliases (here *{anchor}) stand for more than {n} values; "
                        "a record needs no aliases: write the values out",
                        anchor=named(ev.anchor),
                        n=f"{MAX_ALIASED:,}",
                    ),
                )
        elif isinstance(ev, CollectionStartEvent):
            open_.append((ev.anchor, total))
            total += 1
            if len(open_) > MAX_DEPTH:
                return Problem(
                    schema.RECORD_FILE,
                    line,
                    "",
                    Msg(
                        "nested more than {n} level deep; the format nests at most "
                        "five (see docs/campaign-format.md)",
                        "nested more than {n} levels deep; the format nests at most "
                        "five (see docs/campaign-format.md)",
                        n=MAX_DEPTH,
                    ),
                )
        elif isinstance(ev, CollectionEndEvent):
            anchor, before = open_.pop()
            if anchor is not None:
                sizes[anchor] = total - before
        elif isinstance(ev, ScalarEvent):
            total += 1
            if ev.anchor is not None:
                sizes[ev.anchor] = 1
    return None


def _yaml_line(data: Any, loc: tuple) -> Optional[int]:
    """1-based line of the deepest node `loc` reaches in ruamel's round-trip data."""
    node, line = data, getattr(getattr(data, "lc", None), "line", None)
    for part in loc:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0]
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0]
                node = node[part]
            else:
                break
        except (KeyError, TypeError, AttributeError):
            break
    return None if line is None else line + 1


def _model_at(model: type[BaseModel], loc: tuple) -> Optional[type[BaseModel]]:
    """The model class that sits at `loc` inside `model`, to list its allowed keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        f = current.model_fields.get(part)
        if f is None:
            return None
        current = _unwrap(f.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (list, typing.Annotated):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += (
            f"[{part}]"
            if isinstance(part, int)
            else (f".{short(str(part))}" if out else short(str(part)))
        )
    return out


FLOW_COMMA_HINT = Msg(
    '; a comma inside { … } ends the value before it: quote that value (e.g. uses: "about 1,800")'
)


def _codes_said(expected: str) -> "Msg | Exact":
    """pydantic's list of the codes allowed ("'a', 'b' or 'c'") as 'a, b or c': the codes as
    the evaluator types them, the 'or' in the message's language."""
    codes = re.findall(r"'([^']*)'", expected)
    plain = expected.replace(chr(39), "")
    if len(codes) < 2 or plain != f"{', '.join(codes[:-1])} or {codes[-1]}":
        return Exact(plain)
    return Msg("{codes} or {last}", codes=names(codes[:-1]), last=Exact(codes[-1]))


def _message(err: ErrorDetails, model: type[BaseModel], in_flow: bool = False) -> str:
    kind, inp = err["type"], err.get("input")
    if kind == "missing":
        return missing_list(tuple(err["loc"]), model) or Msg("required field is missing")
    if kind == "extra_forbidden":
        parent = _model_at(model, err["loc"][:-1])
        allowed = names(parent.model_fields) if parent else Msg("see docs/campaign-format.md")
        # `{uses: about 1,800}` reads as `uses: about 1` and a key `800` with no value
        hint = FLOW_COMMA_HINT if in_flow and inp is None else ""
        meant = did_you_mean(err["loc"][-1], parent.model_fields) if parent else ""
        return Msg(
            "unknown key{meant}; allowed keys: {allowed}{hint}",
            meant=meant,
            allowed=allowed,
            hint=hint,
        )
    if kind == "invalid_key":  # `{uses: about 5,000}`: YAML reads the key `000` as 0
        return Msg(
            "a key must be a name, got {value}{hint}",
            value=quoted(inp),
            hint=FLOW_COMMA_HINT if in_flow else "",
        )
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        codes = re.findall(r"'([^']*)'", expected)
        key = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
        if isinstance(inp, bool):
            # `official: yes` is the text yes (YAML 1.2), `official: true` a yes/no value
            meant_code = ("yes" if inp else "no") if {"yes", "no"} <= set(codes) else None
            if meant_code is not None:
                return Msg(
                    "YAML reads a bare {value} as a yes/no value, not as the code {code}: "
                    "write {example}, in quotes",
                    value=Exact(str(inp).lower()),
                    code=quoted(meant_code),
                    example=Exact(f'{key}: "{meant_code}"'),
                )
            return Msg(
                "YAML reads a bare {value} as a yes/no value, and this field takes one of "
                "the codes {codes}; e.g. {example}",
                value=Exact(str(inp).lower()),
                codes=_codes_said(expected),
                example=Exact(f"{key}: {codes[0]}" if codes else key),
            )
        if inp is None:
            return Msg(
                "the key has no value; write one of the codes {codes}, or leave the key out",
                codes=_codes_said(expected),
            )
        meant = did_you_mean(inp, codes)
        return Msg(
            "unknown code {value}{meant}; expected one of: {codes}",
            value=quoted(inp),
            meant=meant,
            codes=_codes_said(expected),
        )
    if kind == "value_error":
        error = (err.get("ctx") or {}).get("error")
        said = error.args[0] if isinstance(error, ValueError) and error.args else None
        # the validator's own sentence (evalkit.record.values, schema): a Msg, translated
        return said if isinstance(said, Msg) else err["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        hint = (
            Msg("a slug: lower-case letters, digits and hyphens (e.g. 'save-ghouta')")
            if pattern.startswith("^[a-z0-9]")
            else Msg("text matching {pattern}", pattern=Exact(pattern))
        )
        return Msg("expected {hint}, got {value}", hint=hint, value=quoted(inp))
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length")
        return Msg(
            "at most {n} character, got {got}: {value}",
            "at most {n} characters, got {got}: {value}",
            n=limit,
            got=len(inp) if isinstance(inp, str) else "?",
            value=quoted(inp),
        )
    plain = wrong_kind(kind, tuple(err["loc"]), inp, model)
    if plain is not None:
        return plain
    # any other of pydantic's errors: never its own sentence, which names its classes
    return Msg(
        "{value} is not a value this field takes (see docs/campaign-format.md)",
        value=quoted(inp),
    )


def _pydantic_problems(
    exc: ValidationError, model, file: str, line_of, text: str = ""
) -> list[Problem]:
    lines = text.splitlines()
    out = []
    errors = exc.errors()
    # a key misspelt ('judge_by') is one mistake: said as the unknown key with its
    # suggestion, not also as the required field it was meant to be missing (trial 17, L6)
    meant = set()
    for e in errors:
        parent = _model_at(model, e["loc"][:-1]) if e["type"] == "extra_forbidden" else None
        if parent is not None:
            match = closest(e["loc"][-1], parent.model_fields)
            if match is not None:
                meant.add((*e["loc"][:-1], match))
    for e in errors:
        if e["type"] == "missing" and tuple(e["loc"]) in meant:
            continue
        line = line_of(e["loc"])
        in_flow = bool(line and line <= len(lines) and "{" in lines[line - 1])
        out.append(Problem(file, line, _dotted(e["loc"]), _message(e, model, in_flow)))
    return out


# --- CSV tables ----------------------------------------------------------------------------
# A table is read a block of rows at a time and checked column by column: each distinct cell
# of a column is validated once, by a model of that one field (the row model's own field, so
# its value and its messages are the row model's), and the frame is built from the columns.
# No dict or model is kept per row: a table of a million rows takes a fraction of the memory
# (benchmarks/large_table.py).
BLOCK = 20_000  # rows read and checked at a time
CACHED = 20_000  # distinct cells remembered per column: dates and codes repeat, ids do not
# acts beside their goal said one by one, up to this many (a table of many rows is read once)
MAX_ACTS_BESIDE = 20


@dataclass
class _Field:
    """One field of a row model, checked a cell at a time."""

    name: str
    model: type[BaseModel]  # a model of this one field
    columns: list[str]  # its columns in the frame
    plain: bool  # any non-empty text is its own value (no pattern, code or parsing)
    # its text is the record's own words (an id, a name: no vocabulary, date or count),
    # kept as such whatever its pattern (a phase id `signatures` is not the word 'signatures')
    own_words: bool = False
    cache: dict = field(default_factory=dict)

    def text(self, cell: str) -> tuple[tuple, list, Any]:
        """`check` of a plain field's non-empty cell: the text itself, as the record's own
        words (a report never translates it: evalkit.i18n.Verbatim), one object for each
        distinct text (a source named on a million rows is stored once)."""
        got = self.cache.get(cell)
        if got is None:
            if len(self.cache) >= CACHED:
                self.cache.clear()
            text = Verbatim(cell)
            got = self.cache[cell] = ((text,), [], text)
        return got

    def check(self, cell: str, cells_of) -> tuple[tuple, list, Any]:
        """(the cell's cells in the frame, from `cells_of`; pydantic's errors, if any; the
        value, for the row's checks across fields)."""
        got = self.cache.get(cell)
        if got is None:
            try:
                checked = self.model.model_validate({self.name: cell} if cell else {})
                value = getattr(checked, self.name)
                if type(value) is str and value == cell:
                    # the cell's own text, not pydantic's copy of it: an id, unique to its
                    # row, is then stored once (the duplicate-id check holds it too)
                    value = cell
                if self.own_words and type(value) is str:
                    value = Verbatim(value)  # never looked up in the catalogue
                got = (cells_of(value) if cells_of else (), [], value)
            except ValidationError as exc:
                got = ((), exc.errors(), None)
            if len(self.cache) >= CACHED:
                self.cache.clear()
            self.cache[cell] = got
        return got


def _fields(model: type[BaseModel]) -> list[_Field]:
    """The row model's fields, each with an empty cache of the cells it has checked."""
    return [_Field(*f) for f in _field_models(model)]


@functools.cache
def _field_models(
    model: type[BaseModel],
) -> tuple[tuple[str, type[BaseModel], list, bool, bool], ...]:
    # Each field is checked on its own: a row's errors are its cells' errors, as long as the
    # row model has no check across fields. (Made once: a model takes a millisecond.)
    assert not model.__pydantic_decorators__.model_validators, model
    out = []
    for name, f in model.model_fields.items():
        inner = _unwrap(f.annotation)
        columns = (
            [name, f"{name}_start", f"{name}_end"]
            if inner is DateSpan
            else [name, f"{name}_qualifier", f"{name}_low", f"{name}_high", f"{name}_words"]
            if inner is Quantity
            else [name]
        )
        plain = f.annotation in (str, Optional[str]) and all(
            getattr(m, "min_length", None) == 1 for m in f.metadata
        )
        # the one field, by its name: typed Any, as create_model's other keywords take
        # other types (a dict unpacked could be any of them, for all mypy knows)
        definition: dict[str, Any] = {name: (f.annotation, f)}
        one = create_model(f"{model.__name__}_{name}", __config__=model.model_config, **definition)
        out.append((name, one, columns, plain, schema.free_text(f)))
    return tuple(out)


def _cells_of(f: _Field):
    """A field's value as its cells in the frame: a date as text/start/end, a count as
    value/qualifier/low/high/words; a missing date or count leaves the others empty (NaN)."""
    import pandas as pd

    nan = float("nan")
    if len(f.columns) == 3:
        return lambda v: (
            (None, nan, nan) if v is None else (v.text, pd.Timestamp(v.start), pd.Timestamp(v.end))
        )
    if len(f.columns) == 5:
        return lambda v: (
            (None, nan, nan, nan, nan)
            if v is None
            else (v.value, v.qualifier, v.lower, v.upper, v.words or None)
        )
    return lambda v: (v,)


def _read_table(
    path: Path,
    model: type[BaseModel],
    problems: list[Problem],
    refs: Optional[_Refs] = None,
    build: bool = True,
    examples: bool = False,
    copies: Optional[list[Problem]] = None,
) -> Optional[dict[str, list]]:
    """Check a CSV table, appending its problems (and, with `refs`, those of its references
    to campaign.yaml, checked on every row, valid or not). With `build`, the frame's columns
    of its valid rows ({column: cells}); else None. With `copies`, a warning is appended
    there at each row of a table without ids that repeats an earlier one cell for cell."""
    name = path.name
    opened = open_table(path, problems)
    if opened is None:
        return None
    header, reader = opened
    allowed = list(model.model_fields)
    for col in header:
        if col not in allowed:
            problems.append(
                Problem(
                    name,
                    1,
                    short(col) or BLANK,
                    Msg(
                        "unknown column{meant}; allowed columns: {allowed}",
                        meant=did_you_mean(col, allowed),
                        allowed=names(allowed),
                    ),
                )
            )
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in header]
    for col in missing:
        problems.append(Problem(name, 1, col, Msg("required column is missing")))
    # a missing column (a misspelt header) is said once, at the header; the rows are still
    # checked on every other column, so that all of the table's problems come in one pass
    # (trial 13, M2: an unknown audience on row 3 came only after the header was fixed)
    build = build and not missing
    fields = _fields(model)
    cells_of = {f.name: _cells_of(f) for f in fields} if build else {}
    frame: dict[str, list] = {"row": [], **{c: [] for f in fields for c in f.columns}}
    at = {c: i for i, c in enumerate(header) if c in allowed}  # a repeated column: its last
    rows = table_rows(name, header, reader, problems)
    seen: Optional[_Seen] = _Seen() if copies is not None and "id" not in allowed else None
    with gc_paused():
        while block := list(itertools.islice(rows, BLOCK)):
            lines = [line for line, _ in block]
            cells = {c: [r[i] for _, r in block] for c, i in at.items()}
            del block
            if seen is not None and copies is not None:
                copies.extend(_copied_rows(name, lines, cells, seen))
            if refs is not None:
                problems.extend(refs.check(name, lines, cells))
            if examples:
                problems.extend(template.table_problems(name, lines, cells))
            valid = [True] * len(lines)
            checked: list[list] = []
            for f in fields:
                if f.name in missing:  # said at the header, not again on every row
                    checked.append([((), [], None)] * len(lines))
                    continue
                to_cells = cells_of.get(f.name)
                got = [
                    f.text(cell) if f.plain and cell else f.check(cell, to_cells)
                    for cell in cells.get(f.name) or [""] * len(lines)
                ]
                for i, (_, errors, _value) in enumerate(got):
                    for e in errors:
                        valid[i] = False
                        problems.append(
                            Problem(name, lines[i], _dotted(e["loc"]), _message(e, model))
                        )
                checked.append(got)
            for rule in getattr(
                model, "across", ()
            ):  # a row's checks across its fields, on valid cells
                problems.extend(_across(rule, name, lines, cells, fields, checked, valid))
            if build:
                keep = [i for i, ok in enumerate(valid) if ok]
                frame["row"].extend(lines[i] for i in keep)
                for f, got in zip(fields, checked):
                    for j, c in enumerate(f.columns):
                        frame[c].extend(got[i][0][j] for i in keep)
    if seen is not None and copies is not None and seen.copies > LIST_CAP:
        copies.append(
            Problem(
                name,
                None,
                "",
                Msg(
                    "{n} more row repeats an earlier one cell for cell",
                    "{n} more rows repeat earlier ones cell for cell",
                    n=seen.copies - LIST_CAP,
                ),
                warning=True,
            )
        )
    if refs is not None:
        refs.seen.pop(name, None)  # its ids: a table's duplicates are within the table
    return frame if build else None


# rows of a table without ids remembered for the copy check: a record's tables of
# engagements, decisions and figures are hundreds of rows; past this they are not checked
COPIES_CHECKED = 200_000


@dataclass
class _Seen:
    """A table's rows so far, for the copy check: each row's cells, by their hash, at its
    line, and how many copies were found (each said up to LIST_CAP)."""

    lines: dict[int, int] = field(default_factory=dict)
    copies: int = 0


def _copied_rows(name: str, lines: list[int], cells: dict, seen: _Seen) -> list[Problem]:
    """A warning at each row that repeats an earlier one cell for cell (`seen`): a row
    pasted twice is read twice, its count added in again (trial 15, H5: a rally's 300
    pasted twice made 750 participants 1,050, and the target of 1,000 "reached")."""
    out = []
    for i, key in enumerate(zip(*cells.values())):
        key = tuple(k.strip() for k in key)
        if not any(key):
            continue
        h = hash(key)
        first = seen.lines.get(h)
        if first is None:
            if len(seen.lines) < COPIES_CHECKED:
                seen.lines[h] = lines[i]
            continue
        seen.copies += 1
        if seen.copies > LIST_CAP:
            continue
        out.append(
            Problem(
                name,
                lines[i],
                "",
                Msg(
                    "this row repeats row {first} of the table cell for cell; evalkit reads both, so a "
                    "count in it is added in twice (question 3 never takes a target as "
                    "reached on such a copy): if it was pasted twice, delete it; if it is "
                    "another event of the same day and figures, say so in its note",
                    first=first,
                ),
                warning=True,
            )
        )
    return out


def _across(rule, name, lines, cells, fields, checked, valid) -> list[Problem]:
    """A row check across fields (schema.Across) on a block of rows: on each row whose
    cells it reads are valid and given, once per distinct set of those cells."""
    at_field = {f.name: got for f, got in zip(fields, checked)}
    read = [at_field[n] for n in rule.fields]
    written = cells.get(rule.field) or [""] * len(lines)
    said: dict = {}
    out = []
    for i, key in enumerate(zip(*(cells.get(n) or [""] * len(lines) for n in rule.fields))):
        if key not in said:
            got = [r[i] for r in read]
            # a cell that is wrong itself is said already; one left empty has nothing to say
            said[key] = (
                None
                if any(errors or value is None for _, errors, value in got)
                else rule.check({n: g[2] for n, g in zip(rule.fields, got)}, written[i])
            )
        if said[key]:
            valid[i] = False
            out.append(Problem(name, lines[i], rule.field, said[key]))
    return out


def _frame(columns: Optional[dict[str, list]], model: type[BaseModel]) -> pd.DataFrame:
    """The frame of a table's valid rows, one column at a time (each list freed as its
    column is made); no table: no rows."""
    import pandas as pd

    if columns is None:
        columns = {"row": [], **{c: [] for f in _fields(model) for c in f.columns}}
    names = list(columns)
    made = {}
    with gc_paused():
        for c in names:
            made[c] = pd.Series(columns.pop(c), dtype=None)
            if c.endswith(("_start", "_end")):
                made[c] = pd.to_datetime(made[c])
    # copy=False: each column stays the array just made, instead of the columns of one type
    # being copied into one block beside them (0.2 GB more at a million rows)
    return pd.DataFrame(made, columns=names, copy=False)


# --- cross-references ----------------------------------------------------------------------


def _walk_sources(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "source":
                yield loc + (k,), v
            else:
                yield from _walk_sources(v, loc + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_sources(v, loc + (i,))


# Names a misnamed table might have: Activities.csv, engagements.csv.txt, metrics.xlsx.
# Every file a record folder may hold: what is hashed, copied beside a report and rendered.
RECORD_FILES = (schema.RECORD_FILE, *schema.TABLES, SERIES_FILE)
# The paper's own appendix grid for a case study (case_studies/README.md): reference data
# beside the record, which evalkit does not read as part of it.
PAPER_GRID_FILE = "paper_grid.csv"
_TABLE_STEMS = tuple(n.removesuffix(".csv") for n in RECORD_FILES[1:])


def table_columns_needed(file: str) -> tuple[str, ...]:
    """The columns a table's header row must name (its required fields)."""
    if file == SERIES_FILE:
        from evalkit.record.series import REQUIRED as SERIES_REQUIRED

        return SERIES_REQUIRED
    model = schema.TABLES[file]
    return tuple(n for n, f in model.model_fields.items() if f.is_required())


def empty_table(file: str, where: str, line: Optional[int], sheet: bool = False) -> Problem:
    """The warning for a table with no header row (a 0-byte file, a failed save or export,
    or a sheet cleared): read as no rows, which is almost never what was meant. A table is
    optional, so it is a warning, never an error."""
    columns = names(table_columns_needed(file))
    message = (
        Msg(
            "empty sheet, not even a header row: write the header row (at least {columns}) "
            "and the rows, or the header row alone for a table with no rows (a sheet left "
            "empty is read as no rows)",
            columns=columns,
        )
        if sheet
        else Msg(
            "empty file, not even a header row: write the header row (at least {columns}) "
            "and the rows, or delete the file (a table left out is read as no rows)",
            columns=columns,
        )
    )
    return Problem(where, line, "", message, warning=True)


def _empty_tables(folder: Path, refused: dict) -> dict[str, Problem]:
    """Each table file of the record that holds nothing but blank space (no header row),
    with its warning; the table is then read as no rows, and not checked column by column
    (a missing column for each of its columns would say the same thing many times)."""
    out = {}
    for name in RECORD_FILES[1:]:
        path = folder / name
        if name in refused or not path.is_file():
            continue
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                while chunk := fh.read(1 << 16):
                    if chunk.strip():
                        break
                else:
                    out[name] = empty_table(name, name, None)
        except OSError:
            continue  # the table's reader says why it cannot be read
    return out


def _stray_files(folder: Path) -> list[Problem]:
    """Files that look like a record's table or its YAML but are not named as evalkit reads
    them: they would be silently ignored."""
    expected = {*RECORD_FILES, PAPER_GRID_FILE}
    out = []
    for f in sorted(folder.iterdir()):
        if not f.is_file() or f.name in expected or f.name.startswith("."):
            continue
        low = f.name.lower()
        stem = next((t for t in _TABLE_STEMS if low.startswith(t)), None)
        if stem is not None:
            out.append(
                Problem(
                    f.name,
                    None,
                    "",
                    Msg(
                        "not read: a table must be named exactly {file} (lower case, CSV); "
                        "rename it or remove it",
                        file=named(f"{stem}.csv"),
                    ),
                )
            )
        elif low.startswith("campaign.") and low != schema.RECORD_FILE:
            out.append(
                Problem(
                    f.name,
                    None,
                    "",
                    Msg(
                        "not read: the record file must be named exactly {file}",
                        file=named(schema.RECORD_FILE),
                    ),
                )
            )
        elif low.endswith((".csv", ".tsv", ".xlsx", ".xls", ".ods")):
            out.append(
                Problem(
                    f.name,
                    None,
                    "",
                    Msg(
                        "not read: evalkit reads only {files} in a record folder; rename it "
                        "to one of those or move it out of the folder",
                        files=names(RECORD_FILES[1:]),
                    ),
                )
            )
    return out


def _try_date(v: Any) -> Optional[DateSpan]:
    try:
        return DateSpan.parse(v)
    except (ValueError, TypeError):
        return None


def _known(ids: set) -> "Msg | str":
    return names(sorted(i for i in ids if isinstance(i, str))) or Msg("none")


# the lists of campaign.yaml whose entries' ids the record refers to
LISTED_IDS = ("sources", "phases", "hot_events", "goals", "audiences", "coalitions")
# the column of a table that names an entry of each list
REFERENCE_COLUMNS = {"sources": "source", "phases": "phase", "audiences": "audience"}


# Tables of outcomes, not of the campaign's own doings: a decision maker's own act
# (decisions.csv) may come after the campaign's last phase — the council votes weeks after
# the sit-in — as a goal's judgement may (trial 7, M3). Only one before the campaign's start
# is refused: it cannot be an outcome of the campaign, and read as the decision maker's last
# act it would go against a judgement of the goal the campaign set out to win (question 3,
# W12); the act that set the campaign off is a hot event.
OUTCOME_TABLES = frozenset({"decisions.csv"})


class _Refs:
    """What a table's rows refer to in campaign.yaml (sources, phases, audiences) and the
    campaign's window, checked a block of rows at a time, on the rows' own cells (a row that
    fails its own checks is still checked here); ids and dates outside are followed across
    blocks."""

    def __init__(
        self,
        ids: dict[str, set],
        window: Optional[tuple[date, date]],
        unchecked: frozenset = frozenset(),
        unrecorded: frozenset = frozenset(),
    ):
        self.ids, self.window = ids, window
        # lists that are wrong themselves (missing, empty when required, not a list: said
        # at campaign.yaml), whose ids the rows' references are not checked against: their
        # one cause is said, not one "unknown" per row
        self.unchecked = unchecked
        # optional lists the record leaves out (or gives as []): the rows that name one of
        # their ids are said once per table (`unrecorded_problems`)
        self.unrecorded = unrecorded
        self.naming: dict[tuple[str, str], list] = {}  # (table, key) -> [count, lines]
        self.seen: dict[str, set] = {}
        # per table: [count, first line, first date, the first 8 lines]
        self.outside: dict[str, list] = {}
        self.dates: dict[str, Optional[DateSpan]] = {}
        self.said: dict[tuple[str, str], str] = {}  # the message of each unknown reference
        self.metrics: set[str] = set()  # the metrics metrics.csv's rows name
        # goal id -> the decision makers it names (for decisions.csv's goal column), and the
        # acts that answer a goal none of whose decision makers they name (warnings)
        self.goal_makers: dict[str, list[str]] = {}
        self.acts_beside: list[Problem] = []

    def check(self, fname: str, lines: list[int], cells: dict[str, list]) -> list[Problem]:
        out = []
        if fname == "metrics.csv":  # what a goal's indicator_metric may name
            self.metrics.update(v for v in cells.get("metric", ()) if v)
        for col, key, what in (
            ("source", "sources", None),
            ("phase", "phases", "phase"),
            ("audience", "audiences", "audience"),
            ("goal", "goals", "goal"),  # decisions.csv: the goal an act answers
        ):
            if key in self.unchecked:
                continue
            if key in self.unrecorded:
                for line, v in zip(lines, cells.get(col, ())):
                    if v:
                        named_ = self.naming.setdefault((fname, key), [0, []])
                        named_[0] += 1
                        if len(named_[1]) < 9:
                            named_[1].append(line)
                continue
            known = self.ids[key]
            for line, v in zip(lines, cells.get(col, ())):
                if v and v not in known:
                    out.append(Problem(fname, line, col, self._unknown(key, what, v)))
        if fname == "decisions.csv" and self.goal_makers:
            self._acts_beside_their_goal(lines, cells)
        seen = self.seen.setdefault(fname, set())
        for line, v in zip(lines, cells.get("id", ())):
            if v:
                if v in seen:
                    out.append(Problem(fname, line, "id", Msg("duplicate id {id}", id=quoted(v))))
                seen.add(v)
        if self.window:
            first, last = self.window
            for line, v in zip(lines, cells.get("date", ())):
                if v not in self.dates:
                    if len(self.dates) >= CACHED:
                        self.dates.clear()
                    self.dates[v] = _try_date(v) if v else None
                d = self.dates[v]
                # a table of outcomes (OUTCOME_TABLES) may run past the campaign's end
                after = d is not None and d.start > last and fname not in OUTCOME_TABLES
                if d and (d.end < first or after):
                    o = self.outside.setdefault(fname, [0, line, d.text, []])
                    o[0] += 1
                    if len(o[3]) < 9:
                        o[3].append(line)
        return out

    def _acts_beside_their_goal(self, lines: list[int], cells: dict[str, list]) -> None:
        """An act whose `goal` names decision makers, none of them the act's own (by
        institution or decision maker): a different spelling of one (trial 13, H3:
        'Riverton City Counsil' answering a goal of 'Riverton City Council' was not the
        council's act, silently), or an act the goal does not name. Said, never guessed."""
        blank = [""] * len(lines)  # a column the table does not have (goal is optional)
        rows = zip(
            lines,
            cells.get("goal") or blank,
            cells.get("decision_maker") or blank,
            cells.get("institution") or blank,
        )
        everyone = list(dict.fromkeys(m for ms in self.goal_makers.values() for m in ms))
        for line, goal, who, where in rows:
            if len(self.acts_beside) >= MAX_ACTS_BESIDE:
                break
            row = {"decision_maker": who, "institution": where}
            named = who or where or ""
            if not goal:
                # an act naming no goal is read against the goals of its decision maker:
                # one named like a goal's decision maker but none of them (trial 14, H1)
                meant = did_you_mean(named, everyone) if named else ""
                if meant and not any(names_match(m, row) for m in everyone):
                    self._act_beside(
                        line,
                        Msg(
                            "{who} is none of the goals' decision makers{meant}: the act "
                            "names no goal, and a question that reads it cannot tell whose "
                            "it is (name the decision maker as the goals do, or write the "
                            "goal the act answers)",
                            who=quoted(named),
                            meant=meant,
                        ),
                    )
                continue
            makers = self.goal_makers.get(goal)
            if not makers or any(names_match(m, row) for m in makers):
                continue
            self._act_beside(
                line,
                Msg(
                    "the act answers goal {goal}, whose decision makers are {makers}; "
                    "{who} is none of them{meant}: question 3 reads the act against the "
                    "goal, question 4 does not count it as theirs (name the decision "
                    "maker the same way in the goal and here, or write the goal this act "
                    "answers)",
                    goal=quoted(goal),
                    makers=names(makers),
                    who=quoted(named),
                    meant=did_you_mean(named, makers),
                ),
            )

    def _act_beside(self, line: int, message: Msg) -> None:
        """A warning at an act's decision maker (decisions.csv)."""
        self.acts_beside.append(
            Problem("decisions.csv", line, "decision_maker", message, warning=True)
        )

    def _unknown(self, key: str, what: Optional[str], value: str) -> str:
        """The message of a reference to no id of campaign.yaml's `key`, made once for each
        value (a typo copied down a million rows is one message)."""
        said = self.said.get((key, value))
        if said is None:
            known = self.ids[key]
            meant = did_you_mean(value, known)
            said = self.said[(key, value)] = (
                Msg(
                    "unknown source {value}{meant}; {add}",
                    value=quoted(value),
                    meant=meant,
                    add=ADD_SOURCE,
                )
                if what is None
                else Msg(
                    "unknown phase {value}{meant}; known phases: {known}",
                    value=quoted(value),
                    meant=meant,
                    known=_known(known),
                )
                if what == "phase"
                else Msg(
                    "unknown goal {value}{meant}; known goals: {known}",
                    value=quoted(value),
                    meant=meant,
                    known=_known(known),
                )
                if what == "goal"
                else Msg(
                    "unknown audience {value}{meant}; known audiences: {known}",
                    value=quoted(value),
                    meant=meant,
                    known=_known(known),
                )
            )
            if len(self.said) >= CACHED:
                self.said.clear()
        return said

    def unrecorded_problems(self) -> list[Problem]:
        """One problem per table whose rows name the ids of a list campaign.yaml does not
        give (`unrecorded`): the one cause, at the first such row, with its lines."""
        out = []
        for (fname, key), (count, lines) in self.naming.items():
            column = REFERENCE_COLUMNS[key]
            out.append(
                Problem(
                    fname,
                    lines[0],
                    column,
                    Msg(
                        "{n} row names one of the record's {key} ({lines}), but {none}: add "
                        "them, or leave the {column} cells empty",
                        "{n} rows name one of the record's {key} ({lines}), but {none}: add "
                        "them, or leave the {column} cells empty",
                        n=count,
                        key=named(key),
                        lines=line_list(lines[:8], more=count > 8),
                        none=NONE_LISTED[key],
                        column=named(column),
                    ),
                )
            )
        return out

    def outside_problems(self) -> list[Problem]:
        # One problem per table: when many rows fall outside, a phase date is the likelier
        # cause, and sixteen copies of one message would hide it.
        out = []
        for fname, (count, line, text, lines) in self.outside.items():
            first, last = self.window or (None, None)
            listed = line_list(lines[:8], more=count > 8)
            if fname in OUTCOME_TABLES:
                message = (
                    Msg(
                        "{date} is before the campaign (its first phase starts {first}): a "
                        "decision maker's act before the campaign cannot be its outcome; if "
                        "it set the campaign off, record it in hot_events and name it in "
                        "the phase's trigger, else leave it out",
                        date=Exact(text),
                        first=str(first),
                    )
                    if count == 1
                    else Msg(
                        "{n} row is dated before the campaign (its first phase starts "
                        "{first}); {lines}: a decision maker's act before the campaign "
                        "cannot be its outcome; record the one that set the campaign off "
                        "in hot_events, and leave the others out",
                        "{n} rows are dated before the campaign (its first phase starts "
                        "{first}); {lines}: a decision maker's act before the campaign "
                        "cannot be its outcome; record the one that set the campaign off "
                        "in hot_events, and leave the others out",
                        n=count,
                        first=str(first),
                        lines=listed,
                    )
                )
            elif count == 1:
                message = Msg(
                    "{date} is outside the campaign ({first} to {last}, from its "
                    "phases): check the date, or the phases' start and end",
                    date=Exact(text),
                    first=str(first),
                    last=str(last),
                )
            else:
                message = Msg(
                    "{n} row is dated outside the campaign ({first} to {last}, {window}); "
                    "{lines}: check those dates, or the phases' start and end",
                    "{n} rows are dated outside the campaign ({first} to {last}, {window}); "
                    "{lines}: check those dates, or the phases' start and end",
                    n=count,
                    first=str(first),
                    last=str(last),
                    window=PHASES_WINDOW,
                    lines=listed,
                )
            out.append(Problem(fname, line, "date", message))
        return out


def _cross_check(data: dict, line_of) -> tuple[list[Problem], _Refs]:
    """campaign.yaml's references and order, and what its tables' rows are checked against."""
    Y = schema.RECORD_FILE
    out: list[Problem] = []

    def items(key, node=data):
        # Only well-shaped entries are cross-checked; shape errors are pydantic's to report.
        v = node.get(key) if isinstance(node, dict) else None
        return (
            [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []
        )

    # lists whose ids the record's references cannot be checked against: wrong themselves
    # (pydantic says so at the list: missing or empty when required, not a list), or left
    # out when optional, where the references are said once (NONE_LISTED)
    unchecked: set[str] = set()
    unrecorded: set[str] = set()
    for key, info in schema.CampaignRecord.model_fields.items():
        if key not in LISTED_IDS:
            continue
        v = data.get(key)
        if key in data and not isinstance(v, list):
            unchecked.add(key)  # `phases:` with no value, a mapping, a text
        elif not v:
            (unchecked if info.is_required() else unrecorded).add(key)
    ids: dict[str, set] = {}
    for key in LISTED_IDS:
        seen: set = set()
        for i, x in items(key):
            if isinstance(x.get("id"), str) and x["id"] in seen:
                out.append(
                    Problem(
                        Y,
                        line_of((key, i, "id")),
                        f"{key}[{i}].id",
                        Msg(
                            "duplicate id {id}; ids must be unique within {key}",
                            id=quoted(x["id"]),
                            key=named(key),
                        ),
                    )
                )
            if isinstance(x.get("id"), str):
                seen.add(x["id"])
        ids[key] = seen

    for loc, ref in _walk_sources(data):
        if loc and loc[0] == "sources":
            continue
        if "sources" not in unchecked and isinstance(ref, str) and ref not in ids["sources"]:
            out.append(
                Problem(
                    Y,
                    line_of(loc),
                    _dotted(loc),
                    Msg(
                        "unknown source {value}{meant}; known sources: {known}",
                        value=quoted(ref),
                        meant=did_you_mean(ref, ids["sources"]),
                        known=_known(ids["sources"]),
                    ),
                )
            )

    def order(loc_a, a, loc_b, b, what):
        da, db = _try_date(a), _try_date(b)
        if da and db and db.end < da.start:
            out.append(
                Problem(
                    Y,
                    line_of(loc_b),
                    _dotted(loc_b),
                    Msg(
                        "{what}: {later} is before {earlier} ({key})",
                        what=what,
                        later=Exact(db.text),
                        earlier=Exact(da.text),
                        key=named(_dotted(loc_a)),
                    ),
                )
            )

    triggers: list[tuple] = []  # the phases' triggers, when the record has no hot events
    for i, p in items("phases"):
        order(
            ("phases", i, "start"),
            p.get("start"),
            ("phases", i, "end"),
            p.get("end"),
            Msg("the phase ends before it starts"),
        )
        if "hot_events" in unrecorded and isinstance(p.get("trigger"), str):
            triggers.append(("phases", i, "trigger"))
        elif (
            "hot_events" not in unchecked
            and isinstance(p.get("trigger"), str)
            and p["trigger"] not in ids["hot_events"]
        ):
            loc = ("phases", i, "trigger")
            out.append(
                Problem(
                    Y,
                    line_of(loc),
                    _dotted(loc),
                    Msg(
                        "unknown hot event {value}{meant}; known hot events: {known}",
                        value=quoted(p["trigger"]),
                        meant=did_you_mean(p["trigger"], ids["hot_events"]),
                        known=_known(ids["hot_events"]),
                    ),
                )
            )
    if triggers:
        out.append(
            Problem(
                Y,
                line_of(triggers[0]),
                _dotted(triggers[0]),
                Msg(
                    "{n} phase names a hot event as its trigger ({which}), but {none}: add "
                    "the hot events, or remove the triggers",
                    "{n} phases name a hot event as their trigger ({which}), but {none}: add "
                    "the hot events, or remove the triggers",
                    n=len(triggers),
                    which=names(_dotted(t) for t in triggers),
                    none=NONE_LISTED["hot_events"],
                ),
            )
        )
    for i, h in items("hot_events"):
        order(
            ("hot_events", i, "foreseeable_from"),
            h.get("foreseeable_from"),
            ("hot_events", i, "date"),
            h.get("date"),
            Msg("the event happens before it became foreseeable"),
        )
    media = data.get("media_tools") if isinstance(data.get("media_tools"), dict) else {}
    for i, a in items("accounts", media):
        loc = ("media_tools", "accounts", i)
        order(
            loc + ("active_from",),
            a.get("active_from"),
            loc + ("active_to",),
            a.get("active_to"),
            Msg("the account stops before it starts"),
        )
    for i, h in items("hashtags", media):
        if (
            "phases" not in unchecked
            and isinstance(h.get("phase"), str)
            and h["phase"] not in ids["phases"]
        ):
            loc = ("media_tools", "hashtags", i, "phase")
            out.append(
                Problem(
                    Y,
                    line_of(loc),
                    _dotted(loc),
                    Msg(
                        "unknown phase {value}{meant}; known phases: {known}",
                        value=quoted(h["phase"]),
                        meant=did_you_mean(h["phase"], ids["phases"]),
                        known=_known(ids["phases"]),
                    ),
                )
            )
    if not any(g.get("level") == "main" for _, g in items("goals")) and items("goals"):
        out.append(
            Problem(
                Y,
                line_of(("goals",)),
                "goals",
                Msg(
                    "no main goal; the paper judges success by the main goal: "
                    "give one goal level: main"
                ),
            )
        )

    spans = [(_try_date(p.get("start")), _try_date(p.get("end"))) for _, p in items("phases")]
    starts = [s.start for s, _ in spans if s]
    ends = [e.end for _, e in spans if e]
    window = (min(starts), max(ends)) if starts and ends else None
    if window and window[1] < window[0]:
        window = None  # the phases themselves are out of order; reported above
    if any(s is None or e is None for s, e in spans):
        window = None  # a phase date is itself wrong (reported): it is the one cause
    phases = data.get("phases")
    if not isinstance(phases, list) or not all(isinstance(p, dict) for p in phases):
        window = None  # a phase that is no entry (reported) has dates no one can read
    if any(s and e and e.end < s.start for s, e in spans):
        # a phase that ends before it starts (reported: a date typed in the wrong cell, or
        # the wrong year) has no window of its own: the rows it would have held are not
        # "outside the campaign", and the window of the others is not the campaign's
        window = None
    refs = _Refs(ids, window, frozenset(unchecked), frozenset(unrecorded))
    refs.goal_makers = {
        g["id"]: [d for d in g.get("decision_makers") or [] if isinstance(d, str)]
        for _, g in items("goals")
        if isinstance(g.get("id"), str) and isinstance(g.get("decision_makers"), list)
    }
    return out, refs


# --- the campaign --------------------------------------------------------------------------


def _no_rows() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame()


@dataclass
class Campaign:
    """A validated campaign record: the YAML structure and the tables as DataFrames."""

    path: Path
    record: schema.CampaignRecord
    activities: pd.DataFrame
    metrics: pd.DataFrame
    engagements: pd.DataFrame
    content_hash: str
    # decisions.csv: what decision makers did on their own (empty when there is none)
    decisions: pd.DataFrame = field(default_factory=_no_rows, repr=False)
    # the date the record was cut at (evalkit.record.asof), and what the cut left out
    as_of: Optional[date] = None
    cut: dict = field(default_factory=dict, repr=False)
    # series.csv, when the record has one (evalkit.record.series): empty otherwise
    series: pd.DataFrame = field(default_factory=_no_rows, repr=False)
    # what the record's check found that does not stop it (Problem.warning), as the
    # record names its files: series.csv's gaps, steps and order (the as-of cut's series)
    warnings: list[Problem] = field(default_factory=list, repr=False)
    _sources: dict = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name.en

    def name_in(self, lang: str) -> str:
        """The campaign's name as a report in `lang` leads with it: its Arabic name in an
        Arabic report when the record gives one, else its English name."""
        return (lang == "ar" and self.record.name.ar) or self.record.name.en

    def other_name(self, lang: str) -> str:
        """The record's other name, shown after the one `name_in` leads with ('' if none)."""
        shown = self.name_in(lang)
        return next((n for n in (self.record.name.en, self.record.name.ar) if n and n != shown), "")

    def cite(self, source_id: str) -> str:
        s = self._sources.get(source_id)
        return s.citation if s else source_id


def _refusal(folder: Path, name: str) -> Optional[str]:
    """Why a file of the record is not read (None: it is read, or it is absent). Only regular
    files inside the record folder are: a link out of it would show and copy another file
    into a report, and a pipe or device would hang the read."""
    p = folder / name
    if not os.path.lexists(p):
        return None
    try:
        real = p.resolve(strict=True)
        mode = real.stat().st_mode
    except (OSError, RuntimeError):
        return Msg("a link that leads to no file; put the file itself in the record folder")
    if not real.is_relative_to(folder.resolve()):
        return Msg(
            "refused: a link to a file outside the record folder; copy the file into "
            "the folder instead"
        )
    if stat.S_ISDIR(mode):
        return Msg("a folder, not a file; {name} must be a file", name=named(name))
    if not stat.S_ISREG(mode):
        return Msg(
            "not a regular file (a pipe, socket or device); evalkit reads only files "
            "saved in the record folder"
        )
    return None


def _content_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for name in RECORD_FILES:
        p = folder / name
        if p.is_file():
            h.update(name.encode() + b"\0")
            with open(p, "rb") as fh:  # a block at a time: a table can be 100 MB
                while block := fh.read(1 << 20):
                    h.update(block)
            h.update(b"\0")
    return h.hexdigest()


def check_record(
    path: str | Path,
    build: bool = True,
    examples: Literal["all", "fields", "none"] = "all",
    warnings: Optional[list[Problem]] = None,
) -> tuple[Optional[Campaign], list[Problem]]:
    """Validate a record folder: the campaign, or None with every problem found. With
    `build=False` only the problems (`evalkit validate`: the campaign's frames, and pandas,
    are not needed to say what is wrong). An example of `evalkit new`'s template still in
    the folder is a problem (evalkit.record.template); `examples="fields"` for the folder
    read from a workbook, whose example rows are told by their shading (workbook.py) and
    whose single fields (the campaign sheet's, never shaded) are checked here.
    The record's warnings (Problem.warning: they never stop it) are not among the problems:
    a campaign holds its own (`Campaign.warnings`), and `warnings`, when given, collects
    them (named by their paths, as the problems are), whether or not the record is valid."""
    folder = Path(path)
    if folder.suffix.lower() == ".xlsx":  # a workbook: read as the folder it describes
        from evalkit.record.workbook import check_workbook

        return check_workbook(folder, build, warnings)
    problems: list[Problem] = []
    Y = schema.RECORD_FILE
    if folder.is_file() and folder.name == Y:
        folder = folder.parent
    yaml_path = folder / Y
    if examples == "all":
        from evalkit.record.workbook import is_converted_folder

        if is_converted_folder(folder):
            # a workbook's record folder (the report's kernel loads it): its rows are the
            # template's while shaded, as check_workbook told them, not by their words
            examples = "fields"
    if not folder.is_dir():
        return None, [Problem(str(folder), None, "", Msg("no such record folder"))]
    refused = {n: why for n in RECORD_FILES if (why := _refusal(folder, n))}
    if Y not in refused and not yaml_path.is_file():
        return None, [
            Problem(
                str(yaml_path),
                None,
                "",
                Msg("missing: a record folder needs {file}", file=named(Y)),
            )
        ]

    data: Any = None
    text = ""
    try:
        if Y in refused:
            problems.append(Problem(Y, None, "", refused[Y]))
        else:
            text = yaml_path.read_text(encoding="utf-8")
            # Depth and aliases first, from the parser's events: nothing is built from a
            # bomb. The C-backed safe loader is fast; the round-trip loader, which knows
            # every key's line, runs only when there is a problem to locate.
            shape = _yaml_shape(text)
            if shape is not None:
                problems.append(shape)
            else:
                data = _yaml("safe").load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        lines = text.splitlines() if isinstance(text, str) else []
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        # a tab where YAML reads indentation: the parser's words ('found character that
        # cannot start any token') do not say it is a tab (trial 10, L11)
        tab = mark is not None and "\t" in line[: mark.column + 1]
        problems.append(
            Problem(
                Y,
                mark.line + 1 if mark else None,
                "",
                Msg("a tab character: YAML indents with spaces only; replace the tab with spaces")
                if tab
                else _yaml_error_said(e, line, mark.column if mark else 0),
                column=mark.column + 1 if mark else None,
            )
        )
    except (YAMLError, UnicodeDecodeError) as e:
        problems.append(Problem(Y, None, "", Msg("cannot read YAML: {error}", error=Exact(e))))

    if data is None and not problems:
        problems.append(Problem(Y, 1, "", Msg("the file is empty; start from `evalkit new DIR`")))
    record = None
    located: list = []

    def line_of(loc):
        if not located:
            try:
                located.append(_yaml("rt").load(text))
            except YAMLError:
                located.append(None)
        return _yaml_line(located[0], loc)

    if data is not None and not problems:
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    Y,
                    1,
                    "",
                    Msg(
                        "expected a mapping of keys (id:, name:, ...) at the top, got {kind}",
                        kind=Exact(type(data).__name__),
                    ),
                )
            )
        else:
            fv = data.get("format_version")
            if isinstance(fv, str) and fv.strip().isdigit() and len(fv.strip()) < 10:
                fv = int(fv)  # `"2"`, read as the number it says
            # a version that is no whole number is the schema's problem (one, not two)
            if type(fv) is int and fv not in schema.SUPPORTED_FORMAT_VERSIONS:
                problems.append(
                    Problem(
                        Y,
                        line_of(("format_version",)),
                        "format_version",
                        Msg(
                            "unsupported version {version}; this evalkit reads {versions}",
                            version=quoted(fv),
                            versions=Exact(schema.SUPPORTED_FORMAT_VERSIONS),
                        ),
                    )
                )
            try:
                record = schema.CampaignRecord.model_validate(data)
            except ValidationError as exc:
                problems.extend(_pydantic_problems(exc, schema.CampaignRecord, Y, line_of, text))

    problems.extend(Problem(n, None, "", why) for n, why in refused.items() if n != Y)
    refs = None
    if isinstance(data, dict):
        yaml_problems, refs = _cross_check(data, line_of)
        problems.extend(yaml_problems)
        if examples != "none":
            problems.extend(template.yaml_problems(data, line_of, examples == "all"))
    tables = {}
    copies: list[Problem] = []  # rows that repeat an earlier one (_copied_rows)
    empty = _empty_tables(folder, refused)  # said as warnings, read as no rows
    for name, model in schema.TABLES.items():
        if name not in refused and name not in empty and (folder / name).is_file():
            # a frame is built only while the record can still be valid
            tables[name] = _read_table(
                folder / name,
                model,
                problems,
                refs,
                build and record is not None and not problems,
                examples == "all",
                copies,
            )
    if refs is not None:
        problems.extend(refs.unrecorded_problems())
        problems.extend(refs.outside_problems())
    series = None
    said: list[Problem] = [*empty.values(), *copies]  # the warnings
    if refs is not None:
        said.extend(refs.acts_beside)
    if record is not None:
        said.extend(_judgements_that_disagree(record, line_of))
        said.extend(_attained_before_launch(record, line_of))
    if SERIES_FILE not in refused and SERIES_FILE not in empty and (folder / SERIES_FILE).is_file():
        # the ids given as text, the only ones a series' source cell can be (an id written
        # as a list or a mapping is campaign.yaml's problem; unhashable, it was a TypeError);
        # None, and the rows' sources not checked, as the tables' are not, when campaign.yaml
        # cannot be read (empty, not a mapping) or its sources are wrong themselves: its one
        # cause is said, not one "not a source id" per row
        source_ids: Optional[set] = None
        if refs is not None and "sources" not in refs.unchecked:
            source_ids = {
                s["id"]
                for s in data.get("sources") or []
                if isinstance(s, dict) and isinstance(s.get("id"), str)
            }
        series, series_problems, series_said = read_series(folder / SERIES_FILE, source_ids, build)
        problems.extend(series_problems)
        said.extend(series_said)
    if isinstance(data, dict) and refs is not None:
        series_names = (
            _series_names(folder / SERIES_FILE)
            if SERIES_FILE not in refused and (folder / SERIES_FILE).is_file()
            else set()
        )
        wrong, unheld = _indicator_problems(data, line_of, refs.metrics, series_names)
        problems.extend(wrong)
        said.extend(unheld)
    if warnings is not None:
        warnings.extend(replace(w, file=str(folder / w.file)) for w in said)
    problems.extend(_stray_files(folder))
    if problems or record is None:
        # Name files by their path, so a batch says which record each problem is in; the
        # record file first, since its problems are often the cause of the tables' ones.
        # Then each file line by line, and on a line column by column as the table has them.
        in_folder = {replace(p, file=str(folder / p.file)) for p in problems}
        headers: dict[str, list[str]] = {}

        def place(p: Problem) -> tuple:
            name = Path(p.file).name
            if name != Y and name not in headers:
                headers[name] = _header(folder, name)
            columns = headers.get(name, [])
            field = p.field.split(".")[0].split("[")[0]
            column = columns.index(field) if field in columns else len(columns)
            return (name != Y, p.file, p.line or 0, column, p.field, p.message)

        return None, sorted(in_folder, key=place)
    if not build:
        return None, []
    frames = {name: _frame(tables.get(name), model) for name, model in schema.TABLES.items()}
    return Campaign(
        path=folder.resolve(),
        record=record,
        activities=frames["activities.csv"],
        metrics=frames["metrics.csv"],
        engagements=frames["engagements.csv"],
        decisions=frames["decisions.csv"],
        content_hash=_content_hash(folder),
        series=series if series is not None else _no_rows(),
        warnings=said,
        _sources={s.id: s for s in record.sources},
    ), []


def _series_names(path: Path) -> set[str]:
    """The series series.csv's rows name (its `metric` column); its problems are its own."""
    opened = open_table(path, [])
    if opened is None:
        return set()
    header, reader = opened
    if "metric" not in header:
        return set()
    at = header.index("metric")
    return {r[at] for _, r in table_rows(SERIES_FILE, header, reader, []) if len(r) > at and r[at]}


def _indicator_problems(
    data: dict, line_of, metrics: set[str], series: set[str]
) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of the goals' `indicator_metric`: it names a metric of
    metrics.csv or a series of series.csv, and the goal's target is then a number the count
    must reach (indicator.FLOORS). A metric code no row records yet is a warning: the
    judgement cannot be compared with it."""
    Y = schema.RECORD_FILE
    problems: list[Problem] = []
    warnings: list[Problem] = []
    goals = data.get("goals")
    codes = set(typing.get_args(schema.Metric))
    held = sorted(metrics | series)
    for i, g in enumerate(goals if isinstance(goals, list) else []):
        if not isinstance(g, dict) or not isinstance(g.get("indicator_metric"), str):
            continue
        name = g["indicator_metric"].strip()
        where = ("goals", i, "indicator_metric")
        if name not in metrics and name not in series:
            known = Msg(
                "the record's metrics and series: {held}", held=names(held) if held else "none"
            )
            if name in codes:
                warnings.append(
                    Problem(
                        Y,
                        line_of(where),
                        _dotted(where),
                        Msg(
                            "{value}: no row {of_metrics} records it, so question 3 cannot "
                            "compare the goal's judgement with the record's own count; {known}",
                            value=quoted(name),
                            of_metrics=OF_METRICS,
                            known=known,
                        ),
                        warning=True,
                    )
                )
            else:
                problems.append(
                    Problem(
                        Y,
                        line_of(where),
                        _dotted(where),
                        Msg(
                            "{value} names no metric {of_metrics} and no series "
                            "{of_series}{meant}; {known}",
                            value=quoted(name),
                            of_metrics=OF_METRICS,
                            of_series=OF_SERIES,
                            meant=did_you_mean(name, held or codes),
                            known=known,
                        ),
                    )
                )
        target = g.get("target")
        at = ("goals", i, "target") if "target" in g else ("goals", i)
        floor = None
        if target is not None and not isinstance(target, bool):
            try:
                floor = Quantity.parse(str(target), whole=False)
            except ValueError:
                floor = None
        if floor is None or floor.qualifier not in (schema.TARGET_FLOORS + schema.TARGET_CEILINGS):
            problems.append(
                Problem(
                    Y,
                    line_of(at),
                    _dotted(("goals", i, "target")),
                    Msg(
                        "with indicator_metric, the target is the number the count must "
                        "reach, or come down to: write it as a number ('10000', 'at least "
                        "20', 'more than 60'; 'at most 40', 'fewer than 40' for a count to "
                        "bring down), got {value}",
                        value=quoted(target) if target is not None else Msg("no target"),
                    ),
                )
            )
    return problems, warnings


def _attained_before_launch(record, line_of) -> list[Problem]:
    """A warning at each judgement of attainment whose attainment lies wholly before the
    campaign's first phase started (schema.before_launch): question 3 does not
    count it, and the evaluator may have mistyped the date."""
    launch = schema.launch_day(record)
    first = min(record.phases, key=lambda p: p.start.start, default=None)
    out: list[Problem] = []
    if first is None:
        return out
    for i, g in enumerate(record.goals):
        for k, j in enumerate(g.judgements):
            if not schema.before_launch(j, launch):
                continue
            field = "attained" if j.attained is not None else "as_of"
            out.append(
                Problem(
                    schema.RECORD_FILE,
                    line_of(("goals", i, "judgements", k)),
                    f"goals[{i}].judgements[{k}].{field}",
                    Msg(
                        "{attainment}, attained {when}: before the campaign's first phase "
                        "started ({launch}), so the evaluation does not count it as the "
                        "campaign's achievement — if it was attained later, correct the date",
                        attainment=quoted(j.attainment),
                        when=(j.attained or j.as_of).text,
                        launch=first.start.text,
                    ),
                    warning=True,
                )
            )
    return out


def _judgements_that_disagree(record, line_of) -> list[Problem]:
    """A warning at each goal's judgement that a less favourable one of the same time
    disputes (schema.disputed): the evaluation reads the less favourable, and the evaluator
    may have meant one to come after the other."""
    out = []
    for i, g in enumerate(record.goals):
        for k, j in enumerate(g.judgements):
            others = schema.disputed(g, j)
            if not others:
                continue
            out.append(
                Problem(
                    schema.RECORD_FILE,
                    line_of(("goals", i, "judgements", k)),
                    f"goals[{i}].judgements[{k}].attainment",
                    Msg(
                        "{attainment} (as of {date}) is disputed by a judgement of the same "
                        "time: {others}; the evaluation reads the less favourable — if one "
                        "came after the other, give it its own as_of date",
                        attainment=quoted(j.attainment),
                        date=j.as_of.text,
                        others=joined(
                            "; ",
                            [
                                Msg(
                                    "{attainment} (as of {date}; judged by {who})",
                                    attainment=quoted(o.attainment),
                                    date=o.as_of.text,
                                    who=o.judged_by,
                                )
                                for o in others
                            ],
                        ),
                    ),
                    warning=True,
                )
            )
    return out


def _header(folder: Path, name: str) -> list[str]:
    """A table's column names, to order its problems on a line as its columns are; [] when
    it is no table or cannot be read (its own problem says why)."""
    import csv

    path = folder / name
    if path.suffix != ".csv" or _refusal(folder, name) or not path.is_file():
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            first = f.readline(1_000_000)
    except (OSError, UnicodeDecodeError):
        return []
    try:
        return [h.strip() for h in next(csv.reader([first]), [])]
    except csv.Error:
        return []


def load_campaign(path: str | Path) -> Campaign:
    """Load and validate a record folder; raise `RecordInvalid` listing every problem."""
    campaign, problems = check_record(path)
    if problems:
        raise RecordInvalid(path, problems)
    # built (build=True) whenever there is no problem: a record without one is a campaign
    assert campaign is not None
    return campaign
