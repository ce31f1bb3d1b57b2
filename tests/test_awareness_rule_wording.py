"""W10's wording follows the record (trial 5, F9): the rule counts mobilisation not aimed at
the decision makers, wherever it was aimed, and before it said "Awareness-heavy strategies
aimed at the local audience" of a record whose mobilisation was aimed at a diaspora abroad.
Now its point says what it counts, the evidence says where the counted activities were
aimed (from each audience's place), and the paper's wording, "aimed mainly at the local
audience", is the example of the paper's own four campaigns only."""

from __future__ import annotations

from conftest import CASE_STUDIES, SMALL_DECISION_MAKERS, act, small_record

import evalkit
from evalkit.evaluation import Evaluation

DIASPORA = {
    "id": "diaspora",
    "segment": "general_public",
    "tier": "secondary",
    "region": "international",
    "languages": ["ar"],
    "stance": "ally",
    "targeted": "yes",
    "reached": "yes",
    "source": "s",
}


def _w10(evaluation: Evaluation) -> dict:
    [rule] = [r for r in evaluation.to_dict()["checklist"] if r["rule"] == "W10"]
    return rule


# the small record's two audiences (conftest.small_record), and a diaspora abroad
DECISION_MAKERS = SMALL_DECISION_MAKERS
HOME_PUBLIC = DIASPORA | {"id": "public", "region": "local"}


def test_mobilisation_aimed_abroad_is_not_said_to_be_aimed_at_the_local_audience(tmp_path):
    campaign = small_record(
        tmp_path,
        audiences=[DECISION_MAKERS, HOME_PUBLIC, DIASPORA],
        activities=[act(f"d{i}", audience="diaspora") for i in range(4)]
        + [act("h1", audience="public")],
    )
    rule = _w10(Evaluation(campaign))
    assert rule["status"] == "fires"
    assert rule["text"] == (
        "Awareness-heavy strategies: mobilisation not aimed at the decision makers"
    )
    assert "local audience" not in rule["text"]
    assert rule["evidence"][:2] == [
        "5 of 5 activities are mobilisation/awareness (100%)",
        "where they were aimed: at a public at home, 1; at a public abroad, 4",
    ]


def test_the_papers_campaigns_keep_the_papers_wording_as_their_example():
    campaign, problems = evalkit.check_record(CASE_STUDIES / "aleppo-is-burning")
    assert not problems
    rule = _w10(Evaluation(campaign))
    assert rule["text"] == (
        "Awareness-heavy strategies: mobilisation not aimed at the decision makers "
        "(the paper: aimed mainly at the local audience)"
    )
    # the record aims most of it abroad, and the evidence says so; the verdict is unchanged
    assert (
        "where they were aimed: at a public at home, 1; at a public abroad, 12"
        in (rule["evidence"])
    )
    assert rule["status"] == "cannot be judged from the record"
