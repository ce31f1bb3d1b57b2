"""The counterfactual's shortcuts (issue 16 item 6: speed) compute the same numbers, bit for
bit, as the plain ways they replace: numpy's quantile, einsum and eigenvalues, one filter or
one solve per model, pandas' checked and indexed copy of the data (SIMULATED series)."""

import numpy as np
import pandas as pd
import pytest

from evalkit.stats import Counterfactual
from evalkit.stats.ar_noise import ArNoiseFit
from evalkit.stats.checks import as_series_frame
from evalkit.stats.counterfactual import CHOICE_COLUMNS, _choice_frame, quantiles
from evalkit.stats.local_level import (
    LOG_Q_GRID,
    LocalLevelFit,
    SharedFilter,
    _cross_sums,
    _filter_grid,
    _well_conditioned,
)


def same(a, b):
    return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)


@pytest.mark.parametrize("n", [2, 3, 10, 41, 999, 1000, 1001])
def test_quantiles_are_numpys_bit_for_bit(n):
    rng = np.random.default_rng(n)
    for alpha in (0.05, 0.1, 0.01, 0.5, 0.37):
        x = rng.standard_t(3, size=(3, n)) * 10.0 ** rng.integers(-3, 5)
        x[1, : n // 3] = x[1, 0]  # ties
        q = (alpha / 2, 1 - alpha / 2)
        assert same(quantiles(x, q), np.quantile(x, q, axis=1))
        x[2, n // 2] = np.nan
        assert same(quantiles(x, q), np.quantile(x, q, axis=1))


def test_the_model_choice_table_is_the_one_pandas_makes_from_a_dict():
    models = ["local level", "local level + weekly pattern", "AR(1) noise"]
    for scores in ([-3.5, -1.25, 0.5], [np.nan, np.nan, np.nan]):
        ours = _choice_frame(models, scores, [0.2, 0.3, 0.5])
        plain = pd.DataFrame(dict(zip(CHOICE_COLUMNS, (models, scores, [0.2, 0.3, 0.5]))))
        pd.testing.assert_frame_equal(ours, plain, check_exact=True)
        assert [type(v) for v in ours["model"]] == [type(v) for v in plain["model"]]


def _plain_filter(data, qs):
    """The local level's grid filter as first written: v = y - a; a += K v per step."""
    n = len(data)
    q = qs[:, None]
    root = np.sqrt(q * q + 4.0 * q)
    lp, lm = (2.0 + q + root) / 2.0, (2.0 + q - root) / 2.0
    a_, b_ = lp / (lp - lm), -lm / (lp - lm)
    r = np.exp(np.arange(n)[None, :] * np.log(lm / lp))
    P = (a_ * (lp - 1.0) + b_ * r * (lm - 1.0)) / (a_ + b_ * r)
    F, K = P[:, :-1] + 1.0, P[:, :-1] / (P[:, :-1] + 1.0)
    v = np.empty((len(qs), n - 1, data.shape[1]))
    a = np.repeat(data[:1], len(qs), axis=0)
    for t in range(n - 1):
        v[:, t] = data[t + 1] - a
        a += K[:, t, None] * v[:, t]
    return v, F, a, P[:, -1]


@pytest.mark.parametrize("k", [2, 3, 9])
def test_the_grid_filter_and_its_cross_products_are_the_plain_ones(k):
    rng = np.random.default_rng(k)
    data = np.column_stack([rng.normal(size=90).cumsum(), rng.normal(size=(90, k)).cumsum(0)])
    qs = np.exp(LOG_Q_GRID)
    V, F, end, P_end = _filter_grid(data, qs)
    for ours, plain in zip((V, F, end, P_end), _plain_filter(data, qs)):
        assert same(ours, plain)
    for (Sxx, sxy), rows in zip(_cross_sums(V, F, [89, 12]), [89, 12]):
        w = 1.0 / F[:, :rows]
        WX = V[:, :rows, 1:] * w[:, :, None]
        assert same(Sxx, np.einsum("gti,gtj->gij", WX, V[:, :rows, 1:]))
        assert same(sxy, np.einsum("gti,gt->gi", WX, V[:, :rows, 0]))


def test_the_rank_check_says_what_the_eigenvalues_say():
    rng = np.random.default_rng(3)
    for k in (2, 3, 6):
        A = rng.normal(size=(18, 40, k))
        S = np.einsum("gti,gtj->gij", A, A)
        S[5, :, 0] = S[5, 0, :] = 0.0  # one singular grid point
        for M in (S, S[:5], S * 1e-30):
            assert same(_well_conditioned(M), np.linalg.eigvalsh(M)[:, 0] > 1e-12 * np.abs(M).max())
        # two counts of rows stacked: each against the largest entry of its own
        both = np.concatenate([S[6:], S[:12] * 1e6])
        alone = [
            np.linalg.eigvalsh(M)[:, 0] > 1e-12 * np.abs(M).max() for M in (S[6:], S[:12] * 1e6)
        ]
        assert same(_well_conditioned(both, 2), np.concatenate(alone))
        assert same(_well_conditioned(np.concatenate([S[6:], S[6:]]), 2), np.ones(24, bool))


def test_a_candidate_reading_a_wider_shared_filter_is_the_candidate_alone():
    rng = np.random.default_rng(5)
    n = 80
    X = rng.normal(size=(n, 3)).cumsum(0)
    y = X @ [1.0, -0.5, 2.0] + rng.normal(size=n).cumsum() * 0.3 + rng.normal(size=n)
    season = (np.arange(n)[:, None] % 7 == np.arange(1, 7)).astype(float)
    shared = SharedFilter(np.column_stack([y, X, season]))
    for Xa in (X, np.column_stack([X, season]), X[:, :1]):
        alone, read = LocalLevelFit(y, Xa, first=13), LocalLevelFit(y, Xa, first=13, shared=shared)
        for name in ("weights", "log_evidence", "dev", "dev_first", "beta", "Sxx", "S", "a_y"):
            assert same(getattr(alone, name), getattr(read, name)), name


def test_the_ar_candidates_whole_and_first_part_in_one_batch_are_the_separate_fits():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(70, 2)).cumsum(0)
    y = X @ [1.0, 0.5] + rng.normal(size=70)
    batch, alone = ArNoiseFit(y, X, first=20), ArNoiseFit(y, X)
    assert same(batch.weights, alone.weights) and batch.log_evidence == alone.log_evidence
    assert batch.holdout_score(20) == alone.holdout_score(20)


def test_a_clean_frame_is_read_without_its_checked_copy_and_gives_the_same_answer():
    rng = np.random.default_rng(8)
    n = 100
    x = 50 + rng.normal(size=n).cumsum()
    d = pd.DataFrame(
        {
            "date": pd.date_range("2024-01-01", periods=n, freq="D"),
            "y": 10 + 1.5 * x + rng.normal(size=n),
            "x": x,
            "note": ["a"] * n,
        }
    )
    pre, post = (d.date[0], d.date[69]), (d.date[70], d.date[99])
    clean = Counterfactual(d, "y", ["x"], pre, post, time="date")
    # shuffled rows take the checks' way (sorted, with a warning)
    shuffled = Counterfactual(d.sample(frac=1, random_state=1), "y", ["x"], pre, post, time="date")
    assert any("sorted" in str(w) for w in shuffled.warnings) and not clean.warnings
    pd.testing.assert_frame_equal(clean.effects(), shuffled.effects(), check_exact=True)
    checked = as_series_frame(d, ["y", "x"], "date", [], [])
    pd.testing.assert_frame_equal(clean.frame, checked, check_exact=True)
    pd.testing.assert_index_equal(clean.index, d.set_index("date").index, exact=True)
    # the data changed after the fact does not reach the copy made when asked
    later = Counterfactual(d, "y", ["x"], pre, post, time="date")
    d.loc[0, "y"] = -1e9
    pd.testing.assert_frame_equal(later.frame, checked, check_exact=True)


@pytest.mark.parametrize("n", [201, 600])
def test_the_long_series_filter_for_the_whole_grid_is_one_filter_per_q(n):
    rng = np.random.default_rng(n)
    data = np.column_stack([rng.normal(size=n).cumsum() * 30, rng.normal(size=(n, 2)).cumsum(0)])
    head = LocalLevelFit.__new__(LocalLevelFit)
    head.data, head.n = data, n
    for qs in (np.exp(LOG_Q_GRID), np.exp(-9.0 + np.linspace(-2.5, 2.5, 21))):
        runs = [head._innovations(q) for q in qs]
        for j, ours in enumerate(head._per_q_innovations(qs)):
            assert same(ours, np.stack([r[j] for r in runs]))


def test_grid_draws_are_numpys_choice_from_the_same_stream():
    from evalkit.stats.posterior import grid_draws

    for seed in range(200):
        r = np.random.default_rng(seed)
        G = (1, 5, 18, 40)[seed % 4]
        w = r.random(G) ** 6
        w /= w.sum()
        a, b = np.random.default_rng(seed + 1000), np.random.default_rng(seed + 1000)
        n = (1000, 3, 57, 1)[seed % 4]
        assert same(a.choice(G, size=n, p=w), grid_draws(b, w, n))
        assert a.random() == b.random()  # the streams stay in step


def test_without_pandas_private_constructors_the_answer_is_the_same(monkeypatch):
    """The ways kept for pandas 2 (or a pandas without _from_arrays and _get_column_array):
    CI runs pandas 3, so this test takes them on purpose."""
    import evalkit.stats.counterfactual as module

    rng = np.random.default_rng(9)
    n = 100
    x = 50 + rng.normal(size=n).cumsum()
    d = pd.DataFrame(
        {
            "date": pd.date_range("2024-01-01", periods=n, freq="D"),
            "y": 10 + 1.5 * x + rng.normal(size=n),
            "x": x,
        }
    )
    pre, post = (d.date[0], d.date[69]), (d.date[70], d.date[99])
    fast = Counterfactual(d, "y", ["x"], pre, post, time="date")
    monkeypatch.setattr(module, "_PANDAS_MAJOR", 2)
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    monkeypatch.delattr(pd.DataFrame, "_get_column_array")
    plain = Counterfactual(d, "y", ["x"], pre, post, time="date")
    assert plain._frame is not None  # the checked copy was made: the pandas-2 way
    pd.testing.assert_frame_equal(fast.effects(), plain.effects(), check_exact=True)
    pd.testing.assert_frame_equal(fast.model_choice(), plain.model_choice(), check_exact=True)
    assert [str(s) for s in fast.sentences()] == [str(s) for s in plain.sentences()]
    assert module._stored(d, "x") is not None and same(module._stored(d, "x"), d["x"].to_numpy())
