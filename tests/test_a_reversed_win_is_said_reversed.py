"""A decision maker's act for the ask that their last recorded act undoes (a permit
suspended, then reinstated) is never shown as a standing gain: question 4 says what the act
was (a partial concession is not 'the campaign's ask') and names the act that undid it;
the policy-action criterion does not cite the reversal as its evidence; S8 and question
5's outcomes say it beside the gain (trial 6, M1)."""

from evalkit.evaluation import Evaluation
from evalkit.evaluation.decision_makers import DecisionMakersReached
from evalkit.evaluation.tactics import TacticUsefulness

from conftest import act, small_record
from test_questions import criterion, indicator

COUNCIL = "UN Security Council"
SUSPENDED = f"2020-02,{COUNCIL},{COUNCIL},executive_decision,partial,accepted,Permit suspended,s"
REINSTATED = f"2020-03-10,{COUNCIL},{COUNCIL},executive_decision,against,,Permit reinstated,s"
MEETING = f"2020-01-15,{COUNCIL},{COUNCIL},meeting,none,,s"


def _record(tmp_path, decisions):
    return small_record(
        tmp_path,
        activities=[act("a1", kind="lobbying", date="2020-01")],
        engagements=[MEETING],
        decisions=decisions,
    )


def test_question_4_names_the_act_that_undid_a_partial_concession(tmp_path):
    q = DecisionMakersReached(_record(tmp_path, [SUSPENDED, REINSTATED]))
    said = [f for f in q.findings if str(f.text).startswith(COUNCIL)]
    assert len(said) == 1
    text = str(said[0].text)
    assert "a partial concession the campaign accepted" in text
    assert "for the campaign's ask" not in text
    assert "But their last recorded act goes against the ask: Permit reinstated (2020-03-10" in text
    assert said[0].evidence == ["decisions.csv:2", "decisions.csv:3"]
    policy = criterion(q, "A named decision maker took policy action")
    assert policy.met is True  # they did act: the rung stands, said with its undoing
    assert "decisions.csv:3" not in policy.evidence and "decisions.csv:2" in policy.evidence


def test_a_standing_concession_is_said_without_a_reversal(tmp_path):
    q = DecisionMakersReached(_record(tmp_path, [SUSPENDED]))
    text = " ".join(str(f.text) for f in q.findings)
    assert "a partial concession the campaign accepted" in text
    assert "goes against the ask" not in text


def test_an_act_for_the_ask_then_against_it_then_for_it_again_stands(tmp_path):
    again = f"2020-03-28,{COUNCIL},{COUNCIL},executive_decision,for,,Permit revoked,s"
    q = DecisionMakersReached(_record(tmp_path, [SUSPENDED, REINSTATED, again]))
    text = " ".join(str(f.text) for f in q.findings)
    assert "policy action for the campaign's ask" in text
    assert "goes against the ask" not in text


def test_s8_and_question_5_say_the_reversal_beside_the_gain(tmp_path):
    c = _record(tmp_path, [SUSPENDED, REINSTATED])
    outcomes = indicator(TacticUsefulness(c), "Outcomes that followed lobbying activities in time")
    assert (
        f"{COUNCIL}: executive_decision (a partial concession the campaign accepted), but "
        "their last recorded act goes against the ask: Permit reinstated (2020-03-10; "
        "decisions.csv:3)" in outcomes
    )
    s8 = next(r for r in Evaluation(c).checklist if r.rule.id == "S8")
    assert any("but their last recorded act goes against the ask" in str(e) for e in s8.evidence)


def test_the_comparison_says_a_partial_concession_and_its_undoing_beside_the_rung(tmp_path):
    # trial 10, M4: a deferral later reversed read as a bare "policy action" in the
    # comparison, where the campaign's own report said both
    import json

    from evalkit.comparison.tables import rung_said
    from evalkit.i18n import localized, remember, set_language
    from evalkit.results.build import results_document, results_json
    from evalkit.results.model import CampaignResults

    (tmp_path / "undone").mkdir()
    c = _record(tmp_path / "undone", [SUSPENDED, REINSTATED])
    r = CampaignResults.model_validate(json.loads(results_json(results_document(c))))
    said = str(rung_said(r.facts))
    assert said.startswith("policy action (a partial concession the campaign accepted; ")
    assert "their last recorded act goes against the ask: Permit reinstated (2020-03-10" in said
    remember(r.messages)  # as the comparative report reads results.json back
    set_language("ar")
    try:
        arabic = localized(rung_said(r.facts))
        assert "Permit reinstated" in arabic and "partial concession" not in arabic
        assert "تنازل جزئي قبلته الحملة" in arabic
    finally:
        set_language("en")
    # a concession that stands, for the ask in full: the rung as it is named
    (tmp_path / "stands").mkdir()
    granted = f"2020-02,{COUNCIL},{COUNCIL},executive_decision,for,,Permit revoked,s"
    c = _record(tmp_path / "stands", [granted])
    r = CampaignResults.model_validate(json.loads(results_json(results_document(c))))
    assert rung_said(r.facts) == "policy action"
