"""Benchmark: evalkit's counterfactual (fit + forecast + summary) against the CausalImpact
Python ports that install from PyPI, on one SIMULATED 730-day series with one control series
and a known injected effect, measured in the same run.

Goal (issue: impact statistics): evalkit >= 5x faster than the fastest port, at matching point
estimates. Each port runs in its own virtual environment (benchmarks/.envs/<port>, created on
first use) because their pins differ and two of them install the same module name.

    .venv/bin/python benchmarks/counterfactual_speed.py [--repeats 3] [--ports a,b]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
import venv
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ENVS = HERE / ".envs"
N, N_PRE, EFFECT = 730, 600, 3.0

RUNNER = r'''
import json, statistics, sys, time, warnings, os, logging
warnings.simplefilter("ignore"); os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.disable(logging.WARNING)
import pandas as pd
from causalimpact import CausalImpact
data = pd.read_csv(sys.argv[1])[["y", "x"]]
pre, post, repeats = [0, %(last_pre)d], [%(first_post)d, %(last)d], int(sys.argv[2])
def run():
%(body)s
times, effect = [], None
for _ in range(repeats):
    t = time.perf_counter(); effect = run(); times.append(time.perf_counter() - t)
print("RESULT " + json.dumps({"seconds": statistics.median(times), "all": times,
                              "average_effect": float(effect)}))
'''

PORTS = {
    # 0.1.1 (2020) calls DataFrame.applymap (gone in pandas 3) and passes alpha= to
    # statsmodels' fit (refused since 0.14): pin the stack of its time
    "pycausalimpact": ("pycausalimpact==0.1.1 pandas<2 numpy<1.25 scipy<1.12 statsmodels==0.13.5",
                       """\
    ci = CausalImpact(data, pre, post)
    ci.summary()
    return ci.summary_data.loc["abs_effect", "average"]"""),
    # 0.2.6 (2023-01) calls pandas' is_datetime_or_timedelta_dtype (gone in pandas 2)
    "causalimpact": ("causalimpact==0.2.6 pandas<2 numpy<1.25 scipy<1.12 statsmodels==0.13.5 "
                     "pymc==5.0.1", """\
    ci = CausalImpact(data, pre, post)
    ci.run()
    ci.summary()
    post_inf = ci.inferences.iloc[%(first_post)d:]
    return (post_inf["response"] - post_inf["point_pred"]).mean()"""),
    "tfcausalimpact": ("tfcausalimpact==0.0.19", """\
    ci = CausalImpact(data, pre, post)
    ci.summary()
    return ci.summary_data.loc["abs_effect", "average"]"""),
}


def simulated_series(seed: int = 20261123) -> pd.DataFrame:
    """SIMULATED: a control random walk, a response tracking it with a drifting level, and
    +3 added over the last 130 days."""
    rng = np.random.default_rng(seed)
    x = 100 + np.cumsum(rng.normal(0, 1, N))
    y = 20 + 0.8 * x + np.cumsum(rng.normal(0, 0.1, N)) + rng.normal(0, 1, N)
    y[N_PRE:] += EFFECT
    return pd.DataFrame({"y": y, "x": x})


def ensure_env(name: str, spec: str) -> Path:
    py = ENVS / name / "bin" / "python"
    if not py.exists():
        print(f"setting up {name} ({spec}) in {ENVS / name} ...", flush=True)
        venv.create(ENVS / name, with_pip=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", *spec.split()], check=True)
    return py


def run_port(name: str, csv: Path, repeats: int) -> dict:
    spec, body = PORTS[name]
    fill = {"last_pre": N_PRE - 1, "first_post": N_PRE, "last": N - 1}
    code = RUNNER % {**fill, "body": body % fill}
    py = ensure_env(name, spec)
    out = subprocess.run([str(py), "-c", code, str(csv), str(repeats)], capture_output=True,
                         text=True, timeout=3600)
    line = [l for l in out.stdout.splitlines() if l.startswith("RESULT ")]
    if out.returncode or not line:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["no output"]}
    return json.loads(line[0][7:])


def run_evalkit(data: pd.DataFrame, repeats: int) -> dict:
    from evalkit.stats import Counterfactual
    times, effect = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        cf = Counterfactual(data, "y", ["x"], (0, N_PRE - 1), (N_PRE, N - 1))
        summary = cf.summary()
        cf.sentences()
        times.append(time.perf_counter() - t)
        effect = summary.loc["absolute effect", "average"]
        low, high = summary.loc["absolute effect", ["average_low", "average_high"]]
    return {"seconds": statistics.median(times), "all": times, "average_effect": float(effect),
            "interval": [float(low), float(high)]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--ports", default=",".join(PORTS))
    args = ap.parse_args()
    data = simulated_series()
    results = {"data": f"SIMULATED: {N} days, one control, +{EFFECT} over the last {N - N_PRE}",
               "repeats": args.repeats}
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "simulated_series.csv"
        data.to_csv(csv, index=False)
        results["evalkit"] = run_evalkit(data, args.repeats)
        for name in args.ports.split(","):
            results[name] = run_port(name, csv, args.repeats)
    ours = results["evalkit"]
    lo, hi = ours["interval"]
    print(f"\nCounterfactual benchmark ({results['data']}; median of {args.repeats} runs)")
    print(f"{'':18}{'seconds':>10}{'avg effect':>12}{'evalkit faster':>16}{'estimate matches':>18}")
    print(f"{'evalkit':18}{ours['seconds']:10.3f}{ours['average_effect']:12.3f}{'':>16}"
          f"{'[' + format(lo, '.2f') + ', ' + format(hi, '.2f') + ']':>18}")
    speedups = []
    for name in args.ports.split(","):
        r = results[name]
        if "error" in r:
            print(f"{name:18}  failed: {r['error']}")
            continue
        speed = r["seconds"] / ours["seconds"]
        match = lo <= r["average_effect"] <= hi
        r.update(speedup=speed, estimate_inside_evalkit_interval=match)
        if match:
            speedups.append(speed)
        print(f"{name:18}{r['seconds']:10.3f}{r['average_effect']:12.3f}{speed:15.1f}x"
              f"{'yes' if match else 'NO':>18}")
    if speedups:
        results["speedup_vs_fastest_matching_port"] = min(speedups)
        print(f"\nSpeed-up against the fastest port with a matching estimate: {min(speedups):.1f}x "
              f"(goal >= 5x: {'met' if min(speedups) >= 5 else 'NOT met'})")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "counterfactual_speed.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
