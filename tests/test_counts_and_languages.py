"""Counts as sources write them (in words, in Arabic) and languages by name (issue 19, items
9 and 10): read with documented bounds, or refused with a located error."""

import math

import pytest

import evalkit
from evalkit.record.languages import language_code
from evalkit.record.values import Quantity
from conftest import edit


@pytest.mark.parametrize(
    "text,lower,upper,shown",
    [
        ("thousands", 2000, math.inf, "thousands (at least 2,000)"),
        ("tens of thousands", 20000, math.inf, "tens of thousands (at least 20,000)"),
        ("several thousand", 3000, math.inf, "several thousand (at least 3,000)"),
        ("hundreds", 200, math.inf, "hundreds (at least 200)"),
        ("dozens", 24, math.inf, "dozens (at least 24)"),
        ("some 50,000", 50000, 50000, "about 50,000"),
        ("nearly 250,000", 0, 250000, "nearly 250,000"),
        ("close to 250000", 0, 250000, "nearly 250,000"),
        ("almost 40", 0, 40, "nearly 40"),
        ("أكثر من 60", 60, math.inf, "more than 60"),
        ("أكثر من ٦٠", 60, math.inf, "more than 60"),
        ("نحو 500", 500, 500, "about 500"),
        ("حوالي 2 مليون", 2e6, 2e6, "about 2 million"),
        # trial 13, L3: the other common words for 'about' and 'more than'
        ("زهاء 300", 300, 300, "about 300"),
        ("ما يقارب ٥٠٠", 500, 500, "about 500"),
        ("ما يناهز 1,000", 1000, 1000, "about 1,000"),
        ("ما يربو على 40", 40, math.inf, "more than 40"),
        ("أزيد من 40", 40, math.inf, "more than 40"),
        ("آلاف", 2000, math.inf, "thousands (at least 2,000)"),
        ("عشرات", 20, math.inf, "tens (at least 20)"),
        ("عشرات الآلاف", 20000, math.inf, "tens of thousands (at least 20,000)"),
    ],
)
def test_counts_in_words_are_qualified_counts_with_their_documented_bounds(
    text, lower, upper, shown
):
    q = Quantity.parse(text)
    assert (q.lower, q.upper, str(q)) == (lower, upper, shown)
    assert not q.is_exact


def test_a_count_in_words_keeps_its_words_through_a_table(tmp_path):
    from conftest import small_record

    c = small_record(tmp_path, metrics=["2020-02,participants,tens of thousands,,,,,,,,s"])
    q = Quantity.from_row(c.metrics.iloc[0], "value")
    assert (q.lower, q.words) == (20000, "tens of thousands")


@pytest.mark.parametrize("bad", ["lots", "many thousands of", "thousandss", "a lot"])
def test_words_that_are_not_counts_are_still_refused(bad):
    with pytest.raises(ValueError, match="count in words"):
        Quantity.parse(bad)


def test_a_comma_inside_a_flow_mapping_hints_to_quote_the_value(record):
    edit(record / "campaign.yaml", "uses: about 5000,", "uses: about 5,000,")
    _, problems = evalkit.check_record(record)
    (p,) = [str(p) for p in problems]
    assert "campaign.yaml:63:" in p and 'quote that value (e.g. uses: "about 1,800")' in p


def test_an_unknown_key_on_its_own_line_gets_no_flow_hint(record):
    edit(record / "campaign.yaml", "  en: My campaign (filled in)\n", "  en: Mine\n  colour: red\n")
    _, problems = evalkit.check_record(record)
    assert problems and not any("quote that value" in str(p) for p in problems)


@pytest.mark.parametrize(
    "written,code",
    [
        ("Kurdish", "ku"),
        ("ku", "ku"),
        ("الكردية", "ku"),
        ("العربية", "ar"),
        ("Arabic", "ar"),
        ("Central Kurdish", "ckb"),
        ("en-GB", "en"),
        ("Farsi", "fa"),
        ("الفرنسية", "fr"),
        # the spellings Arabic writers commonly use: no hamza, haa for taa marbuta, vowels
        ("الانجليزية", "en"),
        ("العربيه", "ar"),
        ("الإِنْجليزيّة", "en"),
        ("انجليزي", "en"),
        ("عربي", "ar"),
    ],
)
def test_languages_are_read_by_code_or_by_name_in_english_or_arabic(written, code):
    assert language_code(written) == code


def test_a_record_in_arabic_names_its_languages_in_arabic(record):
    edit(record / "campaign.yaml", "languages: [ar, en]", "languages: [العربية, الكردية]")
    campaign, problems = evalkit.check_record(record)
    assert problems == []
    assert {tuple(a.languages) for a in campaign.record.audiences} >= {("ar", "ku")}


def test_an_unknown_language_is_a_located_error(record):
    edit(record / "campaign.yaml", "languages: [ar, en]", "languages: [ar, Klingonish]")
    _, problems = evalkit.check_record(record)
    assert any(
        "campaign.yaml:55:" in str(p) and "unknown language 'Klingonish'" in str(p)
        for p in problems
    ), [str(p) for p in problems]
