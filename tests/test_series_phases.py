"""A series' statistics test every date the campaign changed course, not only its first
launch (trial 5, F6): a boycott phase that starts weeks after a petition's launch, where an
outcome series drops, is an interruption of the interrupted time series in its own right,
labelled as the start of that phase; the report lists the dates it tested and says why each
phase start (or event inside the series) it did not test was left out, so that a date it
never tested is not read as 'no effect'. The counterfactual, whose effect is the average
over the whole post-period, says that a later phase starts inside it.

The record is SIMULATED (the trial's boycott record: a sales index that drops by about 7.5
points from the boycott phase's start, 2024-04-01)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import evalkit
from conftest import ROOT, small_record
from evalkit.evaluation import Evaluation

# the trial's weekly sales index (SIMULATED): means 100.0 before 2024-04-01, 92.5 after
SALES = (
    "99.5 101.6 101.5 102.0 102.6 100.7 101.4 100.9 101.5 99.3 99.5 98.0 97.8 99.5 99.3 97.7 "
    "98.1 99.0 99.2 99.7 101.8 93.2 94.4 94.3 95.3 92.6 92.6 93.8 92.1 91.6 92.1 89.7 90.0 90.3"
).split()
FIRST_WEEK = "2023-11-06"
PHASES = [
    {
        "id": "petition",
        "name": "Petition",
        "start": "2024-02-05",
        "end": "2024-03-31",
        "trigger": "licence",
        "source": "s",
    },
    {
        "id": "boycott",
        "name": "Boycott and lobbying",
        "start": "2024-04-01",
        "end": "2024-06-30",
        "source": "s",
    },
]
EVENTS = [
    {
        "id": "licence",
        "kind": "other",
        "description": "The water authority grants the extraction licence",
        "date": "2024-01-29",
        "source": "s",
    },
    {
        "id": "drought",
        "kind": "publication",
        "description": "The national drought report names the aquifer",
        "date": "2024-04-22",
        "source": "s",
    },
    {
        "id": "vote",
        "kind": "vote",
        "description": "The authority's board votes to review the licence",
        "date": "2024-05-16",
        "source": "s",
    },
]
BOYCOTT = "the start of phase 'Boycott and lobbying' (2024-04-01)"


def _weeks(n: int) -> list[str]:
    import pandas as pd

    return [d.date().isoformat() for d in pd.date_range(FIRST_WEEK, periods=n, freq="7D")]


def _analysis(tmp_path: Path, values=SALES, phases=PHASES, events=EVENTS):
    """The sales index of a small record with the trial's phases and events, analysed."""
    small_record(tmp_path, phases=phases, hot_events=events)
    folder = tmp_path / "small"
    rows = [f"{d},sales index,{v},outcome,s" for d, v in zip(_weeks(len(values)), values)]
    (folder / "series.csv").write_text(
        "date,metric,value,measures,source\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    [a] = Evaluation(campaign).series
    return a


def _row(a, name: str, change: str = "level") -> dict:
    [row] = [
        r
        for _, r in a.its.effects().iterrows()
        if str(r["interruption"]) == name and r["change"] == change
    ]
    return dict(row)


def test_a_later_phases_start_is_an_interruption_of_its_own_and_finds_the_drop(tmp_path):
    a = _analysis(tmp_path)
    names = [str(k) for k in a.interruptions]
    # before: the launch and the two events only, 'insufficient evidence' at each of them.
    # The drought report, 3 weeks after the boycott's start, is not tested: a segment needs
    # 6 observed points (3 per term it fits, its level and trend) (trial 7, H2)
    assert names == [
        "the launch",
        BOYCOTT,
        "The authority's board votes to review the licence (2024-05-16)",
    ]
    drop = _row(a, BOYCOTT)
    assert drop["change"] == "level"
    # level changes only: read with noise that persists, the pre-period's drift is no trend
    # change (p = 0.72), where the plain F test took it for one (before 2026-12-06: the
    # slope model, -6.024, -8.307 to -3.741)
    assert drop["estimate"] == pytest.approx(-4.260, abs=0.001)
    assert drop["ci_low"] == pytest.approx(-5.899, abs=0.001)
    assert drop["ci_high"] == pytest.approx(-2.622, abs=0.001)
    sentences = [str(s) for s in a.its.sentences()]
    said = [s for s in sentences if s.startswith(f"After {BOYCOTT}, the level")]
    assert len(said) == 1 and "insufficient evidence" not in said[0], said
    # the vote includes no change, and says so
    vote = [s for s in sentences if s.startswith(f"After {names[2]}")]
    assert vote and all("insufficient evidence of an effect" in s for s in vote), vote


def test_the_report_lists_the_dates_it_tested_first(tmp_path):
    a = _analysis(tmp_path)
    assert [str(s) for s in a.its_dates] == [
        "The dates tested as interruptions, each on its own at 95% (the more dates, the "
        "likelier that one of them shows a change by chance alone): the launch (2024-02-05); "
        f"{BOYCOTT}; The authority's board votes to review the licence (2024-05-16)."
    ]
    # the event a point from the launch is still said, as before; so is the report 3 points
    # after the boycott's start
    assert [str(n) for n in a.its_notes] == [
        "The water authority grants the extraction licence (2024-01-29) falls within 1 point "
        "of the launch: the two cannot be told apart, and a change after the launch may be "
        "due to either.",
        "The national drought report names the aquifer (2024-04-22) falls within 3 points of "
        f"{BOYCOTT}: the two cannot be told apart, and a change after {BOYCOTT} may be due "
        "to either.",
    ]
    notes = a.to_dict()["interrupted_time_series"]["notes"]
    assert notes[0] == str(a.its_dates[0]) and notes[1:3] == [str(n) for n in a.its_notes]


def test_a_phase_start_too_near_the_series_end_is_said_not_tested(tmp_path):
    # the series stops two weeks after the boycott starts: too few points after it
    a = _analysis(tmp_path, values=SALES[:23], events=EVENTS[:1])
    assert BOYCOTT not in [str(k) for k in a.interruptions]
    assert (
        f"{BOYCOTT[0].upper()}{BOYCOTT[1:]} is not tested: the series has 2 observed values "
        "after it, and a change needs 6 (3 per term it fits: its level and its trend)."
        in [str(n) for n in a.its_notes]
    )
    assert not any(BOYCOTT in str(s) for s in a.its.sentences())
    assert [str(s) for s in a.its_dates] == [
        "The date tested as an interruption: the launch (2024-02-05)."
    ]


def test_a_phase_start_before_the_series_begins_is_said_not_tested(tmp_path):
    # a series kept only from the second phase on: the launch itself cannot be tested either
    late = _analysis(
        tmp_path,
        values=SALES,
        phases=[
            {k: v for k, v in PHASES[0].items() if k != "trigger"}
            | {"start": "2023-09-04", "end": "2023-10-31"},
            PHASES[1] | {"start": "2023-11-13"},
        ],
        events=[],
    )
    notes = [str(n) for n in late.its_notes]
    assert (
        "The launch (2023-09-04) is not tested: the series has 0 observed values before it, "
        "and the baseline a change is measured against needs 10 (3 per term it fits, its "
        "level and its trend, and at least 10, as the counterfactual's pre-period)." in notes
    )
    assert (
        "The start of phase 'Boycott and lobbying' (2023-11-13) is not tested: the series "
        "has 1 observed value before it, and the baseline a change is measured against needs "
        "10 (3 per term it fits, its level and its trend, and at least 10, as the "
        "counterfactual's pre-period)." in notes
    )
    assert late.its is None and "nor a later phase's start" in str(late.its_problem)


def test_the_counterfactual_says_a_later_phase_starts_in_its_post_period(tmp_path):
    a = _analysis(tmp_path)
    assert a.counterfactual is not None, a.counterfactual_problem
    assert (
        f"A later phase starts in the post-period: {BOYCOTT}. The effect is the average over "
        "the whole post-period, not that phase's own; the interrupted time series below tests "
        "the start on its own when the series allows."
    ) in [str(n) for n in a.counterfactual_notes]
    assert a.to_dict()["counterfactual"]["notes"] == [str(n) for n in a.counterfactual_notes]


def test_the_sicily_example_tests_its_one_date_and_keeps_its_published_level_change():
    campaign, problems = evalkit.check_record(ROOT / "examples" / "sicily-smoke-free-law")
    assert not problems
    [a] = Evaluation(campaign).series
    assert [str(k) for k in a.interruptions] == ["the launch"]
    assert [str(s) for s in a.its_dates] == [
        "The date tested as an interruption: the launch (2005-01-01)."
    ]
    level = _row(a, "the launch")
    assert (round(level["estimate"], 3), round(level["ci_low"], 3), round(level["ci_high"], 3)) == (
        0.885,
        0.839,
        0.933,
    )
    assert a.counterfactual_notes and not any(
        "later phase" in str(n) for n in a.counterfactual_notes
    )


def test_the_series_section_says_the_dates_in_arabic(tmp_path):
    from evalkit.i18n import plain

    a = _analysis(tmp_path)
    dates = plain(a.its_dates[0].translated("ar"))
    assert dates.startswith("التواريخ المختبَرة بوصفها انقطاعات")
    assert "الانطلاق (2024-02-05)؛ بداية المرحلة «Boycott and lobbying» (2024-04-01)؛" in dates
    said, *_ = [s for s in a.its.sentences() if str(s).startswith(f"After {BOYCOTT}")]
    assert plain(said.translated("ar")).startswith(
        "بعد بداية المرحلة «Boycott and lobbying» (2024-04-01)، تغيّر"
    )
    assert not re.search(r"the launch|start of phase", plain(said.translated("ar")))
