"""Simulator speed: loan-level months per second (run by hand; tests assert no timings).

``.venv/bin/python benchmarks/synth_speed.py [--loans 3000] [--repeat 5]`` simulates a
two-year home-equity deal (``lab.synth.simulate``) and prints the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import time

from lab.synth.collateral import CollateralParams
from lab.synth.simulate import DealSpec, simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    spec = DealSpec(collateral=CollateralParams(loan_count=args.loans))
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        months = len(simulate(spec))
        best = min(best, time.perf_counter() - start)
    print(f"{args.loans} loans x {months} months: {best:.3f} s best of {args.repeat} "
          f"({args.loans * months / best:,.0f} loan-months/s)")


if __name__ == "__main__":
    main()
