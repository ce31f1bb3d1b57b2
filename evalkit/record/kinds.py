"""A value of the wrong kind in campaign.yaml (a list where a text goes, a text where a
mapping of keys goes, a word where true or false goes), said in the evaluator's words: what
was given, what the field takes, and an example of it as the record writes it — never
pydantic's own sentence ("input should be a valid dictionary or instance of Names").

The examples are the template's (`evalkit new`, evalkit/record/scaffold/campaign.yaml) at
the same place of the record, or the few fields the template leaves out (EXTRA), written on
one line as YAML reads it."""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Optional

from pydantic import BaseModel

from evalkit.i18n import Exact, Msg
from evalkit.record.problems import given, names

# the fields the template does not fill in, by their path (a list's entries as its first)
EXTRA: dict[tuple, Any] = {
    ("follows",): "earlier-campaign",
    ("summary",): "A few sentences on the campaign.",
    ("notes",): "Free text.",
    ("no_engagements",): True,
    ("sources", 0, "url"): "https://example.org/report",
    ("sources", 0, "published"): "2024-03-01",
    ("phases", 0, "trigger"): "offensive",
    ("phases", 0, "description"): "What the phase did.",
    ("hot_events", 0, "made_by_campaign"): False,
    ("goals", 0, "judgements", 0, "attained"): "2024-03",
    ("audiences", 0, "place"): ["home", "affected"],
    ("audiences", 0, "arena"): "national",
    ("audiences", 0, "description"): "Syrians in Europe.",
    ("media_tools", "spokesperson"): {"present": "no", "source": "interview-1"},
    ("media_tools", "accounts", 0, "active_to"): "2024-03",
    ("discourse", "hostile_language"): {
        "present": "no",
        "where": "online",
        "source": "interview-1",
    },
    ("coalitions",): [
        {
            "id": "main-coalition",
            "name": "Example coalition",
            "size": "more than 1,000 organisations",
            "source": "interview-1",
        }
    ],
    ("opponents",): [
        {
            "name": "Example lobby",
            "kind": "lobby",
            "counter_narrative": "yes",
            "source": "interview-1",
        }
    ],
}
LONGEST = 120  # an example is cut after this many characters


@functools.cache
def _template() -> Any:
    from evalkit.record.load import _yaml
    from evalkit.record.template import SCAFFOLD

    return _yaml("safe").load((SCAFFOLD / "campaign.yaml").read_text(encoding="utf-8"))


def _at(data: Any, loc: tuple) -> Any:
    """The value at `loc`, an index standing for any entry of its list: the first entry
    that has the rest of `loc` (the template's second goal names decision makers)."""
    if not loc:
        return data
    part, rest = loc[0], loc[1:]
    if isinstance(data, list) and isinstance(part, int):
        return next((v for e in data if (v := _at(e, rest)) is not None), None)
    if isinstance(data, dict) and isinstance(part, str) and part in data:
        return _at(data[part], rest)
    return None


def template_value(loc: tuple) -> Any:
    """The template's value at `loc` (every list index read as its first entry), or None."""
    plain = tuple(0 if isinstance(p, int) else p for p in loc)
    for n in range(len(plain), 0, -1):  # a field the template has inside an entry it lacks
        if plain[:n] in EXTRA:
            return _at(EXTRA[plain[:n]], plain[n:])
    return _at(_template(), plain)


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*$")


def flow(value: Any) -> str:
    """`value` written on one line as YAML reads it back: `{en: My campaign, ar: حملتي}`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    text = str(value)
    needs_quotes = (
        not _PLAIN.match(text)
        or text.strip() != text
        or text.lower() in ("yes", "no", "true", "false", "null", "on", "off", "~")
    )
    return '"' + text.replace('"', '\\"') + '"' if needs_quotes else text


def _cut(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def _fitted(value: Any, room: int) -> Any:
    """A mapping with as many of its keys as fit on a line of `room` characters (at least
    one): an example shows how the value is written, not all of it."""
    if not isinstance(value, dict):
        return value
    keys = list(value)
    while len(keys) > 1 and len(flow({k: value[k] for k in keys})) > room:
        keys.pop()
    return {k: value[k] for k in keys}


def _inner(annotation: Any) -> tuple[Any, bool]:
    """(the inner type, is it a list of them) of Optional/Annotated/list annotations."""
    listed = False
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin is list:
            listed, annotation = True, args[0]
        elif origin in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            return annotation, listed


def field_at(model: type[BaseModel], loc: tuple):
    """(the model that holds the field at `loc`, the field's info), or (None, None)."""
    current: Any = model
    holder, info = None, None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None, None
        info = current.model_fields.get(part)
        if info is None:
            return None, None
        holder = current
        current = _inner(info.annotation)[0]
    return holder, info


def _model_of(info) -> Optional[type[BaseModel]]:
    inner = _inner(info.annotation)[0] if info is not None else None
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _keys(model: type[BaseModel]) -> Msg:
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    optional = [n for n, f in model.model_fields.items() if not f.is_required()]
    if required and optional:
        return Msg(
            "the keys {required} (required) and {optional}",
            required=names(required),
            optional=names(optional),
        )
    return Msg("the keys {keys}", keys=names(required or optional))


def _example_entry(model: type[BaseModel], loc: tuple) -> dict:
    """An entry of `model` as the template writes one at `loc`, else its required keys."""
    found = template_value(loc)
    if isinstance(found, dict):
        return found
    return {n: "…" for n, f in model.model_fields.items() if f.is_required()}


def wrong_kind(kind: str, loc: tuple, value: Any, model: type[BaseModel]) -> Optional[Msg]:
    """The message for pydantic's error `kind` at `loc` of `model` (campaign.yaml's), with
    `value` the record's: what was given, what the field takes, an example; None when
    `kind` is no error of a value's kind."""
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    in_list = bool(loc) and isinstance(loc[-1], int)  # an entry of a list, not the list
    _, info = field_at(model, loc)
    sub = _model_of(info)
    listed = _inner(info.annotation)[1] if info is not None else False
    example = template_value(loc)

    def said(expected, written: Any, hint: "Msg | str" = "") -> Msg:
        written = _fitted(written, LONGEST - len(key) - 2)
        shown = _cut(f"{key}: {flow(written)}" if not in_list else f"- {flow(written)}")
        return Msg(
            "expected {expected}, got {given}{hint}; e.g. {example}",
            expected=expected,
            given=given(value),
            hint=hint,
            example=Exact(shown),
        )

    if kind in ("model_type", "model_attributes_type", "dict_type") and sub is not None:
        entry = _example_entry(sub, loc)
        if isinstance(value, str) and value:
            # the text given, in the mapping's first required text key (name: {en: …})
            first = next(
                (n for n, f in sub.model_fields.items() if f.is_required() and n != "id"), None
            )
            if first is not None and len(sub.model_fields) <= 3:
                entry = {first: value}
        what = (
            Msg("an entry with {keys}", keys=_keys(sub))
            if in_list
            else Msg("a mapping with {keys}", keys=_keys(sub))
        )
        return said(what, entry)
    if kind == "list_type":
        if sub is not None:
            entry = _fitted(_example_entry(sub, (*loc, 0)), LONGEST - len(key) - 4)
            shown = _cut(f"{key}: [{flow(entry)}]")
            hint = (
                Msg(
                    "; a list's entries each start with '- ' on a line of their own "
                    "(here: put '- ' before its first key)"
                )
                if isinstance(value, dict)
                else ""
            )
            return Msg(
                "expected a list of entries, each with {keys}, got {given}{hint}; e.g. {example}",
                keys=_keys(sub),
                given=given(value),
                hint=hint,
                example=Exact(shown),
            )
        items = [value] if isinstance(value, str) and value else example
        return said(
            Msg("a list (one item per line starting with '- ', or [a, b])"),
            items if items is not None else ["…"],
        )
    if kind in ("string_type", "string_too_short"):
        if kind == "string_type" and isinstance(value, list) and value and not listed:
            written = "; ".join(str(v) for v in value)
        elif isinstance(example, str):
            written = example
        else:
            written = "…"
        if isinstance(value, bool):
            # `name: true`: YAML read a bare word as true or false
            return Msg(
                "expected text, got {given}: YAML reads a bare true, false, yes or no "
                "as true or false; quote the text, e.g. {example}",
                given=given(value),
                example=Exact(_cut(f'{key}: "{str(value).lower()}"')),
            )
        expected = Msg("an id (a text)") if key == "id" or key.endswith("source") else Msg("text")
        hint = (
            Msg(
                " (lines indented under the key make a mapping: write the text on the "
                "key's line, in quotes if it holds ': ')"
            )
            if isinstance(value, dict)
            else ""
        )
        return said(
            Msg("non-empty text") if kind == "string_too_short" else expected, written, hint
        )
    if kind in ("bool_type", "bool_parsing"):
        return said(Msg("true or false"), example if isinstance(example, bool) else True)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return said(Msg("a whole number"), example if isinstance(example, int) else 2)
    if kind in ("float_type", "float_parsing"):
        return said(Msg("a number"), example if example is not None else 1)
    if kind == "too_short":
        if sub is not None:
            entry = _fitted(_example_entry(sub, (*loc, 0)), LONGEST - len(key) - 4)
            return Msg(
                "the list is empty, and the record needs at least one entry, each with "
                "{keys}; e.g. {example}",
                keys=_keys(sub),
                example=Exact(_cut(f"{key}: [{flow(entry)}]")),
            )
        return Msg("the list is empty, and the record needs at least one item")
    return None


def missing_list(loc: tuple, model: type[BaseModel]) -> Optional[Msg]:
    """A required list of entries left out (`phases`, `sources`, `goals`): what it holds,
    with an example; None for any other missing field (said as missing)."""
    _, info = field_at(model, loc)
    sub = _model_of(info)
    if sub is None or not _inner(info.annotation)[1] or len(loc) != 1:
        return None
    key = str(loc[0])
    entry = _fitted(_example_entry(sub, (*loc, 0)), LONGEST - len(key) - 4)
    return Msg(
        "required field is missing: the record needs {key}, a list of at least one entry, "
        "each with {keys}; e.g. {example}",
        key=Exact(key),
        keys=_keys(sub),
        example=Exact(_cut(f"{key}: [{flow(entry)}]")),
    )
