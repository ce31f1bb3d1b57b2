"""Re-pin the counterfactual's estimates on the reference sets
(tests/data/counterfactual_estimates_pinned.json, read by
tests/test_counterfactual_estimates_pinned.py). Only after a change that is meant to change
them (a new candidate model), once tests/test_stats_reference.py passes; say why in the
commit.

    .venv/bin/python scripts/pin_counterfactual_estimates.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    import numba
    import numpy as np
    import scipy

    from test_counterfactual_estimates_pinned import CASES, PINS, SETTINGS, fit, machine, said

    pins = {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numba": numba.__version__,
        "cpu": machine(),
        "cases": {f"{n} {s}": said(fit(n, s)) for n in CASES for s in SETTINGS},
    }
    PINS.write_text(json.dumps(pins, indent=1) + "\n", encoding="utf-8")
    print(f"pinned {len(pins['cases'])} cases in {PINS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
