"""The interrupted time series' table says beside each row's p-value what the sentences
read it as (trial 10, L6: a row with p = 0.008 under a sentence that called the change
insufficient evidence, with no mark in the table). SIMULATED series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evalkit.stats import InterruptedTimeSeries


def _its():
    weeks = pd.date_range("2020-01-06", periods=60, freq="7D")
    rng = np.random.default_rng(11)
    y = rng.poisson(100 * np.where(weeks >= "2020-07-06", 0.6, 1.0))  # a clear drop at 26
    data = pd.DataFrame({"date": weeks, "value": y.astype(float)})
    return InterruptedTimeSeries(
        data, "value", {"the launch": pd.Timestamp("2020-07-06")}, time="date"
    )


def test_each_row_reads_as_the_sentences_read_it():
    its = _its()
    level = its.effects()["change"].tolist().index("level")
    assert its.effects()["p_value"][level] < 0.001
    assert [r == "established" for r in its.readings()] == its.established()
    assert its.readings()[level] == "established"


def test_a_row_whose_changes_together_are_not_a_finding_says_so_beside_its_p_value():
    its = _its()
    level = its.effects()["change"].tolist().index("level")
    # the changes at the launch taken together not distinguishable from none (as a model
    # chosen among others is tested): the row's own small p-value is no finding
    its.evidence_p = {"the launch": 0.5}
    assert its.effects()["p_value"][level] < 0.001
    assert its.readings()[level] == (
        "not established: the changes together are not distinguishable from none"
    )
    assert its.established()[level] is False
