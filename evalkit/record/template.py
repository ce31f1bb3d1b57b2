"""The template's own examples, left in a record folder: `evalkit new` writes a record whose
example rows and fields are made up (an organisation called "Example organisation", a
meeting "with a desk officer"). They are valid, so the contract alone lets an untouched
template through as a campaign, with verdicts computed from invented data. Each example
still in a record is a problem at its file and line, as `evalkit new --xlsx`'s grey example
rows are on a workbook (workbook.py), so the record is refused until they are replaced.

What counts as still the template's, with no shading to tell it: an entry (a source, a
phase, a goal, a judgement, a hashtag, …) or a table row that keeps every one of the
example's own words (its free-text fields: a description, a name, a citation, an evidence)
and at least half of all the example's filled-in fields, each in its place — the workbook's
"mostly unchanged" rule, with the example's words standing in for its shading. Ids, sources,
vocabulary words, dates and numbers alone never make an entry the template's: a real
campaign may share them. The record's single text fields (its name, cause, organisers,
evaluator, summary, notes) are the template's when they are still the example's words."""

from __future__ import annotations

import csv
import functools
import typing
from pathlib import Path
from typing import Any, Iterator, Optional

from pydantic import BaseModel

from evalkit.record import schema
from evalkit.i18n import Exact, Msg
from evalkit.record.problems import Problem, quoted, shown

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
# the record's own fields checked one by one (each stands alone, not as part of an entry)
SINGLE_FIELDS = ("name", "cause", "summary", "organisers", "evaluator", "notes")
_SLUG = "^[a-z0-9][a-z0-9-]*$"


def _metadata(annotation: Any) -> tuple[Any, list]:
    """(the inner type, every constraint met on the way) of Optional/list/Annotated."""
    found: list = []
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            for m in args[1:]:
                found.append(m)
                found.extend(getattr(m, "metadata", None) or [])
            annotation = args[0]
        elif origin is list:
            annotation = args[0]
        elif args and type(None) in args:
            annotation = next(a for a in args if a is not type(None))
        else:
            return annotation, found


def _is_text(model: type[BaseModel], name: str) -> bool:
    """The field holds the evaluator's own words: text that is not an id, a reference to a
    source, a language or a word of a vocabulary."""
    field = model.model_fields.get(name)
    if field is None or name == "source":
        return False
    inner, found = _metadata(field.annotation)
    found += list(field.metadata)
    if inner is not str:
        return False
    for m in found:
        if getattr(m, "pattern", None) == _SLUG:
            return False
        func = getattr(m, "func", None)
        if func is not None and getattr(func, "__name__", "") == "parse_language":
            return False
    return True


def _model_of(model: type[BaseModel], name: str) -> Optional[type[BaseModel]]:
    field = model.model_fields.get(name)
    if field is None:
        return None
    inner, _ = _metadata(field.annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _norm(value: Any) -> Any:
    """A YAML or CSV value as compared: text stripped, a list as a tuple of such."""
    if isinstance(value, list):
        return tuple(_norm(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


class _Example:
    """One example entry or row: its filled-in fields, and which of them are its words."""

    def __init__(self, values: dict[str, Any], words: tuple[str, ...]):
        self.values = {k: v for k, v in values.items() if v not in ("", ())}
        self.words = tuple(w for w in words if w in self.values)

    def kept_in(self, values: dict[str, Any]) -> Optional[list[str]]:
        """The example's words still in `values` (an entry's or a row's fields), or None
        when the entry is not the example's."""
        if not self.words or any(values.get(w, "") != self.values[w] for w in self.words):
            return None
        kept = sum(1 for k, v in self.values.items() if values.get(k, "") == v)
        return list(self.words) if kept * 2 >= len(self.values) else None

    def said(self, fields: list[str]) -> Exact:
        """The example's words kept, as the record has them: `name 'My campaign'`."""
        return Exact(", ".join(f"{f} {shown(_shown(self.values[f]))}" for f in fields))


def _shown(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _scaffold_yaml() -> dict:
    from evalkit.record.load import _yaml

    return _yaml("safe").load((SCAFFOLD / schema.RECORD_FILE).read_text(encoding="utf-8"))


def _entries(node: Any, model: type[BaseModel], path: tuple) -> Iterator[tuple[tuple, Any, type]]:
    """Every mapping below the record's top (an entry of a list, or a part such as
    `discourse.call_to_action`), with its path (list positions left out) and its model."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        sub = _model_of(model, key) if isinstance(key, str) else None
        if sub is None:
            continue
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, dict):
                where = (*path, key, i) if isinstance(value, list) else (*path, key)
                yield where, item, sub
                yield from _entries(item, sub, where)


def _signature(loc: tuple) -> tuple:
    return tuple(p for p in loc if not isinstance(p, int))


def _entry_example(item: dict, model: type[BaseModel]) -> _Example:
    values = {
        k: _norm(v)
        for k, v in item.items()
        if isinstance(k, str)
        and not isinstance(v, dict)
        and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))
    }
    return _Example(values, tuple(k for k in values if _is_text(model, k)))


@functools.lru_cache(maxsize=1)
def _yaml_examples() -> tuple[dict[tuple, list[_Example]], dict[tuple, Any]]:
    """The scaffold's example entries by where they sit, and its single text fields."""
    data = _scaffold_yaml()
    entries: dict[tuple, list[_Example]] = {}
    for loc, item, model in _entries(data, schema.CampaignRecord, ()):
        if loc[0] in SINGLE_FIELDS:
            continue
        example = _entry_example(item, model)
        if example.words:
            entries.setdefault(_signature(loc), []).append(example)
    singles: dict[tuple, Any] = {}
    for key in SINGLE_FIELDS:
        value = data.get(key)
        if isinstance(value, dict):
            sub = _model_of(schema.CampaignRecord, key)
            for k, v in value.items():
                if sub is not None and _is_text(sub, k) and v:
                    singles[(key, k)] = _norm(v)
        elif isinstance(value, list):
            for v in value:
                singles.setdefault((key,), set()).add(_norm(v))
        elif value:
            singles[(key,)] = _norm(value)
    return entries, singles


def yaml_problems(data: Any, line_of, entries_too: bool = True) -> list[Problem]:
    """The template's examples still in campaign.yaml's `data`, at their lines: its single
    text fields, and (`entries_too`) its entries."""
    from evalkit.record.load import _dotted

    if not isinstance(data, dict):
        return []
    entries, singles = _yaml_examples()
    problems = []
    for loc, value in singles.items():
        node: Any = data
        for part in loc:
            node = node.get(part) if isinstance(node, dict) else None
        items = list(enumerate(node)) if isinstance(value, set) and isinstance(node, list) else []
        hits = (
            [((*loc, i), v) for i, v in items if _norm(v) in value]
            if isinstance(value, set)
            else ([(loc, node)] if node is not None and _norm(node) == value else [])
        )
        for where, v in hits:
            problems.append(
                Problem(
                    schema.RECORD_FILE,
                    line_of(where),
                    _dotted(where),
                    Msg(
                        "still the template's example text ({value}, from `evalkit new`): "
                        "write the campaign's own",
                        value=quoted(v),
                    ),
                )
            )
    for loc, item, model in _entries(data, schema.CampaignRecord, ()) if entries_too else ():
        examples = entries.get(_signature(loc))
        if not examples:
            continue
        values = _entry_example(item, model).values
        for example in examples:
            kept = example.kept_in(values)
            if kept:
                problems.append(
                    Problem(
                        schema.RECORD_FILE,
                        line_of(loc),
                        _dotted(loc),
                        Msg(
                            "still the template's example from `evalkit new`, its words "
                            "unchanged ({kept}): replace it with the campaign's own, or delete it",
                            kept=example.said(kept),
                        ),
                    )
                )
                break
    return problems


@functools.cache
def _table_examples(name: str) -> tuple[_Example, ...]:
    model = schema.TABLES.get(name)
    path = SCAFFOLD / name
    if model is None or not path.is_file():
        return ()
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0] if rows else []
    out = []
    for row in rows[1:]:
        values = {h: _norm(v) for h, v in zip(header, row)}
        out.append(_Example(values, tuple(h for h in header if _is_text(model, h))))
    return tuple(e for e in out if e.words)


def table_problems(name: str, lines: list[int], cells: dict[str, list[str]]) -> list[Problem]:
    """The template's example rows among a block of a table's rows (`cells`: column ->
    its stripped cells, one per line). Only the rows that keep the example's first word
    are looked at, so a table of a million rows costs one pass over one column."""
    problems = []
    for example in _table_examples(name):
        first = example.words[0]
        column = cells.get(first)
        if column is None:
            continue
        want = example.values[first]
        for i, cell in enumerate(column):
            if cell != want:
                continue
            kept = example.kept_in({k: cells[k][i] for k in example.values if k in cells})
            if kept:
                problems.append(
                    Problem(
                        name,
                        lines[i],
                        "",
                        Msg(
                            "still the template's example row from `evalkit new`, its words "
                            "unchanged ({kept}): replace it with the campaign's own, or delete "
                            "the row",
                            kept=example.said(kept),
                        ),
                    )
                )
    return problems
