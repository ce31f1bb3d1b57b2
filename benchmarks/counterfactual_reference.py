"""The counterfactual on the five reference sets against R CausalImpact's published output
(../shared/reference/causalimpact; R's numbers as tests/test_stats_reference.py reads them):
the default (the model the pre-period chooses) and prior_level_sd=0.01 (R's defaults), the
default's claim on each set, and the sensitivity table on the arma set. Prints the tables docs/statistics.md shows.

    .venv/bin/python benchmarks/counterfactual_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from test_stats_reference import REFERENCE_SETS, reference_counterfactual  # noqa: E402


def g(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def main() -> None:
    print(
        "| data | R: average effect (95%) | evalkit default: model | average effect (95%) "
        "| width / R's | prior_level_sd=0.01: average effect (95%) | width / R's |"
    )
    print("|---|---|---|---|---|---|---|")
    for case in REFERENCE_SETS:
        cf, a, r_point, r_lo, r_hi = reference_counterfactual(*case)
        _, b, *_ = reference_counterfactual(*case, prior_level_sd=0.01)
        w = lambda e, lo=r_lo, hi=r_hi: (e["average_high"] - e["average_low"]) / (hi - lo)  # noqa: E731
        print(
            f"| {case[0]} | {g(r_point)} ({g(r_lo)} to {g(r_hi)}) | {cf.model_name} | "
            f"{g(a['average'])} ({g(a['average_low'])} to {g(a['average_high'])}), "
            f"p {cf.tail_probability:.3f} | {w(a):.2f} | {g(b['average'])} "
            f"({g(b['average_low'])} to {g(b['average_high'])}) | {w(b):.2f} |"
        )
    print("\nThe default's claim on each set (effect_established) and why:")
    for case in REFERENCE_SETS:
        cf, *_ = reference_counterfactual(*case)
        level = sum(c["weight"] for c in cf.candidates if str(c["model"]) == "local level")
        why = cf.open_without_effect
        print(
            f"- {case[0]}: {'established' if cf.effect_established else 'not established'}; "
            f"local level weight {level:.2f}"
            + (f"; {why['model']} alone finds none" if why is not None else "")
        )
    cf, *_ = reference_counterfactual(*REFERENCE_SETS[0])
    s = cf.sensitivity()
    print("\nSensitivity on arma:")
    print("| model | controls | average effect | 95% interval | tail probability |")
    print("|---|---|---|---|---|")
    for _, r in s.iterrows():
        print(
            f"| {r['model']} | {r['controls']} | {r['average effect']:.2f} | "
            f"{r['low']:.2f} to {r['high']:.2f} | {r['tail probability']:.3f} |"
        )


if __name__ == "__main__":
    with pd.option_context("display.width", 160):
        main()
