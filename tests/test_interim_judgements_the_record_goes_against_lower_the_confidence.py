"""Interim judgements the record itself goes against lower question 3's confidence (trial 16,
M1: 'good (high confidence)' was said beside 3 of 4 interim judgements not counted). The
evaluator's judgements were found over-stated there, so the rest are less sure: most of them
not counted holds the confidence at low, fewer at medium; none leaves it as coverage gives."""

import pytest

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

COUNCIL, MINISTRY = "UN Security Council", "Ministry of Health"


def _goal(id, level, decision_maker):
    return {
        "id": id,
        "level": level,
        "horizon": "short" if level == "interim" else "long",
        "text": f"Goal {id}.",
        "decision_makers": [decision_maker],
        "indicator": "the decision maker's vote",
        "target": "a vote for",
        "deadline": "2020-06-30",
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": "2020-03",
                "attained": "2020-03-05",
                "evidence": "e",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }


def _q3(tmp_path, against: int):
    """A main goal achieved (the ministry's) and four interim goals judged achieved (the
    council's), `against` of which the council's own vote against, naming them, contradicts."""
    interims = [_goal(f"step{i}", "interim", COUNCIL) for i in range(1, 5)]
    decisions = [
        f"2020-03-10,{COUNCIL},vote,against,step{i},voted the step down,s"
        for i in range(1, against + 1)
    ]
    campaign = small_record(tmp_path, goals=[_goal("law", "main", MINISTRY), *interims])
    (campaign.path / "decisions.csv").write_text(
        "\n".join(["date,decision_maker,act,direction,goal,description,source", *decisions]) + "\n",
        encoding="utf-8",
    )
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    return Evaluation(campaign).questions[3]


@pytest.mark.parametrize(
    "against, confidence", [(0, "high"), (1, "medium"), (2, "medium"), (3, "low"), (4, "low")]
)
def test_the_share_of_interim_judgements_not_counted_sets_how_sure_the_verdict_is(
    tmp_path, against, confidence
):
    q3 = _q3(tmp_path, against)
    assert len([g for g in q3.contradicted if g.startswith("step")]) == against
    assert q3.verdict.confidence == confidence


def test_the_verdict_says_which_interim_judgements_lowered_its_confidence(tmp_path):
    q3 = _q3(tmp_path, 3)
    said = localized(q3.verdict.sentence())
    assert (
        "Confidence held at low: the record itself goes against 3 of the 4 interim goals' "
        "judgements (Goal step1; Goal step2; Goal step3), so the evaluator's other "
        "judgements may be over-stated too."
    ) in said
    arabic = localized(q3.verdict.sentence(), "ar")
    assert "over-stated" not in arabic and "3" in arabic and "4" in arabic
