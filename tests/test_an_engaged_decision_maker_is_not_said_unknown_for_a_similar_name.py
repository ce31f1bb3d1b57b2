"""A decision maker engaged under their own name is counted engaged; a row under a similar
name says nothing more of them, so the coverage never says 'not known for' them beside
counting them (trial 18, L1: "2 of 2 engaged by the names in the goals; not known for
Transport Authority", one of the two)."""

from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

GOAL = {
    "id": "main",
    "level": "main",
    "horizon": "long",
    "text": "A pilot on two school routes.",
    "decision_makers": ["Transport Authority"],
    "source": "s",
}


def test_an_engaged_decision_maker_is_counted_without_doubt_from_a_similar_name(tmp_path):
    campaign = small_record(
        tmp_path,
        goals=[GOAL],
        engagements=[
            "2020-02-10,Transport Authority,Transport Authority,meeting,statement,met us,s",
            "2020-02-20,Transport committee,City Council,meeting,none,heard us,s",
        ],
    )
    q4 = Evaluation(campaign).questions[4]
    said = localized(q4.criterion("half_of_targets_engaged").because)
    assert said.startswith("1 of 1 engaged")
    assert "not known for" not in said
