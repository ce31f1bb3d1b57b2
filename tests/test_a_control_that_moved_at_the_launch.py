"""A control series that changes at the launch itself cannot say what the response would have
done without the campaign (trial 13, H1: a response and its control both jumped at the
launch, with noise of their own, so the pre-period never showed them moving together; the
counterfactual read the response's whole jump as the campaign's +90%, and the interrupted
time series agreed). Each control is read alone over the same periods; one whose own change
is established withholds both models' claims at the launch. SIMULATED series."""

import numpy as np
import pandas as pd

from evalkit.i18n import localized
from evalkit.stats import Counterfactual
from test_series import _series_record

DAYS = pd.date_range("2020-01-01", periods=120, freq="D")
LAUNCH = 60


def _pair(control_jump: float, seed: int = 3) -> pd.DataFrame:
    """A response that jumps by 60 at the launch beside a control that jumps by
    `control_jump`, each with its own independent day-to-day noise."""
    rng = np.random.default_rng(seed)
    after = np.arange(len(DAYS)) >= LAUNCH
    control = 35 + control_jump * after + rng.normal(0, 4, len(DAYS))
    response = 40 + 60 * after + rng.normal(0, 4, len(DAYS))
    return pd.DataFrame({"date": DAYS, "y": response, "x": control})


def _fit(d: pd.DataFrame) -> Counterfactual:
    return Counterfactual(
        d, "y", ["x"], (DAYS[0], DAYS[LAUNCH - 1]), (DAYS[LAUNCH], DAYS[-1]), time="date"
    )


def test_a_jump_the_control_shares_is_not_established_once_the_controls_are_checked():
    cf = _fit(_pair(control_jump=60))
    assert cf.effect_established  # unchecked, the response's whole jump reads as an effect
    [moved] = cf.check_controls()
    assert moved["control"] == "x" and moved["low"] > 1.0  # the control more than doubled
    assert not cf.effect_established
    said = " ".join(localized(s) for s in cf.sentences())
    assert "But the control series changed over the post-period too (x +" in said
    assert "so the effect is not established" in said
    arabic = " ".join(localized(s, "ar") for s in cf.sentences())
    assert "changed" not in arabic and "x" in arabic


def test_a_control_that_goes_on_as_before_leaves_the_effect_established():
    cf = _fit(_pair(control_jump=0))
    assert cf.check_controls() == [] and cf.effect_established


def test_the_evaluation_withholds_both_models_at_the_launch_when_the_control_moved(tmp_path):
    d = _pair(control_jump=60)
    rows = zip(DAYS.date, d["y"].round(1), d["x"].round(1))
    a = _series_record(tmp_path, rows, launch=str(DAYS[LAUNCH].date()), controls=["control_x"])
    cf, its = a.counterfactual, a.its
    assert cf.moved_controls and not cf.effect_established
    launch = [
        ok
        for ok, (_, r) in zip(its.established(), its.effects().iterrows())
        if str(r["interruption"]) == "the launch"
    ]
    assert launch and not any(launch)
    said = " ".join(localized(s) for s in its.effect_sentences())
    assert "But the control series changed after the launch too (x +" in said
    assert "not established: a control series changed there too" in its.readings()
    # neither model is said to find an effect there, so they are not said to agree
    assert not any("agree there is an effect" in localized(n) for n in a.agreement_notes())
