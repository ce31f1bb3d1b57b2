"""A later phase after a gap the vague dates allow both within 30 days and over it is an
"escalation or relaunch, the dates cannot tell which", never "escalation of the running
campaign" (trial 6, M4: a phase ending 2019-05 and the next starting 2019-07, 30-90 days)."""

from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.evaluation.timing import launch_timing
from evalkit.i18n import localized
from conftest import small_record


def _phases(second_start, first_end="2020-03"):
    return [
        {"id": "p1", "name": "Alarm", "start": "2020-01-01", "end": first_end, "source": "s"},
        {"id": "p2", "name": "Pressure", "start": second_start, "end": "2020-09", "source": "s"},
    ]


def test_a_gap_of_30_to_90_days_is_escalation_or_relaunch(tmp_path):
    c = small_record(tmp_path, phases=_phases("2020-05"))
    first, second = launch_timing(c.record)
    assert (first.role, second.role) == ("launch", "escalation or relaunch")
    sentence = localized(second.sentence())
    assert sentence.startswith(
        "Pressure (from 2020-05, escalation or relaunch, the dates cannot tell which)"
    ), sentence
    assert "escalation of the running campaign" not in sentence
    # no triggering event is recorded: were it a relaunch, its reactivity is not known
    assert second.reactive is None
    assert Evaluation(c).timing[1].role == "escalation or relaunch"


def test_a_gap_certainly_within_30_days_is_an_escalation(tmp_path):
    c = small_record(tmp_path, phases=_phases("2020-04-15", "2020-03-31"))
    assert [t.role for t in launch_timing(c.record)] == ["launch", "escalation"]


def test_a_gap_certainly_over_30_days_is_a_relaunch(tmp_path):
    c = small_record(tmp_path, phases=_phases("2020-06"))
    assert [t.role for t in launch_timing(c.record)] == ["launch", "relaunch"]
