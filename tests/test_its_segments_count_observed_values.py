"""The interrupted time series tests a date only when each segment around it has enough
OBSERVED values for the terms it fits (trial 7, H2 and H3): 3 per term (a segment's level
and trend: 6), and at least 10 before the first date, the baseline every change is measured
against (the counterfactual's own floor). Before, 3 rows a side whatever the model fitted:
a 5-point pre-period gave a trend whose extrapolation made a '+35.8%' change at a later
phase's start; rows with an empty value counted as points, so a series with no value after
the launch got rate ratios of '1.000000 (1.000000 to 1.000000)' and a counterfactual of
'Average effect nan ... cumulative 0 (0 to 0)'. A date left out says why; a phase start
measured against the campaign itself (the launch untested) says so.

The series are SIMULATED (Poisson noise, seeded)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

import evalkit
from conftest import small_record
from evalkit.evaluation import Evaluation

PHASES = [
    {"id": "p1", "name": "Petition", "start": "2024-03-01", "end": "2024-04-30", "source": "s"},
    {"id": "p2", "name": "Lobbying", "start": "2024-05-01", "end": "2024-06-15", "source": "s"},
]
PHASE_START = "the start of phase 'Lobbying' (2024-05-01)"


def _analyses(tmp_path, series: dict) -> dict:
    """A small record whose series.csv holds each metric's (date, value or None) rows."""
    small_record(tmp_path, phases=PHASES, hot_events=[])
    folder = tmp_path / "small"
    lines = ["date,metric,value,measures,source"]
    for metric, rows in series.items():
        lines += [f"{d},{metric},{'' if v is None else v},outcome,s" for d, v in rows]
    (folder / "series.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    return {a.metric: a for a in Evaluation(campaign).series}


def _noise(first: str, last: str, seed: int, jump: float = 1.0) -> list:
    days = pd.date_range(first, last, freq="D")
    rng = np.random.default_rng(seed)
    lam = np.where(days >= pd.Timestamp("2024-03-01"), 20 * jump, 20)
    return [(d.date().isoformat(), int(v)) for d, v in zip(days, rng.poisson(lam))]


def _said(a) -> list[str]:
    return [str(n) for n in a.its_notes]


def test_a_launch_with_five_points_before_it_is_not_tested_and_the_phase_start_says_its_baseline(
    tmp_path,
):
    a = _analyses(tmp_path, {"five before": _noise("2024-02-25", "2024-06-15", 1)})["five before"]
    assert [str(k) for k in a.interruptions] == [PHASE_START]
    notes = _said(a)
    assert (
        "The launch (2024-03-01) is not tested: the series has 5 observed values before it, "
        "and the baseline a change is measured against needs 10 (3 per term it fits, its "
        "level and its trend, and at least 10, as the counterfactual's pre-period)." in notes
    )
    assert (
        f"The launch is not tested, so the baseline the change at {PHASE_START} is measured "
        "against includes the campaign itself, from the launch (2024-03-01): it is a change "
        "against the campaign's own earlier course, not against a time without the campaign."
    ) in notes
    # and in results.json, beside the model's sentences
    assert set(notes) <= set(a.to_dict()["interrupted_time_series"]["notes"])


def test_a_series_that_starts_at_the_launch_says_the_campaign_is_its_only_baseline(tmp_path):
    a = _analyses(tmp_path, {"starts": _noise("2024-03-01", "2024-06-15", 2)})["starts"]
    notes = _said(a)
    assert notes[0].startswith(
        "The launch (2024-03-01) is not tested: the series has 0 observed values before it"
    )
    assert any(n.startswith("The launch is not tested, so the baseline") for n in notes), notes


def test_no_observed_value_after_the_launch_is_said_and_no_number_is_made_up(tmp_path):
    rows = [(d, v if d < "2024-03-01" else None) for d, v in _noise("2024-01-01", "2024-06-15", 3)]
    a = _analyses(tmp_path, {"empty after": rows})["empty after"]
    assert a.counterfactual is None
    assert (
        str(a.counterfactual_problem)
        == "the series has no observed value after the launch (107 dates, all empty)"
    )
    # neither the launch nor the phase start is tested: no observed value after either
    assert a.interruptions == {} and a.its is None
    assert _said(a) == [
        "The launch (2024-03-01) is not tested: the series has 0 observed values after it, "
        "and a change needs 6 (3 per term it fits: its level and its trend). On that side "
        "107 more rows have a date but no value the models can read (of the series, or of a control).",
        f"{PHASE_START[0].upper()}{PHASE_START[1:]} is not tested: the series has 0 observed "
        "values after it, and a change needs 6 (3 per term it fits: its level and its trend). "
        "On that side 46 more rows have a date but no value the models can read (of the series, or of a control).",
    ]
    said = json.dumps(a.to_dict())
    assert "nan" not in said.lower() and "1.000000" not in said, said


def test_a_segment_of_fewer_than_six_observed_values_is_not_tested(tmp_path):
    # a value every other day after the phase start's first week: 4 observed values
    # between the phase start and the series' end, among 8 rows
    rows = _noise("2024-01-01", "2024-05-08", 4)
    rows = [(d, v if d < "2024-05-01" or int(d[-2:]) % 2 else None) for d, v in rows]
    a = _analyses(tmp_path, {"thin end": rows})["thin end"]
    assert [str(k) for k in a.interruptions] == ["the launch"]
    assert (
        f"{PHASE_START[0].upper()}{PHASE_START[1:]} is not tested: the series has 4 observed "
        "values after it, and a change needs 6 (3 per term it fits: its level and its trend). "
        "On that side 4 more rows have a date but no value the models can read (of the series, or of a control)."
    ) in _said(a)


def test_a_real_jump_at_the_launch_is_still_found_by_both_models(tmp_path):
    a = _analyses(tmp_path, {"jump": _noise("2024-01-01", "2024-06-15", 5, jump=2.0)})["jump"]
    assert a.counterfactual is not None and a.counterfactual.effect_established
    [launch] = [
        (r, ok)
        for ok, (_, r) in zip(a.its.established(), a.its.effects().iterrows())
        if str(r["interruption"]) == "the launch" and r["change"] == "level"
    ]
    row, established = launch
    assert established and 1.8 < row["estimate"] < 2.2 and row["ci_low"] > 1.5, row


def test_the_model_refuses_an_interruption_with_rows_but_no_value_on_one_side():
    import pytest

    from evalkit.stats import InterruptedTimeSeries, SeriesError

    days = pd.date_range("2024-01-01", periods=60, freq="D")
    values = np.random.default_rng(6).poisson(20, 60).astype(float)
    values[40:] = np.nan  # rows after the interruption, none with a value
    frame = pd.DataFrame({"date": days, "y": values})
    with pytest.raises(SeriesError, match="no observed value"):
        InterruptedTimeSeries(frame, "y", {"late": pd.Timestamp("2024-02-10")}, time="date")
