"""Figures of one count that cannot both be true: rival estimates in metrics.csv.

Two rows of one metric, one window and one breakdown (language, hashtag, platform, country,
scope; an `other` count's note too) from different sources, whose bounds do not overlap —
the organisers' "more than 1,000" marchers and the police's "at most 600" of the same day
(trial 17, H1). They may be rival estimates of one count, or counts of two things the
record does not tell apart (two marches of one day); either way, neither figure is the
count alone: a report that quoted the larger one as the day's count took the
organisers' side without saying so. What reads them says both (question 2's finding, the
largest counts), and a goal's indicator reads them as one count, the widest bounds of the
two (`indicator._rows`), so that neither settles a target the other would not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# the columns that say which count a row is of (with the metric and its window as written)
KEYS = ("metric", "date", "language", "hashtag", "platform", "country", "scope")


def rival_estimates(m: pd.DataFrame) -> dict[int, tuple[int, ...]]:
    """Each row of metrics.csv (by its row number) that another source's figure of the same
    count contradicts, with the rows that do: {3: (4,), 4: (3,)}. Rows of a count no
    other row shares are read without a second look (a large table's keys are unique)."""
    if len(m) < 2:
        return {}
    keys = m[list(KEYS)].astype(object).where(m[list(KEYS)].notna(), "")
    keys = keys.assign(note=np.where(m["metric"] == "other", m["note"].fillna(""), ""))
    shared = keys.duplicated(keep=False).to_numpy(dtype=bool)
    if not shared.any():
        return {}
    from evalkit.evaluation.indicator import read_bounds  # indicator reads rivals too

    part = m[shared]
    low, high, strict = read_bounds(part)
    rows, sources = part["row"].to_numpy(dtype="int64"), part["source"].astype(str).to_numpy()
    out: dict[int, list[int]] = {}
    for idx in keys[shared].groupby(list(keys.columns), sort=False).indices.values():
        for a in idx:
            for b in idx:
                # a's least is above what b can be: they cannot both be true of one count
                above = low[a] > high[b] or (low[a] == high[b] and strict[b])
                if sources[a] != sources[b] and above:
                    out.setdefault(int(rows[a]), []).append(int(rows[b]))
                    out.setdefault(int(rows[b]), []).append(int(rows[a]))
    return {r: tuple(sorted(set(v))) for r, v in sorted(out.items())}
