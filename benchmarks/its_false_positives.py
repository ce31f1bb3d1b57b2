"""How often the evaluation's interrupted time series finds a change on SIMULATED series that
have none (docs/statistics.md, section 1).

Each series is 140 daily Poisson counts (mean 40) with the launch on day 57, no effect:
"flat" has no weekly rhythm, "weekly" quiet weekends (Saturday 0.5, Sunday 0.4 of a
weekday). The model is the evaluation's own (evalkit.evaluation.impact._its: quasi-Poisson,
day-of-week effects for daily data, a slope change kept only when its F test supports it).
Printed per set-up: the share of series whose level interval excludes no change, whose
slope change the F test keeps, whose report has some interval that excludes no change, and
whose report claims a change (some change it reads as established: an interval that
excludes no change counts only when the interruption's terms together are significant, and
the checks of `InterruptedTimeSeries._not_established` do not withhold it).
With `--dates 4` the model also tests a later phase's start (day 85) and two hot events
(days 106 and 121), as an evaluation does: each date is a test of its own, and the share of
reports claiming a change at some date grows with their number.

    .venv/bin/python benchmarks/its_false_positives.py [--series 400] [--first-seed 0] [--dates 1]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
import pandas as pd

from evalkit.evaluation.impact import _its

DAYS = pd.date_range("2020-01-06", periods=140, freq="D")
LAUNCH = pd.Timestamp("2020-03-02")
# the dates an evaluation may test besides the launch: a later phase's start, two hot events
LATER = {
    "phase start": pd.Timestamp("2020-03-30"),
    "event 1": pd.Timestamp("2020-04-20"),
    "event 2": pd.Timestamp("2020-05-05"),
}
RHYTHM = {
    "flat": np.ones(7),
    "weekly": np.array([1.0, 1.1, 1.1, 1.0, 0.9, 0.5, 0.4]),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=400)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--dates", type=int, default=1, choices=range(1, 2 + len(LATER)))
    args = ap.parse_args()
    dates = {"launch": LAUNCH, **dict(list(LATER.items())[: args.dates - 1])}
    warnings.simplefilter("ignore")
    print(
        f"{'set-up':8} {'level excludes 1':>17} {'slope kept':>11} {'some interval':>14} "
        f"{'claimed':>8}"
    )
    for name, rhythm in RHYTHM.items():
        level = slope = some = claimed = 0
        for seed in range(args.first_seed, args.first_seed + args.series):
            y = np.random.default_rng(seed).poisson(40 * rhythm[DAYS.day_of_week])
            data = pd.DataFrame({"date": DAYS, "value": y.astype(float), "exposure": np.nan})
            its, _, _ = _its(data, dates, False)
            e = its.effects()
            excludes = (e["ci_low"] > 1) | (e["ci_high"] < 1)
            level += bool(excludes[e["change"] == "level"].any())
            slope += bool((e["change"] == "slope").any())
            some += bool(excludes.any())
            claimed += any(its.established())
        n = args.series
        print(f"{name:8} {level / n:17.1%} {slope / n:11.1%} {some / n:14.1%} {claimed / n:8.1%}")


if __name__ == "__main__":
    main()
