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
import io
import json
import re
import typing
from pathlib import Path
from typing import Any, Iterator, Optional

from pydantic import BaseModel

from evalkit.record import schema
from evalkit.i18n import LANGUAGES, N_, Exact, Msg, joined, tr
from evalkit.record.problems import Problem, quoted

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

    def said(self, fields: list[str]) -> "Msg | str":
        """The example's words kept, as the record has them: `name 'My campaign'`, each
        field's name and value the record's own words (isolated each on its own in an
        Arabic line, where a name and an Arabic value together would be torn apart)."""
        return joined(
            ", ",
            [
                Msg("{field} {value}", field=Exact(f), value=quoted(_shown(self.values[f])))
                for f in fields
            ],
        )


def _shown(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# --- the scaffold in a language (`evalkit new --lang ar`) ------------------------------------
# The scaffold is written in English (scaffold/); in another language it is the same record
# with its words said in that language, from the catalogue: every comment of campaign.yaml,
# and every example text of it and of its tables. What the format defines stays as it is —
# keys, column names, codes, ids, dates —, the examples' `language` is the record's
# language, and a count's qualifier is said in its words («حوالي 5000», which the format
# reads as 'about 5000').
SCAFFOLD_COMMENTS = (
    N_("A campaign record (format version 2). Replace the examples with your campaign."),
    N_("Every field is explained in docs/campaign-format.md. Check your work with:"),
    N_("evalkit validate <this folder>"),
    N_("a slug: lower-case letters, digits, hyphens"),
    N_("en: its name in English (required)"),
    N_("optional"),
    N_("every fact below points to one of these by its id"),
    N_('dates: YYYY-MM-DD, YYYY-MM, YYYY, "late 2024-01", "2024-01..2024-03"'),
    N_("offensive, photo_release, vote, truce, agreement, law, ..."),
    N_("optional: when a prepared observer could expect it"),
    N_("interim or main"),
    N_("short, medium or long"),
    N_("the evaluator's attainment judgement, with evidence"),
    N_("achieved, partly, not_achieved, unknown"),
    N_(
        "decision_makers, media, politicians, civil_society, academics, celebrities, general_public"
    ),
    N_("primary (decides) or secondary (pressure makers)"),
    N_("local, regional, international, blocking_state"),
    N_("ally, neutral, opponent, mixed, unknown"),
    N_("quote yes/no: YAML reads bare yes as true"),
    N_("yes, partly, no, unknown"),
    N_("each: absent, present, dominant or unknown"),
    N_("coalitions: its coalitions (docs/campaign-format.md); `coalitions: []` only if none"),
)
# the example texts: free text the evaluator replaces (never an id, a code or a date)
SCAFFOLD_TEXTS = (
    N_("What happened that the campaign answers (e.g. an offensive on a city)."),
    N_("Example organisation"),
    N_("Your name"),
    N_("Interview with an organiser, 2024-03-01"),
    N_("Phase 1"),
    N_("The offensive the campaign reacted to."),
    N_("Mobilise the diaspora."),
    N_("number of protest stands"),
    N_("at least 20 stands"),
    N_("12 stands recorded in activities.csv."),
    N_("Stop the offensive."),
    N_("UN Security Council"),
    N_("#MyCampaign"),
    N_("Calls to join the stands."),
    N_("Example NGO"),
    N_("humanitarian"),
    N_("UK"),
    N_("Protest stands in European capitals"),
    N_("UK Foreign Office"),
    N_("UK government"),
    N_("Meeting with a desk officer"),
)
# the language the examples are in (hashtags, accounts, activities, metrics)
SCAFFOLD_LANGUAGE = "en"
# a count as the scaffold writes one, and its qualifier in the catalogue's words
_COUNT = re.compile(r"about (\d+)")
COUNT_SAID = N_("about {n}")
# a comment: a # at a line's start or after a space, and the text after it
_COMMENT = re.compile(r"(^|\s)#(\s*)(.*)$")


def _in(lang: str, text: str) -> str:
    """A scaffold's word in `lang` (the English where the catalogue has none)."""
    return str(tr(text, lang))


def _count_in(lang: str, text: str) -> str:
    count = _COUNT.fullmatch(text)
    return _in(lang, COUNT_SAID).format(n=count.group(1)) if count else text


def _yaml_in(lang: str, text: str) -> str:
    """campaign.yaml's scaffold in `lang`: each comment said in it, and each example text
    (a whole scalar: after `key: `, `- `, `[` or `, `) written as a quoted YAML string."""
    texts = sorted(SCAFFOLD_TEXTS, key=len, reverse=True)
    value = re.compile(
        r"(?:(?<=: )|(?<=- )|(?<=\[)|(?<=, ))(\"?)("
        + "|".join(re.escape(t) for t in texts)
        + r")\1(?=\s*(?:$|[,}\]]|#))"
    )
    count = re.compile(r"(?<=: )" + _COUNT.pattern + r"(?=\s*(?:$|[,}]|#))")
    out = []
    for line in text.splitlines():
        comment = _COMMENT.search(line)
        # the code before the comment, with the spaces that align the comment
        code = line[: comment.end(1)] if comment else line
        code = value.sub(lambda m: json.dumps(_in(lang, m.group(2)), ensure_ascii=False), code)
        code = count.sub(
            lambda m: json.dumps(_count_in(lang, m.group(0)), ensure_ascii=False), code
        )
        code = re.sub(rf"\blanguage: {SCAFFOLD_LANGUAGE}\b", f"language: {lang}", code)
        if comment:
            code += f"#{comment.group(2)}{_in(lang, comment.group(3).strip())}"
        out.append(code)
    return "\n".join(out) + "\n"


def _table_in(lang: str, text: str) -> str:
    """A table of the scaffold in `lang`: its example texts and counts said in it, its
    `language` column the record's language."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    translated = set(SCAFFOLD_TEXTS)
    for row in rows[1:]:
        for i, cell in enumerate(row):
            if i < len(header) and header[i] == "language" and cell == SCAFFOLD_LANGUAGE:
                row[i] = lang
            elif cell in translated:
                row[i] = _in(lang, cell)
            else:
                row[i] = _count_in(lang, cell)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@functools.cache
def scaffold_files(lang: str = "en") -> dict[str, str]:
    """The scaffold's files (name -> text) in `lang`: English as scaffold/ has them."""
    files = {
        f.name: f.read_text(encoding="utf-8") for f in sorted(SCAFFOLD.iterdir()) if f.is_file()
    }
    if lang == "en":
        return files
    return {
        name: _yaml_in(lang, text) if name == schema.RECORD_FILE else _table_in(lang, text)
        for name, text in files.items()
    }


NO_ARABIC_NAME = N_("ar: the campaign's name in Arabic (optional)")


def write_scaffold(target: Path, slug: str, name: str = "", lang: str = "en") -> None:
    """A new record in the folder `target`: the scaffold in `lang`, its id `slug` (the
    folder's name, so that two new records never share one by accident), and its name
    `name` when one was given — in Arabic script it goes to name.ar too, and a name without
    Arabic leaves name.ar a comment saying what to write there."""
    files = dict(scaffold_files(lang))
    text = re.sub(
        r"^id: my-campaign\b", f"id: {slug}", files[schema.RECORD_FILE], count=1, flags=re.M
    )
    if name and name != slug:
        quoted = json.dumps(name, ensure_ascii=False)
        arabic = bool(re.search(r"[\u0600-\u06FF]", name))
        text = re.sub(
            r"^  en: My campaign(?=\s*(#.*)?$)",
            f"  en: {slug if arabic else quoted}",
            text,
            count=1,
            flags=re.M,
        )
        text = re.sub(
            r"^  ar: حملتي(\s*#.*)?$",
            f"  ar: {quoted}" if arabic else f"  # {_in(lang, NO_ARABIC_NAME)}",
            text,
            count=1,
            flags=re.M,
        )
    files[schema.RECORD_FILE] = text
    for file, content in files.items():
        (target / file).write_text(content, encoding="utf-8")


def _scaffold_yaml(lang: str = "en") -> dict:
    from evalkit.record.load import _yaml

    return _yaml("safe").load(scaffold_files(lang)[schema.RECORD_FILE])


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
def _yaml_examples() -> tuple[dict[tuple, list[_Example]], dict[tuple, tuple[bool, set]]]:
    """The scaffold's example entries by where they sit, and its single text fields (where
    they sit -> whether a list, the examples' values), in every language `evalkit new`
    writes it in."""
    entries: dict[tuple, list[_Example]] = {}
    singles: dict[tuple, tuple[bool, set]] = {}
    for lang in LANGUAGES:
        data = _scaffold_yaml(lang)
        for loc, item, model in _entries(data, schema.CampaignRecord, ()):
            if loc[0] in SINGLE_FIELDS:
                continue
            example = _entry_example(item, model)
            if example.words:
                entries.setdefault(_signature(loc), []).append(example)
        for key in SINGLE_FIELDS:
            value = data.get(key)
            if isinstance(value, dict):
                sub = _model_of(schema.CampaignRecord, key)
                for k, v in value.items():
                    if sub is not None and _is_text(sub, k) and v:
                        singles.setdefault((key, k), (False, set()))[1].add(_norm(v))
            elif isinstance(value, list):
                for v in value:
                    singles.setdefault((key,), (True, set()))[1].add(_norm(v))
            elif value:
                singles.setdefault((key,), (False, set()))[1].add(_norm(value))
    return entries, singles


def yaml_problems(data: Any, line_of, entries_too: bool = True) -> list[Problem]:
    """The template's examples still in campaign.yaml's `data`, at their lines: its single
    text fields, and (`entries_too`) its entries."""
    from evalkit.record.load import _dotted

    if not isinstance(data, dict):
        return []
    entries, singles = _yaml_examples()
    problems = []
    for loc, (is_list, values) in singles.items():
        node: Any = data
        for part in loc:
            node = node.get(part) if isinstance(node, dict) else None
        items = list(enumerate(node)) if is_list and isinstance(node, list) else []
        hits = (
            [((*loc, i), v) for i, v in items if _norm(v) in values]
            if is_list
            else ([(loc, node)] if node is not None and _norm(node) in values else [])
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
        fields = _entry_example(item, model).values
        for example in examples:
            kept = example.kept_in(fields)
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
    """The scaffold's example rows of the table `name`, in every language."""
    model = schema.TABLES.get(name)
    if model is None or name not in scaffold_files():
        return ()
    out = []
    for lang in LANGUAGES:
        rows = list(csv.reader(io.StringIO(scaffold_files(lang)[name])))
        header = rows[0] if rows else []
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
