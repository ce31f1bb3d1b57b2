"""Question 5 does not rate the tactics on a policy outcome its decision maker took back
(trial 11, L7: permits suspended in June, reinstated in November, and "A policy outcome
followed the tactics in time: met"). With only such outcomes the criterion cannot be judged
and says why; a standing outcome beside one taken back still meets it."""

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

FOR = "2020-02-10,UN Security Council,,executive_decision,for,unknown,permits suspended,s"
AGAINST = "2020-03-20,UN Security Council,,executive_decision,against,unknown,permits reinstated,s"
OTHER = "2020-02-12,Parliament,,law,for,unknown,a law passed,s"


def _criterion(tmp_path, decisions):
    c = small_record(
        tmp_path,
        activities=[act("a1", kind="lobbying", date="2020-02-01")],
        decisions=decisions,
    )
    return Evaluation(c).questions[5].criterion("outcome_followed")


def test_an_outcome_later_taken_back_does_not_meet_the_criterion(tmp_path):
    c = _criterion(tmp_path, [FOR, AGAINST])
    assert c.met is None
    said = localized(c.because)
    assert said.startswith(
        "what followed the tactics was taken back by the decision maker's own later act, so "
        "no lasting outcome is shown: UN Security Council: executive decision, but their last "
        "recorded act goes against the ask: permits reinstated"
    )
    assert "decisions.csv:2" in c.evidence
    assert "فلا تظهر نتيجة دائمة" in localized(c.because, "ar")
    assert "taken back" not in localized(c.because, "ar")


def test_the_outcome_meets_it_while_it_stands(tmp_path):
    assert _criterion(tmp_path, [FOR]).met is True


def test_a_standing_outcome_beside_one_taken_back_meets_it(tmp_path):
    assert _criterion(tmp_path, [FOR, AGAINST, OTHER]).met is True
