"""A decision recorded as a contact's response ('executive_decision' in engagements.csv) is
taken back by the decision maker's later act against the ask just as the same decision
recorded as an act of decisions.csv is (trial 18, H1: a pilot approved at a meeting and
cancelled in the budget stayed question 5's lasting outcome, 'good (high confidence)', and
S8's first fruit, while the same facts typed into decisions.csv were said taken back).
Which table the evaluator typed it into never changes what the report says of it."""

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

COUNCIL = "UN Security Council"
APPROVED = f"2020-02-10,{COUNCIL},{COUNCIL},meeting,executive_decision,pilot approved,s"
APPROVED_ACT = f"2020-02-10,{COUNCIL},{COUNCIL},executive_decision,for,,pilot approved,s"
CANCELLED = f"2020-03-20,{COUNCIL},{COUNCIL},plan,against,,pilot cancelled in the budget,s"


def _evaluation(tmp_path, engagements, decisions):
    campaign = small_record(
        tmp_path,
        activities=[act("a1", date="2020-01"), act("a2", date="2020-01-20")],
        engagements=engagements,
        decisions=decisions,
    )
    return Evaluation(campaign)


def _said(e):
    q5 = e.questions[5].criterion("outcome_followed")
    s8 = next(r for r in e.checklist if r.rule.id == "S8")
    q4 = [
        localized(f.text) for f in e.questions[4].findings if "policy action" in localized(f.text)
    ]
    return q5.met, localized(q5.because), [localized(x) for x in s8.evidence], q4


def test_a_response_taken_back_is_no_lasting_outcome_as_an_act_taken_back_is_none(tmp_path):
    (tmp_path / "e").mkdir()
    (tmp_path / "d").mkdir()
    as_response = _said(_evaluation(tmp_path / "e", [APPROVED], [CANCELLED]))
    as_act = _said(_evaluation(tmp_path / "d", [], [APPROVED_ACT, CANCELLED]))
    for met, because, s8, q4 in (as_response, as_act):
        assert met is None
        assert because.startswith("what followed the tactics was taken back")
        assert "pilot cancelled in the budget" in because
        assert all("but their last recorded act goes against the ask" in x for x in s8), s8
        assert q4 and all("But their last recorded act goes against the ask" in x for x in q4)


def test_a_response_no_later_act_goes_against_stands(tmp_path):
    met, because, s8, q4 = _said(_evaluation(tmp_path, [APPROVED], []))
    assert met is True and "taken back" not in because
    assert not any("goes against" in x for x in s8 + q4)


def test_a_statement_for_the_ask_then_a_refusal_is_said_with_the_refusal(tmp_path):
    # trial 18, M2: the mayor's statement stood as an outcome beside his later refusal
    statement = f"2020-02-10,{COUNCIL},{COUNCIL},statement,for,,supports the plan,s"
    refusal = f"2020-03-05,{COUNCIL},{COUNCIL},meeting,rejected,will not act,s"
    q5 = _evaluation(tmp_path, [refusal], [statement]).questions[5]
    said = [localized(o[2]) for o in q5.policy_outcomes + q5.other_outcomes]
    assert any(
        "but their last recorded answer refused the ask (2020-03-05, engagements.csv:2)" in s
        for s in said
    ), said


def test_question_4_s_policy_action_says_the_reversal_beside_the_rung(tmp_path):
    # trial 19, M3: "took policy action: met" with no word of the reversal question 5 gave
    for folder, engagements, decisions in (
        ("e", [APPROVED], [CANCELLED]),
        ("d", [], [APPROVED_ACT, CANCELLED]),
    ):
        (tmp_path / folder).mkdir()
        c = _evaluation(tmp_path / folder, engagements, decisions).questions[4]
        action = c.criterion("policy_action")
        assert action.met is True  # they did act: the rung stands
        assert "their last recorded act goes against the ask: pilot cancelled in the budget" in (
            localized(action.because)
        )
