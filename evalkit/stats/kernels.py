"""Compiled loops of the fast counterfactual engines (numba), for the work numpy can only do
as many small calls: a filter step per time point, and the small solves of every grid point.

Why compiled: on a pre-period of 60-100 points each fit is a few thousand numpy calls on
arrays of a dozen numbers, and their overhead, not the arithmetic, was most of the time
(issue 16's speed goal). Each kernel does the same arithmetic as the numpy code it replaces
(tests/test_stats_fast_paths.py checks them against it); numba caches the machine code beside
this file, so it is compiled once per installation, not per run.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# the smallest eigenvalue of a regression's cross-products in correlation form below which
# the regression has no single answer (the coefficients cannot be told apart)
CONDITION = 1e-12


@njit(cache=True)
def filter_grid(data, gain):
    """The local level's filter for every q of the grid: v = y_{t+1} - a; a = a + K v per
    point, on the gains `gain` (G, n-1). The same operations as the numpy version, in the
    same order: innovations v (G, n-1, columns) and a_{n+1} (G, columns)."""
    n, c = data.shape
    G = gain.shape[0]
    v = np.empty((G, n - 1, c))
    a = np.empty((G, c))
    for g in range(G):
        for j in range(c):
            a[g, j] = data[0, j]
        for t in range(n - 1):
            k = gain[g, t]
            for j in range(c):
                vt = data[t + 1, j] - a[g, j]
                v[g, t, j] = vt
                a[g, j] = a[g, j] + k * vt
    return v, a


@njit(cache=True)
def _cholesky(M, out):
    """Lower Cholesky factor of the symmetric M into `out`; False if M is not positive
    definite (to rounding)."""
    k = M.shape[0]
    for i in range(k):
        for j in range(i + 1):
            s = M[i, j]
            for p in range(j):
                s -= out[i, p] * out[j, p]
            if i == j:
                if not s > 0.0:
                    return False
                out[i, i] = np.sqrt(s)
            else:
                out[i, j] = s / out[j, j]
        for j in range(i + 1, k):
            out[i, j] = 0.0
    return True


@njit(cache=True)
def _cho_solve(L, b, out):
    """Solve L L' x = b."""
    k = L.shape[0]
    for i in range(k):
        s = b[i]
        for p in range(i):
            s -= L[i, p] * out[p]
        out[i] = s / L[i, i]
    for i in range(k - 1, -1, -1):
        s = out[i]
        for p in range(i + 1, k):
            s -= L[p, i] * out[p]
        out[i] = s / L[i, i]


def level_gls(V, F, k, rows, n_obs, d, df0, ss0):
    """The local level's GLS for every grid point and every count of `rows` (the first rows
    innovations, of n_obs observations): columns 1 … k of V are the regressors, column 0 the
    response. Per (count, grid point): -2 log profile likelihood (inf where the fit is not
    defined), beta, Sxx and S (level_sums, then level_solve)."""
    return level_solve(*level_sums(V, F, k, rows), k, n_obs, d, df0, ss0)


@njit(cache=True, error_model="numpy")
def level_sums(V, F, k, rows):
    """The sums of the local level's GLS over the first rows[c] innovations of columns 0 … k
    of V, per count c and grid point g: syy (C, G), sum log F (C, G), sxy (C, G, k), Sxx
    (C, G, k, k). Each sum is added up over the innovations in time order, one pass for all
    counts (a shorter count's sums are the longer's on the way) and the grid points as lanes
    side by side; a candidate with the first k' < k columns reads its sums from these, the
    same numbers as its own run (each sum is its own)."""
    G, T = V.shape[0], V.shape[1]
    C = len(rows)
    top = 0
    for c in range(C):
        top = max(top, rows[c])
    Vt = np.empty((T, k + 1, G))
    for g in range(G):
        for t in range(top):
            for j in range(k + 1):
                Vt[t, j, g] = V[g, t, j]
    syy_c = np.zeros((C, G))
    logF_c = np.zeros((C, G))
    sxy_c = np.zeros((C, G, k))
    Sxx = np.zeros((C, G, k, k))
    syy = np.zeros(G)
    logF = np.zeros(G)
    sxy = np.zeros((k, G))
    A = np.zeros((k, k, G))
    w = np.empty(G)
    wx = np.empty(G)
    for t in range(top):
        for g in range(G):
            f = F[g, t]
            w[g] = 1.0 / f
            vy = Vt[t, 0, g]
            syy[g] += vy * vy * w[g]
            logF[g] += np.log(f)
        for i in range(k):
            for g in range(G):
                wx[g] = Vt[t, 1 + i, g] * w[g]
                sxy[i, g] += wx[g] * Vt[t, 0, g]
            for j in range(i + 1):
                for g in range(G):
                    A[i, j, g] += wx[g] * Vt[t, 1 + j, g]
        for c in range(C):
            if rows[c] == t + 1:
                for g in range(G):
                    syy_c[c, g] = syy[g]
                    logF_c[c, g] = logF[g]
                    for i in range(k):
                        sxy_c[c, g, i] = sxy[i, g]
                        for j in range(i + 1):
                            Sxx[c, g, i, j] = A[i, j, g]
                            Sxx[c, g, j, i] = A[i, j, g]
    return syy_c, logF_c, sxy_c, Sxx


@njit(cache=True)
def level_solve(syy, logF, sxy_all, Sxx_all, k, n_obs, d, df0, ss0):
    """The local level's GLS from its sums (level_sums; those of more columns than k are
    read for the first k): per (count, grid point) -2 log profile likelihood (inf where the
    fit is not defined), beta, Sxx and S. A grid point's Sxx counts as well conditioned when
    the smallest eigenvalue of its correlation form is above CONDITION (a Cholesky of that
    form less twice the bound says yes; the eigenvalues decide the rest): a property of the
    data, not of the controls' units."""
    C, G = syy.shape
    dev = np.empty((C, G))
    beta = np.zeros((C, G, k))
    Sxx = np.empty((C, G, k, k))
    S = np.empty((C, G))
    L = np.zeros((k, k))
    shifted = np.empty((k, k))
    for c in range(C):
        for g in range(G):
            for i in range(k):
                for j in range(k):
                    Sxx[c, g, i, j] = Sxx_all[c, g, i, j]
        sxy = sxy_all[c]
        for g in range(G):
            A = Sxx[c, g]
            good = True
            logdet = 0.0
            fitted = 0.0
            if k:
                # conditioning judged on the correlation form D^-1/2 Sxx D^-1/2, so that a
                # control's units (1e8 beside 0/1 weekday terms) do not decide it
                for i in range(k):
                    if not A[i, i] > 0.0:
                        good = False
                if good:
                    for i in range(k):
                        for j in range(k):
                            shifted[i, j] = A[i, j] / np.sqrt(A[i, i] * A[j, j]) - (
                                2.0 * CONDITION if i == j else 0.0
                            )
                    if not _cholesky(shifted, L):
                        for i in range(k):
                            shifted[i, i] += 2.0 * CONDITION
                        good = np.linalg.eigvalsh(shifted)[0] > CONDITION
                    if good:
                        good = _cholesky(A, L)
                if good:
                    _cho_solve(L, sxy[g], beta[c, g])
                    for i in range(k):
                        logdet += 2.0 * np.log(L[i, i])
                        fitted += sxy[g, i] * beta[c, g, i]
                else:
                    for i in range(k):
                        beta[c, g, i] = sxy[g, i]
            s = syy[c, g] - fitted + ss0
            S[c, g] = s
            dof = n_obs[c] - d + df0
            if good and s > 0.0:
                dev[c, g] = dof * np.log(s) + logF[c, g] + logdet
            else:
                dev[c, g] = np.inf
    return dev, beta, Sxx, S


@njit(cache=True, error_model="numpy")
def ar_gls(A, B, Cm, first, phis, d, dof):
    """AR(1) noise's GLS for every phi of the grid, from the cross-products of W = [z y]:
    M(phi) = A - phi (B + B') + phi^2 C + (1 - phi^2) w_1 w_1' (the Prais-Winsten transform's
    [z y]' V^-1 [z y]); per phi -2 log diffuse likelihood (inf where not defined), b, Mzz
    and S, as ArNoiseFit._fit_batch.

    Every phi's arithmetic is the scalar one of a Cholesky solve (_cholesky, _cho_solve),
    step for step; the grid's phis are its lanes, side by side in the innermost loop, so
    that the steps of 40 independent factorisations overlap (one alone is a chain of
    dependent subtractions) and the compiler can run them as vector instructions: the same
    operations on each lane, the same numbers. A phi whose Mzz is not positive definite
    (to rounding) gets no fit, its lane carried on with harmless numbers (numpy's error
    model: no division is checked, and none of its results is kept)."""
    G = len(phis)
    e = d + 1
    dev = np.empty(G)
    b = np.zeros((G, d))
    Mzz = np.empty((G, d, d))
    S = np.empty(G)
    M = np.empty((e, e, G))
    p2 = np.empty(G)
    q2 = np.empty(G)
    for g in range(G):
        p2[g] = phis[g] * phis[g]
        q2[g] = 1.0 - p2[g]
    for i in range(e):
        for j in range(e):
            a, bb, c, f = A[i, j], B[i, j] + B[j, i], Cm[i, j], first[i, j]
            for g in range(G):
                M[i, j, g] = a - phis[g] * bb + p2[g] * c + q2[g] * f
    for g in range(G):
        for i in range(d):
            for j in range(d):
                Mzz[g, i, j] = M[i, j, g]
    # the Cholesky factor of every lane's Mzz (lower; _cholesky's steps)
    L = np.zeros((d, d, G))
    ok = np.ones(G, np.bool_)
    s = np.empty(G)
    for i in range(d):
        for j in range(i + 1):
            for g in range(G):
                s[g] = M[i, j, g]
            for p in range(j):
                for g in range(G):
                    s[g] -= L[i, p, g] * L[j, p, g]
            if i == j:
                for g in range(G):
                    if not s[g] > 0.0:
                        ok[g] = False
                        s[g] = 1.0  # a lane without a fit: any number that divides
                    L[i, i, g] = np.sqrt(s[g])
            else:
                for g in range(G):
                    L[i, j, g] = s[g] / L[j, j, g]
    # L L' x = mzy (_cho_solve's steps), then S and the log-determinant
    x = np.empty((d, G))
    for i in range(d):
        for g in range(G):
            s[g] = M[i, d, g]
        for p in range(i):
            for g in range(G):
                s[g] -= L[i, p, g] * x[p, g]
        for g in range(G):
            x[i, g] = s[g] / L[i, i, g]
    for i in range(d - 1, -1, -1):
        for g in range(G):
            s[g] = x[i, g]
        for p in range(i + 1, d):
            for g in range(G):
                s[g] -= L[p, i, g] * x[p, g]
        for g in range(G):
            x[i, g] = s[g] / L[i, i, g]
    for g in range(G):
        if not ok[g]:
            S[g] = np.nan
            dev[g] = np.inf
            continue
        r = M[d, d, g]
        logdet = 0.0
        for i in range(d):
            b[g, i] = x[i, g]
            r -= M[i, d, g] * x[i, g]
            logdet += 2.0 * np.log(L[i, i, g])
        S[g] = r
        if r > 0.0:
            dev[g] = dof * np.log(r) - np.log1p(-p2[g]) + logdet
        else:
            dev[g] = np.inf
    return dev, b, Mzz, S


@njit(cache=True)
def first_full_rank(Z):
    """The first r whose first r rows of Z span all its columns (Z's rows if none), by
    Gram-Schmidt over the rows in order: a row adds a direction when what is left of it
    after the directions so far is above 1e-9 of its norm. A guess the caller confirms."""
    n, d = Z.shape
    basis = np.zeros((d, d))
    found = 0
    left = np.empty(d)
    for r in range(n):
        norm = 0.0
        for j in range(d):
            left[j] = Z[r, j]
            norm += Z[r, j] * Z[r, j]
        if norm == 0.0:
            continue
        for _ in range(2):  # twice: Gram-Schmidt's orthogonality, kept to rounding
            for b in range(found):
                dot = 0.0
                for j in range(d):
                    dot += left[j] * basis[b, j]
                for j in range(d):
                    left[j] -= dot * basis[b, j]
        rest = 0.0
        for j in range(d):
            rest += left[j] * left[j]
        if rest > 1e-18 * norm:
            scale = 1.0 / np.sqrt(rest)
            for j in range(d):
                basis[found, j] = left[j] * scale
            found += 1
            if found == d:
                return r + 1
    return n


@njit(cache=True, error_model="numpy")
def coefficient_draws(M, centre, g, z, sigma):
    """Per path p: centre[g_p] + sigma_p C z_p, with C C' = M[g_p]^-1 (C the lower Cholesky
    factor of the inverse, as numpy's cholesky(inv(M)) gives it), each grid point's C made
    once: the regression coefficients' normal draws of every path.

    The grid points the paths use are factorised side by side (lanes in the innermost loop,
    as ar_gls): the scalar steps of _cholesky, _cho_solve (the inverse a column at a time,
    its lower half mirrored) and _cholesky again, the same numbers for each. M[g] of a grid
    point a path uses is positive definite (a grid point without a fit has no weight)."""
    G, d = centre.shape
    n = len(g)
    out = np.empty((n, d))
    if d == 0:
        return out
    lane = np.full(G, -1, np.int64)
    used = 0
    for p in range(n):
        if lane[g[p]] < 0:
            lane[g[p]] = used
            used += 1
    U = used
    Ms = np.empty((d, d, U))
    for k in range(G):
        if lane[k] >= 0:
            for i in range(d):
                for j in range(d):
                    Ms[i, j, lane[k]] = M[k, i, j]
    L = np.zeros((d, d, U))
    _lane_cholesky(Ms, L)
    inv = np.empty((d, d, U))
    col = np.empty((d, U))
    s = np.empty(U)
    for c in range(d):  # the inverse, a column at a time: L L' x = e_c
        for i in range(d):
            for u in range(U):
                s[u] = 1.0 if i == c else 0.0
            for p in range(i):
                for u in range(U):
                    s[u] -= L[i, p, u] * col[p, u]
            for u in range(U):
                col[i, u] = s[u] / L[i, i, u]
        for i in range(d - 1, -1, -1):
            for u in range(U):
                s[u] = col[i, u]
            for p in range(i + 1, d):
                for u in range(U):
                    s[u] -= L[p, i, u] * col[p, u]
            for u in range(U):
                col[i, u] = s[u] / L[i, i, u]
        for i in range(d):
            for u in range(U):
                inv[i, c, u] = col[i, u]
    for i in range(d):  # symmetric to rounding: its lower half, mirrored
        for j in range(i):
            for u in range(U):
                inv[j, i, u] = inv[i, j, u]
    Cl = np.zeros((d, d, U))
    _lane_cholesky(inv, Cl)
    chol = np.empty((U, d, d))
    for u in range(U):
        for i in range(d):
            for j in range(d):
                chol[u, i, j] = Cl[i, j, u]
    for p in range(n):
        k = g[p]
        C = chol[lane[k]]
        for i in range(d):
            s0 = 0.0
            for j in range(i + 1):
                s0 += C[i, j] * z[p, j]
            out[p, i] = centre[k, i] + s0 * sigma[p]
    return out


@njit(cache=True, error_model="numpy")
def _lane_cholesky(M, out):
    """_cholesky of every lane of M (d, d, lanes) into `out` (zeros above the diagonal):
    the same steps on each lane; a lane not positive definite is left with numbers of no
    use (the caller's lanes all are)."""
    d, U = M.shape[0], M.shape[2]
    s = np.empty(U)
    for i in range(d):
        for j in range(i + 1):
            for u in range(U):
                s[u] = M[i, j, u]
            for p in range(j):
                for u in range(U):
                    s[u] -= out[i, p, u] * out[j, p, u]
            if i == j:
                for u in range(U):
                    out[i, i, u] = np.sqrt(s[u]) if s[u] > 0.0 else 1.0
            else:
                for u in range(U):
                    out[i, j, u] = s[u] / out[j, j, u]


# how many times numpy's own tolerance (max(n, d) eps of the largest singular value) the
# smallest singular value must be shown to exceed before surely_full_rank vouches for it: room
# for the error of numpy's SVD (LAPACK's bound: a modest multiple of eps times the largest)
RANK_MARGIN = 1e4
_U = 2.0**-53  # the unit roundoff, eps / 2


@njit(cache=True)
def surely_full_rank(Z, rows):
    """True when the first `rows` rows of Z (n, d) are of full column rank with room to spare,
    so that numpy's matrix_rank, which counts the singular values above s_max max(n, d) eps,
    would find all d. False says nothing: numpy's matrix_rank then decides, as it did alone
    before (a rank that is not full, a regression nearly collinear, extreme or non-finite
    values).

    How: the columns scaled to unit length (Y = Z D, D = 1 / the column norms c), the
    Cholesky factor of Y'Y - s I is sought, s chosen so that its existence proves s_min(Z) >
    RANK_MARGIN max(n, d) eps s_max(Z). Existence bounds the smallest eigenvalue of the exact
    Y'Y below by s less the rounding of Y, of the cross-products (at most n u tr(Y'Y), tr(Y'Y)
    = d) and of the factorisation (at most (d + 1) u tr, Higham, Accuracy and Stability of
    Numerical Algorithms, 3.5 and 10.1), u = eps / 2; then s_min(Z) >= s_min(Y) min(c) and
    s_max(Z) <= |Z|_F = |c|. The columns scaled, a control in the thousands beside the
    constant 1 (a regression well posed but badly scaled) still passes."""
    n, d = Z.shape
    if rows < d or d == 0 or rows > n:
        return False
    c = np.zeros(d)
    for t in range(rows):
        for i in range(d):
            z = Z[t, i]
            if not abs(z) <= 1e100:  # NaN and infinity too; squares far from overflow
                return False
            c[i] += z * z
    total = 0.0
    least = np.inf
    for i in range(d):
        if not c[i] >= 1e-200:  # a column of zeros, or of numbers near underflow
            return False
        total += c[i]
        c[i] = np.sqrt(c[i])
        least = min(least, c[i])
    # the smallest singular value of Y that proves the point (the constants round the bounds
    # up: rounding in c, the trace and this arithmetic, a few u each)
    needed = RANK_MARGIN * max(rows, d) * 2.0 * _U * 1.02 * np.sqrt(total) / least
    needed += 1.01 * _U * np.sqrt(d)  # Y's own rounding
    shift = needed * needed * 1.01 + 1.05 * d * (rows + d + 2) * _U
    G = np.zeros((d, d))
    for t in range(rows):
        for i in range(d):
            yi = Z[t, i] / c[i]
            for j in range(i + 1):
                G[i, j] += yi * (Z[t, j] / c[j])
    for i in range(d):
        for j in range(i):
            G[j, i] = G[i, j]
        G[i, i] -= shift
    L = np.zeros((d, d))
    return _cholesky(G, L)
