"""A whole Arabic report of a record with series reads as Arabic (trial 5, F7): every Latin
word on the page is the record's own text, a file, field or code the record uses, or the
name of a statistic that keeps its Latin letters (Ljung-Box, AR(1)) — never evalkit's English
left untranslated. Before: «السلسلة صفرية طوال الفترة قبل 'the launch'» (an interruption's
name written as Python quotes it, so never translated), «(مثل 2024-03-11, 2024-03-18)» (a
list joined with a Latin comma, not the language's «،»), and «عشرات (على الأقل 20) مشارك»
(after a count in words the noun agrees with the bound beside it: «مشاركاً»).

The record is SIMULATED (the trial's boycott record, in small): a cumulative signatures
series that is zero before the launch, has two weeks without a row and a control column; a
sales index that drops at the boycott phase's start; an activity of «عشرات» participants.
The Sicily example (examples/) is scanned too."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ACT_HEADER, ROOT, small_record
from evalkit.cli import main
from test_series_phases import EVENTS, PHASES, SALES, _weeks

pytestmark = pytest.mark.slow  # two reports through their notebooks

# the trial's signatures (SIMULATED): a running total, zero before the launch, two weeks
# without a row (2024-03-11, 2024-03-18) and one week not observed; an unrelated petition's
# signatures as the control
SIGNATURES = (
    [0] * 13
    + [3889, 7493, 11248, 15496, 19413, None, None, 30404, 34536, 38165, 41666, 43080, 44449]
    + [45945, 47348, 48757, "", 51663, 53232, 54601, 56071]
)
CONTROL = (
    "219 201 212 228 201 234 225 218 230 232 253 265 255 279 286 255 273 282 - - 319 313 298 "
    "295 313 315 330 349 331 349 331 361 349 349"
).split()
ACTIVITIES = [
    "launch,2024-02-05,petition,Online petition launched,mobilisation,,medium,virtual,"
    "national,IT,,it,public,,,,s",
    "stands,2024-02..2024-03,petition,Signature stands outside supermarkets,mobilisation,,"
    "medium,in_person,local,IT,Valdoro,it,public,عشرات,,at least 14,s",
    "march,2024-04-20,boycott,March to the plant gates,mobilisation,,high,in_person,local,IT,"
    "Valdoro,it,public,,,1,s",
    "meeting,2024-04-02,boycott,Meeting with the authority's board,lobbying,,high,in_person,"
    "local,IT,Valdoro,it,dm,,,1,s",
]


def _record(root: Path) -> Path:
    small_record(
        root,
        id="boycott-simulated",
        name={"en": "Boycott (simulated)", "ar": "المقاطعة (محاكاة)"},
        phases=PHASES,
        hot_events=EVENTS,
        activities=ACTIVITIES,
        activity_header=ACT_HEADER,
        metrics=['2024-03-31,signatures,"about 41,000",it,,website,IT,,petition,total,s'],
        engagements=[
            "2024-03-04,Director of the authority,Regional Water Authority,letter,none,"
            "Letter asking for the licence to be revoked,s",
        ],
    )
    folder = root / "small"
    rows = ["date,metric,value,measures,cumulative,source,control_unrelated_petition"]
    for day, value, control in zip(_weeks(34), SIGNATURES, CONTROL):
        if value is not None:
            rows.append(f"{day},signatures,{value},reach,yes,s,{control}")
    for day, value in zip(_weeks(34), SALES):
        rows.append(f"{day},sales index,{value},outcome,,s,")
    (folder / "series.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> dict[str, Path]:
    """`evalkit run-all --lang ar` of the SIMULATED record and the Sicily example: each
    report's folder (its record/ holds the record's files)."""
    root = tmp_path_factory.mktemp("arabic-series")
    records = root / "records"
    records.mkdir()
    shutil.copytree(_record(root), records / "boycott-simulated")
    shutil.copytree(ROOT / "examples" / "sicily-smoke-free-law", records / "sicily")
    out = root / "out"
    result = CliRunner().invoke(
        main, ["run-all", str(records), "--out", str(out), "--lang", "ar", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    return {"boycott": out / "boycott-simulated", "sicily": out / "sicily-smoke-free-law"}


class _Text(HTMLParser):
    """The words of a page a reader sees (not its scripts, styles, drawings or code)."""

    HIDDEN = {"script", "style", "svg", "code", "pre", "kbd", "title"}
    EMPTY = {"br", "img", "meta", "link", "input", "hr", "col", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.EMPTY:
            self.open.append(tag)

    def handle_endtag(self, tag):
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data):
        if not self.HIDDEN & set(self.open):
            self.texts.append(data)


# what an Arabic page keeps in Latin letters besides the record's own text: statistics'
# names, formats and programs, rule and question codes, p-values, currency codes, files and
# the record's paths, fields and codes, hashtags and accounts, language codes
KEPT = re.compile(
    r"""(?:Ljung-Box|Newey[–-]West|CausalImpact|R|AR\(1\)|JSON|SMART|PDF|HTML|Word|Excel
    |evalkit(?:\ [\w.]+)?|[WSQ]\d+|p\ [=<]\ [\d.]+|[A-Z]{2,3}
    |[\w./-]+\.(?:csv|yaml|md|html|json|xlsx|ipynb|pdf|docx)(?:[:!]\w+)?(?:[–-]\d+)?
    |campaign\.yaml(?:\ \w+)?|[a-z]+(?:_[a-z]+)+|[#@]\w+|[a-z]{2})""",
    re.X,
)
LATIN = re.compile(r"[#@]?[A-Za-z][\w'’.\-/:&!?–]*(?:\s+[#@]?[A-Za-z0-9][\w'’.\-/:&!?–]*)*")


def _record_words(folder: Path) -> str:
    """The record's text, as its files hold it and as the report names its ids (a hyphen or
    an underscore read as a space: 'local-media' is 'local media')."""
    text = " ".join(f.read_text(encoding="utf-8") for f in sorted(folder.iterdir()))
    text = " ".join(text.split())
    return " ".join([text, text.replace("-", " "), text.replace("_", " ")])


def english_left_in(page: str, record: str) -> list[str]:
    """The runs of Latin words on an Arabic page that are neither the record's text nor a
    name kept in Latin letters."""
    parser = _Text()
    parser.feed(page)
    left = []
    for text in parser.texts:
        for run in LATIN.findall(text.replace("\u2068", " ").replace("\u2069", " ")):
            run = run.strip(" .,;:'’")
            if KEPT.fullmatch(run) or run in record:
                continue
            left.append(run)
    return left


@pytest.mark.parametrize("report", ["boycott", "sicily"])
def test_an_arabic_report_with_series_has_no_english_outside_the_records_own_text(arabic, report):
    folder = arabic[report]
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "السلسلة الزمنية" in page or "سلسلة زمنية منقطعة" in page  # it has its series
    left = english_left_in(page, _record_words(folder / "record"))
    assert not left, sorted(set(left))


def test_the_scan_finds_english_left_in_an_arabic_sentence():
    # the scan itself: the trial's sentence is found, the record's own name is not
    page = "<p>السلسلة صفرية طوال الفترة قبل <bdi>'the launch'</bdi>: <bdi>Valdoro</bdi></p>"
    assert english_left_in(page, "the record names Valdoro") == ["the launch"]


def _visible(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return re.sub(r"[\u200e\u200f\u2066-\u2069]", "", " ".join("".join(parser.texts).split()))


def test_the_series_sentences_name_the_launch_and_list_dates_in_arabic(arabic):
    text = _visible((arabic["boycott"] / "evaluation.html").read_text(encoding="utf-8"))
    assert "السلسلة صفرية طوال الفترة قبل الانطلاق: لا يمكن تقدير نسبة المعدلات" in text
    assert "the launch" not in text
    # the dates of a list joined with the language's comma
    assert "(مثل 2024-03-11، 2024-03-18)" in text
    assert "2024-03-11, 2024-03-18" not in text
    # the later phase's start is tested, in Arabic
    assert "بعد بداية المرحلة «Boycott and lobbying» (2024-04-01)، تغيّر" in text


def test_a_count_in_words_agrees_with_the_bound_beside_its_noun(arabic):
    text = _visible((arabic["boycott"] / "evaluation.html").read_text(encoding="utf-8"))
    assert "عشرات (على الأقل 20) مشاركاً" in text
    assert "عشرات (على الأقل 20) مشارك " not in text
