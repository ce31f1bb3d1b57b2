"""A decision maker's own response recorded in engagements.csv is their act too (trial 15,
H4: the council leader refused to drop the plan at a meeting on 2025-04-20, the record had
no decisions.csv, and the goal judged achieved as of 2025-05-20 was counted, question 3
"good (high confidence)"). A `rejected` response of one of the goal's decision makers, their
last word by the report's date with nothing for the ask then or after, goes against an
"achieved" or "partly" judgement as an act `against` in decisions.csv does: not counted,
the main goal's verdict withheld, the checklist's W12 fires, cited as engagements.csv:N,
said in Arabic."""

from datetime import date

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.evaluation.base import INSUFFICIENT
from evalkit.i18n import localized
from evalkit.results.build import results_document

from test_an_act_is_read_against_the_goal_it_answers import _goal as act_goal

DEC_HEADER = "date,decision_maker,act,direction,goal,description,source"
REFUSAL = "2020-02-10,UN Security Council,,meeting,rejected,refused to adopt the plan,s"


def _goal(attainment="achieved", as_of="2020-03", id="main", level="main"):
    return act_goal(id, level, attainment, as_of)


def _campaign(tmp_path, engagements, decisions=None, goals=None):
    tmp_path.mkdir(exist_ok=True)
    campaign = small_record(tmp_path, engagements=engagements, goals=goals or [_goal()])
    if decisions is not None:
        (campaign.path / "decisions.csv").write_text(
            "\n".join([DEC_HEADER, *decisions]) + "\n", encoding="utf-8"
        )
        campaign, problems = evalkit.check_record(campaign.path)
        assert not problems, [str(p) for p in problems]
    return campaign


def test_a_refusal_by_the_goals_decision_maker_goes_against_achieved(tmp_path):
    campaign = _campaign(tmp_path, [REFUSAL])
    evaluation = Evaluation(campaign)
    q3 = evaluation.questions[3]
    assert set(q3.contradicted) == {"main"}
    assert [localized(f.text) for f in q3.contradictions] == [
        "The judgement that 'Goal main' was achieved is contradicted by the record's own acts "
        "(UN Security Council: refused the ask (2020-02-10, engagements.csv:2; refused to "
        "adopt the plan)): it is not counted; check it against its evidence."
    ]
    # the evidence cites the engagement row
    assert q3.contradictions[0].evidence == ["campaign.yaml goals[main]", "engagements.csv:2"]
    words, counted = q3._as_read(q3.table[q3.table["goal"] == "main"].iloc[0])
    assert not counted
    assert localized(words) == "achieved (not counted: the record's own acts go against it)"
    # the main goal's verdict is withheld, and W12 fires on the refusal
    assert q3.cap[0] == INSUFFICIENT
    w12 = next(r for r in evaluation.checklist if r.rule.id == "W12")
    assert w12.status == "fires" and "engagements.csv:2" in w12.evidence
    # results.json: not counted, for the record's own acts (a response is one)
    main = next(g for g in results_document(campaign)["goals"] if g["id"] == "main")
    assert main["counted"] is False and main["not_counted_because"] == "acts"


def test_a_refusal_goes_against_partly_too(tmp_path):
    campaign = _campaign(tmp_path, [REFUSAL], goals=[_goal("partly")])
    assert set(Evaluation(campaign).questions[3].contradicted) == {"main"}


def test_a_refusal_goes_against_no_judgement_of_not_achieved(tmp_path):
    campaign = _campaign(tmp_path, [REFUSAL], goals=[_goal("not_achieved")])
    assert not Evaluation(campaign).questions[3].contradicted


def test_a_later_act_for_the_ask_in_decisions_answers_the_refusal(tmp_path):
    campaign = _campaign(
        tmp_path, [REFUSAL], ["2020-03-01,UN Security Council,resolution,for,,adopted it,s"]
    )
    assert not Evaluation(campaign).questions[3].contradicted


def test_a_later_decision_for_the_ask_in_engagements_answers_the_refusal(tmp_path):
    later = "2020-03-01,UN Security Council,,letter,resolution,adopted it,s"
    campaign = _campaign(tmp_path, [REFUSAL, later])
    assert not Evaluation(campaign).questions[3].contradicted


def test_a_later_statement_silence_or_unknown_answer_takes_nothing_back(tmp_path):
    for i, response in enumerate(("statement", "none", "unknown")):
        later = f"2020-03-01,UN Security Council,,letter,{response},,s"
        campaign = _campaign(tmp_path / str(i), [REFUSAL, later])
        assert set(Evaluation(campaign).questions[3].contradicted) == {"main"}, response


def test_a_favourable_response_before_the_refusal_does_not_answer_it(tmp_path):
    earlier = "2020-01-20,UN Security Council,,letter,resolution,,s"
    campaign = _campaign(tmp_path, [earlier, REFUSAL])
    assert set(Evaluation(campaign).questions[3].contradicted) == {"main"}


def test_a_refusal_after_the_judgement_overtakes_it_as_an_act_does(tmp_path):
    late = "2020-03-10,UN Security Council,,meeting,rejected,,s"
    campaign = _campaign(tmp_path, [late], goals=[_goal(as_of="2020-02")])
    q3 = Evaluation(campaign).questions[3]
    assert [localized(f.text) for f in q3.contradictions] == [
        "The judgement that 'Goal main' was achieved (as of 2020-02) is overtaken by a later "
        "act the record holds (UN Security Council: refused the ask (2020-03-10, "
        "engagements.csv:2)): it is not counted; judge the goal again as of the report's date."
    ]
    # a report as of a day before the refusal reads the record as it stood then
    assert not Evaluation(campaign, as_of=date(2020, 3, 9)).questions[3].contradicted


def test_a_refusal_by_someone_the_goal_does_not_name_does_not_count(tmp_path):
    other = "2020-02-10,Mayor of Lakeford,Lakeford Town Hall,meeting,rejected,,s"
    campaign = _campaign(tmp_path, [other])
    assert not Evaluation(campaign).questions[3].contradicted


def test_an_act_against_in_decisions_is_read_as_before(tmp_path):
    # a later response for the ask answers a refusal, not an act of decisions.csv
    campaign = _campaign(
        tmp_path,
        ["2020-03-01,UN Security Council,,letter,law,,s"],
        ["2020-02-10,UN Security Council,vote,against,,vetoed it,s"],
    )
    q3 = Evaluation(campaign).questions[3]
    assert q3.contradictions[0].evidence == ["campaign.yaml goals[main]", "decisions.csv:2"]
    # an act against after the refusal is their last word: cited alone
    campaign = _campaign(
        tmp_path / "later",
        [REFUSAL],
        ["2020-02-20,UN Security Council,vote,against,,vetoed it,s"],
    )
    q3 = Evaluation(campaign).questions[3]
    assert [e for f in q3.contradictions for e in f.evidence] == [
        "campaign.yaml goals[main]",
        "decisions.csv:2",
    ]


def test_a_refusal_shared_by_main_goals_says_how_to_name_the_one_it_answers(tmp_path):
    goals = [_goal(), _goal(id="second")]
    campaign = _campaign(tmp_path, [REFUSAL], goals=goals)
    q3 = Evaluation(campaign).questions[3]
    assert set(q3.contradicted) == {"main", "second"}
    assert all(
        localized(f.text).endswith(
            "The refusal is recorded in engagements.csv, which names no goal: it is read "
            "against every main goal that names its decision maker. If it answers one goal "
            "only, record it in decisions.csv too, as an act against of the same date with "
            "that goal's id in the goal column (engagements.csv:2)."
        )
        for f in q3.contradictions
    )
    # recorded in decisions.csv as an act against the main goal: read against it only
    campaign = _campaign(
        tmp_path / "named",
        [REFUSAL],
        ["2020-02-10,UN Security Council,vote,against,main,refused,s"],
        goals=goals,
    )
    assert set(Evaluation(campaign).questions[3].contradicted) == {"main"}


def test_a_refusal_is_never_read_against_an_interim_goal(tmp_path):
    # trial 16, H-A: "get a meeting with the speaker", achieved at the very meeting where the
    # speaker refused the campaign's ask, was called an over-estimated achievement
    goals = [_goal(attainment="not_achieved"), _goal(id="meeting", level="interim")]
    evaluation = Evaluation(_campaign(tmp_path, [REFUSAL], goals=goals))
    assert not evaluation.questions[3].contradicted
    assert next(r for r in evaluation.checklist if r.rule.id == "W12").status != "fires"


def test_a_later_act_for_the_ask_answers_a_refusal_whatever_goal_it_names(tmp_path):
    # trial 16, H-A: the parliament's vote for the moratorium, its goal column naming the
    # main goal, left the speaker's refusal standing against the other goals
    goals = [_goal(), _goal(id="second")]
    vote = "2020-02-20,UN Security Council,vote,for,second,adopted,s"
    campaign = _campaign(tmp_path, [REFUSAL], [vote], goals=goals)
    assert not Evaluation(campaign).questions[3].contradicted


def test_the_arabic_report_says_the_refusal(tmp_path):
    q3 = Evaluation(_campaign(tmp_path, [REFUSAL])).questions[3]
    arabic = localized(q3.contradictions[0].text, "ar")
    assert "engagements.csv:2" in arabic and "UN Security Council" in arabic
    assert "refused the ask" not in arabic and "counted" not in arabic


def _reached_line(campaign, lang="en") -> str:
    q4 = Evaluation(campaign).questions[4]
    return next(
        localized(v, lang)
        for name, v, _ in q4.indicators
        if localized(name).startswith("Reached: UN Security Council")
    )


def test_question_4_says_a_refusal_that_is_their_last_word_beside_the_rung(tmp_path):
    line = _reached_line(_campaign(tmp_path, [REFUSAL]))
    assert line == (
        "engaged (1 engagement; first 2020-02-10); their last recorded answer refused the ask "
        "(2020-02-10, engagements.csv:2)"
    )
    arabic = _reached_line(_campaign(tmp_path, [REFUSAL]), "ar")
    assert "engagements.csv:2" in arabic and "refused" not in arabic


def test_question_4_says_no_refusal_that_a_later_answer_or_act_took_back(tmp_path):
    # a later statement grants nothing: the refusal is still said (trial 19, H2)
    later = "2020-02-20,UN Security Council,,meeting,statement,a statement,s"
    assert "no later answer of theirs granted it" in _reached_line(
        _campaign(tmp_path / "a", [REFUSAL, later])
    )
    decided = "2020-02-20,UN Security Council,,meeting,executive_decision,decided,s"
    assert "refused" not in _reached_line(_campaign(tmp_path / "c", [REFUSAL, decided]))
    act = "2020-02-25,UN Security Council,resolution,for,,adopted,s"
    assert "refused" not in _reached_line(_campaign(tmp_path / "b", [REFUSAL], [act]))
