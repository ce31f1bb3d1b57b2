"""Sentences built from parts read as sentences: a part that ends with a full stop loses it
where the sentence goes on with punctuation ('.;', '. (' never appear), a qualified count is
qualified once ('at least 35 per week', never '… or more' after it) and a rate carries no
needless '.0' — checked on the text of the real reports, in English and in Arabic."""

import html
import re

import pytest

from conftest import CASE_IDS
from evalkit.i18n import Msg, joined, localized, tr

# a full stop ending a part, then the punctuation of the sentence around it (a date range's
# "2016-04..2016-06" and a version's "0.1.0" are digits; an ellipsis keeps its dots)
DOUBLED = re.compile(r"(?<![\d.])\.\s*(?:[;,:؛،]|\.(?![\d.]))")
QUALIFIED_TWICE = [
    re.compile(r"\b(?:at least|more than|about|at most)\s[\d,.]+ per week or more"),
    re.compile(r"(?:[\d,.]+ على (?:الأقل|الأكثر)|(?:حوالي|أكثر من) [\d,.]+) في الأسبوع أو أكثر"),
]
NEEDLESS_DECIMAL = re.compile(r"\b\d+\.0 (?:per week|weeks?|في الأسبوع|أسبوع|أسابيع|أسبوعاً)")


def visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<(td|th|li|p|h\d|div|tr|figcaption|summary)\b", r" ¶ <\1", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    return text.replace("\u2068", "").replace("\u2069", "")


def _pages(out):
    return [out / c / "evaluation.html" for c in CASE_IDS] + [out / "comparative.html"]


def _problems(out) -> list[str]:
    found = []
    for path in _pages(out):
        text = visible_text(path.read_text(encoding="utf-8"))
        for pattern in [DOUBLED, NEEDLESS_DECIMAL, *QUALIFIED_TWICE]:
            for m in pattern.finditer(text):
                found.append(
                    f"{path.parent.name}/{path.name}: …{text[m.start() - 60 : m.end() + 20]}…"
                )
    return found


def test_report_text_has_no_doubled_punctuation_repeated_qualifier_or_needless_decimal(
    case_reports,
):
    assert _problems(case_reports) == []
    ghouta = visible_text((case_reports / "save-ghouta" / "evaluation.html").read_text("utf-8"))
    # the sentences that used to read '… 35.0 per week or more' and '… was available.; stops'
    assert "the true rate is 35 per week or more, never exactly that." in ghouta
    assert "days after warning was available; stops and restarts" in ghouta
    assert "over 1.1 weeks" in ghouta
    # a recommendation's reason inside its sentence, not after its full stop
    assert re.search(r"defined in advance \(because of W\d+", ghouta)


def test_arabic_report_text_has_no_doubled_punctuation_repeated_qualifier_or_needless_decimal(
    arabic_reports,
):
    assert _problems(arabic_reports) == []
    ghouta = visible_text((arabic_reports / "save-ghouta" / "evaluation.html").read_text("utf-8"))
    assert "المعدل الحقيقي 35 في الأسبوع أو أكثر، لا هذا بالضبط." in ghouta
    assert "من توفر الإنذار؛ توقف واستئناف" in ghouta
    idlib = visible_text(
        (arabic_reports / "idlib-under-fire" / "evaluation.html").read_text("utf-8")
    )
    # a count's window in weeks: a fraction keeps one decimal, a whole number none ('3.0')
    # (its plural form is pinned in test_a_rate_is_qualified_once_and_without_a_needless_decimal)
    assert "حوالي 60 خلال 7.3 أسابيع" in idlib  # a fraction agrees with its whole part: 7
    for page in arabic_reports.glob("*/evaluation.html"):
        shown = visible_text(page.read_text("utf-8"))
        assert not re.search(r"\d\.0 (?:أسبوع|أسابيع)", shown), page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_sentence_used_as_a_part_loses_its_full_stop_before_the_sentences_punctuation(lang):
    stop = Msg("The start came 83 days after the warning.")
    listed = localized(joined("; ", [stop, Msg("stops and restarts")]), lang)
    assert "." not in listed and ("؛" if lang == "ar" else ";") in listed
    dated = tr("{name} ({date})", lang).format(name="It intensified in 2016.", date="2016-04")
    assert "2016." not in dated and "(" in dated
    ended = localized(Msg("Not computed: {reason}.", reason=stop), lang)
    assert ".." not in ended and ended.endswith(".")
    # a sentence that stands alone, or an ellipsis, keeps its dots
    assert localized(Msg("{a} {b}", a=stop, b="Next."), lang).count(".") == 2
    assert str(Msg("{x}; y", x="and so on..")) == "and so on..; y"


def test_a_rate_is_qualified_once_and_without_a_needless_decimal():
    from evalkit.evaluation.reach import _num, weeks_msg

    assert (_num(35.0), _num(5.94), _num(98592.3)) == ("35", "5.9", "98,592")
    assert (str(weeks_msg(1.0)), str(weeks_msg(3.0)), str(weeks_msg(1.14))) == (
        "1 week",
        "3 weeks",
        "1.1 weeks",
    )
    assert localized(weeks_msg(3.0), "ar") == "3 أسابيع"


def test_arabic_indicator_names_agree_with_their_nouns(arabic_reports):
    # before: «أنشطة موجهة إلى المؤثرون» (the list's case after a preposition) and
    # «أنشطة حضوري» (a masculine adjective after a feminine plural), composed from one
    # sentence with the group or channel put in
    for page in arabic_reports.glob("*/evaluation.html"):
        shown = visible_text(page.read_text("utf-8"))
        assert "إلى المؤثرون" not in shown and "أنشطة حضوري " not in shown, page
        assert "أنشطة افتراضي " not in shown, page
    aleppo = visible_text(
        (arabic_reports / "aleppo-is-burning" / "evaluation.html").read_text("utf-8")
    )
    assert "أنشطة موجهة إلى المؤثرين" in aleppo and "أنشطة حضورية" in aleppo


def test_the_comparisons_opening_says_when_the_campaigns_started_in_a_whole_sentence(
    case_reports, arabic_reports
):
    # before: 'started 2014 to 2020' and «بدأت 2014 إلى 2020»
    english = visible_text((case_reports / "comparative.html").read_text("utf-8"))
    assert re.search(r"4 campaigns compared, started between \d{4} and \d{4}:", english)
    arabic = visible_text((arabic_reports / "comparative.html").read_text("utf-8"))
    assert re.search(r"بدأت بين \S*\d{4}\S* و\S*\d{4}", arabic), arabic[:600]
    assert "إلى" not in arabic.split("بدأت", 1)[1][:20]
