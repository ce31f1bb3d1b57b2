"""A launch is reactive to an event the record does not link only if it started within 30
days of it: where the vague dates allow the start further away (a start 'early 2021', an
event '2020-12': 1 to 150 days), whether it was reactive cannot be told, never 'yes', and
the comparison counts only the launches the dates show were reactive (trial 6, M2)."""

from __future__ import annotations

import json

from evalkit.comparison import launches
from evalkit.comparison.summary import launch_line
from evalkit.evaluation.timing import launch_timing
from evalkit.i18n import localized
from evalkit.results.build import results_document, results_json
from evalkit.results.model import CampaignResults
from conftest import small_record

DIE_OFF = {
    "id": "die-off",
    "kind": "other",
    "description": "A fish die-off",
    "date": "2020-12",
    "source": "s",
}


def _phase(start, end="2021-06", trigger=None, id="p1"):
    p = {"id": id, "name": f"Phase {id}", "start": start, "end": end, "source": "s"}
    return {**p, "trigger": trigger} if trigger else p


def _results(campaign) -> CampaignResults:
    return CampaignResults.model_validate(json.loads(results_json(results_document(campaign))))


def test_an_unlinked_event_the_dates_allow_beyond_30_days_leaves_reactive_untold(tmp_path):
    c = small_record(tmp_path, phases=[_phase("early 2021")], hot_events=[DIE_OFF])
    (t,) = launch_timing(c.record)
    assert (t.timing, t.lag_days, t.reactive) == ("at or after", (1, 150), None)
    assert "the start may be reactive, and the dates cannot tell" in localized(t.sentence())
    r = _results(c)
    row = launches([r]).iloc[0]
    assert row["reactive"] == "cannot tell"
    assert localized(row["reactive launches and relaunches"]) == (
        "0 of 1; whether reactive cannot be told for 1"
    )
    line = localized(launch_line([r]))
    assert line.startswith("First launches reactive to a hot event: 0 of 1"), line


def test_an_unlinked_event_certainly_within_30_days_is_reacted_to(tmp_path):
    # late December to 5 January: 5 to 15 days
    late = {**DIE_OFF, "date": "late 2020-12"}
    c = small_record(tmp_path, phases=[_phase("2021-01-05")], hot_events=[late])
    (t,) = launch_timing(c.record)
    assert t.reactive is True and t.timing == "at"
    assert "may be reactive" not in localized(t.sentence())
    row = launches([_results(c)]).iloc[0]
    assert (row["reactive"], localized(row["reactive launches and relaunches"])) == (
        "yes",
        "1 of 1",
    )


def test_a_linked_trigger_is_reacted_to_at_any_distance(tmp_path):
    # the evaluator's link: the trigger set the phase off, however vague the dates
    c = small_record(
        tmp_path, phases=[_phase("early 2021", trigger="die-off")], hot_events=[DIE_OFF]
    )
    (t,) = launch_timing(c.record)
    assert t.reactive is True
    assert "may be reactive" not in localized(t.sentence())
