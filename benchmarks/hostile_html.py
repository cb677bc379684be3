"""Hostile HTML: parse time of rowspan/colspan attacks by size (run by hand; tests assert none).

``.venv/bin/python benchmarks/hostile_html.py`` prints, per document size, the CPU seconds
``parse_report`` takes on tables whose every row is one cell spanning 64 x 64 slots, and how
the document ended (the slot budget or the CPU budget quarantines it). Before the fix the same
shapes took 7.5 s at a few KB and 272 s at 207 KB (issue 11).
"""

from __future__ import annotations

import time

from parsers import parse_report

HEAD = "<html><body><p>Certificate Payment Report</p><p>Distribution Date: 11/25/2004</p>\n"


def attack(tables: int, rows: int) -> str:
    table = "<table>" + '<tr><td rowspan="64" colspan="64">1.00</td></tr>' * rows + "</table>"
    return HEAD + table * tables


def main() -> None:
    print(f"{'KB':>8} {'tables':>7} {'rows':>5} {'CPU s':>8}  outcome")
    for tables, rows in ((1, 180), (1, 240), (6, 180), (24, 180), (100, 180)):
        text = attack(tables, rows)
        started = time.process_time()
        result = parse_report(text)
        spent = time.process_time() - started
        print(f"{len(text) / 1000:>8.1f} {tables:>7} {rows:>5} {spent:>8.2f}  "
              f"{result.status}: {(result.error or '')[:70]}")


if __name__ == "__main__":
    main()
