"""Verdicts that hold on any campaign (issue 19 items 2-7): decision makers' own acts apart
from engagements, reach by magnitude and kind, rules and recommendations that know their
setting, competing calls, missed deadlines, publics relative to the campaign. Each
conditioned rule runs on a record where it must not fire."""

import re

import pytest

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET
from evalkit.evaluation.reach import largest_counts, metric_rates
from evalkit.evaluation.recommendations import set_aside
from conftest import ROOT, small_record

RECORDS = ROOT / "tests" / "records"
CASES = ROOT / "case_studies"


@pytest.fixture(scope="module")
def you_stink():
    return Evaluation(evalkit.load_campaign(RECORDS / "you-stink-2015"))


@pytest.fixture(scope="module")
def control_arms():
    return Evaluation(evalkit.load_campaign(RECORDS / "control-arms-att"))


def _rule(ev, rule_id):
    return next(r for r in ev.checklist if r.rule.id == rule_id)


def _text(items) -> str:
    return " ".join(str(i) for i in items)


# --- item 4: rules in context ------------------------------------------------------------
@pytest.mark.parametrize(
    "rule_id,why",
    [
        ("W1", "decision makers sit at the campaign's home"),
        ("W8", "decision makers speak the home public's languages"),
        ("W10", "decision makers sit at the campaign's home"),
        ("W15", "not the discourse of an online campaign"),
    ],
)
def test_a_domestic_movement_is_not_judged_by_rules_for_decision_makers_abroad(
    you_stink, rule_id, why
):
    r = _rule(you_stink, rule_id)
    assert r.status == QUIET and why in _text(r.evidence), r.evidence


def test_recommendations_for_campaigns_abroad_are_set_aside_for_a_domestic_movement(you_stink):
    for n in (4, 8, 12, 13, 14):
        assert set_aside(n, you_stink) is not None, n
    called = [n for n, _, _ in you_stink.recommendations()]
    assert not {4, 8, 12, 13, 14} & set(called)
    # ... and stay for the paper's campaigns, whose decision makers sat abroad
    aleppo = Evaluation(evalkit.load_campaign(CASES / "aleppo-is-burning"))
    assert all(set_aside(n, aleppo) is None for n in (1, 4, 8, 12, 13, 14))


def test_a_set_aside_recommendation_is_listed_with_its_reason(tmp_path):
    # no spokesperson (W16 calls for 4) in a movement pressing its own government in its
    # own language
    c = small_record(
        tmp_path,
        media_tools={"spokesperson": {"present": "no", "source": "s"}},
        audiences=[
            {
                "id": "dm",
                "segment": "decision_makers",
                "tier": "primary",
                "place": ["home", "decision_makers"],
                "languages": ["ar"],
                "source": "s",
            },
            {
                "id": "public",
                "segment": "general_public",
                "tier": "secondary",
                "place": ["home", "affected"],
                "languages": ["ar"],
                "source": "s",
            },
        ],
    )
    ev = Evaluation(c)
    assert _rule(ev, "W16").status == FIRES
    assert 4 not in [n for n, _, _ in ev.recommendations()]
    (four,) = [x for x in ev.set_aside() if x[0] == 4]
    assert "home public's languages" in str(four[2])
    assert ev.to_dict()["recommendations_set_aside"][0]["number"] == 4


def test_a_campaign_timed_to_its_conferences_is_not_told_to_time_activities_to_them(control_arms):
    # its launch timing is undetermined and its phases' vague dates allow a pause: not fired,
    # and not said not to fire either
    assert _rule(control_arms, "W11").status == CANNOT
    assert "already timed to scheduled events (The negotiating conferences)" in str(
        set_aside(11, control_arms)
    )


def test_a_coalition_campaign_is_not_told_to_create_a_reference_body(control_arms):
    assert "run by a coalition" in str(set_aside(1, control_arms))
    aleppo = Evaluation(evalkit.load_campaign(CASES / "aleppo-is-burning"))
    assert set_aside(1, aleppo) is None  # a coalition behind one event is not the campaign


@pytest.mark.parametrize(
    "record",
    [
        CASES / "aleppo-is-burning",
        CASES / "caesar",
        RECORDS / "icbl-mine-ban",
        RECORDS / "you-stink-2015",
        RECORDS / "control-arms-att",
    ],
)
def test_direct_contact_is_one_count_in_questions_1_and_5(record):
    ev = Evaluation(evalkit.load_campaign(record))
    assert list(ev.questions[1].direct["row"]) == list(ev.questions[5].lobbying["row"])


def test_hostile_language_online_still_fires_w15_for_the_papers_campaigns():
    ev = Evaluation(evalkit.load_campaign(CASES / "aleppo-is-burning"))
    assert _rule(ev, "W15").status == FIRES


def test_an_opponents_counter_narrative_fires_w3_and_none_recorded_does_not(control_arms, tmp_path):
    assert _rule(control_arms, "W3").status == FIRES
    assert "National Rifle Association" in _text(_rule(control_arms, "W3").evidence)
    assert _rule(Evaluation(small_record(tmp_path, opponents=[])), "W3").status == QUIET


@pytest.mark.parametrize(
    "case,status,evidence",
    [
        # weakness 7: «الحشد غير المحلي ضعيفاً جداً، لاسيما في ... إدلب»; its grid: little
        # mobilisation of foreign and Turkish activists
        # ... but its record leaves the Western public's reach not recorded (the paper
        # states no result for it): it may have been fully reached, so not a sign checked
        (
            "idlib-under-fire",
            CANNOT,
            "foreign-activists: partly reached, turkish-activists: partly reached; reach not "
            "recorded for 1 more public or activists abroad",
        ),
        # the Russian public's reach is not recorded, but the record says it was not
        # targeted: no mobilisation the record is silent on
        ("save-ghouta", FIRES, "foreign-public: partly reached"),
        # Caesar «نجحت في حشد العديد من الناشطين الأجانب والمنظمات الحقوقية»: the foreign
        # half is not a sign; the local half (no repeated counts to compare) is not recorded
        ("caesar", CANNOT, "foreign-activists: partly reached, rights-organisations: reached"),
        ("aleppo-is-burning", QUIET, "activists-foreign-capitals: reached"),
    ],
)
def test_w7_reads_the_foreign_activists_and_publics_abroad(case, status, evidence):
    campaign = evalkit.load_campaign(CASES / case)
    r = _rule(Evaluation(campaign), "W7")
    # each audience is named by its description (evaluation.base.audience_name), its full
    # stop given way to the ':' after it
    for a in campaign.record.audiences:
        name = (a.description or a.id).removesuffix(".")
        evidence = re.sub(rf"(?<![\w-]){a.id}:", lambda _, name=name: f"{name}:", evidence)
    assert r.status == status and evidence in _text(r.evidence), r.evidence


def test_a_global_campaign_has_no_foreign_mobilisation_to_judge():
    # the mine-ban campaign has no home public: its world public is not "foreign" to it
    r = _rule(Evaluation(evalkit.load_campaign(RECORDS / "icbl-mine-ban")), "W7")
    assert r.status == CANNOT and "no home public recorded" in _text(r.evidence)


# --- item 2: decision makers' own acts -----------------------------------------------------
def _q4(ev, cid):
    return ev.questions[4].criterion(cid)


def test_a_press_conference_is_not_a_two_way_engagement(tmp_path):
    c = small_record(
        tmp_path,
        engagements=[
            "2020-02-01,UN Security Council,UN Security Council,other,statement,press conference,s"
        ],
    )
    ev = Evaluation(c)
    assert _q4(ev, "public_statement_or_policy").met is True
    assert _q4(ev, "two_way_engagement").met is False


def test_an_empty_engagements_table_is_not_recorded_not_poor(tmp_path):
    ev = Evaluation(small_record(tmp_path))
    assert _q4(ev, "two_way_engagement").met is None
    assert ev.questions[4].verdict.level == "insufficient evidence"
    stated = Evaluation(small_record(tmp_path, no_engagements=True))
    assert _q4(stated, "two_way_engagement").met is False
    assert stated.questions[4].verdict.level == "poor"


def _with_decisions(tmp_path, *rows):
    c = small_record(tmp_path)
    (c.path / "decisions.csv").write_text(
        "date,decision_maker,institution,act,direction,campaign_answer,description,source\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return evalkit.load_campaign(c.path)


def test_a_partial_concession_the_campaign_rejected_is_not_a_first_fruit(tmp_path):
    rejected = Evaluation(
        _with_decisions(
            tmp_path,
            "2020-02,UN Security Council,UN Security Council,resolution,partial,"
            "rejected,a weaker text,s",
        )
    )
    assert _rule(rejected, "S8").status == QUIET
    assert _q4(rejected, "policy_action").met is False
    accepted = Evaluation(
        _with_decisions(
            tmp_path,
            "2020-02,UN Security Council,UN Security Council,resolution,for,unknown,"
            "what was asked,s",
        )
    )
    assert _rule(accepted, "S8").status == FIRES
    assert _q4(accepted, "policy_action").met is True
    # their own act shows a response, not that the campaign reached them: at most fair
    assert accepted.questions[4].verdict.level in ("insufficient evidence", "fair", "weak", "poor")


def test_the_treaty_adopted_is_the_treaty_campaigns_policy_action_and_first_fruit(control_arms):
    assert _q4(control_arms, "policy_action").met is True
    assert "decisions.csv" in _text(_rule(control_arms, "S8").evidence)


# --- item 3: reach by magnitude and kind; totals to date ---------------------------------
def test_reach_leads_with_the_largest_people_count_never_with_other(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            "2020-01,events,about 300,,,,,,,,s",
            "2020-01-01..2020-01-07,views,more than 100 million,,,,,,,,s",
            "2020-01,pledges,3700000,,,,,,,,s",
            "2020-02,other,more than 250,,,,,,,detained,s",
        ],
    )
    top = [str(m) for m in largest_counts(metric_rates(c))]
    assert top[0].startswith("more than 100 million views")
    assert top[1].startswith("3.7 million pledges")
    assert top[-1].startswith("more than 250 detained")


def test_a_total_to_date_is_never_rated_per_week(tmp_path):
    t = metric_rates(
        _met_header(tmp_path, ["2020-01..2020-03,countries,more than 100,yes,,,,,,,,s"])
    )
    assert (
        str(t.loc[0, "per week"]) == "a total to date, not a rate: more than 100 by "
        "2020-03 (counted from 2020-01)"
    )
    assert t.loc[0, "rate_low"] is None


def _met_header(tmp_path, rows):
    from conftest import MET_HEADER

    c = small_record(tmp_path)
    (c.path / "metrics.csv").write_text(
        MET_HEADER.replace("value,", "value,cumulative,") + "\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return evalkit.load_campaign(c.path)


def test_w7_compares_participants_at_comparable_events_and_turnout_with_pledges(tmp_path):
    falling = Evaluation(
        _met_header(
            tmp_path,
            [
                '2020-01-10,participants,"about 70,000",,,,,,national,,rally,s',
                '2020-02-10,participants,"about 30,000",,,,,,national,,rally,s',
                "2020-03-10,participants,about 200,,,,,,national,,rally,s",
            ],
        )
    )
    r = _rule(falling, "W7")
    assert r.status == FIRES and "about 70,000" in _text(r.evidence)
    pledged = Evaluation(
        _met_header(
            tmp_path,
            [
                '2020-01..2020-02,pledges,"more than 21,000",,,,,,,,RSVPs,s',
                "2020-03-20,participants,about 17,,,,,,,,came,s",
            ],
        )
    )
    assert "pledged more than 21,000" in _text(_rule(pledged, "W7").evidence)
    totals = Evaluation(
        _met_header(
            tmp_path,
            ["2020-01,signatures,9000,yes,,,,,,,,s", "2020-03,signatures,5000,no,,,,,,,,s"],
        )
    )
    assert _rule(totals, "W7").status != FIRES  # a running total is not a count to compare


# --- item 6: a missed deadline; no judgement yet -------------------------------------------
def test_a_treaty_adopted_years_after_its_deadline_shows_the_missed_deadline(control_arms):
    q3 = control_arms.questions[3]
    c = q3.criterion("main_goal_on_time")
    assert (
        c.met is False and "attained 2013-04-02, 6–7 years after its deadline (2006)" in c.because
    )
    audit = {str(i[0]): str(i[1]) for i in q3.indicators}
    assert (
        "deadline missed: attained 2013-04-02, 6–7 years after its deadline (2006)"
        in audit[
            "SMART audit: An international, legally binding Arms Trade Treaty agreed by governments by 2006"
        ]
    )
    lag = [
        v
        for k, v in audit.items()
        if k.startswith("Time from launch") and k.endswith("Treaty agreed by governments by 2006")
    ]
    assert lag == ["9.5 years"]  # from the adoption, not from the judgement of 2013-04


def test_the_report_summary_says_the_deadline_was_missed(tmp_path):
    from evalkit.render.report import CampaignReport

    page = CampaignReport(str(RECORDS / "control-arms-att")).summary()
    assert (
        "achieved, 6–7 years after its deadline (2006)" in page
        or "6–7 years after its deadline (2006)" in page
    )


def _main_goal_judged(tmp_path, judgement):
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Stop it.",
        "indicator": "i",
        "target": "t",
        "deadline": "2020-02",
        "source": "s",
        "judgements": [
            {"evidence": "e", "judged_by": "t", "source": "s", "attainment": "achieved"} | judgement
        ],
    }
    return Evaluation(small_record(tmp_path, goals=[goal])).questions[3]


def test_an_attainment_without_its_date_is_not_dated_by_the_judgement_after_the_deadline(
    tmp_path,
):
    # judged achieved in 2021, when it was attained not recorded: it may have been by 2020-02
    q3 = _main_goal_judged(tmp_path, {"as_of": "2021-06"})
    c = q3.criterion("main_goal_on_time")
    assert c.met is None, c.because
    assert "whether by its deadline (2020-02) the dates cannot tell" in str(c.because)
    assert "after its deadline" not in str(c.because)


def test_a_recorded_attainment_after_the_deadline_is_still_late(tmp_path):
    q3 = _main_goal_judged(tmp_path, {"as_of": "2021-06", "attained": "2020-11-03"})
    c = q3.criterion("main_goal_on_time")
    assert c.met is False and "attained 2020-11-03, 8–9 months after its deadline (2020-02)" in str(
        c.because
    )


def test_goals_are_insufficient_evidence_while_the_main_goal_has_no_judgement(tmp_path):
    c = small_record(
        tmp_path,
        goals=[
            {
                "id": "main",
                "level": "main",
                "horizon": "long",
                "text": "Stop it.",
                "indicator": "i",
                "target": "t",
                "deadline": "2020-12",
                "source": "s",
            },
            {
                "id": "step",
                "level": "interim",
                "horizon": "short",
                "text": "A step.",
                "source": "s",
                "judgements": [
                    {
                        "attainment": "achieved",
                        "as_of": "2020-02",
                        "evidence": "e",
                        "judged_by": "t",
                        "source": "s",
                    }
                ],
            },
        ],
    )
    v = Evaluation(c).questions[3].verdict
    assert v.level == "insufficient evidence"
    assert "the main goal, the measure of success, has no attainment judgement" in str(v.sentence())


# --- item 7: publics relative to the campaign ----------------------------------------------
def test_a_campaigns_own_public_at_home_is_not_its_foreign_public(tmp_path):
    # a US organisation's campaign about Uganda: its American public is home, Ugandans are
    # the affected people abroad
    c = small_record(
        tmp_path,
        audiences=[
            {
                "id": "congress",
                "segment": "decision_makers",
                "tier": "primary",
                "place": ["home", "decision_makers"],
                "languages": ["English"],
                "source": "s",
            },
            {
                "id": "young-americans",
                "segment": "general_public",
                "tier": "secondary",
                "place": "home",
                "languages": ["en"],
                "reached": "yes",
                "targeted": "yes",
                "source": "s",
            },
            {
                "id": "ugandans",
                "segment": "general_public",
                "tier": "secondary",
                "place": "affected",
                "languages": ["sw"],
                "reached": "no",
                "targeted": "yes",
                "source": "s",
            },
        ],
    )
    ev = Evaluation(c)
    foreign = ev.questions[2].criterion("foreign_public_reached")
    assert "young-americans" not in str(foreign.because) and "ugandans" in str(foreign.because)
    s3 = _rule(ev, "S3")
    assert "ugandans: not reached" in _text(s3.evidence)
    assert "young-americans" not in _text(s3.evidence)


def test_the_papers_regions_read_as_places():
    from evalkit.record.schema import REGION_PLACES

    r = evalkit.load_campaign(CASES / "caesar").record
    for a in r.audiences:
        if not a.place:
            assert a.places == REGION_PLACES[a.region]
    assert any(a.region == "local" and a.places == ("home", "affected") for a in r.audiences)


def test_reach_is_ranked_by_what_a_count_certainly_reaches(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            "2020-01-05,participants,nearly 250000,,,,,,,,s",
            "2020-01-06,participants,thousands,,,,,,,,s",
        ],
    )
    (top,) = [str(m) for m in largest_counts(metric_rates(c))]
    assert top.startswith("thousands (at least 2,000) participants")
