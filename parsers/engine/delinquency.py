"""Delinquency matrices printed as count lines over balance lines.

Layout (CTSLink, also common elsewhere)::

               DELINQUENT     BANKRUPTCY   ...   Total
    30 Days    36             2                  38             <- loan counts
               4,896,139.31   215,634.26         5,111,773.57   <- balances
    ...
    Totals     43             2                  45

followed by the same grid in percentages. Counts and balances per status and bucket become
:class:`~parsers.model.Delinquency` records; the Totals row, the Total column and the
percentage half are derived, so they go to :class:`DelinquencyEvidence` for the checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from parsers.engine.buckets import printed_bounds
from parsers.engine.columns import Grid, Row
from parsers.engine.evidence import DelinquencyEvidence
from parsers.engine.numbers import is_number, parse_amount, parse_count, parse_rate
from parsers.model import Delinquency

__all__ = ["STATUS_WORDS", "bucket_names", "read_delinquency_matrix"]

#: Column header word -> status ("total" marks the derived Total column).
STATUS_WORDS: Mapping[str, str] = {
    "delinquent": "delinquent", "delinquency": "delinquent", "bankruptcy": "bankruptcy",
    "foreclosure": "foreclosure", "reo": "reo", "total": "total", "totals": "total",
}
_DAYS = re.compile(r"^\s*(\d+)\s*(?:-\s*\d+|\+)?\s*days?\b", re.IGNORECASE)
Entry = tuple[str, list[str | None], list[str | None]]


def bucket_names(labels: list[str]) -> dict[str, str]:
    """Row label -> bucket: ``0-29 Days`` -> current, ``30 Days`` -> 30-59 (up to the next
    printed start), the last -> ``180+``; labels that are not day ranges are left out."""
    starts = {label: int(m.group(1)) for label in labels if (m := _DAYS.match(label))}
    ordered = sorted(set(starts.values()))
    names: dict[str, str] = {}
    for label, start in starts.items():
        i = ordered.index(start)
        if start == 0:
            names[label] = "current"
        elif i + 1 < len(ordered):
            names[label] = f"{start}-{ordered[i + 1] - 1}"
        else:
            names[label] = f"{start}+"
    return names


def read_delinquency_matrix(
    grid: Grid, pool: str = "total"
) -> tuple[list[Delinquency], DelinquencyEvidence]:
    """Records for every status x bucket cell printed, plus the derived figures."""
    statuses = [STATUS_WORDS.get(h.strip().lower()) for h in grid.headers[1:]]
    entries = _entries(grid.rows)
    buckets = bucket_names([label for label, _, _ in entries])
    records: list[Delinquency] = []
    evidence = DelinquencyEvidence(pool=pool)
    for label, first, second in entries:
        bucket = "totals" if label.lower().startswith("total") else buckets.get(label)
        if bucket is None:
            continue
        if any(cell and cell.strip().endswith("%") for cell in first):
            _shares(evidence, statuses, bucket, first, second)
            continue
        for status, count_text, balance_text in zip(statuses, first, second, strict=True):
            count, balance = parse_count(count_text), parse_amount(balance_text)
            if status is None or (count is None and balance is None):
                continue
            if status == "total":
                evidence.bucket_totals[bucket] = (count, balance)
            elif bucket == "totals":
                evidence.status_totals[status] = (count, balance)
            else:
                records.append(Delinquency(pool, status, bucket, count, balance,  # type: ignore[arg-type]
                                           label, *printed_bounds(label)))
    return records, evidence


def _entries(rows: list[Row]) -> list[Entry]:
    """(label, first line, second line) for each labelled numeric row and the line under it."""
    numeric = [r for r in rows if any(v and is_number(v) for v in r.values)]
    entries: list[Entry] = []
    for row in numeric:
        if row.label.strip():
            entries.append((row.label.strip(), row.values, [None] * len(row.values)))
        elif entries:
            entries[-1] = (entries[-1][0], entries[-1][1], row.values)
    return entries


def _shares(
    evidence: DelinquencyEvidence, statuses: list[str | None], bucket: str,
    first: list[str | None], second: list[str | None],
) -> None:
    for status, count_text, balance_text in zip(statuses, first, second, strict=True):
        if status is not None and (count_text or balance_text):
            evidence.shares[(status, bucket)] = (parse_rate(count_text), parse_rate(balance_text))

