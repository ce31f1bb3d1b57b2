"""Figures of one count from different sources that cannot both be true — the organisers'
"more than 1,000" marchers and the police's "at most 600" of the same day (trial 17, H1: the
report said "more than 1,000 participants is a lower bound: the true count is that or more"
and led its largest counts with it). Both are said, with their sources; neither is the
count alone, nor settles a goal's target; figures that can both be true stay as they were."""

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.evaluation.estimates import rival_estimates
from evalkit.evaluation.indicator import indicator_count
from evalkit.i18n import localized

HEADER = "date,metric,value,scope,note,source"
SOURCES = [
    {"id": "s", "citation": "the organisers' notes"},
    {"id": "police", "citation": "the police's statement"},
]


def _goal(target="1000"):
    return {
        "id": "main",
        "level": "main",
        "horizon": "short",
        "text": "Bring 1,000 people to the march.",
        "indicator": "marchers",
        "target": target,
        "indicator_metric": "participants",
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": "2020-03",
                "attained": "2020-03-14",
                "evidence": "the organisers counted more than 1,000",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }


def _campaign(tmp_path, rows):
    tmp_path.mkdir(exist_ok=True)
    campaign = small_record(tmp_path, goals=[_goal()], sources=SOURCES)
    (campaign.path / "metrics.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    return campaign


RIVALS = [
    "2020-03-14,participants,more than 1000,local,march (organisers),s",
    "2020-03-14,participants,at most 600,local,march (police),police",
]


def test_two_sources_figures_that_cannot_both_be_true_are_found(tmp_path):
    campaign = _campaign(tmp_path, RIVALS)
    assert rival_estimates(campaign.metrics) == {2: (3,), 3: (2,)}


def test_figures_that_can_both_be_true_or_come_from_one_source_are_no_rivals(tmp_path):
    overlapping = [RIVALS[0], "2020-03-14,participants,about 900,local,march (police),police"]
    assert rival_estimates(_campaign(tmp_path / "a", overlapping).metrics) == {}
    one_source = [RIVALS[0], RIVALS[1].replace(",police", ",s")]
    assert rival_estimates(_campaign(tmp_path / "b", one_source).metrics) == {}
    other_day = [RIVALS[0], RIVALS[1].replace("2020-03-14", "2020-03-21")]
    assert rival_estimates(_campaign(tmp_path / "c", other_day).metrics) == {}


def test_question_2_says_both_figures_with_their_sources_and_neither_as_the_count(tmp_path):
    q2 = Evaluation(_campaign(tmp_path, RIVALS)).questions[2]
    said = [localized(f.text) for f in q2.findings]
    assert (
        "Figures of one count from different sources cannot all be true (2020-03-14): more "
        "than 1,000 participants (the organisers' notes); at most 600 participants (the "
        "police's statement)."
    ) in " ".join(said)
    assert not any("is a lower bound" in s for s in said)
    rival = next(f for f in q2.findings if "cannot all be true" in localized(f.text))
    assert rival.evidence == ["metrics.csv:2", "metrics.csv:3"]
    assert [localized(x) for x in q2.largest] == [
        "more than 1,000 participants by one source and at most 600 participants by another "
        "(2020-03-14)"
    ]
    arabic = localized(rival.text, "ar")
    assert "1,000" in arabic and "600" in arabic and "participants" not in arabic


def test_a_figure_another_source_contradicts_does_not_settle_the_goal_s_target(tmp_path):
    campaign = _campaign(tmp_path, RIVALS)
    goal = campaign.record.goals[0]
    count = indicator_count(goal, goal.judgements[0], campaign)
    assert count.state == "not shown"
    # alone, the organisers' figure reaches it
    alone = _campaign(tmp_path / "alone", RIVALS[:1])
    goal = alone.record.goals[0]
    assert indicator_count(goal, goal.judgements[0], alone).state == "reached"


def test_rival_figures_are_one_count_never_added_up_to_reach_a_target(tmp_path):
    # trial 19, H1: 'more than 5,000' (organisers) and '3,000' (police) of one march read
    # 'at least 6,000', and a target of 6,000 was said reached
    rows = [
        "2020-03-14,participants,more than 5000,local,march (organisers),s",
        "2020-03-14,participants,3000,local,march (police),police",
    ]
    tmp_path.mkdir(exist_ok=True)
    campaign = small_record(tmp_path, goals=[_goal("6000")], sources=SOURCES)
    (campaign.path / "metrics.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    goal = campaign.record.goals[0]
    count = indicator_count(goal, goal.judgements[0], campaign)
    assert count.state == "not shown"
    assert "at least 3,000 participants" in localized(count.words())
    assert "6,000 participants" not in localized(count.words())
