"""The counterfactual's shortcuts (issue 16 item 6: speed) compute the same numbers as the
plain ways they replace: bit for bit where the operations are the same (numpy's quantile, the
filter's steps, pandas' checked and indexed copy of the data), to rounding where a compiled
kernel solves with its own Cholesky factor instead of numpy's LU (evalkit/stats/kernels.py)
(SIMULATED series)."""

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
    _filter_grid,
)


def close(a, b, rtol=1e-10):
    """Equal to rounding: a different factorisation of the same small, well-posed solve."""
    return np.allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=0.0, equal_nan=True)


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


def _plain_gls(V, F, k, rows, n_obs, d):
    """The local level's GLS of every grid point as numpy writes it (the einsum
    cross-products, LU solve and log-determinant the compiled kernel replaces)."""
    vy, VX, w = V[:, :rows, 0], V[:, :rows, 1 : 1 + k], 1.0 / F[:, :rows]
    WX = VX * w[:, :, None]
    Sxx = np.einsum("gti,gtj->gij", WX, VX)
    sxy = np.einsum("gti,gt->gi", WX, vy)
    beta = np.linalg.solve(Sxx, sxy[..., None])[..., 0]
    S = (vy * vy * w).sum(axis=1) - (sxy * beta).sum(axis=1)
    dev = (n_obs - d) * np.log(S) + np.log(F[:, :rows]).sum(axis=1) + np.linalg.slogdet(Sxx)[1]
    return dev, beta, Sxx, S


@pytest.mark.parametrize("k", [1, 2, 3, 9])
def test_the_grid_filter_and_its_gls_are_the_plain_ones(k):
    from evalkit.stats.kernels import level_gls

    rng = np.random.default_rng(k)
    data = np.column_stack([rng.normal(size=90).cumsum(), rng.normal(size=(90, k)).cumsum(0)])
    qs = np.exp(LOG_Q_GRID)
    V, F, end, P_end = _filter_grid(data, qs)
    for ours, plain in zip((V, F, end, P_end), _plain_filter(data, qs)):
        assert same(ours, plain)  # the same steps in the same order: bit for bit
    rows, n_obs = np.array([89, 12]), np.array([90, 13])
    dev, beta, Sxx, S = level_gls(V, F, k, rows, n_obs, 1 + k, 0.0, 0.0)
    for c in range(2):
        plain = _plain_gls(V, F, k, rows[c], n_obs[c], 1 + k)
        for ours, theirs in zip((dev[c], beta[c], Sxx[c], S[c]), plain):
            assert close(ours, theirs)


def test_an_ill_conditioned_grid_point_is_left_out_whatever_the_controls_units():
    """A grid point whose cross-products in correlation form have their smallest eigenvalue
    not above 1e-12 gets no fit (dev inf); a control's units do not move that line."""
    from evalkit.stats.kernels import CONDITION, level_gls

    rng = np.random.default_rng(3)
    G, n, k = 18, 40, 3
    V = rng.normal(size=(G, n, 1 + k))
    V[5, :, 1] = 0.0  # one grid point's first regressor all zero: a singular Sxx
    V[7, :, 2] = V[7, :, 3] * (1 + 1e-9)  # two columns equal to 1e-9: ill conditioned
    F = 1.0 + rng.random((G, n))
    args = (np.array([n, 20]), np.array([n + 1, 21]), 4, 0, 0.0)
    dev, beta, Sxx, S = level_gls(V, F, k, *args)
    for c in range(2):
        diag = np.sqrt(np.einsum("gii->gi", Sxx[c]))
        with np.errstate(all="ignore"):
            corr = Sxx[c] / (diag[:, :, None] * diag[:, None, :])
        expected = np.array(
            [bool(np.isfinite(m).all()) and np.linalg.eigvalsh(m)[0] > CONDITION for m in corr]
        )
        assert not expected[5] and not expected[7] and expected.sum() == G - 2
        assert same(np.isfinite(dev[c]), expected)
    # a control in hundreds of millions: the same grid points fitted, the same deviances
    # up to its scale's log-determinant
    V2 = V.copy()
    V2[:, :, 2] *= 1e8
    dev2 = level_gls(V2, F, k, *args)[0]
    assert same(np.isfinite(dev2), np.isfinite(dev))
    ok = np.isfinite(dev)
    assert np.allclose(dev2[ok] - dev[ok], 2 * np.log(1e8), rtol=1e-9)


def test_a_counterfactual_does_not_depend_on_its_controls_units():
    """Before: controls in the hundreds of millions beside the 0/1 weekday terms read as ill
    conditioned at every grid point, and the fit stopped ('pvals contains NaNs')."""
    rng = np.random.default_rng(4)
    n = 250
    X = rng.normal(size=(n, 3)).cumsum(0) + 10
    y = X @ [0.5, -1.0, 2.0] + rng.normal(size=n).cumsum() * 0.3 + rng.normal(size=n) + 100
    d = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n)})
    runs = []
    for scale in (1.0, 1e8):
        d["y"] = y * scale
        for j in range(3):
            d[f"x{j}"] = X[:, j] * scale
        cf = Counterfactual(
            d,
            "y",
            ["x0", "x1", "x2"],
            (d.date[0], d.date[174]),
            (d.date[175], d.date[n - 1]),
            time="date",
        )
        e = cf.effects().loc["absolute effect", ["average", "average_low", "average_high"]]
        runs.append((e.to_numpy(float) / scale, cf.model_choice()["weight"].to_numpy()))
    assert len(runs[1][1]) == len(runs[0][1]) == 6
    assert close(runs[1][0], runs[0][0], rtol=1e-7) and close(runs[1][1], runs[0][1], rtol=1e-7)


def test_the_ar_kernel_is_the_batched_numpy_solve_it_replaces():
    from evalkit.stats.ar_noise import PHI_GRID
    from evalkit.stats.kernels import ar_gls

    rng = np.random.default_rng(11)
    for k, n in ((0, 30), (2, 70), (8, 90)):
        Z = np.column_stack([np.ones(n), rng.normal(size=(n, k)).cumsum(0)])
        W = np.column_stack([Z, Z @ rng.normal(size=k + 1) + rng.normal(size=n)])
        A, B, C = W[1:].T @ W[1:], W[1:].T @ W[:-1], W[:-1].T @ W[:-1]
        first, d = np.outer(W[0], W[0]), k + 1
        p, p2 = PHI_GRID[:, None, None], (PHI_GRID**2)[:, None, None]
        M = A - p * (B + B.T) + p2 * C + (1.0 - p2) * first
        Mzz, mzy, myy = M[:, :d, :d], M[:, :d, d], M[:, d, d]
        b = np.linalg.solve(Mzz, mzy[..., None])[..., 0]
        S = myy - (mzy * b).sum(axis=1)
        dev = (n - d) * np.log(S) - np.log1p(-(PHI_GRID**2)) + np.linalg.slogdet(Mzz)[1]
        ours = ar_gls(A, B, C, first, PHI_GRID, d, n - d)
        for o, t in zip(ours, (dev, b, Mzz, S)):
            assert close(o, t)


def test_coefficient_draws_are_numpys_cholesky_of_the_inverse():
    from evalkit.stats.kernels import coefficient_draws

    rng = np.random.default_rng(12)
    for d in (1, 3, 10):
        A = rng.normal(size=(6, 30, d))
        M = np.einsum("gti,gtj->gij", A, A)
        centre = rng.normal(size=(6, d))
        g = rng.integers(0, 6, size=500)
        z, sigma = rng.standard_normal((500, d)), rng.random(500) + 0.5
        chol = np.linalg.cholesky(np.linalg.inv(M))
        plain = centre[g] + np.einsum("mij,mj->mi", chol[g], z) * sigma[:, None]
        assert close(coefficient_draws(M, centre, g, z, sigma), plain)


@pytest.mark.parametrize("constant_for", [0, 5, 30, 59])
def test_the_scores_start_where_numpys_rank_says_the_regressors_are_of_full_rank(constant_for):
    """The compiled guess of the first full-rank rows, confirmed by numpy's matrix_rank,
    gives the start the bisection on matrix_rank gives (a control constant at the start)."""
    from evalkit.stats.counterfactual import TRAINING

    rng = np.random.default_rng(constant_for)
    n = 61
    X = rng.normal(size=(n, 2)).cumsum(0)
    X[:constant_for, 1] = X[0, 1]
    season = (np.arange(n)[:, None] % 7 == np.arange(1, 7)).astype(float)
    cf = Counterfactual.__new__(Counterfactual)
    Z = np.column_stack([np.ones(n), X, season])
    d = Z.shape[1]
    lo, hi = max(TRAINING, d + 3), n - 3
    expected = next((m for m in range(lo, hi + 1) if np.linalg.matrix_rank(Z[: m - 2]) == d), hi)
    assert cf._training_start(Z) == expected


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
def test_the_long_series_grid_filter_is_one_filter_per_q_to_rounding(n):
    rng = np.random.default_rng(n)
    data = np.column_stack([rng.normal(size=n).cumsum() * 30, rng.normal(size=(n, 2)).cumsum(0)])
    head = LocalLevelFit.__new__(LocalLevelFit)
    head.data, head.n = data, n
    for qs in (np.exp(LOG_Q_GRID), np.exp(-9.0 + np.linspace(-2.5, 2.5, 21))):
        runs = [head._innovations(q) for q in qs]  # the steady state by lfilter
        for j, ours in enumerate(head._grid_innovations(qs)):
            plain = np.stack([r[j] for r in runs])
            # against the array's scale: an innovation near zero carries its row's rounding
            assert np.allclose(ours, plain, rtol=0, atol=1e-10 * np.abs(plain).max())


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


def test_the_ar_engines_horizon_terms_are_the_direct_powers_made_once_and_read_only():
    from evalkit.stats.ar_noise import PHI_GRID, _horizon_terms

    H = 30
    powers, c, c_norm, power_sum = _horizon_terms(PHI_GRID.tobytes(), H)
    direct = PHI_GRID[:, None] ** np.arange(1, H + 1)[None, :]
    assert np.array_equal(powers, direct) and np.array_equal(power_sum, direct.sum(axis=1))
    # c_j = sum_{h>=j} phi^(h-j): the weight of innovation j in the noise's total
    j = 4
    assert np.allclose(c[:, j], (PHI_GRID[:, None] ** np.arange(H - j)[None, :]).sum(axis=1))
    assert np.array_equal(c_norm, np.sqrt((c * c).sum(axis=1)))
    assert _horizon_terms(PHI_GRID.tobytes(), H)[0] is powers  # made once
    with pytest.raises(ValueError):
        powers[0, 0] = 1.0  # shared between fits: nobody may change it
