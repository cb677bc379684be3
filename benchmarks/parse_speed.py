"""Parse speed: documents per second on one core, per layout family with a renderer.

Run by hand: ``.venv/bin/python benchmarks/parse_speed.py [--docs 300] [--profile]``.
Renders ``--docs`` distinct noisy documents per family first (not timed), then times
``parsers.parse_report`` over them (best CPU time of ``--repeat`` passes) and prints docs/s, MB/s
and the mean document size, then what limits it: the top 3 parser functions by cumulative
time under cProfile (share of the parse, entry points left out). ``--profile`` prints the full
cProfile listing too.
Target: >= 300 documents/s for a ~35 KB CTSLink text report. ``@35KB`` scales each family's
MB/s to a 35 KB document (parse time grows about linearly with size); the ``seed`` row is the
real 34.4 KB CTSLink report parsed ``--docs`` times (one document: its captions and numbers
are cached after the first pass, so it is the warm-cache figure, the generated rows the
honest one).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from lab.corpus import available, corpus
from parsers import parse_report


def measure(texts: list[str], repeat: int) -> float:
    """Best CPU time of ``repeat`` passes parsing every text once (process CPU time, so
    other work on a shared machine does not count against the parser: one core's rate)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            parse_report(text)
        best = min(best, time.process_time() - start)
    return best


def limits(texts: list[str], top: int = 3) -> list[tuple[str, float]]:
    """The ``top`` functions by cumulative time (share of the parse) under cProfile, outside
    the entry point itself: what limits the family's speed."""
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [parse_report(t) for t in texts])
    stats = pstats.Stats(profiler)
    rows = stats.stats  # type: ignore[attr-defined]
    whole = max(cumulative for _, _, _, cumulative, _ in rows.values())
    ranked = sorted(((cumulative, where) for where, (_, _, _, cumulative, _) in rows.items()
                     if where[0].startswith(str(_ROOT)) and not _entry(where)), reverse=True)
    return [(_name(where), cumulative / whole) for cumulative, where in ranked[:top]]


_ROOT = Path(__file__).resolve().parent.parent / "parsers"
#: The parse's own entry points: everything is under them, so they say nothing.
_ENTRIES = {("api.py", "parse_report")}


def _entry(where: tuple[str, int, str]) -> bool:
    file, _, function = where
    return ((Path(file).name, function) in _ENTRIES or function.startswith("<")  # listcomps
            or (function == "parse" and "families" in file))


def _name(where: tuple[str, int, str]) -> str:
    file, _, function = where
    return f"{Path(file).stem}.{function}"


def _row(name: str, texts: list[str], seconds: float, top: str) -> None:
    size = sum(len(t) for t in texts)
    per_second = size / seconds
    print(f"{name:<15}{len(texts):>6}{size / len(texts) / 1024:>9.1f}"
          f"{len(texts) / seconds:>9.0f}{per_second / 2**20:>7.2f}"
          f"{per_second / (35 * 1024):>7.0f}  {top}")


SEED = _ROOT.parent / "absdw" / "sample_data" / "ter034he_nov.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also print full cProfile stats")
    args = parser.parse_args()
    print(f"{'layout':<15}{'docs':>6}{'mean KB':>9}{'docs/s':>9}{'MB/s':>7}{'@35KB':>7}  "
          "top 3 by cumulative time (share of parse time)")
    for layout in available():
        try:
            texts = [text for _, text in corpus(layout, args.docs)]
        except Exception as exc:  # a renderer still being built: say so, measure the rest
            print(f"{layout:<15} skipped: renderer failed on a simulated deal: {exc!r}")
            continue
        seconds = measure(texts, args.repeat)
        top = ", ".join(f"{name} {share:.0%}" for name, share in limits(texts[:100]))
        _row(layout, texts, seconds, top)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [parse_report(t) for t in texts[:100]])  # noqa: B023
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    seed = [SEED.read_text("latin-1")] * args.docs
    _row("seed (real)", seed, measure(seed, args.repeat), "")


if __name__ == "__main__":
    main()
