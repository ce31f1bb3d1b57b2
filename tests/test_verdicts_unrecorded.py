"""An unrecorded value is never read as a recorded one: a stance left `unknown` is not
'ally', an account with no `active_to` is not 'still active', an engagement whose response
is `unknown` is not one left unanswered, a goal with no judgement is not one failed. And a
verdict never rises because evidence is missing: when the criteria that could not be judged
could, unmet, make it lower, it is the range between the two, of low confidence — in the
report's sentence, every summary, results.json and the comparison. Pinned on real runs of
small records and of the bundled case studies, in English and Arabic."""

from __future__ import annotations

import itertools

import pytest

import evalkit
from conftest import CASE_STUDIES, SMALL_DECISION_MAKERS, SMALL_PUBLIC, act, small_record
from evalkit.evaluation import Evaluation
from evalkit.evaluation.base import Criterion, floor_level, verdict_from
from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET
from evalkit.i18n import localized

# the small record's own two audiences (conftest)
DM = SMALL_DECISION_MAKERS
PUBLIC = SMALL_PUBLIC


def _foreign(**fields) -> dict:
    """A public abroad, speaking English: a new audience when it is no ally."""
    return {
        **PUBLIC,
        "id": "foreign",
        "region": "international",
        "languages": ["en"],
        **fields,
    }


def _rule(ev: Evaluation, rule_id: str):
    return next(r for r in ev.checklist if r.rule.id == rule_id)


def _text(items) -> str:
    return " | ".join(str(localized(x)) for x in items)


# --- question 1 and W6: a stance not recorded is not 'ally' ---------------------------------
def test_a_targeted_audience_whose_stance_is_not_recorded_leaves_new_audiences_unjudged(tmp_path):
    c = small_record(tmp_path, audiences=[DM, PUBLIC, _foreign(stance="unknown")])
    ev = Evaluation(c)
    new = ev.questions[1].criterion("new_audiences")
    assert new.met is None
    assert "the stance of 1 targeted audience is not recorded" in str(new.because)
    assert "campaign.yaml audiences[foreign]" in new.evidence
    w6 = _rule(ev, "W6")
    # W6 no longer says '0 non-ally audiences' as if it were a finding
    assert w6.status == CANNOT
    assert "the stance of 1 targeted audience is not recorded" in _text(w6.evidence)


def test_an_audience_whose_targeting_is_not_recorded_may_be_a_new_one_sought(tmp_path):
    c = small_record(
        tmp_path, audiences=[DM, PUBLIC, _foreign(stance="neutral", targeted="unknown")]
    )
    new = Evaluation(c).questions[1].criterion("new_audiences")
    assert new.met is None
    assert "whether 1 audience that is no recorded ally was targeted is not recorded" in str(
        new.because
    )


@pytest.mark.parametrize(
    "foreign, met, w6",
    [
        # a new audience the record shows: met, W6 does not fire
        (_foreign(stance="neutral"), True, QUIET),
        # every targeted public a recorded ally, the others recorded not targeted: not met
        (_foreign(stance="neutral", targeted="no"), False, FIRES),
        (_foreign(stance="ally"), False, FIRES),
    ],
)
def test_new_audiences_is_judged_only_on_recorded_stances_and_targeting(tmp_path, foreign, met, w6):
    ev = Evaluation(small_record(tmp_path, audiences=[DM, PUBLIC, foreign]))
    assert ev.questions[1].criterion("new_audiences").met is met
    assert _rule(ev, "W6").status == w6


def test_the_bundled_caesar_and_idlib_records_do_not_say_no_new_audiences():
    for case in ("caesar", "idlib-under-fire"):
        ev = Evaluation(evalkit.load_campaign(CASE_STUDIES / case))
        assert ev.questions[1].criterion("new_audiences").met is None, case
        w6 = _rule(ev, "W6")
        assert w6.status == CANNOT, case
        assert "not recorded" in _text(w6.evidence), case


def test_idlib_question_1_is_a_range_not_a_rise_to_good():
    # 3 of 4 judgeable criteria met (good), but 3 of 5 were its new audiences unmet (fair):
    # before the fix it was 'fair (high confidence)' on the stances read as allies
    q1 = Evaluation(evalkit.load_campaign(CASE_STUDIES / "idlib-under-fire")).questions[1]
    v = q1.verdict
    assert (v.floor, v.level, v.confidence) == ("fair", "good", "low")
    assert str(localized(v.said)) == "fair to good (low confidence)"
    said = str(localized(v.sentence()))
    assert said.startswith("Fair to good — 3 of 4 judgeable criteria met (1 could not be judged)")
    assert (
        "It could be as low as fair: 1 criterion could not be judged, and were it not met, "
        "3 of 5 would be met; so the verdict is a range, and its confidence low." in said
    )
    ar = localized(v.sentence(), "ar")
    assert ar.startswith("من مقبول إلى جيد — ")
    assert "وقد ينخفض إلى مستوى «مقبول»: تعذّر الحكم على معيار واحد" in ar
    assert localized(v.said, "ar") == "من مقبول إلى جيد (مستوى الثقة منخفض)"


# --- question 2: an account with no end date is not 'still active' --------------------------
def _account(**fields) -> dict:
    return {"platform": "twitter", "name": "@keep", "language": "ar", "source": "s", **fields}


@pytest.mark.parametrize(
    "media_tools, met, said",
    [
        # no active_to: its end is not recorded
        (
            {"accounts": [_account()]},
            None,
            "1 account with no end of activity recorded (active_to), not read as 'still active'",
        ),
        # active to the campaign's end (2020-03-31), or later: it did not fall silent
        ({"accounts": [_account(active_to="2020-03-31")]}, True, "0 silent accounts"),
        ({"accounts": [_account(active_to="2021")]}, True, "0 silent accounts"),
        # its last activity certainly before the end: silent
        ({"accounts": [_account(active_to="2020-02")]}, False, "1 silent account"),
        # a last date the dates allow either side of the end
        (
            {"accounts": [_account(active_to="2020")]},
            None,
            "1 account whose last date the dates allow before or after the campaign's end",
        ),
        # `accounts: []`: none to fall silent; no `accounts` key: nothing said of them
        ({"accounts": []}, True, "0 silent accounts"),
        ({"hashtags": []}, None, "0 silent accounts; accounts not recorded"),
    ],
)
def test_continuity_reads_an_accounts_end_only_where_the_record_gives_it(
    tmp_path, media_tools, met, said
):
    c = small_record(tmp_path, media_tools=media_tools)
    continuity = Evaluation(c).questions[2].criterion("continuity")
    assert continuity.met is met
    assert said in str(continuity.because)
    ar = localized(continuity.because, "ar")
    assert "silent" not in ar and "active" not in ar.replace("active_to", "")


def test_the_bundled_records_accounts_without_an_end_date_are_said_not_recorded():
    q2 = Evaluation(evalkit.load_campaign(CASE_STUDIES / "caesar")).questions[2]
    c = q2.criterion("continuity")
    assert c.met is None
    assert "4 accounts with no end of activity recorded (active_to)" in str(c.because)
    # it cites the accounts it cannot judge, at their place in the list from 0, as error
    # messages count (they have no ids)
    assert c.evidence == [f"campaign.yaml media_tools.accounts[{i}]" for i in range(4)]
    # Idlib's account silent since late 2014 is cited; its pauses decide it, not the others
    idlib = Evaluation(evalkit.load_campaign(CASE_STUDIES / "idlib-under-fire")).questions[2]
    assert idlib.criterion("continuity").met is False
    assert idlib.criterion("continuity").evidence == ["campaign.yaml media_tools.accounts[1]"]


# --- questions 2 and 3: 'most' and 'every' over what is recorded -----------------------------
def _goal(id: str, level: str, attainment: str | None) -> dict:
    judgements = (
        [
            {
                "attainment": attainment,
                "as_of": "2020-06",
                "evidence": "seen",
                "judged_by": "tester",
                "source": "s",
            }
        ]
        if attainment
        else []
    )
    return {
        "id": id,
        "level": level,
        "horizon": "short" if level == "interim" else "long",
        "text": f"Goal {id}.",
        "decision_makers": ["UN Security Council"],
        "judgements": judgements,
        "source": "s",
    }


@pytest.mark.parametrize(
    "interims, met",
    [
        (["achieved", None], None),  # one of two achieved, one not judged: 'most' unknown
        (["achieved", "not_achieved"], False),
        (["achieved", "partly"], True),
        (["achieved", "achieved", None], True),  # two of three, whatever the third
    ],
)
def test_most_interim_goals_counts_the_goals_with_no_judgement(tmp_path, interims, met):
    goals = [_goal("main", "main", "not_achieved")] + [
        _goal(f"i{n}", "interim", a) for n, a in enumerate(interims)
    ]
    q3 = Evaluation(small_record(tmp_path, goals=goals)).questions[3]
    assert q3.criterion("interim_goals_partly").met is met


def test_a_main_goal_with_no_deadline_does_not_widen_the_goals_verdict(tmp_path):
    # 'attained by its deadline' has no deadline to test: not missing evidence, so the
    # verdict is one level, not a range down to what it would be were it unmet
    goals = [_goal("main", "main", "not_achieved"), _goal("i", "interim", "achieved")]
    q3 = Evaluation(small_record(tmp_path, goals=goals)).questions[3]
    on_time = q3.criterion("main_goal_on_time")
    assert on_time.met is None and not on_time.applicable
    assert q3.verdict.floor is None


@pytest.mark.parametrize(
    "reached, met",
    [
        (["yes", "unknown"], True),  # 2 of 2 known reached, 1 of 3 not recorded: 2 > 1.5
        (["yes", "no", "unknown"], None),  # 2 of 4 reached, 1 not recorded: most or not
        (["no", "no", "unknown"], False),  # at most 2 of 4 (with the public)
    ],
)
def test_most_targeted_audiences_reached_counts_those_whose_reach_is_not_recorded(
    tmp_path, reached, met
):
    extra = [
        {**PUBLIC, "id": f"p{i}", "reached": r, "stance": "ally"} for i, r in enumerate(reached)
    ]
    # the decision makers not targeted: the count is over the publics alone
    c = small_record(tmp_path, audiences=[{**DM, "targeted": "no"}, PUBLIC, *extra])
    assert Evaluation(c).questions[2].criterion("targeted_audiences_reached").met is met


@pytest.mark.parametrize(
    "media, met",
    [(["no", "unknown"], None), (["no", "no"], False), (["partly", "unknown"], True)],
)
def test_media_reached_is_not_met_only_when_every_media_audience_is_recorded_not_reached(
    tmp_path, media, met
):
    press = [
        {**PUBLIC, "id": f"press{i}", "segment": "media", "targeted": "no", "reached": r}
        for i, r in enumerate(media)
    ]
    c = small_record(tmp_path, audiences=[DM, PUBLIC, *press])
    assert Evaluation(c).questions[2].criterion("media_reached").met is met


def test_the_foreign_public_is_not_all_reached_when_one_reach_is_not_recorded(tmp_path):
    publics = [_foreign(id="f1", reached="yes"), _foreign(id="f2", reached="unknown")]
    c = small_record(tmp_path, audiences=[DM, PUBLIC, *publics])
    assert Evaluation(c).questions[2].criterion("foreign_public_reached").met is None


# --- question 4, question 5 and S8: an answer not recorded is not 'none' -------------------
@pytest.mark.parametrize("response, met", [("unknown", None), ("none", False)])
def test_a_contact_whose_answer_is_not_recorded_is_not_one_left_unanswered(tmp_path, response, met):
    c = small_record(
        tmp_path,
        activities=[act(f"a{i}") for i in range(5)],
        engagements=[f"2020-02,UN Security Council,UN,letter,{response},,s"],
        goals=[_goal("main", "main", "not_achieved")],
    )
    ev = Evaluation(c)
    q4 = ev.questions[4]
    for cid in ("two_way_engagement", "public_statement_or_policy", "policy_action"):
        assert q4.criterion(cid).met is met, cid
    if met is None:
        said = str(q4.criterion("policy_action").because)
        assert "the answer to 1 contact with a named decision maker is not recorded" in said
        assert q4.criterion("policy_action").evidence == ["engagements.csv:2"]
    assert ev.questions[5].criterion("outcome_followed").met is met
    assert _rule(ev, "S8").status == (CANNOT if met is None else QUIET)


def test_no_outcome_followed_is_not_said_without_contacts_recorded(tmp_path):
    c = small_record(
        tmp_path,
        activities=[act(f"a{i}") for i in range(5)],
        goals=[_goal("main", "main", "not_achieved")],
    )
    outcome = Evaluation(c).questions[5].criterion("outcome_followed")
    assert outcome.met is None
    # (the goals branch's wording: decisions.csv is empty too)
    assert "neither contacts with decision makers nor their own acts are recorded" in str(
        outcome.because
    )


# --- questions 1 and 5: an activity's missing field is not a value ---------------------------
def test_advocacy_with_no_audience_recorded_may_be_direct_contact(tmp_path):
    acts = [act("a1", kind="advocacy", audience=""), *[act(f"a{i}") for i in range(2, 6)]]
    ev = Evaluation(small_record(tmp_path, activities=acts))
    for number, cid in ((1, "direct_activity"), (5, "lobbying_in_mix")):
        c = ev.questions[number].criterion(cid)
        assert c.met is None, cid
        assert "1 advocacy activity has no audience or activity kind recorded" in str(c.because)
        assert c.evidence == ["activities.csv:2"]


@pytest.mark.parametrize(
    "efforts, met",
    [
        (["low", "low", "high", "", ""], None),  # 40% to 80% of all: either side of 50%
        (["low", "high", "high", "high", ""], True),  # 20% to 40%
        (["low", "low", "low", "high", ""], False),  # 60% to 80%
    ],
)
def test_the_low_effort_share_counts_the_activities_with_no_effort_level(tmp_path, efforts, met):
    acts = [act(f"a{i}", effort=e) for i, e in enumerate(efforts)]
    c = (
        Evaluation(small_record(tmp_path, activities=acts))
        .questions[5]
        .criterion("low_effort_share")
    )
    assert c.met is met
    assert "1 activit" in str(c.because) or "2 activities have none recorded" in str(c.because)


def test_mobilisation_with_no_audience_leaves_awareness_heavy_unjudged(tmp_path):
    # 2 of 5 awareness, 2 with no audience: 40% to 80% of all, either side of 60%
    acts = [
        act("a1"),
        act("a2"),
        act("a3", audience=""),
        act("a4", audience=""),
        act("a5", kind="lobbying", audience="dm"),
    ]
    w10 = _rule(Evaluation(small_record(tmp_path, activities=acts)), "W10")
    assert w10.status == CANNOT
    assert "2 mobilisation activities have no audience recorded" in _text(w10.evidence)


# --- the verdict: missing evidence never raises it -----------------------------------------
def _criteria(values) -> list[Criterion]:
    return [Criterion(f"c{i}", v, "") for i, v in enumerate(values)]


def test_a_verdict_the_unjudged_criteria_could_lower_is_a_range_of_low_confidence():
    v = verdict_from(_criteria([True, True, True, False, None]))
    assert (v.floor, v.level, v.confidence) == ("fair", "good", "low")
    assert str(localized(v.said)) == "fair to good (low confidence)"
    # fully judged, or unable to lower it: one level, its confidence from coverage
    v = verdict_from(_criteria([True, True, True, True, None]))
    assert (v.floor, v.level, v.confidence) == (None, "good", "high")
    v = verdict_from(_criteria([True, True, False, False]))
    assert (v.floor, v.level, v.confidence) == (None, "fair", "high")


def test_a_cap_holds_both_ends_of_the_range():
    # 3 of 3 judged (good) held at fair; 3 of 7 were the rest unmet (weak): weak to fair
    v = verdict_from(_criteria([True, True, True, None, None, None, None]), cap=("fair", "held"))
    assert (v.floor, v.level) == ("weak", "fair")
    # 3 of 5 were the rest unmet is fair, the cap's own level: one level, no range
    v = verdict_from(_criteria([True, True, True, None, None]), cap=("fair", "held"))
    assert (v.floor, v.level) == (None, "fair")
    v = verdict_from(_criteria([True, True, True, True, None]), cap=("weak", "held"))
    assert (v.floor, v.level) == (None, "weak")


def test_turning_an_unmet_criterion_into_an_unjudged_one_never_raises_the_verdict():
    # every list of up to five criteria: a 'not met' made 'cannot be judged' may raise the
    # range's top, never its bottom, and a level it raises is of low confidence
    for n in range(2, 6):
        for values in itertools.product([True, False, None], repeat=n):
            before = verdict_from(_criteria(values))
            for i, value in enumerate(values):
                if value is not False:
                    continue
                after = verdict_from(_criteria([*values[:i], None, *values[i + 1 :]]))
                if before.withheld or after.withheld:
                    continue
                low_before = floor_level(before.level, before.floor)
                low_after = floor_level(after.level, after.floor)
                assert low_after == low_before, values
                if after.level != before.level:
                    assert after.confidence == "low" and after.floor == low_before, values


def test_the_range_is_in_results_json_and_the_comparison(tmp_path):
    from evalkit.comparison.summary import summary_lines
    from evalkit.comparison.tables import reach_against_outcome, verdicts
    from evalkit.results.build import results_document
    from evalkit.results.model import CampaignResults

    import json

    ev_record = evalkit.load_campaign(CASE_STUDIES / "caesar")
    data = json.loads(json.dumps(results_document(ev_record), default=str))
    q2 = data["questions"]["2"]
    assert (q2["verdict_floor"], q2["verdict"], q2["confidence"]) == ("weak", "good", "low")
    assert data["questions"]["4"]["verdict_floor"] is None
    results = [CampaignResults.model_validate(data)]
    v = verdicts(results)
    row = v[v["question"].map(lambda q: str(q).startswith("2."))].iloc[0]
    assert str(localized(row["shown"])) == "weak to good (low confidence)"
    assert row["score"] == 1  # coloured and ranked by its lower end, weak
    reach = reach_against_outcome(results).iloc[0]
    assert str(localized(reach["reach (Q2)"])) == "weak to good (low confidence)"
    lines = " ".join(str(localized(line)) for line in summary_lines(results))
    assert "reach weak to good ×1 (low confidence)" in lines
    assert "reach good" not in lines


def test_the_bundled_records_verdicts_after_the_fixes():
    """Every bundled verdict, as it now reads (the commit messages say each change)."""
    said = {
        case: [
            str(localized(q.verdict.said))
            for q in Evaluation(evalkit.load_campaign(CASE_STUDIES / case)).questions.values()
        ]
        for case in ("aleppo-is-burning", "caesar", "idlib-under-fire", "save-ghouta")
    }
    assert said == {
        "aleppo-is-burning": [
            "good (high confidence)",
            "fair (low confidence)",
            "weak (high confidence)",
            "insufficient evidence",
            "fair (high confidence)",
        ],
        "caesar": [
            "good (high confidence)",
            "weak to good (low confidence)",
            "fair (medium confidence)",
            "good (high confidence)",
            "good (high confidence)",
        ],
        "idlib-under-fire": [
            "fair to good (low confidence)",
            "weak to fair (low confidence)",
            "poor (medium confidence)",
            "poor (high confidence)",
            "fair to good (low confidence)",
        ],
        "save-ghouta": [
            "good (high confidence)",
            "weak (low confidence)",
            "poor (medium confidence)",
            "weak (low confidence)",
            "weak (high confidence)",
        ],
    }


def test_every_new_sentence_reads_in_arabic_with_no_english_left():
    for case in ("caesar", "idlib-under-fire", "save-ghouta"):
        ev = Evaluation(evalkit.load_campaign(CASE_STUDIES / case))
        for q in ev.questions.values():
            ar = localized(q.verdict.sentence(), "ar")
            for english in ("could be as low", "criteria could not", "to good", "to fair"):
                assert english not in ar, (case, q.number, ar)
            for c in q.criteria:
                text = localized(c.because, "ar")
                for english in ("the stance of", "no end of activity", "response unknown"):
                    assert english not in text, (case, c.id, text)
