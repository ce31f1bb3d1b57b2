"""Every time measured from the launch counts the launch as on or after the `trigger` that
set it off, as launch timing does (trial 6, L3: a start 'early 2019' set off by an event
'early 2019-02' was counted from 1 January: 'to attainment 124-272 days', not 124-241)."""

from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from conftest import small_record

EVENT = {
    "id": "die-off",
    "kind": "other",
    "description": "A fish die-off",
    "date": "early 2019-02",
    "source": "s",
}


def _record(tmp_path, trigger):
    phase = {"id": "p1", "name": "Alarm", "start": "early 2019", "end": "2019-12", "source": "s"}
    judged = {
        "attainment": "achieved",
        "as_of": "2019-09",
        "judged_by": "tester",
        "evidence": "seen",
        "source": "s",
    }
    return small_record(
        tmp_path,
        phases=[{**phase, "trigger": trigger} if trigger else phase],
        hot_events=[EVENT],
        goals=[
            {
                "id": "main",
                "level": "main",
                "horizon": "long",
                "text": "Stop it.",
                "decision_makers": ["UN Security Council"],
                "judgements": [judged],
                "source": "s",
            }
        ],
        engagements=["2019-06-15,UN Security Council,UN Security Council,meeting,statement,met,s"],
    )


def _indicators(ev, q, starts):
    return [
        localized(v) for k, v, _ in ev.questions[q].indicators if localized(k).startswith(starts)
    ]


def test_times_from_a_triggered_launch_start_at_the_trigger(tmp_path):
    ev = Evaluation(_record(tmp_path, "die-off"))
    # 1 February (not 1 January) to 30 September 2019: at most 241 days
    assert _indicators(ev, 3, "Time from launch (early 2019) to attainment") == [
        "at most 241 days (attained by the judgement of 2019-09; when it was attained is not "
        "recorded)"
    ]
    # 1 February to 15 June: at most 134 days (1 January: 165)
    (days,) = _indicators(ev, 4, "Days from launch to first engagement")
    assert days.startswith("46 to 134 days"), days


def test_without_a_trigger_the_start_keeps_its_dates(tmp_path):
    ev = Evaluation(_record(tmp_path, None))
    assert _indicators(ev, 3, "Time from launch (early 2019) to attainment") == [
        "at most 272 days (attained by the judgement of 2019-09; when it was attained is not "
        "recorded)"
    ]
    (days,) = _indicators(ev, 4, "Days from launch to first engagement")
    assert days.startswith("46 to 165 days"), days
