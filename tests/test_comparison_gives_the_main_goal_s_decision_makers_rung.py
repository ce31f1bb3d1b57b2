"""The comparison's table against main-goal attainment gives the rung of the decision makers
the main goals name, and names who reached the highest rung (trial 11, M4: an interim goal's
European Parliament resolution shown as "policy action" beside a failed main goal, read as
the main goal's decision maker acting)."""

import json

from conftest import act, small_record

from evalkit.comparison.tables import mix_against_attainment
from evalkit.i18n import localized
from evalkit.results.build import results_document
from evalkit.results.model import read_results

GOALS = [
    {
        "id": "free",
        "level": "main",
        "horizon": "long",
        "text": "Free them.",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [
            {
                "attainment": "not_achieved",
                "as_of": "2020-03",
                "evidence": "e",
                "judged_by": "t",
                "source": "s",
            }
        ],
    },
    {
        "id": "resolution",
        "level": "interim",
        "horizon": "short",
        "text": "A resolution.",
        "decision_makers": ["European Parliament"],
        "source": "s",
    },
]
ENGAGEMENTS = [
    "2020-02-01,UN Security Council,,meeting,rejected,,s",
    "2020-02-10,European Parliament,,meeting,resolution,,s",
]


def test_the_main_goal_s_own_decision_makers_rung_stands_beside_its_attainment(tmp_path):
    c = small_record(
        tmp_path,
        goals=GOALS,
        activities=[act("a1", kind="lobbying", date="2020-01-20")],
        engagements=ENGAGEMENTS,
    )
    doc = results_document(c)
    facts = doc["facts"]
    assert facts["decision_makers_top_rung"] == "policy action"
    assert facts["decision_makers_top_rung_who"] == "European Parliament"
    assert facts["main_goal_decision_makers_top_rung"] == "engaged"
    path = tmp_path / "results.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    row = mix_against_attainment([read_results(path)]).iloc[0]
    assert localized(row["main goal's decision makers: highest rung"]) == "engaged"
    assert localized(row["highest decision-maker rung"]) == "policy action: European Parliament"
    assert localized(row["main goal's decision makers: highest rung"], "ar") != "engaged"
