"""A decision maker's refusal of the ask stays in question 4 when their later answer grants
nothing — a statement that the matter is under review (trial 19, H2: the refusal vanished
behind it, "Reached: UK Foreign Office public statement"). A later decision for the ask
does take it back."""

from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

FO = "UK Foreign Office"
GOAL = {
    "id": "main",
    "level": "main",
    "horizon": "long",
    "text": "Sanctions on the officials.",
    "decision_makers": [FO],
    "source": "s",
}
REFUSAL = f"2020-02-10,{FO},{FO},letter,rejected,declined to add sanctions,s"
REVIEW = f"2020-03-10,{FO},{FO},meeting,statement,keeps the matter under review,s"
DECIDED = f"2020-03-10,{FO},{FO},meeting,executive_decision,sanctions added,s"


def _said(tmp_path, *engagements) -> str:
    q4 = Evaluation(small_record(tmp_path, goals=[GOAL], engagements=list(engagements)))
    return " ".join(localized(v) for _, v, _ in q4.questions[4].indicators)


def test_a_refusal_followed_by_a_statement_that_grants_nothing_is_still_said(tmp_path):
    said = _said(tmp_path, REFUSAL, REVIEW)
    assert (
        "they refused the ask (2020-02-10, engagements.csv:2), and no later answer of "
        "theirs granted it"
    ) in said


def test_a_refusal_that_is_the_last_word_is_said_so(tmp_path):
    said = _said(tmp_path, REFUSAL)
    assert "their last recorded answer refused the ask (2020-02-10, engagements.csv:2)" in said


def test_a_later_decision_for_the_ask_takes_the_refusal_back(tmp_path):
    said = _said(tmp_path, REFUSAL, DECIDED)
    assert "refused" not in said
