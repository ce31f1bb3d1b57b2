"""Two judgements of one goal as of the same date that disagree: the evaluation reads the
less favourable whatever their order, says both, and validation warns (trial 6, H1: the
campaign's own 'partly' listed first won over the evaluator's 'not achieved', in silence)."""

from evalkit.evaluation import Evaluation
from evalkit.evaluation.goals import GoalAttainment
from evalkit.evaluation.tactics import TacticUsefulness
from evalkit.results.facts import campaign_facts

from conftest import act, small_record
from test_questions import indicator

CLAIM = {
    "attainment": "partly",
    "as_of": "2020-03",
    "evidence": "The network says one official was listed",
    "judged_by": "the campaign's network",
    "source": "s",
}
FINDING = {
    "attainment": "not_achieved",
    "as_of": "2020-03",
    "evidence": "No listing was adopted",
    "judged_by": "the evaluator",
    "source": "s",
}


def _record(tmp_path, name, judgements):
    (tmp_path / name).mkdir()
    return small_record(
        tmp_path / name,
        activities=[act("a1", kind="lobbying", date="2020-01")],
        goals=[
            {
                "id": "main",
                "level": "main",
                "horizon": "long",
                "text": "Sanctions on the officials.",
                "decision_makers": ["UN Security Council"],
                "source": "s",
                "judgements": judgements,
            }
        ],
    )


def test_the_less_favourable_is_read_whatever_the_order(tmp_path):
    first = _record(tmp_path, "claim-first", [CLAIM, FINDING])
    second = _record(tmp_path, "finding-first", [FINDING, CLAIM])
    for c in (first, second):
        q3 = GoalAttainment(c)
        said = indicator(q3, "Main goal, long term: Sanctions on the officials.")
        assert said.startswith("not achieved (as of 2020-03; the evaluator)"), said
        both = indicator(q3, "Judgements of one time that disagree: Sanctions on the officials")
        assert "partly achieved (as of 2020-03; the campaign's network)" in both
        assert "not achieved (as of 2020-03; the evaluator)" in both
        assert both.endswith("so the least favourable is read (not achieved)")
        # no time to partial attainment from a disputed claim, and no outcome for question 5
        assert not any(n.startswith("Time from launch") for n, _, _ in q3.indicators)
        q5 = TacticUsefulness(c)
        assert indicator(q5, "Outcomes that followed lobbying activities in time") == "none"
        facts = campaign_facts(Evaluation(c))
        assert [g["attainment"] for g in facts["main_goal"]] == ["not_achieved"]
    assert str(GoalAttainment(first).verdict.level) == str(GoalAttainment(second).verdict.level)


def test_validation_warns_at_each_disputed_judgement(tmp_path):
    c = _record(tmp_path, "rec", [CLAIM, FINDING])
    texts = [str(w) for w in c.warnings]
    assert any(
        "goals[0].judgements[0].attainment" in t
        and "disputed by a judgement of the same time: 'not_achieved' (as of 2020-03; judged by "
        "the evaluator)"
        in t
        for t in texts
    ), texts
    # the less favourable is disputed by none
    assert not any("judgements[1].attainment" in t for t in texts), texts


def test_a_later_judgement_is_no_dispute(tmp_path):
    later = dict(FINDING, as_of="2020-06")
    c = _record(tmp_path, "rec", [CLAIM, later])
    assert not [w for w in c.warnings if "disputed" in str(w)]
    q3 = GoalAttainment(c)
    assert indicator(q3, "Main goal, long term: Sanctions on the officials.").startswith(
        "not achieved (as of 2020-06"
    )
    # the claim of March stands as the time of partial attainment: it was not disputed then
    assert any(n.startswith("Time from launch") for n, _, _ in q3.indicators)
