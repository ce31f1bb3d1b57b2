"""A running total's first date has no change to read (no date before it): the models start
at the second date, and nothing calls the first a gap (trial 7, M1: every cumulative series
was told "1 response in the pre-period is missing ... fill the gap" and lost the model
choice)."""

import numpy as np
import pandas as pd

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from test_series_gaps import _daily, _record


def test_a_running_total_without_gaps_keeps_the_model_choice_and_asks_to_fill_nothing(tmp_path):
    days = pd.date_range("2024-02-01", periods=80, freq="D")
    new = np.random.default_rng(3).poisson(np.where(days >= "2024-03-10", 45, 30))
    rows = _daily(days.date, np.cumsum(new), extra=",yes")
    folder = _record(tmp_path, rows, header="date,metric,value,source,cumulative")
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    assert a.points == 79  # 80 totals, 79 changes
    assert a.first == pd.Timestamp("2024-02-02")  # the first change is the second date's
    cf = a.counterfactual
    assert cf is not None and len(cf.candidates) > 1  # the choice between models was made
    said = " ".join(localized(s, "en") for s in cf.sentences())
    assert "missing" not in said and "fill the gap" not in said
    assert "Why this model" in said
