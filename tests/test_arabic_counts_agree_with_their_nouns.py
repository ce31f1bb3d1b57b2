"""Arabic counts read as Arabic (trial 6, L7): «1 متمايزة», «4 حضوري، 2 افتراضي», «0 توجه بين
لا شريك», «لا شيء من 1 المسجلة», «وقد يكون أدنى حتى ضعيف» were English word order with Arabic
words. Each is now said so that its number needs no agreement («المتمايزة: 1»), in the
plural form the count takes, or not at all where there is nothing to count."""

from __future__ import annotations

import re

import pytest
from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import Msg

ISOLATES = re.compile("[\u2066-\u2069]")


def _ar(msg) -> str:
    return ISOLATES.sub("", msg.translated("ar"))


@pytest.mark.parametrize(
    "msg,arabic",
    [
        (
            Msg(
                "{distinct} distinct of {n} written form",
                "{distinct} distinct of {n} written forms",
                distinct=1,
                n=1,
            ),
            "المتمايزة: 1، من صيغة مكتوبة واحدة",
        ),
        (
            Msg("{in_person} in person, {virtual} virtual", in_person=4, virtual=2),
            "الأنشطة الحضورية 4، والافتراضية 2",
        ),
        (
            Msg(
                "none of the {known} with a record; not recorded for {part} of {n}",
                known=1,
                part=1,
                n=2,
            ),
            "لا شيء مما سُجّل (1)؛ غير مسجل في 1 من 2",
        ),
        (
            Msg(
                "{campaign}: {n} coalition recorded",
                "{campaign}: {n} coalitions recorded",
                campaign="x",
                n=0,
            ),
            "x: لا تحالفات مسجلة",
        ),
        (Msg("{language}: {n} distinct", language="x", n=2), "x: عدد الوسوم المتمايزة 2"),
    ],
)
def test_a_count_reads_as_arabic(msg, arabic):
    assert _ar(msg) == arabic


def test_a_verdict_s_floor_is_said_as_a_level(tmp_path):
    ev = Evaluation(small_record(tmp_path, activities=[act("a1"), act("a2", channel="in_person")]))
    ranged = [q.verdict for q in ev.questions.values() if q.verdict.floor]
    assert ranged, "test setup: no verdict is a range"
    said = _ar(ranged[0].sentence())
    assert "وقد ينخفض إلى مستوى «" in said and "أدنى حتى" not in said


def test_no_partners_named_is_said_without_a_count(tmp_path):
    # coalitions: [] and no partners key: nothing named, so no '0 orientations among 0 partners'
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], coalitions=[]))
    c = next(x for x in ev.questions[5].criteria if "orientations" in str(x.name))
    assert str(c.because) == "no partner named; other partners not recorded"
    assert _ar(c.because).startswith("لا شريك مسمّى؛")
    assert "0" not in _ar(c.because)


def test_hashtags_that_trended_are_said_without_a_bare_number_before_a_dual():
    # trial 17, L4: «تصدّر 1 من وسمين», a bare 1 beside the dual noun
    said = _ar(Msg("{part} of {n} hashtag trended", "{part} of {n} hashtags trended", part=1, n=2))
    assert said == "تصدّر منها 1 من أصل وسمين"


def test_a_range_of_days_agrees_with_its_last_number():
    # trial 18, L2: «31–89 من الأيام»
    from evalkit.evaluation.timing import day_span

    assert [_ar(day_span(lo, hi)) for lo, hi in ((31, 89), (3, 10), (62, 131))] == [
        "31–89 يوماً",
        "3–10 أيام",
        "62–131 يوماً",
    ]
