"""The report's language: English (the default, the msgids themselves) or Arabic, from a
gettext message catalogue, `evalkit/i18n/locale/<lang>/LC_MESSAGES/evalkit.po`, read with Babel.

Every sentence evalkit writes into a report goes through `tr()`: a fixed string, or a
template whose fields are filled after translation — `tr("{met} of {total} met").format(…)`
— so a translator sees whole sentences. (The name is `tr`, not gettext's usual `_`: `_` is
the throwaway name in this code's loops, and a loop would silently shadow it.)
Record text — a campaign's name, goals, descriptions — is the evaluator's and is shown as
written. results.json is always English: it is data, not a report."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, TypeVar

_Word = TypeVar("_Word", bound=str)

LANGUAGES = {"en": "English", "ar": "العربية"}
RIGHT_TO_LEFT = {"ar"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "evalkit"

_current = "en"


def set_language(lang: str) -> None:
    """The language of everything `tr()` returns in this process from now on."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown report language {lang!r}; evalkit writes "
                         f"{', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


def direction(lang: str | None = None) -> str:
    return "rtl" if (lang or _current) in RIGHT_TO_LEFT else "ltr"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid → msgstr for `lang`; empty for English, whose msgids are the text."""
    if lang == "en":
        return {}
    from babel.messages.pofile import read_po
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as fh:
        cat = read_po(fh, locale=lang)
    # plural forms (tuple ids) are not used: each message is one sentence
    return {str(m.id): str(m.string) for m in cat if m.id and m.string and not m.fuzzy}


def tr(message: str, lang: str | None = None) -> str:
    """`message` in the report's language (or `lang`); the English when untranslated."""
    return catalogue(lang or _current).get(message, message)


def N_(message: _Word) -> _Word:
    """Marks a word for the catalogue without translating it here (gettext's no-op marker):
    vocabulary that reaches a report as a table cell or a field of a sentence. Generic, so
    that a word of a Literal type keeps it (`FIRES: RuleStatus = N_("fires")`)."""
    return message


class Msg(str):
    """A sentence the evaluation computes, as English text — what results.json stores and
    what code compares — that remembers its template and fields, so a report can show it
    in its own language: `Msg("{met} of {total} met", met=3, total=5)`.
    Fields that are themselves Msg, or vocabulary words, are translated with it."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, **fields):
        obj = super().__new__(cls, template.format(**fields) if fields else template)
        obj.template, obj.fields = template, fields
        return obj

    def translated(self, lang: str | None = None) -> str:
        fields = {k: localized(v, lang) for k, v in self.fields.items()}
        return tr(self.template, lang).format(**fields) if fields else tr(self.template, lang)

    def __reduce__(self):  # pickled across worker processes as what it is
        return (_rebuild, (self.template, self.fields))


def _rebuild(template, fields):
    return Msg(template, **fields)


def localized(value, lang: str | None = None):
    """Anything a report shows, in its language: a Msg by its template, a vocabulary word
    by the catalogue, a sentence read back from results.json by its template there
    (`remember`), anything else (record text, numbers) as it is."""
    if isinstance(value, str) and not isinstance(value, Msg) and value in _remembered:
        value = revive(value, _remembered)
    if isinstance(value, Msg):
        return value.translated(lang)
    if isinstance(value, (list, tuple)):
        return type(value)(localized(v, lang) for v in value)
    if isinstance(value, str) and value:  # a vocabulary word or code, when the whole is one
        return catalogue(lang or _current).get(value, value)
    return value


# a list shown in a report or results.json lists at most this many items, then their count:
# a record of 100,000 activities once gave one grid cell of 60 MB (issue 18 item 11)
LIST_CAP = 50


def joined(separator: str, parts, cap: int | None = LIST_CAP) -> "Msg | str":
    """Msgs joined into one, each part still translatable; past `cap` items, the rest are
    counted ('… and 9,950 more: the record's page lists every row')."""
    parts = list(parts)
    if cap is not None and len(parts) > cap:
        parts = [*parts[:cap], Msg("… and {n} more: the record's page (record.html) lists "
                                   "every row", n=len(parts) - cap)]
    template = separator.join(f"{{p{i}}}" for i in range(len(parts)))
    return Msg(template, **{f"p{i}": p for i, p in enumerate(parts)}) if parts else ""


# --- sentences stored in results.json ------------------------------------------------------
# results.json holds the English text of every sentence (it is data); beside it, under
# "messages", each sentence's template and fields, so a report built from results.json alone
# (the comparative report) can still show them in its language.

_remembered: dict = {}
# longer sentences are lists of the record's rows (thousands in a large record), mostly the
# evaluator's own text: kept out of the table, they keep results.json small
LONGEST_REMEMBERED = 2000


def message_table(obj) -> dict:
    """{English text: [template, fields]} for every Msg inside `obj` (nested fields too,
    each under its own text)."""
    table: dict = {}

    def visit(x):
        if isinstance(x, Msg) and len(x) > LONGEST_REMEMBERED:
            # a list of many rows, mostly record text: the rows' own sentences stay out, but
            # the sentence around them ("{n} activity rows: {entry}") is kept with its fields
            # as plain text, so its own words are still translated
            if str(x) not in table:
                table[str(x)] = [x.template, {k: _plain_field(v) for k, v in x.fields.items()}]
            return
        if isinstance(x, Msg):
            # a Msg that only wraps one field ("{what}", a join of one part) has the same
            # text as that field: the field's own entry says it all
            wraps = len(x.fields) == 1 and x.template == f"{{{next(iter(x.fields))}}}"
            if str(x) not in table and not wraps:
                table[str(x)] = [x.template, {k: _plain_field(v) for k, v in x.fields.items()}]
            for v in x.fields.values():
                visit(v)
        elif isinstance(x, dict):
            for v in x.values():
                visit(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                visit(v)
    visit(obj)
    return table


def _plain_field(value):
    """A field as JSON holds it: text (a Msg by its text, a Quantity by its words), or a
    plain number."""
    if isinstance(value, str):
        return str(value)
    if hasattr(value, "item"):  # numpy's numbers
        value = value.item()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def revive(text: str, table: dict, _within: frozenset = frozenset()):
    """The Msg a text of results.json was written from, or the text as it is."""
    entry = table.get(text)
    if entry is None or text in _within:  # a field with its sentence's own text: as it is
        return text
    template, fields = entry
    inside = _within | {text}
    return Msg(template, **{k: revive(v, table, inside) if isinstance(v, str) else v
                            for k, v in fields.items()})


def remember(table: dict) -> None:
    """Sentences read from results.json that `localized` may show translated."""
    _remembered.update(table)
