"""Launch timing computed from dates; the checklist's rules fire from data."""

import pytest

from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET, RULES
from evalkit.evaluation.timing import launch_timing
from conftest import small_record


def _timing(tmp_path, start, event_date, trigger=None, **event):
    phase = {"id": "p1", "name": "one", "start": start, "end": "2020-12", "source": "s"}
    if trigger:
        phase["trigger"] = trigger
    c = small_record(
        tmp_path,
        phases=[phase],
        hot_events=[
            {
                "id": "e",
                "kind": "offensive",
                "description": "offensive",
                "date": event_date,
                "source": "s",
                **event,
            }
        ],
    )
    return launch_timing(c.record)[0]


@pytest.mark.parametrize(
    "start,event,timing",
    [
        ("2020-03-11", "2020-03-01", "at"),
        ("2020-05-01", "2020-03-01", "after"),
        ("2020-02-01", "2020-03-01", "before"),
        ("2020-03", "2020-03", "at"),
    ],
)
def test_launch_timing_is_computed_from_dates(tmp_path, start, event, timing):
    assert _timing(tmp_path, start, event, trigger="e").timing == timing


def test_an_unlinked_event_beyond_the_window_did_not_set_off_the_launch(tmp_path):
    t = _timing(tmp_path, "2020-05-01", "2020-03-01")
    assert t.timing == "independent" and t.reactive is False and t.event is None
    near = _timing(tmp_path, "2020-03-20", "2020-03-01")
    assert near.timing == "at" and near.reactive is True and not near.linked


def test_day_ranges_read_low_to_high(tmp_path):
    t = _timing(tmp_path, "2020-03", "2018-11-05", trigger="e")
    assert t.lag_days == (482, 512)
    assert "482–512 days after the event" in t.sentence()
    before = _timing(tmp_path, "2018-07", "2019-11-05", trigger="e")
    assert "462–492 days before the event" in before.sentence()


def test_reactive_lag_from_the_date_the_event_became_foreseeable(tmp_path):
    t = _timing(tmp_path, "2020-03-11", "2020-03-01", foreseeable_from="2019-12-01")
    assert t.reactive is True and t.warning_days == (101, 101) and t.lag_days == (10, 10)
    assert "101 days after warning" in t.sentence()
    assert "101–101" not in t.sentence()


def test_an_event_the_campaign_made_is_a_designed_launch_not_reactive(tmp_path):
    t = _timing(tmp_path, "2020-03-01", "2020-03-01", made_by_campaign=True)
    assert t.timing == "at" and t.designed and t.reactive is False
    assert "the start came on the day of the event" in t.sentence()


def test_a_start_wholly_before_the_event_anticipated_it_and_is_not_reactive(tmp_path):
    # two days before a foreseeable event: inside the "at" window, nothing to react to yet
    t = _timing(tmp_path, "2020-03-01", "2020-03-03", foreseeable_from="2020-02")
    assert t.timing == "at" and t.lag_days == (-2, -2) and t.reactive is False
    assert "started before the event, so it did not react" in t.sentence()
    # vague dates that allow the start on or after the event stay reactive
    vague = _timing(tmp_path, "2020-03-05..2020-03-20", "2020-03-10")
    assert vague.lag_days[0] < 0 <= vague.lag_days[1] and vague.reactive is True
    c = small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "one", "start": "2020-03-01", "end": "2020-12", "source": "s"}
        ],
        hot_events=[
            {"id": "e", "kind": "vote", "description": "vote", "date": "2020-03-03", "source": "s"}
        ],
    )
    assert not any("hot event" in e for e in _status(Evaluation(c), "W11").evidence)


def test_checklist_has_the_papers_12_strengths_and_23_weaknesses():
    assert sum(r.kind == "strength" for r in RULES) == 12
    assert sum(r.kind == "weakness" for r in RULES) == 23


def test_an_unforeseeable_event_after_the_start_is_not_what_the_start_came_before(tmp_path):
    # the crackdown eight days after the first rally was its backlash, not its occasion
    t = _timing(tmp_path, "2020-03-01", "2020-03-09")
    assert t.timing == "independent" and t.event is None and t.reactive is False
    assert "before" not in str(t.sentence())


def test_dates_that_allow_before_and_at_say_they_cannot_be_told_apart(tmp_path):
    # the nearest event within 30 days, not linked: a phase's `trigger` set it off, so its
    # start is on or after the event (tests/test_goals_consistency.py)
    t = _timing(tmp_path, "late 2020-02..2020-03-05", "2020-03-01")
    assert t.lag_days == (-9, 4) and t.timing == "before or at" and t.reactive is None
    assert "cannot tell whether the start came before the event or at it" in t.sentence()
    wide = _timing(tmp_path, "late 2019-12..2020-04", "2020-03-01", trigger="e")
    assert wide.lag_days == (0, 60) and wide.timing == "at or after" and wide.reactive is True


def test_a_start_timed_to_a_scheduled_event_is_planned_not_late(tmp_path):
    c = small_record(
        tmp_path,
        phases=[
            {
                "id": "p1",
                "name": "one",
                "start": "2012-07",
                "end": "2013-04",
                "trigger": "conf",
                "source": "s",
            }
        ],
        hot_events=[
            {
                "id": "conf",
                "kind": "summit",
                "description": "conference",
                "date": "2012-07",
                "foreseeable_from": "2009-12",
                "source": "s",
            }
        ],
    )
    t = launch_timing(c.record)[0]
    assert t.planned and t.reactive is False
    assert "after warning" not in str(t.sentence()) and "planned, not a reaction" in t.sentence()


def test_a_start_certainly_after_a_foreseeable_vote_is_a_reaction_not_planned(tmp_path):
    # trial 18, M1: a phase started 14 days after a vote foreseeable for six weeks, set off
    # by it, was called "timed to it (planned, not a reaction)"
    c = small_record(
        tmp_path,
        phases=[
            {
                "id": "p1",
                "name": "one",
                "start": "2023-06-05",
                "end": "2023-09-30",
                "trigger": "vote",
                "source": "s",
            }
        ],
        hot_events=[
            {
                "id": "vote",
                "kind": "vote",
                "description": "the moratorium ends",
                "date": "2023-05-22",
                "foreseeable_from": "2023-04",
                "source": "s",
            }
        ],
    )
    t = launch_timing(c.record)[0]
    assert t.lag_days == (14, 14)
    assert not t.planned and t.reactive is True
    assert "planned, not a reaction" not in str(t.sentence())


def test_a_summit_on_the_start_day_is_named_not_called_no_hot_event(tmp_path):
    c = small_record(
        tmp_path,
        hot_events=[
            {
                "id": "summit",
                "kind": "summit",
                "description": "the summit",
                "date": "2020-01-01",
                "source": "s",
            },
            {
                "id": "war",
                "kind": "offensive",
                "description": "war",
                "date": "2019-01",
                "source": "s",
            },
        ],
    )
    t = launch_timing(c.record)[0]
    assert t.timing == "independent"
    assert "no hot event within" not in str(t.sentence())
    assert "“the summit” (2020-01-01, summit) falls within that window" in t.sentence()


@pytest.mark.parametrize(
    "summit, foreseeable, planned",
    [
        ("2020-01-10", "2019-06", True),  # due 9 days after an unlinked start, known since June
        ("2020-01-10", None, False),  # not foreseeable: the start could not be timed to it
        ("2019-12-20", "2019-06", False),  # before the start: answered, not planned for
    ],
)
def test_an_unlinked_start_just_before_a_foreseeable_summit_is_planned(
    tmp_path, summit, foreseeable, planned
):
    event = {"id": "summit", "kind": "summit", "description": "the summit", "date": summit}
    event |= {"foreseeable_from": foreseeable} if foreseeable else {}
    war = {"id": "war", "kind": "offensive", "description": "war", "date": "2019-01"}
    c = small_record(tmp_path, hot_events=[event | {"source": "s"}, war | {"source": "s"}])
    t = launch_timing(c.record)[0]  # the phase starts 2020-01-01, no trigger
    assert t.planned is planned and t.reactive is False
    if planned:
        assert t.timing == "before" and t.event.id == "summit"
        assert "planned, not a reaction" in t.sentence()
    else:
        assert t.timing == "independent" and t.event is None


def _status(ev, rule_id):
    return next(r for r in ev.checklist if r.rule.id == rule_id)


def test_no_visual_identity_fires_and_calls_for_spokespeople(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            media_tools={
                "visual_identity": {"present": "no", "description": "no logo", "source": "s"}
            },
        )
    )
    r = _status(ev, "W16")
    assert r.status == FIRES and "no visual identity: no logo" in r.evidence
    assert 4 in [n for n, _, _ in ev.recommendations()]


def test_unknown_visual_identity_cannot_be_judged(tmp_path):
    ev = Evaluation(small_record(tmp_path))
    assert _status(ev, "W16").status == CANNOT
    assert _status(ev, "W2").status == CANNOT  # context a record does not hold


def test_shocking_imagery_and_hostile_language_fire_from_the_discourse(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=["a1,2020-01,,x,mobilisation,,low,virtual,local,,,ar,public,,,,s"],
            discourse={
                "shocking_imagery": {"present": "yes", "source": "s"},
                # seen online: hostile language with no `where` shows no online discourse
                # (tests/test_checklist_headlines.py)
                "hostile_language": {
                    "present": "yes",
                    "where": "online",
                    "note": "insults",
                    "source": "s",
                },
            },
        )
    )
    assert _status(ev, "W22").status == FIRES
    w15 = _status(ev, "W15")
    assert w15.status == FIRES and "hostile language: insults" in w15.evidence


def test_reactive_launch_fires_weak_strategy_and_designed_does_not(tmp_path):
    base = dict(
        phases=[
            {"id": "p1", "name": "one", "start": "2020-03-10", "end": "2020-04", "source": "s"}
        ],
        goals=[
            {
                "id": "main",
                "level": "main",
                "horizon": "long",
                "text": "x",
                "indicator": "i",
                "target": "t",
                "deadline": "2020-12",
                "decision_makers": ["UN"],
                "source": "s",
            }
        ],
    )
    ev = Evaluation(
        small_record(
            tmp_path,
            hot_events=[
                {
                    "id": "e",
                    "kind": "offensive",
                    "description": "o",
                    "date": "2020-03-01",
                    # weakness 11 is a reaction to an event that was clearly coming
                    "foreseeable_from": "2020-02",
                    "source": "s",
                }
            ],
            **base,
        )
    )
    assert _status(ev, "W11").status == FIRES
    ev2 = Evaluation(
        small_record(
            tmp_path,
            hot_events=[
                {
                    "id": "e",
                    "kind": "photo_release",
                    "description": "o",
                    "date": "2020-03-01",
                    "made_by_campaign": True,
                    "source": "s",
                }
            ],
            **base,
        )
    )
    assert _status(ev2, "W11").status == QUIET


def test_declining_counts_fire_the_mobilisation_weakness(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            metrics=[
                "2020-01,protest_stands,more than 60,,,,,international,,,s",
                "2020-03,protest_stands,at most 30,,,,,international,,,s",
            ],
        )
    )
    r = _status(ev, "W7")
    assert r.status == FIRES and "protest stands" in r.evidence[0]


def _phased(tmp_path, *spans):
    phases = [
        {"id": f"p{i}", "name": f"phase {i}", "start": a, "end": b, "source": "s"}
        for i, (a, b) in enumerate(spans, 1)
    ]
    return small_record(
        tmp_path,
        phases=phases,
        hot_events=[
            {"id": "e", "kind": "offensive", "description": "o", "date": spans[0][0], "source": "s"}
        ],
    )


def test_later_phases_are_escalations_and_back_to_back_phases_are_continuous(tmp_path):
    from evalkit.evaluation.timing import phase_gaps

    c = _phased(tmp_path, ("2020-01-01", "2020-02-05"), ("2020-02-06", "2020-06-30"))
    roles = [t.role for t in launch_timing(c.record)]
    assert roles == ["launch", "escalation"]
    assert phase_gaps(c.record) == []
    ev = Evaluation(c)
    assert "stops and restarts" not in " ".join(_status(ev, "W11").evidence)


def test_a_phase_after_a_long_pause_is_a_relaunch(tmp_path):
    from evalkit.evaluation.timing import phase_gaps

    c = _phased(tmp_path, ("2020-01-01", "2020-02-05"), ("2020-05-01", "2020-06-30"))
    assert [t.role for t in launch_timing(c.record)] == ["launch", "relaunch"]
    (gap,) = phase_gaps(c.record)
    assert gap.is_pause and gap.days == (85, 85)
