"""Agreement between coders, for records coded by two or more evaluators: Cohen's kappa (two
coders), Fleiss' kappa (several, complete data) and Krippendorff's alpha (nominal; allows
missing codes)."""

from __future__ import annotations

from collections import Counter
from itertools import permutations
from typing import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

from evalkit.stats.checks import SeriesError


def cohen(coder_a: Sequence, coder_b: Sequence) -> dict:
    """Cohen's kappa for two coders over the same units (missing pairs dropped)."""
    pairs = [
        (a, b)
        for a, b in zip(coder_a, coder_b)
        if a is not None
        and b is not None
        and not (isinstance(a, float) and np.isnan(a))
        and not (isinstance(b, float) and np.isnan(b))
    ]
    if len(coder_a) != len(coder_b):
        raise SeriesError("both coders must code the same units (the lists differ in length)")
    if len(pairs) < 2:
        raise SeriesError("fewer than two units coded by both coders")
    cats = sorted({x for p in pairs for x in p}, key=str)
    table = np.zeros((len(cats), len(cats)))
    for a, b in pairs:
        table[cats.index(a), cats.index(b)] += 1
    if len(cats) == 1:
        return {
            "kappa": float("nan"),
            "ci_low": float("nan"),
            "ci_high": float("nan"),
            "units": len(pairs),
            "agreement": 1.0,
            "note": "one category only: kappa is undefined",
        }
    res = cohens_kappa(table)
    return {
        "kappa": float(res.kappa),
        "ci_low": max(-1.0, float(res.kappa_low)),
        "ci_high": min(1.0, float(res.kappa_upp)),
        "units": len(pairs),
        "agreement": float(np.trace(table) / table.sum()),
    }


def fleiss(codes: pd.DataFrame) -> float:
    """Fleiss' kappa; `codes` has one row per unit and one column per coder, no gaps."""
    if codes.isna().any().any():
        raise SeriesError(
            "Fleiss' kappa needs every unit coded by every coder; use "
            "krippendorff_alpha for missing codes"
        )
    table, _ = aggregate_raters(codes.astype(str).to_numpy())
    return float(fleiss_kappa(table))


def krippendorff_alpha(codes: pd.DataFrame) -> float:
    """Krippendorff's alpha for nominal codes; rows are units, columns coders; NaN = missing."""
    coincidence: Counter = Counter()
    for _, row in codes.iterrows():
        values = [v for v in row if not (v is None or (isinstance(v, float) and np.isnan(v)))]
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(range(m), 2):
            coincidence[(values[a], values[b])] += 1 / (m - 1)
    if not coincidence:
        raise SeriesError("no unit is coded by at least two coders")
    n_c: Counter = Counter()
    for (a, _), w in coincidence.items():
        n_c[a] += w
    n = sum(n_c.values())
    observed = sum(w for (a, b), w in coincidence.items() if a != b)
    expected = sum(n_c[a] * n_c[b] for a in n_c for b in n_c if a != b) / (n - 1)
    if expected == 0:
        return float("nan")
    return float(1 - observed / expected)


CODED_FIELDS = ("kind", "paper_kind", "effort", "channel", "scope", "audience")


def agreement_between_records(
    record_a, record_b, fields: Sequence[str] = CODED_FIELDS
) -> pd.DataFrame:
    """Cohen's kappa per coded field of the activities two evaluators coded (matched by id)."""
    a = record_a.activities.set_index("id")
    b = record_b.activities.set_index("id")
    shared = a.index.intersection(b.index)
    if len(shared) < 2:
        raise SeriesError(
            f"the two records share {len(shared)} activity ids; code the same "
            "activities (same ids) to compare coders"
        )
    rows = []
    for f in fields:
        xa = [None if pd.isna(v) else v for v in a.loc[shared, f]]
        xb = [None if pd.isna(v) else v for v in b.loc[shared, f]]
        try:
            r = cohen(xa, xb)
        except SeriesError as exc:
            r = {"kappa": float("nan"), "note": str(exc)}
        rows.append({"field": f, **r})
    return pd.DataFrame(rows)
