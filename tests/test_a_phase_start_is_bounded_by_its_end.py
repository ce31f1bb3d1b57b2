"""A phase's start is no later than its own end (trial 10, M2: a phase "from 2022 to
2022-04" was compared with an event of 20 September, its start placed up to "102 days
after" it, and question 4 counted the days from the launch with yet another bound). The
launch timing, the phases' gaps and question 4 read one window for the start."""

from __future__ import annotations

from datetime import date

from conftest import small_record
from evalkit.evaluation.timing import launch_days, launch_timing, phase_gaps, start_window


def _record(tmp_path):
    return small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "Ballot", "start": "2022", "end": "2022-04", "source": "s"},
            {"id": "p2", "name": "Talks", "start": "2022-10", "end": "2022-12", "source": "s"},
        ],
        hot_events=[
            {
                "id": "vote",
                "kind": "offensive",
                "description": "budget vote",
                "date": "2022-02",
                "source": "s",
            },
            {
                "id": "offer",
                "kind": "offensive",
                "description": "offer",
                "date": "2022-09-20",
                "source": "s",
            },
        ],
    )


def test_a_phase_start_is_compared_only_with_events_its_dates_allow(tmp_path):
    rec = _record(tmp_path).record
    ballot = next(p for p in rec.phases if p.id == "p1")
    assert start_window(ballot) == (date(2022, 1, 1), date(2022, 4, 30))
    [launch] = [t for t in launch_timing(rec) if t.phase.id == "p1"]
    assert launch.event.id == "vote"  # not the offer, months after the phase had ended
    said = str(launch.sentence())
    assert "offer" not in said
    # the start lies between 1 January and 30 April: 59 days before to 88 after 1 February
    lo, hi = launch.lag_days
    assert hi <= (date(2022, 4, 30) - date(2022, 2, 1)).days


def test_the_launch_window_is_the_first_phases_own(tmp_path):
    rec = _record(tmp_path).record
    assert launch_days(rec) == (date(2022, 1, 1), date(2022, 4, 30))
    [gap] = phase_gaps(rec)
    # from 30 April to 1 October at the least, 31 October at the most
    assert gap.days == (
        (date(2022, 10, 1) - date(2022, 4, 30)).days - 1,
        (date(2022, 10, 31) - date(2022, 4, 1)).days - 1,
    )


def test_a_later_phases_vague_start_is_said_in_arabic(tmp_path):
    # trial 10, L8: the series notes left "late 2021" in English in the Arabic report
    from evalkit.evaluation.impact import _phase_start_name
    from evalkit.i18n import localized

    rec = small_record(
        tmp_path,
        phases=[{"id": "p1", "name": "One", "start": "late 2021", "end": "2022-01", "source": "s"}],
    ).record
    said = localized(_phase_start_name(rec.phases[0]), "ar")
    assert "أواخر 2021" in said and "late" not in said
