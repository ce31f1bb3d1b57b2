"""Vague dates and qualified numbers, kept as vague as the evidence.

The paper says "late April 2016" and "more than 60 protest stands". evalkit never turns
those into a precise day or an exact count: a `DateSpan` is the interval of days the text
allows, a `Quantity` is a number with its qualifier and the bounds that qualifier implies.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Optional

from evalkit.i18n import COUNT_IN_WORDS, N_, Exact, Msg, Verbatim
from evalkit.record.problems import closest, did_you_mean, given, quoted

# --- dates ---------------------------------------------------------------------------------

_PART = re.compile(r"^(?:(early|mid|late)\s+)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# The years a record's dates may fall in: pandas holds days from 1677 to 2262 and the charts
# draw them, so a typo such as 9999-12 is refused here rather than failing the run; the
# bounds leave room for campaigns of the 18th century and goals set far ahead.
FIRST_YEAR, LAST_YEAR = 1700, 2199

DATE_FORMS = Msg(
    "YYYY-MM-DD, YYYY-MM or YYYY, optionally preceded by early/mid/late "
    "(e.g. 'late 2016-04'), or a window 'A..B' (e.g. '2016-09..2016-12')"
)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_OF = {
    **{m.lower(): i for i, m in enumerate(_MONTHS, 1)},
    **{m[:3].lower(): i for i, m in enumerate(_MONTHS, 1)},
    "sept": 9,
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")\.?"
# What a spreadsheet or its user writes for a day, and how to read it (date_hint)
_TIME = re.compile(r"^(?P<day>.+?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?)$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})$")
# a month and its year: 03/2020, 3-2020, 2020/3, 2020.03 (not 2020.5: a decimal, more likely)
_MONTH_YEAR = re.compile(
    r"^(?:(?P<a>\d{1,2})[/.\-](?P<y>\d{4})|(?P<y2>\d{4})(?:[/\-](?P<b>\d{1,2})|\.(?P<c>\d{2})))$"
)
_NAMED = (
    re.compile(rf"^{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I),
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-/]+{_MONTH}[\s\-/,]+(?P<y>\d{{4}})$", re.I),
    re.compile(rf"^(?P<y>\d{{4}})[\s\-/]+{_MONTH}[\s\-/]+(?P<d>\d{{1,2}})$", re.I),
    re.compile(rf"^{_MONTH}[\s\-/,]+(?P<y>\d{{4}})$", re.I),
)
_RANGE = re.compile(r"^(?P<a>.+?)\s+(?:-|–|—|to|until)\s+(?P<b>.+)$", re.I)
# Excel's day numbers: 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was,
# so from 61 on the day is 1899-12-30 plus the number
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LAST = (date(LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days


def _day(y: int, m: int, d: int) -> Optional[date]:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day if FIRST_YEAR <= y <= LAST_YEAR else None


N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June")
N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December")


def _said(day: date) -> Msg:
    return Msg(
        "{day} {month} {year}", day=day.day, month=Msg(_MONTHS[day.month - 1]), year=day.year
    )


def _month(y: int, mo: int) -> Msg:
    return Msg("{month} {year}", month=Msg(_MONTHS[mo - 1]), year=y)


def date_hint(text: object) -> "Msg | str":
    """How to write, as evalkit reads it, a date written the way a spreadsheet or its user
    writes one (03/15/2020, 15.03.2020, "March 15, 2020", Excel's day number 43905, a time
    after the day): '' when `text` looks like none of them. It never picks between a day
    and a month: when both orders give a real day, the hint gives both readings."""
    raw = str(text).strip()
    raw = raw.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    if not raw:
        return ""
    m = _RANGE.match(raw)
    if m and ".." not in raw and not _NUMERIC.match(raw) and not _TIME.match(raw):
        return Msg(
            "write a window with two dots between its ends, {window} (each end a date as above)",
            window=Exact(f"'{m.group('a').strip()}..{m.group('b').strip()}'"),
        )
    m = _TIME.match(raw)
    if m and (_PART.match(m.group("day")) or _NUMERIC.match(m.group("day"))):
        day = m.group("day")
        if _PART.match(day):
            return Msg("a date is a day without a time: write {day}", day=Exact(day))
        inner = date_hint(day)
        return Msg("a date is a day without a time; {hint}", hint=inner) if inner else ""
    if re.fullmatch(r"\d{5,6}(?:\.0+)?", raw):
        n = int(float(raw))
        if n <= _EXCEL_LAST:
            day = _EXCEL_EPOCH + timedelta(days=n)
            return Msg(
                "{raw} looks like a spreadsheet's day number, which is {day} ({said}): if "
                "that is the day, write {day} (format the cell as Text, or type the date as "
                "YYYY-MM-DD)",
                raw=Exact(raw),
                day=day.isoformat(),
                said=_said(day),
            )
        return ""
    m = _NUMERIC.match(raw)
    if m:
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        if len(a) == 4:  # year first: always year, month, day
            day = _day(int(a), int(b), int(c))
            return Msg("write {day} (year-month-day)", day=day.isoformat()) if day else ""
        if len(c) != 4:
            return Msg(
                "write the year with four digits, as YYYY-MM-DD (a two-digit year could "
                "be of any century)"
            )
        dm = _day(int(c), int(b), int(a))  # day/month/year
        md = _day(int(c), int(a), int(b))  # month/day/year
        if dm and md and dm != md:
            return Msg(
                "it can be read two ways: {dm} ({dm_said}, read as day/month/year) or {md} "
                "({md_said}, read as month/day/year); write the one you mean as YYYY-MM-DD",
                dm=dm.isoformat(),
                dm_said=_said(dm),
                md=md.isoformat(),
                md_said=_said(md),
            )
        one = dm or md
        if one is None:
            return _no_reading(int(a), int(b), int(c))
        if dm == md:
            return Msg("write {day} ({said})", day=one.isoformat(), said=_said(one))
        if dm:
            return Msg(
                "write {day} ({said}, read as day/month/year: the only reading)",
                day=one.isoformat(),
                said=_said(one),
            )
        return Msg(
            "write {day} ({said}, read as month/day/year: the only reading)",
            day=one.isoformat(),
            said=_said(one),
        )
    m = _MONTH_YEAR.match(raw)
    if m:
        y = int(m.group("y") or m.group("y2"))
        mo = int(m.group("a") or m.group("b") or m.group("c"))
        if _day(y, mo, 1):
            return Msg(
                "write {day} (the month {month})", day=f"{y:04d}-{mo:02d}", month=_month(y, mo)
            )
        return ""
    for named in _NAMED:
        m = named.match(raw)
        if m:
            mo, y = _MONTH_OF[m.group("mon").lower()], int(m.group("y"))
            if "d" not in named.groupindex:
                return (
                    Msg(
                        "write {day} (the month {month})",
                        day=f"{y:04d}-{mo:02d}",
                        month=_month(y, mo),
                    )
                    if _day(y, mo, 1)
                    else ""
                )
            day = _day(y, mo, int(m.group("d")))
            return Msg("write {day} ({said})", day=day.isoformat(), said=_said(day)) if day else ""
    loose = re.fullmatch(r"(?:(early|mid|late)\s+)?(\d{4})-(\d)", raw)  # late 2020-4
    if loose and _day(int(loose.group(2)), int(loose.group(3)), 1):
        third = f"{loose.group(1)} " if loose.group(1) else ""
        return Msg(
            "write {date} (two digits for the month)",
            date=Exact(f"{third}{loose.group(2)}-0{loose.group(3)}"),
        )
    return ""


def western_digits(text: str) -> str:
    """A date as every date is shown: its digits Western (0-9), whatever digits it was
    typed in. A pattern's digit reads Arabic-Indic and Persian digits too («٢٠٢٣-٠٦-٠١» is
    2023-06-01), but shown as typed the date would sit beside the record's other dates in
    another script and, in a right-to-left line, in another order (the bidi algorithm does
    not take the hyphen between Arabic-Indic digits for a date's separator: it draws
    ٠١-٠٦-٢٠٢٣). What is quoted back as the record's own words (a problem's cell,
    record.html) stays as typed."""
    if text.isascii():
        return text
    return re.sub(r"(?![0-9])\d", lambda m: str(unicodedata.digit(m.group(0))), text)


def _no_day(day: int, month: int, year: int) -> Msg:
    """Why a day and a month make no date: 'there is no month 31', 'there is no 31 February
    2024'."""
    if not 1 <= month <= 12:
        return Msg("there is no month {month}", month=month)
    return Msg(
        "there is no {day} {month} {year}", day=day, month=Msg(_MONTHS[month - 1]), year=year
    )


def _no_reading(a: int, b: int, year: int) -> "Msg | str":
    """The hint for a day/month pair that is a real day in neither order ('31/02/2024'):
    each reading and why it is none, as a pair that is a day in both orders is given both
    readings; '' when the year is what is wrong (its own message says so)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ""
    if a == b:  # one reading: '13/13/2024'
        return Msg(
            "it is no real day: {why}; check the date and write it as YYYY-MM-DD",
            why=_no_day(a, b, year),
        )
    return Msg(
        "it is a real day in neither reading: read as day/month/year, {dm}; read as "
        "month/day/year, {md}; check the date and write it as YYYY-MM-DD",
        dm=_no_day(a, b, year),
        md=_no_day(b, a, year),
    )


def _not_a_date(text: object) -> ValueError:
    hint = date_hint(text)
    return ValueError(
        Msg(
            "{value} is not a date; expected {forms}{hint}",
            value=quoted(text),
            forms=DATE_FORMS,
            hint=Msg(". Hint: {hint}", hint=hint) if hint else "",
        )
    )


def _part_bounds(text: str) -> tuple[date, date]:
    m = _PART.match(text.strip())
    if not m:
        raise _not_a_date(text)
    third, y, mo, d = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if not FIRST_YEAR <= y <= LAST_YEAR:
        raise ValueError(
            Msg(
                "{value}: the year must be from {first} to {last}",
                value=Exact(repr(text)),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    if d is not None:
        if third:
            raise ValueError(
                Msg(
                    "{value}: early/mid/late goes with a month or a year, not a day",
                    value=Exact(repr(text)),
                )
            )
        try:
            day = date(y, int(mo), int(d))
        except ValueError as e:  # 2012-13-05, 2016-02-30
            raise ValueError(
                Msg(
                    "{value} is not a real date ({error}); expected {forms}",
                    value=Exact(repr(text)),
                    error=Msg(str(e)) if str(e) in _DATE_ERRORS else Exact(e),
                    forms=DATE_FORMS,
                )
            ) from None
        return day, day
    if mo is not None:
        mo = int(mo)
        if not 1 <= mo <= 12:
            raise ValueError(Msg("{value}: month must be 01-12", value=Exact(repr(text))))
        last = calendar.monthrange(y, mo)[1]
        spans = {None: (1, last), "early": (1, 10), "mid": (11, 20), "late": (21, last)}
        a, b = spans[third]
        return date(y, mo, a), date(y, mo, b)
    months = {None: (1, 12), "early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    a, b = months[third]
    return date(y, a, 1), date(y, b, calendar.monthrange(y, b)[1])


# what Python says of a day that is not in its month (2016-02-30) or of a month past 12
_DATE_ERRORS = (N_("day is out of range for month"), N_("month must be in 1..12"))


@dataclass(frozen=True)
class DateSpan:
    """The days a written date allows: `start` is the earliest, `end` the latest."""

    text: str
    start: date
    end: date

    @classmethod
    def parse(cls, value: object) -> "DateSpan":
        if isinstance(value, DateSpan):
            return value
        if isinstance(value, date):
            return cls(value.isoformat(), value, value)
        if isinstance(value, int) and 1000 <= value <= 9999:  # YAML reads `2016` as an int
            value = str(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise _not_a_date(value)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(
                Msg("expected a date ({forms}), got {given}", forms=DATE_FORMS, given=given(value))
            )
        text = value.strip()
        if ".." in text:
            left, _, right = text.partition("..")
            start, end = _part_bounds(left)[0], _part_bounds(right)[1]
            if end < start:
                raise ValueError(
                    Msg("{value}: the window ends before it starts", value=Exact(repr(text)))
                )
        else:
            start, end = _part_bounds(text)
        return cls(western_digits(text), start, end)

    @property
    def is_exact(self) -> bool:
        return self.start == self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def midpoint(self) -> date:
        return self.start + timedelta(days=(self.end - self.start).days // 2)

    def __str__(self) -> str:
        return self.text


# --- numbers -------------------------------------------------------------------------------

# The largest count: 2^53, the largest whole number a float holds exactly (about 9 million
# billion, far beyond any count a source states). A longer number is a typo, and would
# otherwise become infinity ("inf billion uses").
LARGEST = float(2**53)

QUALIFIERS = (
    "exactly",
    "about",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "nearly",
    "between",
)

_QUALIFIER_WORDS = {
    "exactly": "exactly",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "some": "about",
    "at least": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "at most": "at_most",
    "no more than": "at_most",
    "up to": "at_most",
    "less than": "less_than",
    "fewer than": "less_than",
    # "nearly 250,000" fell short of 250,000: an upper bound, and no lower one is stated
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# a letter of any script (Arabic's short vowels too), as a word after a count is written
_LETTER = r"(?:[^\W\d_]|[\u064b-\u0652\u0670])"
# what a count counts, written after it: "1,000 organisations", «1000 منظمة»
UNIT = rf"{_LETTER}+(?:[\s'’\-]+{_LETTER}+)*"
_NUMBER = re.compile(
    r"^(?:(?P<q>"
    + "|".join(sorted(map(re.escape, _QUALIFIER_WORDS), key=len, reverse=True))
    + r")\s+)?(?P<n>\d[\d,.٫]*)\s*(?P<s>thousand|million|billion)?"
    + rf"(?:\s+(?P<unit>{UNIT}))?$",
    re.IGNORECASE,
)
# Words that after a number would change what it says ("60 or more", "5 per day", "60 at
# least", «60 أو أكثر»): refused, never read as the noun of what was counted
_NOT_A_UNIT = frozenset(
    """or and to than more less fewer over under plus least most about approximately
    around roughly nearly almost some up at between from per a an each every daily weekly
    monthly yearly times percent k m bn mn mln lakh lakhs crore crores thousand thousands
    million millions billion billions hundred hundreds dozen dozens
    أو و إلى الى أكثر فأكثر وأكثر أقل فأقل يوميا يومياً أسبوعيا شهريا سنويا""".split()
)

# Counts in words ("thousands", "dozens"): the smallest number the words can mean, as a
# lower bound — never a guess in the middle. A plural of a unit is at least two of it
# ("thousands" >= 2,000, "dozens" >= 24, "tens of thousands" >= 20,000); "several" is more
# than two (Arabic «بضعة»: three to nine), so >= 3 of the unit; "a few" >= 2. Arabic
# grammar's plural starts at three (آلاف after the dual ألفان), but evalkit takes the lower,
# English reading so as never to over-state. docs/campaign-format.md lists them.
_UNITS = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
_UNIT_OF = {"ten": 10, "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORDS = re.compile(
    r"^(?:(?P<several>several|a few)\s+(?P<one>dozen|hundred|thousand|million|billion)"
    r"|(?P<plural>tens|dozens|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions))?)"
    rf"(?:\s+(?:(?:of|من)\s+)?(?P<unit>{UNIT}))?$",
    re.IGNORECASE,
)
# Every count in words `_WORDS` accepts, in the one form a report shows it (lower case, one
# space: 'Tens of  Thousands' and «عشرات الآلاف» are 'tens of thousands'), each a message
# the catalogue translates: a report in Arabic says «عشرات الآلاف», never the English words.
COUNT_WORDS = (
    N_("several dozen"),
    N_("several hundred"),
    N_("several thousand"),
    N_("several million"),
    N_("several billion"),
    N_("a few dozen"),
    N_("a few hundred"),
    N_("a few thousand"),
    N_("a few million"),
    N_("a few billion"),
    N_("tens"),
    N_("dozens"),
    N_("hundreds"),
    N_("thousands"),
    N_("millions"),
    N_("billions"),
    N_("tens of thousands"),
    N_("tens of millions"),
    N_("tens of billions"),
    N_("dozens of thousands"),
    N_("dozens of millions"),
    N_("dozens of billions"),
    N_("hundreds of thousands"),
    N_("hundreds of millions"),
    N_("hundreds of billions"),
    N_("thousands of thousands"),
    N_("thousands of millions"),
    N_("thousands of billions"),
    N_("millions of thousands"),
    N_("millions of millions"),
    N_("millions of billions"),
    N_("billions of thousands"),
    N_("billions of millions"),
    N_("billions of billions"),
)
# Arabic as sources write it: qualifiers, scale words, counts in words and Eastern Arabic
# digits, read by the English grammar above (the record keeps what the evaluator wrote).
# Eastern Arabic and Persian digits, and Arabic's thousands separator ٬ read as a comma;
# its decimal separator ٫ stays, a decimal point that is never a thousands separator
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬", "01234567890123456789,")
_ARABIC = (
    ("عشرات الآلاف", "tens of thousands"),
    ("مئات الآلاف", "hundreds of thousands"),
    ("مئات", "hundreds"),
    ("آلاف", "thousands"),
    ("ملايين", "millions"),
    ("عشرات", "tens"),
    ("بضعة آلاف", "several thousand"),
    ("بضع مئات", "several hundred"),
    ("أكثر من", "more than"),
    ("ما يزيد عن", "more than"),
    ("ما يزيد على", "more than"),
    ("أقل من", "less than"),
    ("على الأقل", "at least"),
    ("ما لا يقل عن", "at least"),
    ("لا يقل عن", "at least"),
    ("حتى", "up to"),
    ("نحو", "about"),
    ("حوالي", "about"),
    ("حوالى", "about"),
    ("زهاء", "about"),
    ("ما يقارب", "about"),
    ("ما يناهز", "about"),
    ("يناهز", "about"),
    ("ما يربو على", "more than"),
    ("ما يربو عن", "more than"),
    ("أزيد من", "more than"),
    ("قرابة", "nearly"),
    ("قرابة الـ", "nearly"),
    ("تقريباً", "≈"),
    ("تقريبا", "≈"),
    ("مليار", "billion"),
    ("مليون", "million"),
    ("ألف", "thousand"),
)
_ARABIC_RE = re.compile("|".join(sorted((re.escape(a) for a, _ in _ARABIC), key=len, reverse=True)))


_QUALIFIED = re.compile(
    "^(?:" + "|".join(sorted(map(re.escape, _QUALIFIER_WORDS), key=len, reverse=True)) + r")\s",
    re.IGNORECASE,
)


def _from_arabic(text: str) -> str:
    """The English grammar's reading of an Arabic count («أكثر من 60» -> 'more than 60')."""
    text = text.translate(_ARABIC_DIGITS)
    if not re.search("[\u0600-\u06ff]", text):
        return text
    words = dict(_ARABIC)
    out = " ".join(_ARABIC_RE.sub(lambda m: f" {words[m.group(0)]} ", text).split())
    if "≈" in out:
        # «1000 تقريباً» (about 1000): the word after the number is a qualifier, and a
        # number alone with it is about that number, never exactly it
        out = " ".join(out.replace("≈", " ").split())
        if not _QUALIFIED.match(out):
            out = f"about {out}"
    return out


def _unit_problem(unit: str, raw: object) -> Optional[ValueError]:
    """Why the words `unit` after a count are not the noun of what it counts: a word that
    changes what the number says, or a scale word misspelt ('2 milion' is not 2 of
    something called a milion); None when they are."""
    words = unit.split()
    bad = next((w for w in words if w.lower().strip("'’-") in _NOT_A_UNIT), None)
    if bad is not None:
        return ValueError(
            Msg(
                "{value}: the words after the number ({words}) change what it says; write a "
                "qualifier before the number ('at least 60', 'more than 1,000'), a scale word "
                "in full ('2 thousand', '1.5 million'), and after the number only what was "
                "counted ('1,000 organisations')",
                value=quoted(raw),
                words=quoted(unit),
            )
        )
    for w in words:
        meant = closest(w.lower(), _SCALES, cutoff=0.75)
        if meant is not None:
            return ValueError(
                Msg(
                    "{value}: is {word} the scale word {meant}? Write it in full ({example}); "
                    "a word after the number is read as what was counted",
                    value=quoted(raw),
                    word=quoted(w),
                    meant=quoted(meant),
                    example=Exact(f"'2 {meant}'"),
                )
            )
    return None


def count_words(words: str) -> str:
    """A count in words as a report says it: the one form of `COUNT_WORDS` it is (read in
    English, lower case, one space; without the noun written after it, 'thousands of
    people' is 'thousands'), translated by the catalogue; anything else as given."""
    said = " ".join(_from_arabic(words.strip()).lower().split())
    m = _WORDS.match(said)
    if m and m.group("unit"):
        said = re.sub(r"\s+(?:of|من)$", "", said[: m.start("unit")].strip())
    return said if said in COUNT_WORDS else words


def _in_words(text: str) -> Optional[tuple[float, str]]:
    """(the lower bound a count in words allows, the words after it that say what was
    counted: "thousands of people"), or None when `text` is not one."""
    m = _WORDS.match(text)
    if not m:
        return None
    unit = m.group("unit") or ""
    if m.group("several"):
        several = 2.0 if m.group("several").lower() == "a few" else 3.0
        return several * _UNIT_OF[m.group("one").lower()], unit
    low = 2.0 * _UNITS[m.group("plural").lower()]
    return low * (_UNIT_OF[m.group("of").lower()[:-1]] if m.group("of") else 1), unit


# A range as people write it, read as 'low..high': 'between 3,000 and 4,000', '3,000–4,000'
# (as a report writes a range), «ما بين 3000 و 4000», «من 3000 إلى 4000» (trial 17, L1:
# the ordinary Arabic way to write a range was refused)
_RANGE_FORMS = (
    re.compile(
        r"^(?:between|ما\s+بين|بين)\s+(?P<lo>[\d,.٫]+)\s+(?:and\s+|و\s*)(?P<hi>[\d,.٫]+)$", re.I
    ),
    re.compile(r"^(?:from|من)\s+(?P<lo>[\d,.٫]+)\s+(?:to|إلى|الى)\s+(?P<hi>[\d,.٫]+)$", re.I),
    re.compile(r"^(?P<lo>\d[\d,.٫]*)\s*[–—-]\s*(?P<hi>\d[\d,.٫]*)$"),
)


def _as_range(text: str) -> str:
    """`text` as 'low..high' when it is a range written in words or with a dash, else as
    it is (its digits read as Western ones either way)."""
    digits = text.translate(_ARABIC_DIGITS)
    for form in _RANGE_FORMS:
        m = form.match(digits)
        if m:
            return f"{m.group('lo')}..{m.group('hi')}"
    return text


# What a written number may look like: digits, commas grouping thousands in threes, one
# decimal point. "1,8" and "1.800" are refused: in much of Europe and the Arab world they mean
# 1.8 and 1800, and guessing would silently change a count a thousandfold.
_PLAIN_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_THOUSANDS_WITH_DOTS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
NUMBER_FORMS = Msg(
    "a number, optionally qualified: 'about 806', 'more than 60', 'at least 10', "
    "'at most 30', 'fewer than 5', 'nearly 250,000', 'over 1 million', a range "
    "'50000..70000' (or 'between 50,000 and 70,000'), what was counted after the number "
    "('more than 1,000 organisations'), "
    "or a count in words: 'thousands', 'tens of thousands', 'several hundred', 'dozens' "
    "(also in Arabic: «أكثر من 60», «نحو 500», «آلاف»)"
)


# a decimal comma where a comma groups thousands in threes ("1,8", "12,50"); European
# grouping with a decimal comma ("1.234,5")
_DECIMAL_COMMA = re.compile(r"^\d+,(?:\d{1,2}|\d{4,})$")
_EUROPEAN = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d+$")
# thousands grouped by spaces, as French and others write them ("7 480", no-break spaces)
_SPACED = re.compile(r"^(?:\D*\s)?(?P<n>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:\s\D*)?$")
# Arabic's own decimal separator (٫, U+066B), which is never a thousands separator
_ARABIC_DECIMAL = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d+)٫(?P<part>\d+)$")


def _number(text: str, raw: object, whole: bool = True) -> float:
    """The number `text` writes (digits, commas in threes, a decimal point), or the reason
    it cannot be read: a point or comma that may group thousands or mark decimals is
    refused with how to write each reading, never read one way or the other."""
    arabic = _ARABIC_DECIMAL.match(text)
    if arabic:  # «٧٫٥»: a decimal, whatever else
        return float(arabic.group("whole").replace(",", "") + "." + arabic.group("part"))
    if _THOUSANDS_WITH_DOTS.match(text):
        digits = text.replace(".", "")
        grouped = f"{int(digits):,}"
        if text.count(".") > 1:  # 1.234.567: points that group thousands, and only that
            raise ValueError(
                Msg(
                    "ambiguous number {value}: points that group thousands are read as "
                    "decimal points here; write {plain} or {grouped} (commas group thousands, "
                    "a point marks decimals)",
                    value=quoted(raw),
                    plain=digits,
                    grouped=grouped,
                )
            )
        decimal = text.rstrip("0").rstrip(".")
        if whole:
            raise ValueError(
                Msg(
                    "ambiguous number {value}: is the point a thousands separator, as in much "
                    "of Europe and the Arab world ({plain}), or a decimal point ({decimal}, "
                    "which no count is)? A count is a whole number: write {plain} or {grouped}",
                    value=quoted(raw),
                    plain=digits,
                    grouped=grouped,
                    decimal=decimal,
                )
            )
        raise ValueError(
            Msg(
                "ambiguous number {value}: is the point a thousands separator, as in much of "
                "Europe and the Arab world ({plain}), or a decimal point ({decimal})? Write "
                "{plain} or {grouped} for the first; {decimal} for the second, which only a "
                "share or an amount may be (a count is a whole number)",
                value=quoted(raw),
                plain=digits,
                grouped=grouped,
                decimal=decimal,
            )
        )
    if _PLAIN_NUMBER.match(text):
        return float(text.replace(",", ""))
    if _DECIMAL_COMMA.match(text) or _EUROPEAN.match(text):
        decimal = text.replace(".", "").replace(",", ".")
        if whole:
            raise ValueError(
                Msg(
                    "ambiguous number {value}: a comma groups thousands in threes (1,800), so "
                    "this comma reads as a decimal comma ({decimal}, which no count is); a "
                    "count is a whole number: write it in digits, with no separator or a comma "
                    "every three digits (1800 or 1,800)",
                    value=quoted(raw),
                    decimal=decimal,
                )
            )
        raise ValueError(
            Msg(
                "ambiguous number {value}: a comma groups thousands in threes (1,800), so this "
                "comma reads as a decimal comma: write the decimals after a point ({decimal}), "
                "which only a share or an amount may have (a count is a whole number)",
                value=quoted(raw),
                decimal=decimal,
            )
        )
    if "," in text or "." in text or "٫" in text:
        raise ValueError(
            Msg(
                "ambiguous number {value}: write the decimal separator as a point and no "
                "thousands separator, or commas in groups of three (1800, 1,800 or 1.8; "
                "'1,8' and '1.800' are refused)",
                value=quoted(raw),
            )
        )
    raise _not_a_number(raw)


def _negative(raw: object) -> ValueError:
    return ValueError(Msg("a count cannot be negative, got {value}", value=quoted(raw)))


def _not_a_number(raw: object) -> ValueError:
    if not isinstance(raw, str):  # a list, a mapping, true or false: said as what it is
        return ValueError(
            Msg("expected {forms}, got {given}", forms=NUMBER_FORMS, given=given(raw))
        )
    return ValueError(Msg("expected {forms}, got {value}", forms=NUMBER_FORMS, value=quoted(raw)))


# which way the true value of a count may lie from the number written (Quantity.bound)
Bound = Literal["exact", "approximate", "lower", "upper", "range"]


# each qualifier's bound (Quantity.bound), also read column-wise for large tables
BOUNDS: dict[str, Bound] = {
    "exactly": "exact",
    "about": "approximate",
    "at_least": "lower",
    "more_than": "lower",
    "at_most": "upper",
    "less_than": "upper",
    "nearly": "upper",
    "between": "range",
}


@dataclass(frozen=True)
class Quantity:
    """A count as the source states it. `lower`/`upper` are what the qualifier allows."""

    value: float
    qualifier: str = "exactly"
    high: Optional[float] = None  # the top of a range ("50000..70000"); qualifier "between"
    words: str = ""  # a count in words as the source wrote it ("thousands"): shown so

    @classmethod
    def parse(cls, raw: object, *, whole: bool = True) -> "Quantity":
        """The quantity `raw` states. A count (`whole`) is a whole number; a measure that is
        no count (a share, an amount of money: `measured`) may have decimals."""
        if isinstance(raw, Quantity):
            return raw
        if isinstance(raw, bool):
            raise _not_a_number(raw)
        if isinstance(raw, (int, float)):
            if isinstance(raw, float) and not math.isfinite(raw):
                raise ValueError(Msg("expected a finite number, got {value}", value=quoted(raw)))
            q = cls(float(raw) if abs(raw) <= LARGEST else (math.inf if raw > 0 else -math.inf))
        elif isinstance(raw, str):
            text = _from_arabic(_as_range(raw.strip()))
            if re.match(r"^-\s*\d", text):
                raise _negative(raw)
            if ".." in text:
                left, _, right = (t.strip() for t in text.partition(".."))
                lo, hi = cls.parse(left, whole=whole), cls.parse(right, whole=whole)
                if not (lo.is_exact and hi.is_exact):
                    raise ValueError(
                        Msg("a range takes two plain numbers, got {value}", value=quoted(raw))
                    )
                if hi.value < lo.value:
                    raise ValueError(
                        Msg(
                            "the range {value} runs from high to low; write low..high",
                            value=quoted(raw),
                        )
                    )
                return cls(lo.value, "between", hi.value) if hi.value > lo.value else lo
            counted = _in_words(text)
            if counted is not None:
                low, unit = counted
                problem = _unit_problem(unit, raw) if unit else None
                if problem is not None:
                    raise problem
                return cls(low, "at_least", words=raw.strip())
            m = _NUMBER.match(text)
            if not m and re.search(r"\d\s*[%٪]$", text):
                # "45%" (or a cell Excel formatted as a percentage, read as shown)
                number = re.sub(r"\s*[%٪]$", "", text)
                raise ValueError(
                    Msg(
                        "a percentage is written without its sign, got {value}: record a share "
                        "as the metric 'percent' with the number alone ({number}), and a count "
                        "as the count itself",
                        value=quoted(raw),
                        number=quoted(number),
                    )
                )
            spaced = None if m else _SPACED.match(text)
            if spaced:
                digits = re.sub(r"\D", "", spaced.group("n"))
                raise ValueError(
                    Msg(
                        "{value}: a space does not group thousands in a count; write {plain} "
                        "or {grouped}",
                        value=quoted(raw),
                        plain=digits,
                        grouped=f"{int(digits):,}",
                    )
                )
            if not m:
                raise _not_a_number(raw)
            if m.group("unit"):
                problem = _unit_problem(m.group("unit"), raw)
                if problem is not None:
                    raise problem
            n = _number(m.group("n"), raw, whole)
            if m.group("s"):
                n *= _SCALES[m.group("s").lower()]
            word = (m.group("q") or "exactly").lower()
            q = cls(n, _QUALIFIER_WORDS[word])
        elif isinstance(raw, dict) and set(raw) <= {"value", "qualifier"} and "value" in raw:
            base = cls.parse(raw["value"], whole=whole)
            qual = raw.get("qualifier", "exactly")
            if qual not in QUALIFIERS or qual == "between":
                raise ValueError(
                    Msg(
                        "qualifier must be one of {codes}, got {value}{meant}",
                        codes=Exact(", ".join(QUALIFIERS[:-1])),
                        value=quoted(qual),
                        meant=did_you_mean(qual, QUALIFIERS[:-1]),
                    )
                )
            q = cls(base.value, qual)
        else:
            raise _not_a_number(raw)
        if q.value < 0:
            raise _negative(raw)
        # A count is whole: 1.2 people is a typo, or a spreadsheet that read "1.200" (one
        # thousand two hundred, in much of Europe and the Arab world) as one point two.
        if whole and math.isfinite(q.value) and not q.value.is_integer():
            raise ValueError(
                Msg(
                    "a count is a whole number, got {value}; a decimal point only goes before "
                    "a scale word ('1.2 million'). If a spreadsheet turned '1.200' into 1.2, "
                    "write the count without the point (1200) or as text",
                    value=quoted(raw),
                )
            )
        if not q.value <= LARGEST:  # also catches the infinity a 310-digit number becomes
            raise ValueError(
                Msg(
                    "too large for a count, got {value}; evalkit counts up to {most} (2^53): "
                    "check the number",
                    value=quoted(raw),
                    most=f"{LARGEST:,.0f}",
                )
            )
        return q

    @classmethod
    def measured(cls, raw: object) -> "Quantity":
        """`parse` of a measure that may have decimals (a share, an amount of money): what
        else the metric's value must be is the metric's kind's (schema.metric_value_problem)."""
        return cls.parse(raw, whole=False)

    @classmethod
    def from_row(cls, row, name: str) -> "Quantity":
        """The quantity a table row holds in its `name`, `name_qualifier`, `name_high` cells."""
        qual = row[f"{name}_qualifier"]
        words = row.get(f"{name}_words")
        return cls(
            float(row[name]),
            qual,
            float(row[f"{name}_high"]) if qual == "between" else None,
            words if isinstance(words, str) else "",
        )

    @property
    def lower(self) -> float:
        """Smallest value the statement allows (0 for 'at most')."""
        return 0.0 if self.qualifier in ("at_most", "less_than", "nearly") else self.value

    @property
    def upper(self) -> float:
        """Largest value the statement allows (infinity for 'more than')."""
        if self.high is not None:
            return self.high
        return math.inf if self.qualifier in ("at_least", "more_than") else self.value

    @property
    def is_exact(self) -> bool:
        return self.qualifier == "exactly"

    @property
    def bound(self) -> Bound:
        """Which way the true value may lie: 'exact', 'approximate', 'lower', 'upper'."""
        return BOUNDS[self.qualifier]

    def __str__(self) -> str:
        return str(self.msg())

    def __msg__(self):
        """The quantity as a sentence's field shows it (evalkit.i18n.said): its words with
        the qualifier, translatable, never its English text."""
        return self.msg()

    def msg(self, number=None):
        """The quantity in words with its qualifier ("more than 60"), translatable; each
        number written by `number` (an amount of money with its cents), else plainly."""
        number = number or _plain
        if self.high is not None:
            return Msg("{low}–{high}", low=number(self.value), high=number(self.high))
        if self.words:
            # the source's words, with the bound evalkit reads them as
            said = count_words(self.words)
            words = Msg(said) if said in COUNT_WORDS else Verbatim(said)
            return Msg(COUNT_IN_WORDS, words=words, n=number(self.value))
        words = {
            "exactly": "{n}",
            "about": N_("about {n}"),
            "at_least": N_("at least {n}"),
            "more_than": N_("more than {n}"),
            "at_most": N_("at most {n}"),
            "less_than": N_("fewer than {n}"),
            "nearly": N_("nearly {n}"),
        }
        return Msg(words[self.qualifier], n=number(self.value))


def _plain(v: float):
    for scale, word in ((1e9, N_("{n} billion")), (1e6, N_("{n} million"))):
        if v >= scale and round(v / scale, 2) == v / scale:
            # at most two decimals, and never an exponent ('2,000,000 billion', not '2e+06')
            return Msg(word, n=f"{v / scale:,.2f}".rstrip("0").rstrip("."))
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
