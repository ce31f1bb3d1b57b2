"""A main goal judged only "partly" achieved is never said attained by its deadline (trial
7, M2: «تحقق في موعده», "met", for 30% of a plan whose target was the whole plan). Attained
by its deadline means attained in full; a partial attainment is said as partial, in
results.json and in Arabic, and the criterion is not met on it."""

from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from evalkit.results.build import results_document


def _goal(*judgements):
    return {
        "id": "plan",
        "level": "main",
        "horizon": "medium",
        "text": "The council adopts the whole plan.",
        "indicator": "council resolution",
        "target": "the whole plan adopted",
        "deadline": "2020-12-31",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [{"evidence": "e", "judged_by": "t", "source": "s"} | j for j in judgements],
    }


STEP = {
    "id": "step",
    "level": "interim",
    "horizon": "short",
    "text": "A step.",
    "source": "s",
    "judgements": [
        {
            "attainment": "achieved",
            "as_of": "2020-02",
            "evidence": "e",
            "judged_by": "t",
            "source": "s",
        }
    ],
}


def _on_time(tmp_path, *judgements):
    campaign = small_record(tmp_path, goals=[_goal(*judgements), STEP])
    doc = results_document(campaign)
    said = next(
        c
        for c in doc["questions"]["3"]["criteria"]
        if c["name"] == "The main goal was attained by its deadline"
    )
    return campaign, doc, said


def test_a_partial_attainment_before_the_deadline_is_said_partial_and_not_met(tmp_path):
    campaign, doc, said = _on_time(tmp_path, {"attainment": "partly", "as_of": "2020-09"})
    assert said["met"] is None  # before: True, "attained by its deadline (2020-12-31)"
    assert said["because"] == (
        "The council adopts the whole plan: partly attained by its deadline (2020-12-31; "
        "by 2020-09); whether attained in full by then is not known"
    )
    # uncapped, 3 of 4 criteria would rate good: the main goal only partly achieved holds it
    q3 = doc["questions"]["3"]
    assert (q3["verdict"], q3["criteria_met"], q3["criteria_judgeable"]) == ("fair", 3, 4)
    assert "the main goal was only partly achieved" in q3["verdict_cap"]
    c = Evaluation(campaign).questions[3].criterion("main_goal_on_time")
    arabic = localized(c.because, "ar")
    assert "تحقق جزئياً في موعده" in arabic and "ولا يُعرف ما إذا تحقق كاملاً" in arabic
    assert "تحقق في موعده" not in arabic


def test_a_partial_attainment_judged_at_the_deadline_missed_it(tmp_path):
    campaign, _, said = _on_time(
        tmp_path,
        {"attainment": "partly", "as_of": "2020-09"},
        {"attainment": "partly", "as_of": "2021-02"},
    )
    assert said["met"] is False
    assert (
        "only partly attained by its deadline (2020-12-31; judged partly achieved as of "
        in (said["because"])
    )
    # the SMART audit and the five-line summary read the missed deadline from the same row
    q3 = Evaluation(campaign).questions[3]
    indicators = [str(v) for _, v, _ in q3.indicators]
    assert any(
        v.startswith("deadline missed: only partly attained by its deadline") for v in (indicators)
    ), indicators


def test_a_partial_attainment_judged_after_the_deadline_is_not_attainment_in_full(tmp_path):
    # first judged partly after the deadline, its date not recorded: whether the part came
    # by the deadline the dates cannot tell, but the whole was not attained by then
    _, _, said = _on_time(tmp_path, {"attainment": "partly", "as_of": "2021-02"})
    assert said["met"] is False
    assert (
        "not attained in full by its deadline (2020-12-31; judged partly achieved as of 2021-02)"
        in said["because"]
    )


def test_attained_in_full_after_the_deadline_is_late_and_says_the_part_before(tmp_path):
    _, _, said = _on_time(
        tmp_path,
        {"attainment": "partly", "as_of": "2020-09"},
        {"attainment": "achieved", "as_of": "2021-06", "attained": "2021-03-01"},
    )
    assert said["met"] is False
    assert said["because"].endswith(
        "attained 2021-03-01, 1 month after its deadline (2020-12-31); partly attained by "
        "it (by 2020-09)"
    ), said["because"]


def test_attained_in_full_by_the_deadline_is_met(tmp_path):
    _, _, said = _on_time(
        tmp_path,
        {"attainment": "partly", "as_of": "2020-06"},
        {"attainment": "achieved", "as_of": "2020-11"},
    )
    assert said["met"] is True
    assert said["because"].endswith(": attained by its deadline (2020-12-31)")


def test_a_deadline_long_gone_is_never_said_not_yet_passed(tmp_path):
    """Trial 11, HIGH-3: a judgement older than the deadline made "deadline 2020-12-31 not
    yet passed", years after it passed; only a deadline still ahead of the report's date is
    not yet passed."""
    campaign, doc, said = _on_time(tmp_path, {"attainment": "not_achieved", "as_of": "2020-09"})
    assert said["met"] is None
    assert "not yet passed" not in said["because"]
    assert (
        "whether attained by its deadline (2020-12-31) is not known: the latest judgement "
        "(2020-09) was made before it; judge the goal again"
    ) in said["because"], said["because"]
    # as of a date before the deadline, it is still ahead
    early = results_document(campaign, as_of="2020-10-31")
    ahead = next(
        c
        for c in early["questions"]["3"]["criteria"]
        if c["name"] == "The main goal was attained by its deadline"
    )
    assert "deadline 2020-12-31 not yet passed" in ahead["because"], ahead["because"]
