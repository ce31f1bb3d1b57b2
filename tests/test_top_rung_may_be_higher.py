"""The highest rung reached with decision makers is the least it reached when a contact's
answer is not recorded (response unknown): results.json says the rung may be higher, and
the comparison neither reads it as 'not converted' nor states it bare."""

import json

from evalkit.comparison.replication import _aleppo_conversion
from evalkit.comparison.tables import AGREES, CANNOT, rung_said
from evalkit.evaluation import Evaluation
from evalkit.i18n import localized, set_language
from evalkit.results.build import results_document, results_json
from evalkit.results.facts import campaign_facts
from evalkit.results.model import CampaignResults

from conftest import act, small_record

UNSC = "UN Security Council"


def _results(tmp_path, response, name):
    (tmp_path / name).mkdir()
    c = small_record(
        tmp_path / name,
        id="aleppo-is-burning",
        activities=[act(f"a{i}") for i in range(4)],
        engagements=[f"2020-02-01,{UNSC},{UNSC},letter,{response},,s"],
    )
    facts = campaign_facts(Evaluation(c))
    doc = json.loads(results_json(results_document(c)))
    return facts, CampaignResults.model_validate(doc)


def test_an_unrecorded_answer_leaves_the_rung_open(tmp_path):
    facts, r = _results(tmp_path, "unknown", "open")
    assert facts["decision_makers_top_rung"] == "aware"
    assert facts["decision_makers_top_rung_may_be_higher"] is True
    verdict, text = _aleppo_conversion({"aleppo-is-burning": r})
    # before: "aware" read as not converted, and the paper's claim "agreed" with
    assert verdict == CANNOT
    assert "it may be higher" in str(text)
    assert str(rung_said(r.facts)) == "aware (the rung may be higher: an answer is not recorded)"
    set_language("ar")
    try:
        assert "قد تكون الدرجة أعلى" in localized(rung_said(r.facts))
        assert "وقد تكون أعلى" in localized(text)
    finally:
        set_language("en")


def test_a_recorded_answer_closes_it(tmp_path):
    facts, r = _results(tmp_path, "none", "closed")
    assert facts["decision_makers_top_rung"] == "aware"
    assert facts["decision_makers_top_rung_may_be_higher"] is False
    verdict, _ = _aleppo_conversion({"aleppo-is-burning": r})
    assert verdict == AGREES  # mobilisation that did not convert, as the paper says
    assert rung_said(r.facts) == "aware"
