"""The interrupted time series on noise that persists (AR(1)): a level that wanders for a
few weeks is not read as a change at the launch (trial 9, H1: on 40 + 12 weekly points with
AR(1) noise, phi 0.8, and no change at all, the model's intervals and Newey-West's excluded
no change in about four series of ten, and the page said the level changed). Measured on
SIMULATED series with the evaluation's own model (evalkit.evaluation.impact._its); the
figures are in docs/evaluation-method.md."""

import functools
import warnings

import numpy as np
import pandas as pd
import pytest

from evalkit.evaluation.impact import _its

PRE, POST = 40, 12
DATES = pd.date_range("2023-01-02", periods=PRE + POST, freq="7D")
LAUNCH = {"the launch": DATES[PRE]}


def series(kind: str, phi: float, effect: float, rng) -> tuple[pd.DataFrame, list]:
    """One SIMULATED weekly series: AR(1) noise (unit innovations), a step of `effect` at
    the launch; "gauss": 20 + 0.8 x a control + 3 x (noise + step); "count": Poisson counts
    around 60 whose log rate is 0.15 x (noise + step)."""
    n = PRE + POST
    e = np.zeros(n)
    e[0] = rng.normal(0, 1 / np.sqrt(1 - phi**2))
    for i in range(1, n):
        e[i] = phi * e[i - 1] + rng.normal()
    step = np.r_[np.zeros(PRE), np.ones(POST)] * effect
    if kind == "gauss":
        c = 50 + rng.normal(0, 5, n)
        y = 20 + 0.8 * c + 3 * (e + step)
        return pd.DataFrame({"date": DATES, "value": y, "control_x": c}), ["control_x"]
    y = rng.poisson(np.exp(np.log(60) + 0.15 * (e + step))).astype(float)
    return pd.DataFrame({"date": DATES, "value": y}), []


@functools.cache  # the same set-up is asked by several tests
def claimed(kind: str, phi: float, effect: float, n: int = 200) -> tuple[float, float]:
    """(share of series whose evaluation establishes some change at the launch, the share
    it would without the persistent-noise check)."""
    rng = np.random.default_rng(20261206)
    said = plain = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(n):
            data, controls = series(kind, phi, effect, rng)
            its, _, _ = _its(data, LAUNCH, False, controls)
            joint = its.evidence_p
            why = [
                its._not_established(i, r, joint)
                for i, (_, r) in enumerate(its.effects().iterrows())
            ]
            said += any(w is None for w in why)
            plain += any(w in (None, "persistent") for w in why)
    return said / n, plain / n


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    [
        "gauss",
        pytest.param(
            "count",
            marks=pytest.mark.xfail(
                strict=True,
                reason="9.2-9.8% on 2 x 500 series (12% on these 200): Poisson noise on top "
                "of the AR(1) rate is ARMA(1,1), whose persistence an AR(1) reads as less",
            ),
        ),
    ],
)
def test_a_level_that_wanders_with_persistent_noise_is_not_read_as_a_change(kind):
    rate, without = claimed(kind, 0.8, 0.0)
    # 5% nominal; 200 series: 8% is the binomial's upper 95% bound around 5%
    assert rate <= 0.08, f"{rate:.1%} of null series claimed a change"
    assert without >= 0.25  # the set-up is the hard one: the plain model's rate


@pytest.mark.slow
def test_persistent_counts_are_claimed_a_third_as_often_as_without_the_check():
    rate, without = claimed("count", 0.8, 0.0)
    assert rate <= without / 3 and without >= 0.3  # measured 12.0% against 36.0%


@pytest.mark.slow
def test_the_report_s_caution_on_counts_gives_the_rates_measured_on_null_counts():
    from pathlib import Path

    from evalkit.evaluation.impact import COUNT_NULL_CLAIMS

    measured = (claimed("count", 0.5, 0.0)[0], claimed("count", 0.8, 0.0)[0])
    assert measured == pytest.approx(COUNT_NULL_CLAIMS, abs=1e-9)
    low, high = (f"{100 * r:g}" for r in COUNT_NULL_CLAIMS)
    docs = (Path(__file__).parents[1] / "docs" / "statistics.md").read_text(encoding="utf-8")
    assert f"{low}-{high}% of null series" in docs


@pytest.mark.slow
def test_a_real_change_on_independent_noise_is_still_found():
    rate, without = claimed("gauss", 0.0, 1.5)
    assert rate >= 0.65 and without - rate <= 0.05  # measured 75.0% and 77.5%
    null, _ = claimed("gauss", 0.0, 0.0)
    assert null <= 0.08


def test_the_report_says_why_a_change_on_persistent_noise_is_withheld():
    """A null series the plain model reads as a level change: the sentence keeps the
    model's interval and says what the persistent-noise reading gives, and why it is not
    established; in Arabic too."""
    from evalkit.i18n import localized

    rng = np.random.default_rng(0)
    for _ in range(200):
        data, controls = series("gauss", 0.8, 0.0, rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            its, _, _ = _its(data, LAUNCH, False, controls)
        joint = its.evidence_p
        why = [
            its._not_established(i, r, joint) for i, (_, r) in enumerate(its.effects().iterrows())
        ]
        if "persistent" in why:
            break
    else:
        pytest.fail("no null series the plain model read as a change")
    assert not any(its.established())
    text = " ".join(str(s) for s in its.effect_sentences())
    assert "noise that persists" in text and "insufficient evidence of an effect" in text
    phi = f"{its.persistent_noise['phi']:.2f}"
    assert phi in text
    arabic = " ".join(localized(s, "ar") for s in its.effect_sentences())
    assert "ضجيج يستمرّ" in arabic and "But read" not in arabic
