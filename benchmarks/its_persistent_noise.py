"""How often the evaluation's interrupted time series claims a change at the launch on
SIMULATED weekly series with noise that persists (AR(1)), with and without its
persistent-noise reading (evalkit.stats.its, `persistent_noise`; docs/statistics.md).

Each series is 40 + 12 weekly points (tests/test_its_persistent_noise.py's `series`):
"gauss" 20 + 0.8 x a control + 3 x (AR(1) noise + step), "count" Poisson counts around 60
whose log rate is 0.15 x (AR(1) noise + step). Printed per set-up: the share of series whose
evaluation establishes a change at the launch, and the share it would without the reading.

    .venv/bin/python benchmarks/its_persistent_noise.py [--series 200]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_its_persistent_noise import claimed  # noqa: E402

SET_UPS = [
    ("gauss", 0.0, 0.0),
    ("gauss", 0.5, 0.0),
    ("gauss", 0.8, 0.0),
    ("count", 0.0, 0.0),
    ("count", 0.5, 0.0),
    ("count", 0.8, 0.0),
    ("gauss", 0.0, 1.5),
    ("gauss", 0.5, 2.0),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=200)
    args = ap.parse_args()
    print(f"{'kind':6} {'phi':>4} {'step':>5} {'claimed':>8} {'without the reading':>20}")
    for kind, phi, step in SET_UPS:
        rate, without = claimed(kind, phi, step, args.series)
        print(f"{kind:6} {phi:4.1f} {step:5.1f} {rate:8.1%} {without:20.1%}")


if __name__ == "__main__":
    main()
