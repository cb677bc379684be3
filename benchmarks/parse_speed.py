"""Parse speed: documents per second on one core, per layout family with a renderer.

Run by hand: ``.venv/bin/python benchmarks/parse_speed.py [--docs 300] [--profile]``.
Renders ``--docs`` distinct noisy documents per family first (not timed), then times
``parsers.parse_report`` over them (best of ``--repeat`` passes) and prints documents/s, KB/s
and the mean document size. ``--profile`` prints the top functions by cumulative time.
Target: >= 300 documents/s for a ~35 KB CTSLink text report.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_corpus import available, corpus

from parsers import parse_report


def measure(texts: list[str], repeat: int) -> float:
    """Best wall time of ``repeat`` passes parsing every text once."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            parse_report(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(f"{'layout':<15}{'docs':>6}{'mean KB':>9}{'docs/s':>9}{'MB/s':>7}")
    for layout in available():
        try:
            texts = [text for _, text in corpus(layout, args.docs)]
        except Exception as exc:  # a renderer still being built: say so, measure the rest
            print(f"{layout:<15} skipped: renderer failed on a simulated deal: {exc!r}")
            continue
        seconds = measure(texts, args.repeat)
        size = sum(len(t) for t in texts)
        print(f"{layout:<15}{len(texts):>6}{size / len(texts) / 1024:>9.1f}"
              f"{len(texts) / seconds:>9.0f}{size / seconds / 2**20:>7.2f}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [parse_report(t) for t in texts[:100]])  # noqa: B023
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()
