"""Each indicator and verdict of the five questions, on small hand-made records whose right
answer is known."""

from datetime import date

import pytest

from evalkit.evaluation import (
    INSUFFICIENT,
    SCALE,
    DecisionMakersReached,
    Evaluation,
    GoalAttainment,
    Reach,
    RightAudience,
    TacticUsefulness,
)
from evalkit.evaluation.base import Criterion, verdict_from
from evalkit.evaluation.hashtags import effective_number, group_variants
from conftest import act, small_record


def indicator(analysis, name):
    return next(v for n, v, _ in analysis.indicators if n == name)


def criterion(analysis, prefix):
    return next(c for c in analysis.criteria if c.name.startswith(prefix))


# --- the shared scale ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "met,level",
    [
        ([True] * 4, "good"),
        ([True, True, True, False], "good"),
        ([True, True, False, False], "fair"),
        ([True, False, False, False], "weak"),
        ([False] * 4, "poor"),
    ],
)
def test_verdict_is_the_share_of_judgeable_criteria_met(met, level):
    v = verdict_from([Criterion(str(i), m, "") for i, m in enumerate(met)])
    assert v.level == level and v.confidence == "high"


def test_verdict_is_withheld_when_fewer_than_two_criteria_can_be_judged():
    v = verdict_from([Criterion("a", True, ""), Criterion("b", None, ""), Criterion("c", None, "")])
    assert v.level == INSUFFICIENT and v.confidence is None
    assert "Insufficient evidence" in v.sentence()


def test_confidence_drops_when_criteria_cannot_be_judged_or_numbers_are_vague():
    # 2 of 3 judgeable met, 1 of 4 unjudged: fair, and fair were it unmet (no range)
    crit = [
        Criterion("a", True, ""),
        Criterion("b", True, ""),
        Criterion("c", False, ""),
        Criterion("d", None, ""),
    ]
    assert verdict_from(crit).confidence == "medium"
    assert verdict_from(crit, vague_share=0.9).confidence == "low"


# --- question 1 ----------------------------------------------------------------------------
def test_right_audience_shares_and_effort_weighting(tmp_path):
    c = small_record(
        tmp_path,
        activities=[
            act(
                "a1",
                kind="lobbying",
                effort="high",
                channel="in_person",
                audience="dm",
                language="en",
            ),
            act("a2", effort="low"),
            act("a3", effort="low"),
        ],
    )
    q = RightAudience(c)
    assert (
        indicator(q, "Activities aimed at decision makers") == "1 of 3 with a stated audience (33%)"
    )
    assert indicator(
        q, "Effort-weighted share aimed at decision makers and influencers"
    ).startswith("60%")
    assert criterion(q, "At least a third of effort").met is True
    assert criterion(q, "Some activity goes directly").met is True
    assert criterion(q, "At least half of activities and accounts speak").met is False


def test_right_audience_flags_no_direct_contact_and_a_talk_with_oneself(tmp_path):
    q = RightAudience(small_record(tmp_path, activities=[act("a1"), act("a2")]))
    texts = " ".join(f.text for f in q.findings)
    assert "No activity went directly" in texts
    assert "not in the decision makers' languages (English)" in texts
    assert criterion(q, "Some activity goes directly").met is False


def test_right_audience_without_activities_is_insufficient_evidence_not_an_error(tmp_path):
    c = small_record(
        tmp_path,
        goals=[{"id": "main", "level": "main", "horizon": "long", "text": "x", "source": "s"}],
        audiences=[],
    )
    q = RightAudience(c)
    assert q.verdict.level == INSUFFICIENT


# --- question 2 ----------------------------------------------------------------------------
def test_event_counts_become_rates_per_week_with_the_qualifier_as_a_bound(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            "2020-01-01..2020-01-14,protest_stands,more than 60,,,,,international,,,s",
            "2020-02,protest_stands,at most 29,,,,,international,,,s",
        ],
    )
    r = Reach(c).rates
    assert list(r["per week"]) == ["at least 30 per week", "at most 7 per week"]
    assert list(r["bound"]) == ["lower", "upper"]
    assert r.loc[0, "rate_high"] == float("inf")


def test_lower_bound_counts_are_reported_as_lower_bounds(tmp_path):
    c = small_record(
        tmp_path, metrics=["2020-01-01..2020-01-14,protest_stands,more than 60,,,,,,,,s"]
    )
    assert any("lower bound" in f.text for f in Reach(c).findings)


def test_spelling_variants_are_one_hashtag_and_distinct_ones_compete():
    groups = group_variants(
        [
            "#SaveGhouta",
            "#saveghouta",
            "#save_ghouta",
            "#savealghouta",
            "#save_algouta",
            "#Ghouta",
            "#EasternGhouta",
        ]
    )
    assert groups[0] == [
        "#SaveGhouta",
        "#saveghouta",
        "#save_ghouta",
        "#savealghouta",
        "#save_algouta",
    ]
    assert len(groups) == 3


def test_effective_number_of_hashtags():
    assert effective_number([100, 100]) == pytest.approx(2.0)
    assert effective_number([90, 10]) == pytest.approx(1 / 0.82)
    assert effective_number([100, None]) is None


def test_reach_fragmentation_and_continuity_criteria(tmp_path):
    c = small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "one", "start": "2020-01", "end": "2020-01", "source": "s"},
            {"id": "p2", "name": "two", "start": "2020-06", "end": "2020-07", "source": "s"},
        ],
        media_tools={
            "hashtags": [
                {"text": "#SaveX", "language": "en", "trended": "no", "source": "s"},
                {"text": "#save_x", "language": "en", "trended": "no", "source": "s"},
                {"text": "#XUnderFire", "language": "en", "trended": "no", "source": "s"},
            ]
        },
    )
    q = Reach(c)
    assert q.fragmentation[0]["distinct after merging spellings"] == 2
    assert q.fragmentation[0]["spelling variants"] == 1
    assert criterion(q, "One hashtag per language").met is False
    assert criterion(q, "A campaign hashtag trended").met is False
    assert criterion(q, "Continuity").met is False
    assert (
        indicator(q, "Gaps between phases") == "one → two: 121–180 days"
    )  # Feb–May certainly idle; at most Jan 2–Jun 29


# --- question 3 ----------------------------------------------------------------------------
def _goals_with_history():
    return [
        {
            "id": "main",
            "level": "main",
            "horizon": "long",
            "text": "Pass the law.",
            "decision_makers": ["Congress"],
            "source": "s",
            "judgements": [
                {
                    "attainment": "not_achieved",
                    "as_of": "2016",
                    "evidence": "blocked",
                    "judged_by": "t",
                    "source": "s",
                },
                {
                    "attainment": "partly",
                    "as_of": "2020-12",
                    "evidence": "signed",
                    "judged_by": "t",
                    "source": "s",
                },
            ],
        }
    ]


def test_goal_attainment_depends_on_the_as_of_date(tmp_path):
    c = small_record(
        tmp_path,
        goals=_goals_with_history(),
        phases=[{"id": "p1", "name": "one", "start": "2014", "end": "2020-12", "source": "s"}],
    )
    old = GoalAttainment(c, as_of=date(2017, 1, 1))
    new = GoalAttainment(c)
    assert old.table.loc[0, "attainment"] == "not achieved"
    assert new.table.loc[0, "attainment"] == "partly achieved"
    assert old.verdict.level != new.verdict.level
    # no `attained` date: the judgement bounds the time (issue 19 item 6)
    assert new.table.loc[0, "launch to attainment"] == (
        "at most 7 years (attained by the judgement of 2020-12; when it was attained is not "
        "recorded)"
    )


def test_smart_audit_names_the_failing_criteria(tmp_path):
    q = GoalAttainment(small_record(tmp_path))
    assert indicator(q, "SMART audit: Stop it") == (
        "missing: measurable indicator, target, deadline; realistic ceiling: not judged "
        "from the record"
    )
    assert criterion(q, "The main goal is measurable").met is False
    assert str(criterion(q, "The main goal is measurable").because) == (
        "Stop it: missing measurable indicator, target, deadline"
    )
    whole = GoalAttainment(
        small_record(
            tmp_path,
            goals=[
                {
                    "id": "main",
                    "level": "main",
                    "horizon": "long",
                    "text": "x",
                    "indicator": "i",
                    "target": "t",
                    "deadline": "2021",
                    "source": "s",
                }
            ],
        )
    )
    met = criterion(whole, "The main goal is measurable")
    assert met.met is True and str(met.because) == "x: indicator, target and deadline recorded"


def test_goals_without_judgements_give_insufficient_evidence(tmp_path):
    q = GoalAttainment(
        small_record(
            tmp_path,
            goals=[
                {
                    "id": "main",
                    "level": "main",
                    "horizon": "long",
                    "text": "x",
                    "indicator": "i",
                    "target": "t",
                    "deadline": "2021",
                    "source": "s",
                }
            ],
        )
    )
    assert q.verdict.level == INSUFFICIENT
    assert any("no attainment judgement" in f.text for f in q.findings)


# --- question 4 ----------------------------------------------------------------------------
def _targets(tmp_path, decision_makers, engagements):
    """A record whose main goal names `decision_makers`, with these engagements rows."""
    return small_record(
        tmp_path,
        engagements=engagements,
        goals=[
            {
                "id": "main",
                "level": "main",
                "horizon": "long",
                "text": "x",
                "source": "s",
                "decision_makers": decision_makers,
            }
        ],
    )


def test_decision_makers_ladder_and_coverage(tmp_path):
    c = _targets(
        tmp_path,
        ["US Congress", "UN Security Council"],
        [
            "2020-01-20,Senator X,US Congress,meeting,none,,s",
            "2020-03,US Congress,US Congress,hearing,law,,s",
            "2020-02,UK government,UK government,letter,none,,s",
        ],
    )
    q = DecisionMakersReached(c)
    assert list(q.table["highest rung"]) == ["policy action", "not reached"]
    assert indicator(q, "Coverage of the target list") == "1 of 2 engaged"
    assert list(q.table["days from launch"]) == ["19", ""]
    assert indicator(q, "Engagements with decision makers the goals do not name") == "UK government"
    assert q.verdict.level == "good"


def test_a_measure_withdrawn_is_the_policy_action_of_a_campaign_against_it(tmp_path):
    c = _targets(
        tmp_path,
        ["US Congress"],
        ["2020-01-20,Representative X,US Congress,letter,withdrawn,bill shelved,s"],
    )
    assert list(DecisionMakersReached(c).table["highest rung"]) == ["policy action"]


def test_a_refusal_shows_the_ask_was_heard_whatever_the_channel(tmp_path):
    c = _targets(
        tmp_path,
        ["Parliament", "Council"],
        [
            "2020-01-20,Parliament,Parliament,letter,rejected,budget passed,s",
            "2020-01-21,Council,Council,letter,none,,s",
        ],
    )
    assert list(DecisionMakersReached(c).table["highest rung"]) == ["engaged", "aware"]


def test_outcomes_after_the_as_of_date_have_not_followed_the_tactics_yet(tmp_path):
    c = small_record(
        tmp_path,
        activities=[act("a1", date="2020-01")],
        engagements=["2020-03-10,Congress,Congress,letter,law,passed,s"],
    )
    crit = "A policy outcome or main-goal attainment followed the tactics in time"
    assert criterion(TacticUsefulness(c), crit).met is True
    before = TacticUsefulness(c, as_of=date(2020, 2, 1))
    # nothing recorded by then (the one engagement is dated later): not claimed, not 'none'
    assert criterion(before, crit).met is None
    assert "law" not in indicator(before, "Outcomes that followed mobilisation activities in time")


def test_decision_makers_not_named_gives_insufficient_evidence(tmp_path):
    c = small_record(
        tmp_path,
        goals=[{"id": "main", "level": "main", "horizon": "long", "text": "x", "source": "s"}],
    )
    assert DecisionMakersReached(c).verdict.level == INSUFFICIENT


# --- question 5 ----------------------------------------------------------------------------
def test_tactics_low_effort_share_and_coordination_problems(tmp_path):
    c = small_record(
        tmp_path,
        activities=[
            act("a1", effort="low"),
            act("a2", effort="low"),
            act("a3", effort="high", channel="in_person", city="Paris", date="2020-02-01"),
            act("a4", effort="medium", channel="in_person", city="Paris", date="2020-02-01"),
        ],
        media_tools={
            "accounts": [
                {
                    "platform": "twitter",
                    "name": "A",
                    "language": "en",
                    "team": "team one",
                    "source": "s",
                },
                {
                    "platform": "facebook",
                    "name": "B",
                    "language": "en",
                    "team": "team two",
                    "source": "s",
                },
            ]
        },
    )
    q = TacticUsefulness(c)
    assert indicator(q, "Share of low-effort activities") == "50% of 4 with an effort level"
    assert criterion(q, "Low-effort activities are at most").met is True
    problems = indicator(q, "Coordination problems")
    assert "accounts in English run by 2 teams" in problems
    # two rows at one place and time with no organisers recorded are no evidence of
    # competing calls (issue 19 item 5; tests/test_rules_in_context.py has the clash)
    assert "at the same time" not in problems
    assert criterion(q, "No coordination problems").met is False


def test_tactics_coalition_diversity_and_outcomes_that_followed(tmp_path):
    c = small_record(
        tmp_path,
        activities=[act("a1", kind="lobbying", date="2020-01")],
        engagements=["2020-03,UN Security Council,UN Security Council,briefing,resolution,,s"],
        partners=[
            {"name": n, "kind": "ngo", "orientation": o, "source": "s"}
            for n, o in (("A", "humanitarian"), ("B", "human rights"), ("C", "faith"))
        ],
    )
    q = TacticUsefulness(c)
    assert criterion(q, "A coalition or partners of at least three").met is True
    followed = criterion(q, "A policy outcome")
    assert followed.met is True and followed.evidence == ["engagements.csv:2"]


def test_empty_record_tables_give_insufficient_evidence_everywhere_needed(tmp_path):
    ev = Evaluation(small_record(tmp_path))
    assert ev.questions[5].verdict.level == INSUFFICIENT
    assert all(q.verdict.level in (*SCALE, INSUFFICIENT) for q in ev.questions.values())


def test_evidence_lists_every_row_it_counts_not_the_first_five(tmp_path):
    """'6 direct activities' cites six rows, in results and in the report's links."""
    from conftest import act, small_record
    from evalkit.evaluation import Evaluation
    from evalkit.render.page import EvidenceLinks
    from evalkit.render.report import table

    rows = [act(f"a{i}", kind="lobbying", audience="dm", language="en") for i in range(6)]
    ev = Evaluation(small_record(tmp_path, activities=rows))
    direct = ev.questions[1].criterion("direct_activity")
    assert direct.because == "6 direct activities" and len(direct.evidence) == 6
    lobbying = ev.questions[5].criterion("lobbying_in_mix")
    assert len(lobbying.evidence) == 6
    page = table(ev.questions[1].criteria_table(), links=EvidenceLinks())
    assert page.count('class="evidence"') >= 6


def test_counts_of_one_are_said_in_the_singular(tmp_path):
    """'1 pause', '1 silent account', '1 coalition' — never '1 pauses'."""
    from conftest import small_record
    from evalkit.evaluation import Evaluation

    phases = [
        {"id": "p1", "name": "Phase 1", "start": "2020-01-01", "end": "2020-01-31", "source": "s"},
        {"id": "p2", "name": "Phase 2", "start": "2020-04-01", "end": "2020-04-30", "source": "s"},
    ]
    ev = Evaluation(
        small_record(
            tmp_path,
            phases=phases,
            coalitions=[{"id": "c", "name": "One coalition", "source": "s"}],
        )
    )
    because = ev.questions[2].criterion("continuity").because
    assert because.startswith("1 pause over 30 days") and "0 silent accounts" in because
    s5 = next(r for r in ev.checklist if r.rule.id == "S5")
    assert any(str(e).startswith("1 coalition, other partners not recorded") for e in s5.evidence)


# --- thin evidence: few activities hold the confidence at low -------------------------------
@pytest.mark.parametrize("n, held", [(2, True), (4, True), (5, False)])
def test_few_activities_hold_the_confidence_of_the_activity_questions_at_low(tmp_path, n, held):
    acts = [
        act(f"a{i}", effort="high", channel="in_person" if i % 2 else "virtual", city="Paris")
        for i in range(n)
    ]
    ev = Evaluation(small_record(tmp_path, activities=acts))
    for number in (1, 2, 5):
        v = ev.questions[number].verdict
        if v.withheld:
            continue
        if held:
            assert v.confidence == "low", (number, v)
        else:
            assert v.confidence_reason == ""
    if held:  # said where the judgeable criteria alone would have given more (1 and 5 here)
        for number in (1, 5):
            v = ev.questions[number].verdict
            assert f"the record holds {n} activities (fewer than 5" in v.confidence_reason
            assert "Confidence held at low: the record holds" in str(v.sentence())
    # question 4 rests on contacts and acts, not on the activities: not held by them
    assert ev.questions[4].verdict.confidence_reason == ""
    assert ev.questions[5].to_dict()["confidence_cap"] == ev.questions[5].verdict.confidence_reason


# --- question 2: the decision makers' arena --------------------------------------------------
def _council_record(tmp_path, **council):
    audiences = [
        {
            "id": "dm",
            "segment": "decision_makers",
            "tier": "primary",
            "place": ["home", "decision_makers"],
            "languages": ["en"],
            "source": "s",
        }
        | council,
        {
            "id": "public",
            "segment": "general_public",
            "tier": "secondary",
            "place": "home",
            "languages": ["en"],
            "source": "s",
        },
    ]
    rally = act("rally", channel="in_person", scope="local", city="Riverside", language="en")
    return small_record(tmp_path, audiences=audiences, activities=[rally])


def test_a_local_rally_reaches_a_city_council_whose_arena_is_recorded_as_local(tmp_path):
    c = Reach(_council_record(tmp_path, arena="local")).criterion("in_person_at_arena")
    assert c.met is True and c.evidence == ["activities.csv:2"], c
    assert "local or wider" in str(c.name)
    # without the arena, decision makers at home are assumed to sit nationally, where a
    # local rally falls short; but the record does not say so, and a council would have
    # been reached: no verdict rests on the assumption (trial 6, L4), which is said
    (tmp_path / "b").mkdir()
    c = Reach(_council_record(tmp_path / "b")).criterion("in_person_at_arena")
    assert c.met is None and "national or wider" in str(c.name)
    assert "national is assumed from where they sit" in str(c.because)


def test_no_coordination_problems_is_not_met_by_having_nothing_to_check(tmp_path):
    # activities with no city, organiser, accounts or hashtags: nothing the checks can see
    bare = small_record(tmp_path, activities=[act(f"a{i}") for i in range(5)])
    c = TacticUsefulness(bare).criterion("no_coordination_problems")
    assert c.met is None, c
    assert str(c.because).startswith("nothing to check")
    # a hashtag recorded and no problem found: met, and says what was checked
    (tmp_path / "b").mkdir()
    tagged = small_record(
        tmp_path / "b",
        activities=[act(f"a{i}") for i in range(5)],
        media_tools={
            "accounts": [],
            "hashtags": [{"text": "#StopIt", "language": "en", "source": "s"}],
        },
    )
    c = TacticUsefulness(tagged).criterion("no_coordination_problems")
    assert c.met is True and str(c.because) == "none found in 1 hashtag", c


# --- question 3: a judgement the record's own acts go against -------------------------------
def _judged_won(tmp_path, decisions):
    goals = [
        {
            "id": "main",
            "level": "main",
            "horizon": "long",
            "text": "Pass the bill.",
            "decision_makers": ["National Parliament"],
            "source": "s",
            "judgements": [
                {
                    "attainment": "achieved",
                    "as_of": "2020-02",
                    "attained": "2020-02-10",
                    "evidence": "The campaign won.",
                    "judged_by": "t",
                    "source": "s",
                }
            ],
        }
    ]
    return GoalAttainment(small_record(tmp_path, goals=goals, decisions=decisions))


def test_a_main_goal_judged_won_the_day_its_bill_was_voted_down_is_not_rated(tmp_path):
    q = _judged_won(
        tmp_path, ["2020-02-10,National Parliament,,vote,against,,Bill voted down 40-160,s"]
    )
    assert q.verdict.level == INSUFFICIENT
    assert "the record's own acts go against the main goal's judgement" in q.verdict.cap_reason
    [finding] = q.contradictions
    assert "decisions.csv:2" in finding.evidence and "campaign.yaml goals[main]" in finding.evidence
    assert "Bill voted down 40-160" in str(finding.text)


def test_an_act_against_followed_by_one_for_does_not_contradict_the_judgement(tmp_path):
    q = _judged_won(
        tmp_path,
        [
            "2020-01-15,National Parliament,,vote,against,,first reading lost,s",
            "2020-02-10,National Parliament,,law,for,,the bill passed,s",
        ],
    )
    assert q.contradicted == {} and q.verdict.level != INSUFFICIENT


def test_a_win_the_record_shows_overturned_after_its_judgement_is_not_counted(tmp_path):
    # trial 10, H1: an approval months after the goal was judged won, credited as achieved
    repeal = "2020-03-15,National Parliament,,vote,against,,repealed,s"
    later = _judged_won(tmp_path, [repeal])
    assert [a["row"] for a in later.contradicted["main"]] == [2]
    assert later.verdict.level == INSUFFICIENT
    [f] = later.contradictions
    assert str(f.text).startswith(
        "The judgement that 'Pass the bill' was achieved (as of 2020-02) is overtaken by a "
        "later act the record holds (National Parliament: vote against (2020-03-15"
    )
    assert "judge the goal again as of the report's date" in str(f.text)
    # a report as of a day before the repeal reads the record as it stood then: won
    from datetime import date

    from evalkit.evaluation.goals import GoalAttainment

    before = GoalAttainment(later.campaign, as_of=date(2020, 3, 1))
    assert before.contradicted == {} and before.verdict.level != INSUFFICIENT
    # and an act for the ask after the repeal answers it
    (tmp_path / "again").mkdir()
    again = _judged_won(
        tmp_path / "again", [repeal, "2020-05-01,National Parliament,,law,for,,passed again,s"]
    )
    assert again.contradicted == {}


def test_the_goal_chart_draws_no_mark_for_a_judgement_the_question_does_not_count(tmp_path):
    # trial 11, HIGH-2: a green 'achieved' mark beside a text that refused to count it
    from evalkit.i18n import localized

    repeal = "2020-03-15,National Parliament,,vote,against,,repealed,s"
    later = _judged_won(tmp_path, [repeal])
    rows = {
        localized(label, "en"): (step, localized(words, "en"))
        for label, step, words, _ in later.chart().rows
    }
    [(step, words)] = [v for k, v in rows.items() if k.startswith("main")]
    assert step is None
    assert words == "achieved (not counted: the record's own acts go against it)"
    fig = later.plot()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(t.startswith("main") and t.endswith("(not counted)") for t in labels), labels
    # a counted judgement keeps its mark on the scale
    from datetime import date

    from evalkit.evaluation.goals import GoalAttainment

    before = GoalAttainment(later.campaign, as_of=date(2020, 3, 1))
    steps = [
        step
        for label, step, _, _ in before.chart().rows
        if localized(label, "en").startswith("main")
    ]
    assert steps == [2]


def test_question_4_criteria_cite_the_rows_they_rest_on(tmp_path):
    c = small_record(
        tmp_path,
        engagements=[
            "2020-02-01,UN Security Council,UN Security Council,letter,none,sent,s",
            "2020-02-10,UN Security Council,UN Security Council,meeting,statement,minutes,s",
        ],
    )
    q = DecisionMakersReached(c)
    ev = {cr.id: cr.evidence for cr in q.criteria}
    assert ev["targets_named"] == ["campaign.yaml goals[main]"]
    assert ev["half_of_targets_engaged"] == ["engagements.csv:2", "engagements.csv:3"]
    assert ev["two_way_engagement"] == ["engagements.csv:3"]  # the meeting, not the letter
    assert ev["public_statement_or_policy"] == ["engagements.csv:2", "engagements.csv:3"]
