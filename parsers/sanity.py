"""Plausibility of the values themselves: shapes and ranges a correctly read figure must have.

The cross-foot identities (:mod:`parsers.checks`) prove amounts agree with each other; these
checks catch what arithmetic cannot: a CUSIP column read as the class description (swapped
headers), a rate a thousand times too large, a negative balance, a delinquent count above the
pool's loan count, and fields a family always prints that came back empty (an unknown synonym).

Only failures are itemised; each family of checks adds one passing summary check when nothing
failed, so a clean report's score is not inflated by hundreds of trivial passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from parsers.model import Check, Pool, Report, Tranche

__all__ = ["completeness_checks", "shape_checks"]

_CUSIP = re.compile(r"^[A-Z0-9]{8,9}$")
_CLASS_TYPE = re.compile(r"^[A-Za-z][A-Za-z /&.-]{0,23}$")
_ZERO = Decimal(0)
_MONEY = ("original_balance", "beginning_balance", "ending_balance", "beginning_notional",
          "ending_notional")
_POOL_MONEY = ("beginning_balance", "ending_balance", "ending_actual_balance",
               "scheduled_principal")


def shape_checks(report: Report) -> list[Check]:
    """``value_shape`` failures for every implausible value; one pass when there is none."""
    problems = [*(p for t in report.tranches for p in _tranche_problems(t)),
                *(p for pool in report.pools for p in _pool_problems(pool)),
                *_delinquency_problems(report)]
    if not problems:
        return [Check("value_shape", True, "every value has a plausible shape and range")]
    return [Check("value_shape", False, detail, subject) for subject, detail in problems]


def _tranche_problems(t: Tranche) -> Iterable[tuple[str, str]]:
    name = t.class_name
    if t.cusip is not None and not _CUSIP.match(t.cusip):
        yield name, f"{name} CUSIP {t.cusip!r} is not 8-9 capital letters and digits"
    if t.class_type is not None and not _CLASS_TYPE.match(t.class_type):
        yield name, f"{name} class type {t.class_type!r} is not a short word"
    rate = t.pass_through_rate
    if rate is not None and not _ZERO <= rate < 1:
        yield name, f"{name} pass-through rate {rate} is not a fraction between 0 and 1"
    if t.factor is not None and not _ZERO <= t.factor <= 2:
        yield name, f"{name} factor {t.factor} is outside 0..2"
    for field in _MONEY:
        value = getattr(t, field)
        if value is not None and value < 0:
            yield name, f"{name} {field} {value} is negative"
    cumulative, original = t.cumulative_realized_loss, t.original_balance
    if cumulative is not None and original and not -1 <= cumulative <= original:
        yield name, f"{name} cumulative realized loss {cumulative} above the face {original}"
    if cumulative is not None and t.realized_loss is not None and t.realized_loss > cumulative:
        yield name, f"{name} realized loss {t.realized_loss} above cumulative {cumulative}"


def _pool_problems(p: Pool) -> Iterable[tuple[str, str]]:
    for field in ("wac", "net_wac"):
        value = getattr(p, field)
        if value is not None and not _ZERO <= value < 1:
            yield p.pool, f"pool {p.pool} {field} {value} is not a fraction between 0 and 1"
    if p.wac is not None and p.net_wac is not None and p.net_wac > p.wac:
        yield p.pool, f"pool {p.pool} net WAC {p.net_wac} above gross WAC {p.wac}"
    for field in _POOL_MONEY:
        value = getattr(p, field)
        if value is not None and value < 0:
            yield p.pool, f"pool {p.pool} {field} {value} is negative"
    begin, end = p.beginning_loan_count, p.ending_loan_count
    if begin is not None and end is not None and end > begin:
        yield p.pool, f"pool {p.pool} ending loan count {end} above beginning {begin}"


def _delinquency_problems(report: Report) -> Iterable[tuple[str, str]]:
    pools = {p.pool: p for p in report.pools}
    for d in report.delinquencies:
        where = f"delinquency {d.pool}/{d.status}/{d.bucket}"
        pool = pools.get(d.pool)
        if (d.loan_count or 0) < 0 or (d.balance or _ZERO) < 0:
            yield d.pool, f"{where} is negative ({d.loan_count} / {d.balance})"
        elif pool and pool.beginning_loan_count is not None and (
                (d.loan_count or 0) > pool.beginning_loan_count):
            yield d.pool, f"{where} count {d.loan_count} above the pool's loan count"
        elif pool and pool.beginning_balance is not None and (
                (d.balance or _ZERO) > pool.beginning_balance):
            yield d.pool, f"{where} balance {d.balance} above the pool's balance"


def completeness_checks(report: Report, tranche_fields: Iterable[str],
                        pool_fields: Iterable[str]) -> list[Check]:
    """``missing_field`` failures for fields a family always prints that came back None (a
    label the vocabulary did not know); one pass when every such field was read."""
    wanted_t, wanted_p = tuple(tranche_fields), tuple(pool_fields)
    out = []
    for record, subject, wanted in [*((t, t.class_name, wanted_t) for t in report.tranches),
                                    *((p, p.pool, wanted_p) for p in report.pools)]:
        missing = [f for f in wanted if getattr(record, f) is None]
        if missing:
            out.append(Check("missing_field", False,
                             f"{subject}: not read although always printed: "
                             f"{', '.join(missing)}", subject))
    if not report.pools and wanted_p:
        out.append(Check("missing_field", False, "no collateral statement read"))
    return out or [Check("missing_field", True, "every always-printed field was read")]
