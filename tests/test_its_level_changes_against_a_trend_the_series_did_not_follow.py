"""A model with level changes only shares one trend across the whole series. A launch's rise
that decays (a week of 250 signatures a day, then 60 a day, after 5 a day) tilts that trend
down, and the launch's level change is then measured against a line the series never
followed: 'a factor of 127.485, established', where no day was more than 50 times a day
before the launch, and a 2.8-fold 'established' change at a later date where the series ran
flat (trial 17, H2). Such a change is not established, and the sentence says why; a real
level change on a steady trend still is."""

import numpy as np
import pandas as pd

from evalkit.evaluation.impact import _its
from evalkit.i18n import localized

DAYS = pd.date_range("2024-03-01", periods=61, freq="D")
LAUNCH = pd.Timestamp("2024-03-20")
# the trial's dates: a later phase's start and a hot event, where the series ran flat
LATER = {"a later phase": pd.Timestamp("2024-04-16"), "a hearing": pd.Timestamp("2024-04-25")}


def _spike_then_plateau(rng=None) -> pd.DataFrame:
    mean = np.where(DAYS < LAUNCH, 5.0, np.where(DAYS < LAUNCH + pd.Timedelta(days=7), 250, 60))
    if rng is not None:
        mean = rng.poisson(mean * 4).astype(float)
    return pd.DataFrame({"date": DAYS, "value": mean, "exposure": np.nan})


def _model(data):
    its, words, _ = _its(data, {"the launch": LAUNCH, **LATER}, False)
    return its, localized(words)


def test_a_decaying_rise_is_not_an_established_level_change_against_the_shared_trend():
    for data in (_spike_then_plateau(), _spike_then_plateau(np.random.default_rng(17))):
        its, words = _model(data)
        assert "level changes only" in words
        trend = its.pre_trend
        assert trend["model"] < -0.03 and trend["p"] < 0.05  # tilted down, the pre-period flat
        assert its.established() == [False, False, False]
        assert set(localized(r) for r in its.readings()) == {
            "not established: measured against a trend the series did not follow before"
        }
    flat = localized(_model(_spike_then_plateau())[0].effect_sentences()[0])
    assert "But the model's trend (per day) is -7." in flat
    assert "and the series was flat before 'the launch' (the same value at every point)" in flat


def test_a_level_change_on_a_steady_trend_is_still_established():
    t = np.arange(len(DAYS))
    rng = np.random.default_rng(5)
    mean = 40 * np.exp(0.004 * t) * np.where(DAYS >= LAUNCH, 1.4, 1.0)
    data = pd.DataFrame(
        {"date": DAYS, "value": rng.poisson(mean).astype(float), "exposure": np.nan}
    )
    its, words = _model(data)
    assert its.pre_trend is None or its.pre_trend["p"] >= 0.05
    assert its.established()[0]
