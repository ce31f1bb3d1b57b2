"""Findings of a new-user trial on simulated records (a small local campaign, an Excel
workbook filled by hand, a year of daily series in Arabic), each fixed as a class and pinned
on a real run of a small record."""

import pytest

from evalkit.evaluation import Evaluation
from conftest import small_record


def _main_goal(attainment, **parts):
    return [
        {
            "id": "main",
            "level": "main",
            "horizon": "short",
            "text": "Keep the benches.",
            "decision_makers": ["UN Security Council"],
            "source": "s",
            **parts,
            "judgements": [
                {
                    "attainment": attainment,
                    "as_of": "2020-06",
                    "evidence": "the benches are still there",
                    "judged_by": "t",
                    "source": "s",
                }
            ],
        }
    ]


def _q3(tmp_path, attainment, **parts):
    tmp_path.mkdir(exist_ok=True)
    return Evaluation(small_record(tmp_path, goals=_main_goal(attainment, **parts))).questions[3]


# --- question 3: an attainment nothing in the record can check ---------------------------------
@pytest.mark.parametrize("attainment", ["achieved", "partly"])
def test_a_main_goal_judged_attained_without_an_indicator_lowers_the_goals_confidence(
    tmp_path, attainment
):
    # the same goal, with and without its indicator (target and deadline in both)
    unchecked = _q3(tmp_path / "a", attainment, target="all 12", deadline="2020").verdict
    measured = _q3(
        tmp_path / "b", attainment, indicator="benches in place", target="all 12", deadline="2020"
    ).verdict
    assert not unchecked.withheld
    # the same criteria judgeable (the measurable one is judged either way): one step lower
    assert unchecked.judgeable == measured.judgeable
    steps = ("low", "medium", "high")
    assert steps.index(unchecked.confidence) == max(0, steps.index(measured.confidence) - 1)
    assert "rests on the evaluator's judgement alone" in str(unchecked.confidence_reason)
    said = str(unchecked.sentence())
    assert f"Confidence held at {unchecked.confidence}: the main goal's attainment" in said
    assert "has no measurable indicator" in said
    assert measured.confidence_reason == ""
    # a small local campaign's goal, no indicator, target or deadline: medium from coverage,
    # held at low
    bare = _q3(tmp_path / "c", attainment).verdict
    assert (bare.judgeable, bare.total, bare.confidence) == (3, 5, "low")


def test_a_main_goal_judged_not_achieved_without_an_indicator_keeps_its_confidence(tmp_path):
    # "not achieved" claims no achievement: nothing is over-stated by the missing indicator
    v = _q3(tmp_path, "not_achieved").verdict
    assert v.confidence_reason == ""
