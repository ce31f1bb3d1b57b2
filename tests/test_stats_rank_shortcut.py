"""The counterfactual's rank checks give numpy's matrix_rank answer without its SVD where that
answer is certain (counterfactual._full_rank, kernels.surely_full_rank): never a different
answer, and the SVD skipped on the regressions the reference sets give it."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evalkit.stats import counterfactual as cf_module
from evalkit.stats.counterfactual import Counterfactual, _full_rank
from evalkit.stats.kernels import surely_full_rank

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "causalimpact"


def numpy_full(Z, rows=None):
    rows = len(Z) if rows is None else rows
    return bool(np.linalg.matrix_rank(Z[:rows]) == Z.shape[1])


def regressions(seed=7):
    """Regressions [1, controls] from well posed to exactly collinear, well and badly scaled,
    with constant, zero, huge and tiny columns."""
    rng = np.random.default_rng(seed)
    for n in (3, 8, 10, 33, 90, 600):
        for d in (1, 2, 3, 9):
            if d > n + 1:
                continue
            X = rng.normal(size=(n, d))
            for scale in (1.0, 1e-6, 1e3, 1e8):
                Z = np.column_stack([np.ones(n), X * scale])
                yield Z
                for closeness in (1e-3, 1e-6, 1e-9, 1e-12, 1e-15, 0.0):
                    W = Z.copy()  # the last control a mix of the others, nearly or exactly
                    W[:, -1] = W[:, :-1] @ rng.normal(size=d) + closeness * scale * X[:, 0]
                    yield W
            W = np.column_stack([np.ones(n), X])
            W[:, -1] = 5.0  # a constant control: the level again
            yield W
            W = np.column_stack([np.ones(n), X])
            W[:, -1] = 0.0
            yield W
            for bad in (1e200, 1e-170):
                W = np.column_stack([np.ones(n), X])
                W[n // 2, -1] = bad
                yield W


def test_the_compiled_check_never_vouches_for_a_rank_numpy_finds_short():
    vouched = checked = 0
    for Z in regressions():
        for rows in sorted({len(Z), max(1, len(Z) // 2), Z.shape[1], Z.shape[1] + 1}):
            if rows > len(Z):
                continue
            checked += 1
            expected = numpy_full(Z, rows)
            if surely_full_rank(Z, rows):
                vouched += 1
                assert expected, (Z.shape, rows)
            assert _full_rank(Z, rows) == expected, (Z.shape, rows)
    # the shortcut is taken on most full-rank regressions, not only on none
    assert checked > 1000 and vouched > 300


def test_a_regression_with_a_missing_or_infinite_value_is_left_to_numpy():
    Z = np.random.default_rng(1).normal(size=(30, 3))
    for bad in (np.nan, np.inf, -np.inf):
        W = Z.copy()
        W[4, 1] = bad
        assert not surely_full_rank(W, 30)
        assert not surely_full_rank(W, 2)
        assert surely_full_rank(W[5:], 25)  # the same rows without it: vouched for


def test_a_well_posed_regression_with_controls_in_the_thousands_skips_the_svd():
    rng = np.random.default_rng(3)
    n = 90  # the comparison set's pre-period: three correlated controls near 1000-5000
    base = 3000 + np.cumsum(rng.normal(0, 20, n))
    Z = np.column_stack([np.ones(n), base, base * 1.1 + rng.normal(0, 5, n), base + 1000])
    Z[:, 3] += rng.normal(0, 5, n)
    s = np.linalg.svd(Z, compute_uv=False)
    assert s[-1] / s[0] < 1e-5  # badly scaled: the Gram matrix alone could not tell
    assert surely_full_rank(Z, n)


def test_fewer_rows_than_columns_is_never_full_rank():
    Z = np.random.default_rng(0).normal(size=(20, 9))
    for rows in range(1, 9):
        assert not _full_rank(Z, rows)
        assert not numpy_full(Z, rows)
    assert _full_rank(Z, 9) == numpy_full(Z, 9)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"reference data not found at {REFERENCE}")
@pytest.mark.parametrize(
    "file, sep, time, response, controls, pre, post",
    [
        ("comparison_data.csv", ",", "DATE", "CHANGED",
         ["NOT_CHANGED_1", "NOT_CHANGED_2", "NOT_CHANGED_3"],
         ("2019-04-16", "2019-07-14"), ("2019-07-15", "2019-08-01")),
        ("google_data.csv", ",", "date", "y", ["x1", "x2"],
         ("2020-01-01", "2020-03-01"), ("2020-03-02", "2020-03-31")),
    ],
)  # fmt: skip
def test_the_reference_sets_rank_checks_agree_with_numpy_and_mostly_skip_its_svd(
    monkeypatch, file, sep, time, response, controls, pre, post
):
    data = pd.read_csv(REFERENCE / file, sep=sep, parse_dates=[time])
    calls = []
    svds = []
    real_full_rank, real_svd = cf_module._full_rank, np.linalg.svd

    def recording_full_rank(Z, rows=None):
        answer = real_full_rank(Z, rows)
        calls.append((answer, numpy_full(Z, rows)))
        return answer

    def recording_svd(A, *a, **k):
        svds.append(A.shape)
        return real_svd(A, *a, **k)

    monkeypatch.setattr(cf_module, "_full_rank", recording_full_rank)
    monkeypatch.setattr(np.linalg, "svd", recording_svd)  # what the check calls, not numpy_full
    cf = Counterfactual(data, response, controls, pre_period=pre, post_period=post, time=time)
    assert len(cf.candidates) == 6  # the three models with and without the weekly terms
    assert calls and all(ours == numpy for ours, numpy in calls)
    # the check made only the SVDs it could not avoid: of the regressions short of full rank
    # (google: its controls constant at the start)
    assert len(svds) == sum(not numpy for _, numpy in calls)
