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


def test_a_running_total_says_its_files_first_date_and_why_a_launch_on_it_cannot_be_compared(
    tmp_path,
):
    """Trial 10, L7: 14 weekly totals from the launch day were said as '13 observations,
    2021-03-08 to 2021-05-31' (a start not in the file), and 'does not span the launch'."""
    from click.testing import CliRunner

    from evalkit.cli import main
    from test_reader_words import visible

    days = pd.date_range("2021-03-01", periods=14, freq="7D")
    rows = _daily(days.date, np.cumsum(np.full(14, 40)), extra=",yes")
    folder = _record(
        tmp_path, rows, launch="2021-03-01", header="date,metric,value,source,cumulative"
    )
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    why = localized(a.counterfactual_problem, "en")
    assert why == (
        "as a running total, the series' first change is from 2021-03-01 to 2021-03-08, which "
        "is not before the launch (2021-03-01): there is no change before the launch to "
        "compare with"
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(folder), "--out", str(out), "--no-progress"])
    assert ran.exit_code == 0, ran.output
    text = visible((out / "small" / "evaluation.html").read_text(encoding="utf-8"))
    assert (
        "14 rows, 2021-03-01 to 2021-05-31, a running total: 13 changes from one row to the "
        "next, from 2021-03-08; launch 2021-03-01." in text
    )
    assert "13 observations" not in text
