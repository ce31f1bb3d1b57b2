"""A qualified count is said by the one formatter of counts, in the report's language (trial 7,
M4): a coalition's size written «أكثر من 30 منظمة» read «more than 30 عضو» in an Arabic
report — the English qualifier (the count's own text, `str(Quantity)`) and the noun of 100
and more, where 11 to 99 take the accusative singular («أكثر من 30 عضواً»). The size went
into its sentence as the record's Quantity, not as its words (`Quantity.msg`); now any
Quantity a sentence holds is said as its words (`i18n.said`), wherever it is put."""

from __future__ import annotations

import re

import pytest
from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import Msg, localized, tr
from evalkit.record.values import Quantity

ISOLATES = re.compile("[\u2066-\u2069]")
ENGLISH_QUALIFIERS = re.compile(
    r"more than|at least|at most|fewer than|about|nearly|dozens|hundreds|thousands", re.I
)


def _ar(text) -> str:
    return ISOLATES.sub("", text.translated("ar") if isinstance(text, Msg) else text)


@pytest.mark.parametrize(
    "written,arabic",
    [
        ("أكثر من 30 منظمة", "أكثر من 30 عضواً"),
        ("more than 30", "أكثر من 30 عضواً"),
        ("about 5", "حوالي 5 أعضاء"),
        ("at least 120", "ما لا يقل عن 120 عضواً"),
        ("20..30", "20–30 عضواً"),
        ("عشرات", "عشرات (على الأقل 20) عضواً"),
        ("fewer than 3", "أقل من 3 أعضاء"),
    ],
)
def test_a_quantity_in_a_sentence_is_said_in_arabic(written, arabic):
    q = Quantity.parse(written)
    msg = Msg("{n} member", "{n} members", n=q)
    said = _ar(msg)
    assert not ENGLISH_QUALIFIERS.search(said), said
    assert said == arabic
    # the same words as the count's own formatter gives (one formatter)
    assert said == _ar(Msg("{n} member", "{n} members", n=q.msg()))
    # the English sentence is unchanged: results.json's text
    assert str(msg) == f"{q} members"


def test_a_quantity_filled_into_a_translated_template_or_shown_alone_is_arabic():
    q = Quantity.parse("أكثر من 30")
    assert _ar(tr("{n} (recorded)", "ar").format(n=q)).startswith("أكثر من 30")
    assert _ar(localized(q, "ar")) == "أكثر من 30"


def _coalition_report(tmp_path, size: str) -> tuple[str, str]:
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=[act("a1"), act("a2", channel="in_person")],
            coalitions=[
                {
                    "id": "c1",
                    "name": "Culture for All",
                    "size": size,
                    "members": [
                        {"name": "Friends of Libraries", "kind": "ngo", "source": "s"},
                        {"name": "Readers Club", "kind": "ngo", "source": "s"},
                    ],
                    "source": "s",
                }
            ],
        )
    )
    indicator = next(v for k, v, _ in ev.questions[5].indicators if str(k) == "Coalitions")
    evidence = next(
        e
        for r in ev.checklist
        for e in r.evidence
        if isinstance(e, Msg) and "Culture for All" in str(e)
    )
    return _ar(indicator) + " | " + _ar(evidence), str(indicator) + " | " + str(evidence)


def test_a_coalition_size_reads_arabic_in_question_5_and_the_checklist(tmp_path):
    arabic, english = _coalition_report(tmp_path, "أكثر من 30 منظمة")
    assert arabic.count("Culture for All: أكثر من 30 عضواً") == 2, arabic
    assert not ENGLISH_QUALIFIERS.search(arabic.replace("Culture for All", "")), arabic
    assert english.count("Culture for All: more than 30 members") == 2, english
