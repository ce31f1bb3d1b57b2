"""Question 4: a contact whose answer is not recorded (`response: unknown`) is not a contact
left unanswered (trial 5, F1).

"At least half of the named decision makers were engaged" read such a contact as "not
answered" and was judged not met; the verdict then stood on two criteria ("poor to fair")
where the record lets one be judged. An unknown answer makes the criterion cannot be judged
unless the known contacts decide it either way, and the verdict follows the scale's rule
(fewer than 2 judgeable: insufficient evidence)."""

from __future__ import annotations

import pytest

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized, set_language

TWO = [
    {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Turn the lights back on.",
        "decision_makers": ["Local council", "Electricity company"],
        "source": "s",
    }
]
THREE = [{**TWO[0], "decision_makers": ["Local council", "Electricity company", "Governor"]}]


def _q4(tmp_path, engagements, goals=TWO):
    ev = Evaluation(
        small_record(tmp_path, activities=[act("a1")], engagements=engagements, goals=goals)
    )
    return ev.questions[4]


def _petition(who, response):
    return f"2020-02-01,{who},{who},petition_delivered,{response},petition handed over,s"


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def test_an_unknown_answer_makes_coverage_cannot_be_judged_and_the_verdict_withheld(tmp_path):
    # the trial's record (sheikh-maqsoud-lights-simulated.xlsx): one petition to one of two
    # named decision makers, its answer not recorded («ولم يُعرف الرد»)
    q = _q4(tmp_path, [_petition("Local council", "unknown")])
    c = q.criterion("half_of_targets_engaged")
    assert c.met is None
    assert str(c.because) == (
        "0 of 2 engaged; not known for Local council: the answer to a contact is not "
        "recorded (response unknown), and may have engaged them"
    )
    assert "not answered" not in str(c.because)
    assert c.evidence == ["engagements.csv:2"]
    # only 'decision makers are named' can be judged: insufficient evidence, as the scale
    # says for fewer than 2 judgeable criteria (it was 'poor to fair')
    assert q.verdict.judgeable == 1 and q.verdict.level == "insufficient evidence"
    assert str(q.verdict.said) == "insufficient evidence"


def test_a_contact_answered_by_silence_is_still_not_engaged(tmp_path):
    q = _q4(tmp_path, [_petition("Local council", "none")])
    c = q.criterion("half_of_targets_engaged")
    assert c.met is False
    assert str(c.because) == (
        "0 of 2 engaged; only made aware (a one-way contact, not answered): Local council"
    )


def test_a_statement_engages(tmp_path):
    c = _q4(tmp_path, [_petition("Local council", "statement")]).criterion(
        "half_of_targets_engaged"
    )
    assert c.met is True and str(c.because) == "1 of 2 engaged"


def test_the_known_contacts_decide_it_when_the_unknown_answer_cannot_turn_it(tmp_path):
    # 2 of 3 engaged by meetings: met whatever the third's answer was
    met = _q4(
        tmp_path,
        [
            "2020-02-01,Local council,Local council,meeting,none,a meeting,s",
            "2020-02-02,Electricity company,Electricity company,meeting,none,a meeting,s",
            _petition("Governor", "unknown"),
        ],
        THREE,
    ).criterion("half_of_targets_engaged")
    assert met.met is True
    assert "not known for Governor" in str(met.because)
    # 0 of 3 engaged, one answer unknown: at most 1 of 3, not met whatever it was
    (tmp_path / "b").mkdir()
    unmet = _q4(tmp_path / "b", [_petition("Governor", "unknown")], THREE).criterion(
        "half_of_targets_engaged"
    )
    assert unmet.met is False and "not known for Governor" in str(unmet.because)


def test_the_rung_of_a_contact_with_an_unknown_answer_is_said_to_be_the_least(tmp_path):
    q = _q4(tmp_path, [_petition("Local council", "unknown")])
    (value,) = [str(v) for label, v, _ in q.indicators if str(label) == "Reached: Local council"]
    assert value.startswith("aware (1 engagement; first 2020-02-01)")
    assert value.endswith(
        "the answer to 1 contact is not recorded (response unknown): the rung may be higher"
    )


def test_the_arabic_coverage_says_the_answer_is_not_recorded(tmp_path):
    q = _q4(tmp_path, [_petition("Local council", "unknown")])
    set_language("ar")
    because = localized(q.criterion("half_of_targets_engaged").because)
    assert "غير معروف بالنسبة إلى" in because and "لم يُسجَّل الرد" in because
    assert "لم يُرَدّ عليه" not in because  # 'not answered'
    assert localized(q.verdict.said) == "أدلة غير كافية"
