"""The report's language: English (the default, the msgids themselves) or Arabic, from a
gettext message catalogue, `evalkit/i18n/locale/<lang>/LC_MESSAGES/evalkit.po`, read with Babel.

Every sentence evalkit writes into a report goes through `tr()`: a fixed string, or a
template whose fields are filled after translation — `tr("{met} of {total} met").format(…)`
— so a translator sees whole sentences. (The name is `tr`, not gettext's usual `_`: `_` is
the throwaway name in this code's loops, and a loop would silently shadow it.)
Record text — a campaign's name, goals, descriptions — is the evaluator's and is shown as
written. results.json is always English: it is data, not a report."""

from __future__ import annotations

import datetime
import functools
import re
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
        raise ValueError(f"unknown report language {lang!r}; evalkit writes {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


def direction(lang: str | None = None) -> str:
    return "rtl" if (lang or _current) in RIGHT_TO_LEFT else "ltr"


@functools.cache
def _read(lang: str):
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as fh:
        return read_po(fh, locale=lang)


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid → msgstr for `lang`; empty for English, whose msgids are the text."""
    if lang == "en":
        return {}
    return {
        str(m.id): str(m.string)
        for m in _read(lang)
        if isinstance(m.id, str) and m.id and m.string and not m.fuzzy
    }


@functools.cache
def plural_catalogue(lang: str) -> dict[str, tuple[str, ...]]:
    """Messages with a count (gettext's msgid_plural): both English forms → the language's
    forms (Arabic has six: 0, 1, 2, 3–10, 11–99, 100…), in gettext's order."""
    if lang == "en":
        return {}
    found = {}
    for m in _read(lang):
        if isinstance(m.id, tuple) and all(m.string) and not m.fuzzy:
            found[m.id[0]] = found[m.id[1]] = tuple(m.string)
    return found


@functools.cache
def _plural_index(lang: str):
    import gettext

    return gettext.c2py(_read(lang).plural_expr)


# A field that ends a sentence of its own ("… after the event.") loses its full stop where
# the sentence it is put in goes on with punctuation or a bracket ("{x}; {y}", "{x} ({date})",
# "{reason}."): never ".;", ". (" or "..". An ellipsis ("..", "…") keeps its dots.
_STOP = re.compile("(?<![.])\\.(\u2069*)$")  # the stop, before any isolates' ends (PDI)
_FIELD_BEFORE_PUNCTUATION = re.compile(r"\{(\w+)\}(?=\s*[.;,:)\]؛،—–(\[])")


def without_stop(text):
    """`text` without the full stop that ends it (a sentence used as a fragment); anything
    else as it is, and the record's words that are `Exact` (a path, a quoted cell)."""
    if not isinstance(text, str) or isinstance(text, Exact):
        return text
    # _STOP can only match text ending in its stop, an isolate's end, or a final newline
    # (before which $ also matches): anything else is as it is, without the regex
    if not text.endswith((".", PDI, "\n")):
        return text
    return _STOP.sub(r"\1", text)


@functools.lru_cache(maxsize=4096)
def _stopped_fields(template: str) -> frozenset[str]:
    """The fields of `template` whose full stop gives way to the sentence's punctuation:
    those followed by punctuation or a bracket, and every part of a list of several
    (`joined`; a list of one is that part, as it is)."""
    if _JOIN.fullmatch(template):
        parts = re.findall(r"\{(\w+)\}", template)
        return frozenset(parts if len(parts) > 1 else ())
    return frozenset(m.group(1) for m in _FIELD_BEFORE_PUNCTUATION.finditer(template))


def _fitted(template: str, fields: dict) -> dict:
    stopped = _stopped_fields(template)
    return {k: without_stop(v) if k in stopped else v for k, v in fields.items()}


# types that never say themselves in words (no __msg__): `said` hands them back at once
_PLAIN = frozenset((str, int, float, type(None), bool))


def said(value):
    """A field as a sentence holds it: a value that says itself in words — a qualified count
    (evalkit.record.values.Quantity, 'more than 30', «أكثر من 30») by its `__msg__` — as
    that Msg, so that its qualifier is translated with the sentence and the noun it counts
    agrees with the numeral written beside it (Arabic «أكثر من 30 عضواً»); anything else as
    it is. Every way a field reaches a sentence goes through it (`Msg`, `tr(…).format`,
    `localized`): a count's own text (English) is never what a report shows."""
    if type(value) in _PLAIN:  # most fields (a number written out, an int): as they are
        return value
    to_msg = getattr(type(value), "__msg__", None)
    return value if to_msg is None else to_msg(value)


class Template(str):
    """A translated sentence whose `format` fits each field into it: isolated in a
    right-to-left sentence (see `isolated`: a Latin name or a date range keeps its order and
    the punctuation around it stays the sentence's), and without its own full stop where
    the sentence's punctuation follows it (`without_stop`)."""

    lang = "en"

    def format(self, *args, **fields):
        fields = _fitted(self, {k: _said_in(v, self.lang) for k, v in fields.items()})
        return str.format(
            self,
            *(isolated(_said_in(a, self.lang), self.lang) for a in args),
            **{k: isolated(v, self.lang) for k, v in fields.items()},
        )


def _said_in(value, lang: str):
    """A field of a translated template: a value that says itself (`said`), in `lang`."""
    shown = said(value)
    return value if shown is value else localized(shown, lang)


class Verbatim(str):
    """The record's own words — an id, a name, a description, a source — shown as the
    evaluator wrote them in every language: never looked up in the catalogue, where an
    audience whose id is `home` would read as the vocabulary word 'home' («بلد الحملة»).
    The record's contract (evalkit.record.schema) makes every free-text field of
    campaign.yaml one; a Msg's field keeps it through results.json (`message_table`)."""

    __slots__ = ()

    def __reduce__(self):  # pickled across worker processes as what it is
        return (Verbatim, (str(self),))

    # The record's words stay its own when the code trims, cuts or capitalises them (a
    # goal without its full stop, a note with a capital): a plain str would be looked up
    # in the catalogue again, and a phase id or a note 'signatures' read as evalkit's word.
    def __getitem__(self, key):
        return Verbatim(str.__getitem__(self, key))

    def __add__(self, other):
        joined = str.__add__(self, other)
        return Verbatim(joined) if isinstance(other, Verbatim) else joined

    def strip(self, chars=None):
        return Verbatim(str.strip(self, chars))

    def lstrip(self, chars=None):
        return Verbatim(str.lstrip(self, chars))

    def rstrip(self, chars=None):
        return Verbatim(str.rstrip(self, chars))

    def upper(self):
        return Verbatim(str.upper(self))

    def lower(self):
        return Verbatim(str.lower(self))

    def capitalize(self):
        return Verbatim(str.capitalize(self))

    def replace(self, old, new, count=-1):
        return Verbatim(str.replace(self, old, new, count))

    def removesuffix(self, suffix):
        return Verbatim(str.removesuffix(self, suffix))

    def removeprefix(self, prefix):
        return Verbatim(str.removeprefix(self, prefix))


class Exact(Verbatim):
    """The record's words quoted to the letter, full stop and all, wherever a sentence puts
    them: a path (`evalkit run .`), a file's or a column's name, a cell quoted in a
    problem ('Aleppo.'), which a message must not trim as it trims a sentence it holds."""

    __slots__ = ()

    def __reduce__(self):
        return (Exact, (str(self),))


def tr(message: str, lang: str | None = None) -> str:
    """`message` in the report's language (or `lang`); the English when untranslated. Its
    `format` fits the fields it fills in (`Template`). The record's own words (`Verbatim`)
    are never translated."""
    lang = lang or _current
    if isinstance(message, Verbatim):
        return message
    out = Template(catalogue(lang).get(message, message))
    out.lang = lang
    return out


def trn(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """A message with a count, in the form the language uses for `n` (gettext's ngettext):
    English has two forms, Arabic six."""
    lang = lang or _current
    forms = plural_catalogue(lang).get(singular)
    if forms is None:
        return singular if _one(n) else plural
    return _in_form(lang, forms, n)


def _number(n) -> float | None:
    """A count as a number: a number, digits ('1', '1,000') or a quantity's exact '{n}';
    None for anything else — a bound or a range ('more than 1 million', '2–3'), whose
    counted noun takes the form of many."""
    if isinstance(n, Msg) and n.template == "{n}" and "n" in n.fields:
        return _number(n.fields["n"])
    try:
        return float(n.replace(",", "") if isinstance(n, str) else n)
    except (TypeError, ValueError):
        return None


# a numeral as a count shows it at the end of its words ('more than 8', '1,000', '6.2'), and
# a range's end ('20–30', '20 - 30')
_LAST_NUMERAL = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)$")
_RANGE_END = re.compile(r"\d\s*(?:–|-|\.\.)\s*\d[\d,.]*$")


def _beside_the_noun(n) -> tuple[str | None, bool]:
    """The numeral a counted noun agrees with, as the count shows it, and whether it ends
    a range: the count's own ('1', '6.2'), or for a bound or a range the numeral written
    next to the noun — 'more than 8 events' agrees with 8 (Arabic: «أكثر من 8 فعاليات», a
    noun of 3 to 10), 'at least 1 week' with 1, '20–30' with 30, in a Msg or as text; None
    where no numeral stands there ('3 million'); a count in words with its bound's
    ('dozens (at least 24)': 24, `COUNT_IN_WORDS`)."""
    ranged = False
    while isinstance(n, Msg) and n.fields:
        last = re.search(
            r"\{(\w+)\}\)?$" if n.template == COUNT_IN_WORDS else r"\{(\w+)\}$", n.template
        )
        if last is None:
            return None, False
        ranged = ranged or bool(re.search(r"\}\s*(?:–|-|\.\.)\s*\{\w+\}$", n.template))
        n = n.fields[last.group(1)]
    if isinstance(n, bool) or not isinstance(n, (str, int, float)) and not hasattr(n, "item"):
        return None, False
    text = plain(f"{n}").strip()  # as the sentence shows it: 1.0 is '1.0', not '1'
    numeral = _LAST_NUMERAL.search(text)
    if numeral is None:
        return None, False
    return numeral.group(1).replace(",", ""), ranged or bool(_RANGE_END.search(text))


def _one(n) -> bool:
    """English's singular: the numeral beside the noun is 1 ('1 week', 'at least 1 week',
    'more than 1 campaign'), shown without decimals ('1.0 weeks') and not the end of a
    range ('0–1 weeks')."""
    numeral, ranged = _beside_the_noun(n)
    return numeral == "1" and not ranged


# The forms a fraction takes from its whole part, by language: in Arabic the noun after a
# decimal agrees with the number before the point, as in «3.5 ملايين» — 3 to 10 take the
# plural («4.4 أسابيع», never «4.4 أسبوع»), 11 to 99 the singular of many («12.5 أسبوعاً»).
# The forms of 0, 1 and 2 write a count of exactly that («أسبوع واحد», «أسبوعان»), so a
# fraction of those (and from 100) takes the last, as in every other language ('1.5 weeks').
_FRACTION_FROM_WHOLE = {"ar": (3, 4)}


def _form(lang: str, n, count: int) -> int:
    """Which of the language's forms a count takes (the number beside the noun, for a
    bound or a range); a count that is not a number takes the last (CLDR's 'other'), and
    so does a fraction shown ('6.2 years', '1.0 years') save where its language has it
    agree with its whole part (`_FRACTION_FROM_WHOLE`: Arabic «4.4 أسابيع»)."""
    numeral, _ = _beside_the_noun(n)
    if numeral is None:
        return count - 1
    if "." in numeral:
        whole = _plural_index(lang)(int(numeral.partition(".")[0] or 0))
        return whole if whole in _FRACTION_FROM_WHOLE.get(lang, ()) else count - 1
    return _plural_index(lang)(int(numeral))


def _in_form(lang: str, forms: tuple[str, ...], n) -> str:
    """The form of a message a count takes. A form that writes its number as a word (Arabic
    «فعالية واحدة», «فعاليتان») cannot carry a bound's words ('about 1'): a bound takes
    the last form that writes the number instead, as any count not a number does
    («حوالي 1 فعالية»)."""
    text = forms[_form(lang, n, len(forms))]
    if "{n}" in text or _number(n) is not None:
        return text
    with_number = [f for f in forms if "{n}" in f]
    return with_number[-1] if with_number else text


def decimals(x: float, places: int = 2) -> str:
    """A measured number with the precision that suits it: rounded to `places`, without
    trailing zeros, a whole number shown whole ('1', never '1.00'; '1.5'; '2.37')."""
    text = f"{x:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def N_(message: _Word) -> _Word:
    """Marks a word for the catalogue without translating it here (gettext's no-op marker):
    vocabulary that reaches a report as a table cell or a field of a sentence. Generic, so
    that a word of a Literal type keeps it (`FIRES: RuleStatus = N_("fires")`)."""
    return message


# a count in words with the bound evalkit reads it as: 'dozens (at least 24)', «عشرات (على
# الأقل 24)»; the noun counted follows the bound, and agrees with its numeral ('dozens (at
# least 24) participants', «عشرات (على الأقل 24) مشاركاً»)
COUNT_IN_WORDS = N_("{words} (at least {n})")


# A language named in a sentence, by its ISO 639 code: Msg(LANGUAGE_NAME, language_code=…)
# is the language's name in each report's language ('Arabic', «العربية»), from CLDR (Babel)
LANGUAGE_NAME = "{language_code}"


@functools.cache
def _language_names(lang: str) -> dict[str, str]:
    from babel import Locale

    return {str(code): str(name) for code, name in Locale(lang).languages.items()}


def language_name_in(code: str, lang: str | None = None) -> str:
    """A language's name in `lang` (the report's language): 'Arabic', «العربية»; a code
    with no name there is said by its name in English, else as it is ('unknown' is the
    vocabulary word: «غير معروف»)."""
    lang = lang or _current
    code = str(code)
    if code == "unknown":
        return word(code, lang)
    names = _language_names(lang)
    primary = re.split(r"[-_]", code)[0]
    return names.get(code) or names.get(primary) or _language_names("en").get(code) or code


def language_name(code: str) -> "Msg":
    """A language as a sentence names it: its name in each report's language, never its
    code ('English: 2 distinct', «الإنجليزية: 2 متمايزة»; not 'en: 2 distinct')."""
    return Msg(LANGUAGE_NAME, language_code=str(code))


def language_names(codes) -> "Msg | str":
    """Languages (codes) named and joined with the language's commas, in the codes' order."""
    return joined(", ", [language_name(c) for c in codes])


class Msg(str):
    """A sentence the evaluation computes, as English text — what results.json stores and
    what code compares — that remembers its template and fields, so a report can show it
    in its own language: `Msg("{met} of {total} met", met=3, total=5)`.
    Fields that are themselves Msg, or vocabulary words, are translated with it.
    With a count: `Msg("{n} day", "{n} days", n=3)` — two English forms, and the field `n`
    chooses the form in every language (Arabic has six; see `trn`)."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, plural: str | None = None, **fields):
        fields = {k: said(v) for k, v in fields.items()}
        if plural is not None:
            template = template if _one(fields["n"]) else plural
        if template == LANGUAGE_NAME:
            text = language_name_in(fields["language_code"], "en")
        else:
            text = template.format(**_fitted(template, fields)) if fields else template
        obj = super().__new__(cls, text)
        obj.template, obj.fields = template, fields
        return obj

    def translated(self, lang: str | None = None) -> str:
        lang = lang or _current
        if self.template == LANGUAGE_NAME:
            return language_name_in(self.fields["language_code"], lang)
        fields = {k: localized(v, lang) for k, v in self.fields.items()}
        forms = plural_catalogue(lang).get(self.template)
        if forms is not None and "n" in fields:
            text = _in_form(lang, forms, self.fields["n"])
        elif _JOIN.fullmatch(self.template):  # parts joined: the language's separators
            text = _JOIN_SEPARATOR.sub(lambda m: tr(m.group(0), lang), self.template)
            fields = _fitted(self.template, fields)  # the translation may keep no separator
        else:
            text = tr(self.template, lang)
        fields = {k: isolated(v, lang) for k, v in _fitted(text, fields).items()}
        return str.format(text, **fields) if fields else str(text)

    def __reduce__(self):  # pickled across worker processes as what it is
        return (_rebuild, (self.template, self.fields))


def _rebuild(template, fields):
    return Msg(template, **fields)


# a template that only joins its fields ("{p0}, {p1}; {p2}", from `joined`), and its
# separators, which the language writes its own way (Arabic: «،» and «؛»)
_JOIN = re.compile(r"(?:\{\w+\}(?:, |; |, and | and | · )?)+")
_JOIN_SEPARATOR = re.compile(r", and | and |, |; | · ")
N_(", "), N_("; "), N_(", and "), N_(" and "), N_(" · ")

# a date as the record writes a vague one: its qualifier is evalkit's word, the date digits
_VAGUE_DATE = re.compile(r"(early|mid|late) (\d{4}(?:-\d{2})?(?:\.\.[\d-]+)?)")
N_("early {date}"), N_("mid {date}"), N_("late {date}")
# a window of dates, as the record writes it (its qualifiers too): said in words, each end
# on its own ('between 2024-03-12 and 2024-04-15', «بين 2024-03-12 و2024-04-15»), never in
# the record format's syntax (`2024-03-12..2024-04-15`); a range of counts is no window.
# 'between', not 'to': a window is the span a count covers, and as often a date known only
# to fall inside it (a phase that started some time in 2018-03..2018-12), which 'from … to'
# would misread as a span
_WINDOW = re.compile(
    r"(?:(?:early|mid|late) )?(?:1[89]|20)\d{2}(?:-\d{2}){0,2}"
    r"\.\.(?:(?:early|mid|late) )?(?:1[89]|20)\d{2}(?:-\d{2}){0,2}"
)
WINDOW_SAID = N_("between {start} and {end}")

# Unicode's first-strong isolate: a field of a right-to-left sentence keeps its own order
# (a Latin name, a date range, a file:line) and cannot pull the punctuation around it into
# its direction; evalkit.render.markup turns the pair into a <bdi> element on a page
FSI, PDI = "\u2068", "\u2069"
# what a field must hold to need isolating: Latin letters, numbers joined by separators
# (2020-12, 62–131, 3 – 5, 2014..2019), which would otherwise read back to front, or a
# signed number (+291.7%, −0.5): in a right-to-left line its sign, a neutral before the
# digits, would be drawn after them ('291.7%+')
LTR_TEXT = re.compile(r"[A-Za-z]|\d[\d,.]*\s?(?:[-–/:]|\.\.)\s?\d|(?<![\w.,])[+\-−–]\s?\d")
_ISOLATED_PART = re.compile(f"{FSI}[^{FSI}{PDI}]*{PDI}")
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")  # an Arabic letter, for every module
# a run of a right-to-left line that must read left to right, as a terminal's line and a
# page find it in text (not a field): Latin text with what opens it (a quote, bracket,
# hashtag, handle, code mark, a closing tag's '</', a guillemet, a command's option:
# `--campaigns`, whose dashes would otherwise be drawn after the word), to its last
# character before Arabic script (the punctuation there the page moves out of it:
# evalkit.render.markup._trimmed); or
# numbers joined by separators (2020-12, 2014..2019, 62–131)
LTR_RUN = re.compile(
    r"(?:--?|</|[\"“«(\[#@`<*])?[A-Za-z][^\u0600-\u06FF]*[^\s\u0600-\u06FF]"
    r"|\d[\d,.]*(?:[-–/:]|\.\.)[\d\-–/:.,]*\d"
)


def isolated(value, lang: str | None = None):
    """A sentence's field as a right-to-left sentence holds it: isolated (FSI … PDI) when
    it holds Latin text or a date (outside the isolates it may hold already), a date
    object too; in a left-to-right sentence, isolated when it holds Arabic script (the
    pages lay it out right to left: evalkit.render.markup.esc)."""
    if direction(lang) != "rtl":
        # the record's Arabic words in an English sentence: one isolate, so that the page
        # lays each name out right to left as a whole (its numbers inside it), never merged
        # with the Arabic name of the next field across the sentence's dates and brackets
        if (
            isinstance(value, str)
            and ARABIC_LETTER.search(value)
            and not (value.startswith(FSI) and value.endswith(PDI))
        ):
            return FSI + value + PDI
        return value
    if isinstance(value, datetime.date):  # its digits would read back to front unisolated
        value = str(value)  # as English shows it
    if not isinstance(value, str):
        return value
    if not LTR_TEXT.search(_ISOLATED_PART.sub("", value)):
        return value
    return FSI + value + PDI


def plain(text: str) -> str:
    """Text without the isolate marks (for places that draw text themselves: charts)."""
    return text.replace(FSI, "").replace(PDI, "")


def localized(value, lang: str | None = None):
    """Anything a report shows, in its language: a Msg by its template, a vocabulary word
    by the catalogue, a vague date with its qualifier translated ("late 2015-07"), a
    sentence read back from results.json by its template there (`remember`), anything else
    (record text, numbers) as it is."""
    if isinstance(value, Verbatim):  # the record's own words, whatever the catalogue holds
        return value
    value = said(value)  # a qualified count in words, its qualifier translated
    if isinstance(value, str) and not isinstance(value, Msg):
        if value in _remembered:
            value = revive(value, _remembered)
        elif value and value + "." in _remembered:  # a stored sentence shown without its stop
            return without_stop(localized(value + ".", lang))
    if isinstance(value, Msg):
        return value.translated(lang)
    if isinstance(value, (list, tuple)):
        return type(value)(localized(v, lang) for v in value)
    if isinstance(value, str) and value:  # a vocabulary word or code, when the whole is one
        if _WINDOW.fullmatch(value):  # '2024-03-12..2024-04-15', 'late 2019-12..early 2020-01'
            start, _, end = value.partition("..")
            return tr(WINDOW_SAID, lang).format(
                start=localized(start, lang), end=localized(end, lang)
            )
        vague = _VAGUE_DATE.fullmatch(value)
        if vague and (lang or _current) != "en":
            return tr(vague.group(1) + " {date}", lang).format(date=vague.group(2))
        return word(value, lang)
    return value


@functools.cache
def _codes() -> frozenset[str]:
    """The record format's snake_case codes (`armed_group`, `executive_decision`): the
    catalogue holds each as a message (evalkit.i18n.messages.vocabulary)."""
    first = next(lang for lang in LANGUAGES if lang != "en")
    return frozenset(m for m in catalogue(first) if _CODE.fullmatch(m))


_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


def word(value: str, lang: str | None = None) -> str:
    """A vocabulary value as a reader reads it, in every language: the catalogue's word
    (Arabic), or in English the code's words ('armed group', never 'armed_group');
    anything else as it is; the record's own words (`Verbatim`) as they are."""
    if isinstance(value, Verbatim):
        return value
    found = catalogue(lang or _current).get(value)
    if found:
        return found
    return value.replace("_", " ") if value in _codes() else value


# a list shown in a report or results.json lists at most this many items, then their count:
# a record of 100,000 activities once gave one grid cell of 60 MB (issue 18 item 11)
LIST_CAP = 50


# the note that ends a cut list; a list already cut (listed) ends with it, and its count
# carries over when the list is joined or cut again
MORE = N_("… and {n} more: every row is in the record (record.html and its files)")


def _counted(parts, total: int | None) -> tuple[list, int]:
    """The parts without a trailing MORE note, and how many items they stand for."""
    parts = list(parts)
    carried = 0
    if parts and isinstance(parts[-1], Msg) and parts[-1].template == MORE:
        carried = parts.pop().fields["n"]
    return parts, (len(parts) if total is None else total) + carried


def joined(
    separator: str, parts, cap: int | None = LIST_CAP, total: int | None = None
) -> "Msg | str":
    """Msgs joined into one, each part still translatable; past `cap` items, the rest are
    counted ('… and 9,950 more: every row is in the record'). With `total`, `parts` need
    hold only the first `cap` of `total` items (a million rows are not made Msgs)."""
    parts, total = _counted(parts, total)
    shown = parts[:cap] if cap is not None else parts
    if total > len(shown):
        parts = [*shown, Msg(MORE, n=total - len(shown))]
    template = separator.join(f"{{p{i}}}" for i in range(len(parts)))
    return Msg(template, **{f"p{i}": p for i, p in enumerate(parts)}) if parts else ""


def listed(parts, total: int | None = None, cap: int = LIST_CAP) -> list:
    """A list kept in results (and joined later) as at most `cap` items: past it, the
    first ones and the MORE note counting the rest (`parts` may hold only the first ones of
    `total`), so that joining it cuts nothing more."""
    parts, total = _counted(parts, total)
    if total <= cap and len(parts) == total:
        return parts
    shown = parts[: cap - 1]
    return [*shown, Msg(MORE, n=total - len(shown))]


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
                table[str(x)] = _entry(x)
            return
        if isinstance(x, Msg):
            # a Msg that only wraps one field ("{what}", a join of one part) has the same
            # text as that field, and the field's own entry says it all — unless the field
            # lost its full stop in it (a part of a list): then the text is its own
            (only,) = x.fields.values() if len(x.fields) == 1 else (None,)
            wraps = (
                len(x.fields) == 1
                and x.template == f"{{{next(iter(x.fields))}}}"
                and str(x) == str(only)
            )
            if str(x) not in table and not wraps:
                table[str(x)] = _entry(x)
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


def _entry(x: "Msg") -> list:
    """A Msg as results.json keeps it: [template, fields], and the names of the fields that
    are the record's own words (`Verbatim`), when there are any, so that a report read from
    results.json shows them as written too."""
    entry: list = [x.template, {k: _plain_field(v) for k, v in x.fields.items()}]
    verbatim = sorted(k for k, v in x.fields.items() if isinstance(v, Verbatim))
    return [*entry, verbatim] if verbatim else entry


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
    template, fields, *rest = entry
    verbatim = set(rest[0]) if rest else set()
    inside = _within | {text}
    return Msg(
        template,
        **{
            k: Verbatim(v)
            if k in verbatim and isinstance(v, str)
            else revive(v, table, inside)
            if isinstance(v, str)
            else v
            for k, v in fields.items()
        },
    )


def remember(table: dict) -> None:
    """Sentences read from results.json that `localized` may show translated."""
    _remembered.update(table)
