"""Soak: ~50 trusts x 60 months through a hostile stand-in with random SIGKILLs (run by hand).

``.venv/bin/python benchmarks/soak.py [--trusts 50] [--months 60] [--kills 10] [--seed 1]``
prints the figures of :func:`lab.soak.run_soak`: filings, injected faults by kind, kills,
requests, seconds, and whether the soaked warehouse equals the undisturbed one ("tables
identical: yes"), with duplicates, lost filings, truncated documents stored and requests sent
during a throttle block (all 0 when absdw holds). CI runs a short form (tests/lab/test_soak.py).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from lab.soak import run_soak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trusts", type=int, default=50)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="absdw-soak-") as work:
        result = run_soak(Path(work), trusts=args.trusts, months=args.months, kills=args.kills,
                          seed=args.seed, fault_scale=args.fault_scale, log=print)
    print(result.describe())


if __name__ == "__main__":
    main()
