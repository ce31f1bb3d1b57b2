"""The check for a trend the model does not carry (Counterfactual._check_trend_left) computes
the errors' mean and standard deviation in numpy's own steps: the same t test, to the bit, as
np.mean and np.std(ddof=1) give."""

import numpy as np
from scipy.special import stdtr

from evalkit.stats.counterfactual import Counterfactual


def numpy_trend_left(e):
    """The check as written with np.mean and np.std."""
    n = len(e)
    sd = float(np.std(e, ddof=1)) if n > 2 else 0.0
    if n < 10 or sd == 0:
        return None
    stat = float(np.mean(e)) / (sd / np.sqrt(n))
    p = float(2 * stdtr(n - 1, -abs(stat)))
    return {"p": p, "rises": stat > 0} if p < 0.05 else None


def test_the_trend_check_is_numpys_t_test_to_the_bit():
    rng = np.random.default_rng(11)
    found = 0
    for i in range(2000):
        n = int(rng.integers(3, 300))
        e = rng.normal(rng.normal() * 0.5, 1.0, n) * 10 ** rng.uniform(-6, 6)
        if i % 3 == 0:
            e = e[::2]  # a strided view, as a slice of the errors can be
        if i % 50 == 0:
            e = np.full(n, 2.5)  # no spread: no test
        cf = Counterfactual.__new__(Counterfactual)
        cf.trend_left = None
        cf._check_trend_left(e)
        expected = numpy_trend_left(e)
        assert cf.trend_left == expected
        found += expected is not None
    assert 100 < found < 1900  # both outcomes met
