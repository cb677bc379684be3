"""Parse accuracy: field-level round trip on thousands of generated deals per family.

Run by hand: ``.venv/bin/python benchmarks/parse_accuracy.py [--deals 2000]``. Each generated
document is parsed and compared with the truth it prints (``lab.synth.compare``: every
tranche field, pool field, delinquency cell, the dates and the report items). Prints, per
family, matched/total fields, the share, the quarantine rate and the first mismatches.
Expected: 100% and no quarantine.
"""

from __future__ import annotations

import argparse
from collections import Counter

from lab.corpus import available, corpus
from lab.synth.compare import roundtrip_fields
from parsers import parse_report


def run(layout: str, deals: int) -> None:
    matched = total = quarantined = 0
    problems: Counter[str] = Counter()
    for truth, text in corpus(layout, deals, seed=2):
        result = parse_report(text)
        if result.status != "ok":
            quarantined += 1
            problems[f"quarantined: {(result.error or '')[:120]}"] += 1
        if result.report is None:
            continue
        m, t, mismatches = roundtrip_fields(truth, result.report, items=True)
        matched, total = matched + m, total + t
        problems.update(mismatch.split(":")[0] for mismatch in mismatches)
    share = matched / total if total else 0.0
    print(f"{layout:<15}{deals:>7}{matched:>12,}{total:>12,}{share:>10.4%}"
          f"{quarantined / deals:>12.2%}")
    for problem, n in problems.most_common(5):
        print(f"    {n:>6} x {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=2000)
    args = parser.parse_args()
    print(f"{'layout':<15}{'deals':>7}{'matched':>12}{'total':>12}{'accuracy':>10}"
          f"{'quarantined':>12}")
    for layout in available():
        try:
            run(layout, args.deals)
        except Exception as exc:  # a renderer still being built: say so, measure the rest
            print(f"{layout:<15} skipped: renderer failed on a simulated deal: {exc!r}")


if __name__ == "__main__":
    main()
