"""Field-by-field comparison of a parsed report with the truth it was rendered from.

``roundtrip_fields(truth, parsed)`` is the yardstick of the round-trip tests and of
``benchmarks/parse_accuracy.py``: it returns ``(matched, total, mismatches)`` where ``total``
counts every compared field, ``matched`` the equal ones and ``mismatches`` describes the rest
("tranche A1 ending_balance: truth 157824262.00, parsed None").

What is compared:

* the report's distribution and record dates;
* every field of every truth tranche (keyed by class name) and pool (keyed by pool name);
* every delinquency cell (keyed by pool, status, bucket): its loan count and balance;
* with ``items=True``, every truth report item (keyed by section, subject and label; repeated
  keys compared in printed order): its amount and text. Parsed items the truth lacks are not
  counted: renderers print derived figures (per-$1,000 factor tables, Totals rows) that the
  truth leaves out by design, and the parse keeps them as items.

A class, pool or delinquency cell the parse has but the truth does not counts as one compared
field that did not match. ``None`` is a value like any other: a field the truth leaves
unprinted must come back ``None``. Decimals compare by value (``0.0155 == 0.015500``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import fields
from typing import Any

from parsers.model import Report, ReportItem

__all__ = ["roundtrip_fields"]

_Tally = tuple[int, int, list[str]]


def roundtrip_fields(truth: Report, parsed: Report, *, items: bool = False) -> _Tally:
    """``(matched, total, mismatch descriptions)`` of ``parsed`` against ``truth``."""
    parts = [
        _compare_values("report", [("distribution_date", truth.distribution_date,
                                    parsed.distribution_date),
                                   ("record_date", truth.record_date, parsed.record_date)]),
        _compare_records("tranche", _keyed(truth.tranches, "class_name"),
                         _keyed(parsed.tranches, "class_name")),
        _compare_records("pool", _keyed(truth.pools, "pool"), _keyed(parsed.pools, "pool")),
        _compare_records("delinquency", _cells(truth), _cells(parsed)),
    ]
    if items:
        parts.append(_compare_records("item", _items(truth.items), _items(parsed.items),
                                      extras=False))
    matched = sum(p[0] for p in parts)
    total = sum(p[1] for p in parts)
    return matched, total, [m for p in parts for m in p[2]]


def _keyed(records: Iterable[Any], key: str) -> dict[Hashable, Any]:
    """Records by their key; a repeated key keeps the first record (the merge's rule)."""
    out: dict[Hashable, Any] = {}
    for record in records:
        out.setdefault(getattr(record, key), record)
    return out


def _cells(report: Report) -> dict[Hashable, Any]:
    return {(d.pool, d.status, d.bucket): d for d in report.delinquencies}


def _items(found: list[ReportItem]) -> dict[Hashable, Any]:
    """Items by (section, subject, label, n-th occurrence of that key)."""
    seen: dict[tuple[str, str | None, str], int] = {}
    out: dict[Hashable, Any] = {}
    for item in found:
        base = (item.section, item.subject, item.label)
        seen[base] = seen.get(base, 0) + 1
        out[(*base, seen[base])] = item
    return out


def _compare_records(kind: str, truth: dict[Hashable, Any], parsed: dict[Hashable, Any],
                     *, extras: bool = True) -> _Tally:
    matched, total, problems = 0, 0, []
    for key, expected in truth.items():
        got = parsed.get(key)
        if got is None:
            names = _field_names(expected)
            total += len(names)
            problems.append(f"{kind} {_show(key)}: missing ({len(names)} fields)")
            continue
        m, t, p = _compare_values(f"{kind} {_show(key)}", [
            (name, getattr(expected, name), getattr(got, name)) for name in _field_names(expected)
        ])
        matched, total, problems = matched + m, total + t, problems + p
    for key in (parsed.keys() - truth.keys()) if extras else ():
        total += 1
        problems.append(f"{kind} {_show(key)}: not in the truth")
    return matched, total, problems


#: The printed form of a delinquency's bucket (a renderer's wording, not a figure of the
#: deal): checked by tests/parsers/test_buckets.py and the real-document tests instead.
PRINTED_FORM = frozenset({"printed_bucket", "days_from", "days_to"})


def _field_names(record: Any) -> list[str]:
    keys = {"class_name", "pool", "status", "bucket", "section", "label", "subject",
            *PRINTED_FORM}
    return [f.name for f in fields(record) if f.name not in keys]


def _compare_values(where: str, triples: list[tuple[str, Any, Any]]) -> _Tally:
    matched, problems = 0, []
    for name, expected, got in triples:
        if _same(expected, got):
            matched += 1
        else:
            problems.append(f"{where} {name}: truth {expected!r}, parsed {got!r}")
    return matched, len(triples), problems


def _same(expected: Any, got: Any) -> bool:
    """Equal values of the same kind (``True`` is not ``1``; ``None`` only equals ``None``)."""
    if expected is None or got is None:
        return expected is got
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(expected) is type(got) and expected == got
    return bool(expected == got)


def _show(key: Hashable) -> str:
    if isinstance(key, tuple):
        return "/".join(str(k) for k in key if k is not None)
    return str(key)
