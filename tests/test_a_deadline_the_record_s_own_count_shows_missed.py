"""A goal judged achieved after its deadline, with no date of attainment, may have been
attained on time or not: the dates cannot tell. The record's own count can: a running total
of at most 9,400 signatures after the deadline was below the target of 10,000 at the
deadline (trial 17, M1: "whether by its deadline the dates cannot tell" beside the council's
count of 8,500-9,400 two weeks after it)."""

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

HEADER = "date,metric,value,cumulative,source"
PHASE = {"id": "p1", "name": "Petition", "start": "2020-01-01", "end": "2020-06-30", "source": "s"}


def _goal(level, deadline="2020-03-31", as_of="2020-05-20"):
    return {
        "id": level,
        "level": level,
        "horizon": "short",
        "text": f"Collect 10,000 signatures ({level}).",
        "indicator": "signatures",
        "target": "10000",
        "deadline": deadline,
        "indicator_metric": "signatures",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": as_of,
                "evidence": "the organisers said so",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }


def _q3(tmp_path, rows, **goal):
    tmp_path.mkdir(exist_ok=True)
    campaign = small_record(
        tmp_path, goals=[_goal("main", **goal), _goal("interim", **goal)], phases=[PHASE]
    )
    (campaign.path / "metrics.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    return Evaluation(campaign).questions[3]


AFTER = ["2020-02-15,signatures,7900,yes,s", "2020-04-15,signatures,8500..9400,yes,s"]


def test_a_running_total_below_the_target_after_the_deadline_is_a_deadline_missed(tmp_path):
    q3 = _q3(tmp_path, AFTER)
    rows = {r["goal"]: r for r in q3.mains + q3.interims}
    for goal in ("main", "interim"):
        assert rows[goal]["_on_time"] is False
        assert localized(rows[goal]["deadline"]) == (
            "not attained by its deadline (2020-03-31): the record's own count, a running "
            "total, is 8,500–9,400 signatures (2020-04-15), on or after 2020-03-31: below "
            "the target, 10,000"
        )
    assert q3.criterion("main_goal_on_time").met is False
    # the judgement itself stands: the total may have reached 10,000 by 2020-05-20
    assert not q3.contradicted
    arabic = localized(rows["interim"]["deadline"], "ar")
    assert "9,400" in arabic and "2020-03-31" in arabic and "deadline" not in arabic


def test_a_count_that_may_have_reached_the_target_by_the_deadline_leaves_it_untold(tmp_path):
    q3 = _q3(tmp_path, ["2020-02-15,signatures,7900,yes,s", "2020-04-15,signatures,10400,yes,s"])
    interim = q3.interims[0]
    assert interim["_on_time"] is None
    assert "the dates cannot tell" in localized(interim["deadline"])
