"""Fuzz: structure-aware mutations of every real fixture and generated family (run by hand).

``.venv/bin/python benchmarks/fuzz.py [--per-family 20] [--mutants 200] [--seed 1]`` prints
:func:`lab.fuzz.run_fuzz`'s figures: inputs tried by mutation, escaped exceptions, values
printed nowhere (both 0 when absdw holds), the slowest input's CPU time and size, peak RSS.
CI runs a short form (tests/parsers/test_fuzz_structured.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lab.fuzz import run_fuzz

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=20)
    parser.add_argument("--mutants", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = run_fuzz(FIXTURES, per_family=args.per_family, mutants=args.mutants,
                      seed=args.seed, log=print)
    print(result.describe())


if __name__ == "__main__":
    main()
