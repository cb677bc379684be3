"""Cross-foot identities: the report's own arithmetic, re-done. Checks are data, never raised.

Identities (each a :class:`~parsers.model.Check`, ``subject`` = class or pool):

* ``tranche_rollforward``  beginning - principal - realized loss + accretion = ending
* ``tranche_principal``    principal = scheduled + unscheduled
* ``tranche_distribution`` total distribution = interest + principal
* ``tranche_reduction``    beginning - ending = total principal reduction
* ``tranche_notional``     notional = principal balance (classes with a face amount)
* ``tranche_interest``     interest = accrued + unpaid shortfall paid - shortfalls - losses (1c)
* ``tranche_factor``       printed factor = ending / original, rounded to the printed places
* ``class_totals``         each printed Totals cell = the sum of its classes (a difference equal
                           to rows printed twice is named as the cause)
* ``factor_per_1000``      each per-$1,000 row = its class's amounts / original x 1,000
* ``pool_rollforward``     beginning - scheduled - unscheduled - realized loss = ending
* ``pool_loan_count``      beginning count - paid in full = ending count
* ``delinquency_totals``   the Totals row and the Total column = sums of the cells
* ``delinquency_percentages`` each printed share = count / ending loan count and
                           balance / ending (actual or scheduled) balance
* ``value_shape``          plausible values (:mod:`parsers.sanity`)
* notes recorded while reading (``duplicate_class_row``, ``class_field_conflict`` ...)

A failed identity's detail names a printed figure equal to the difference when there is one
(the seed's pool roll-forward misses by exactly class N's original balance).

Score and quarantine policy: :mod:`parsers.quality`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import cast

from parsers.engine.evidence import DelinquencyEvidence, Evidence, FactorCell
from parsers.model import Check, Pool, Report, Tranche
from parsers.quality import quality_score
from parsers.sanity import shape_checks

__all__ = ["TOLERANCE", "run_checks", "score"]

#: Largest difference still equal for printed money (half a cent).
TOLERANCE = Decimal("0.005")
#: Identities over separately rounded figures may miss by a cent.
CENT = Decimal("0.01")
_ZERO = Decimal(0)


def score(checks: list[Check]) -> float:
    """The weighted quality score (:func:`parsers.quality.quality_score`)."""
    return quality_score(checks)


def run_checks(report: Report, evidence: Evidence) -> list[Check]:
    """Every identity the report's figures allow, then the family's reading notes."""
    checks: list[Check] = []
    for tranche in report.tranches:
        checks.extend(_tranche_checks(tranche, report))
    checks.extend(_class_totals(report, evidence))
    checks.extend(_factor_checks(report.tranches, evidence.factors))
    for pool in report.pools:
        checks.extend(_pool_checks(pool, report))
        for matrix in (m for m in evidence.delinquency if m.pool == pool.pool):
            checks.extend(_delinquency_checks(report, matrix, pool))
    return checks + shape_checks(report) + evidence.notes


def _equal(name: str, subject: str | None, left: Decimal, right: Decimal, text: str,
           report: Report) -> Check:
    diff = left - right
    if abs(diff) <= TOLERANCE:
        return Check(name, True, f"{text}: {left} = {right}", subject)
    cause = _cause(diff, report)
    return Check(name, False, f"{text}: {left} != {right} (off by {diff}){cause}", subject,
                 explained=bool(cause))


#: The Tranche fields that hold figures (all but the class name).
_TRANCHE_FIGURES = tuple(f.name for f in fields(Tranche) if f.name != "class_name")


def _cause(diff: Decimal, report: Report) -> str:
    """Name a printed figure equal to ``diff`` (in absolute value), if any: class fields
    first, then deal-level items (factor tables and Totals repeat class figures)."""
    target = abs(diff)
    for tranche in report.tranches:
        for name in _TRANCHE_FIGURES:
            value = getattr(tranche, name)
            if isinstance(value, Decimal) and value == target:
                return f"; equals class {tranche.class_name} {name}"
    for item in report.items:
        if item.amount is not None and item.amount == target and item.subject is None:
            return f"; equals {item.section} {item.label!r}"
    return ""


def _known(*values: object) -> bool:
    """No value is None (``None not in (...)`` would compare None to each Decimal: slow)."""
    return all(v is not None for v in values)


def _tranche_checks(t: Tranche, report: Report) -> Iterable[Check]:
    name = t.class_name
    principal = t.principal_distribution
    if principal is None and t.scheduled_principal is not None:
        principal = t.scheduled_principal + (t.unscheduled_principal or _ZERO)
    if _known(t.beginning_balance, principal, t.ending_balance):
        expected = (t.beginning_balance - principal - (t.realized_loss or _ZERO)  # type: ignore[operator]
                    + (t.accretion or _ZERO))
        yield _equal("tranche_rollforward", name, expected, t.ending_balance,  # type: ignore[arg-type]
                     f"{name} beginning - principal - loss + accretion vs ending", report)
    if _known(t.principal_distribution, t.scheduled_principal, t.unscheduled_principal):
        yield _equal("tranche_principal", name, t.principal_distribution,  # type: ignore[arg-type]
                     t.scheduled_principal + t.unscheduled_principal,  # type: ignore[operator]
                     f"{name} principal vs scheduled + unscheduled", report)
    if _known(t.total_distribution, t.interest_distribution, t.principal_distribution):
        yield _equal("tranche_distribution", name, t.total_distribution,  # type: ignore[arg-type]
                     t.interest_distribution + t.principal_distribution,  # type: ignore[operator]
                     f"{name} total distribution vs interest + principal", report)
    if _known(t.beginning_balance, t.ending_balance, t.total_principal_reduction):
        yield _equal("tranche_reduction", name, t.beginning_balance - t.ending_balance,  # type: ignore[operator]
                     t.total_principal_reduction, f"{name} beginning - ending vs total "  # type: ignore[arg-type]
                     "principal reduction", report)
    yield from _interest_checks(t, report)
    if t.factor is not None and t.ending_balance is not None and t.original_balance:
        expected = _round_like(t.ending_balance / t.original_balance, t.factor)
        yield Check("tranche_factor", expected == t.factor,
                    f"{name} factor {t.factor} vs ending / original {expected}", name)


def _interest_checks(t: Tranche, report: Report) -> Iterable[Check]:
    """Notional = principal balance for a class with a face amount; interest paid = accrued +
    unpaid shortfall paid - shortfalls - realized losses, to the cent (trustees round each)."""
    name = t.class_name
    if t.original_balance:
        for begin_or_end in ("beginning", "ending"):
            notional = getattr(t, f"{begin_or_end}_notional")
            balance = getattr(t, f"{begin_or_end}_balance")
            if notional is not None and balance is not None:
                yield _equal("tranche_notional", name, notional, balance,
                             f"{name} {begin_or_end} notional vs balance", report)
    parts = (t.accrued_interest, t.unpaid_interest_shortfall_paid, t.current_interest_shortfall,
             t.non_supported_interest_shortfall, t.interest_realized_loss)
    if t.interest_distribution is not None and _known(*parts):
        accrued, paid, short, unsupported, loss = cast(tuple[Decimal, ...], parts)  # all known
        expected = accrued + paid - short - unsupported - loss
        diff = expected - t.interest_distribution
        yield Check("tranche_interest", abs(diff) <= CENT,
                    f"{name} accrued + shortfall paid - shortfalls - losses {expected} vs "
                    f"interest distribution {t.interest_distribution}", name)


def _round_like(value: Decimal, printed: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``value`` rounded to as many decimal places as ``printed`` shows (``quantize`` takes
    only the exponent of its argument)."""
    return value.quantize(printed, rounding)


def _rounds_to(value: Decimal, printed: Decimal) -> bool:
    """``printed`` is ``value`` rounded half up or half even (trustees differ on ties)."""
    return printed in (_round_like(value, printed), _round_like(value, printed, ROUND_HALF_EVEN))


def _class_totals(report: Report, evidence: Evidence) -> Iterable[Check]:
    by_name = {t.class_name: t for t in report.tranches}
    for table in evidence.class_tables:
        for field_name, printed in table.totals.items():
            values = [getattr(by_name[c], field_name) for c in table.classes if c in by_name]
            total = sum((v for v in values if v is not None), _ZERO)
            diff = printed - total
            detail = f"{table.section} Totals {field_name}: printed {printed}, classes sum {total}"
            if abs(diff) <= TOLERANCE:
                yield Check("class_totals", True, detail, "Totals")
                continue
            dupes = [(c, v[field_name]) for c, v in table.duplicates if v.get(field_name)]
            cause = _ZERO if not dupes else sum((v for _, v in dupes), _ZERO)
            printed_twice = bool(dupes) and cause == diff
            # a total the trustee summed before rounding each class to the cent
            rounding = not printed_twice and abs(diff) <= CENT * len(values)
            named = "" if printed_twice or rounding else _cause(diff, report)
            why = (f" (off by {diff} = rows printed twice: {', '.join(c for c, _ in dupes)})"
                   if printed_twice else
                   f" (off by {diff}: within the rounding of {len(values)} classes' cents)"
                   if rounding else f" (off by {diff}){named}")
            yield Check("class_totals", False, detail + why, "Totals",
                        explained=printed_twice or rounding)


def _factor_checks(tranches: list[Tranche], cells: list[FactorCell]) -> Iterable[Check]:
    """One check per (factor table, class): every mapped cell agrees with the amounts."""
    by_name = {t.class_name: t for t in tranches}
    rows: dict[tuple[str, str], list[str]] = {}
    for section, subject, name, printed in cells:
        tranche = by_name.get(subject)
        amount = getattr(tranche, name, None) if tranche is not None else None
        if amount is None:
            continue
        problems = rows.setdefault((section, subject), [])
        problem = _factor_problem(tranche, name, amount, printed)  # type: ignore[arg-type]
        if problem:
            problems.append(problem)
    for (section, subject), problems in rows.items():
        detail = "; ".join(problems) or f"{subject}: every {section} cell agrees"
        yield Check("factor_per_1000", not problems, detail, subject)


#: Factor-table columns printed as the class's own figure, not per $1,000 of original face.
_AS_PRINTED = frozenset({"original_balance", "pass_through_rate", "factor"})


def _factor_problem(tranche: Tranche, name: str, amount: Decimal,
                   printed: Decimal) -> str | None:
    """None when a factor-table cell agrees with the class ``amount`` (field ``name``) it is
    derived from, else what disagrees."""
    original = tranche.original_balance
    if name in _AS_PRINTED:
        expected = amount
    elif not original:
        expected = _ZERO
    else:
        expected = _round_like(amount / original * 1000, printed)
        # worked out from unrounded amounts (or summed from rounded parts), a per-$1,000
        # figure may differ from ours by one cent's worth of face plus one printed unit
        if expected != printed:
            unit = Decimal(1).scaleb(printed.as_tuple().exponent)  # type: ignore[arg-type]
            if abs(printed - expected) <= CENT * 1000 / original + unit:
                return None
    if expected == printed:
        return None
    return f"{tranche.class_name} {name}: printed {printed}, computed {expected}"


def _pool_checks(pool: Pool, report: Report) -> Iterable[Check]:
    p = pool
    if _known(p.beginning_balance, p.scheduled_principal, p.unscheduled_principal,
                    p.ending_balance):
        expected = (p.beginning_balance - p.scheduled_principal  # type: ignore[operator]
                    - p.unscheduled_principal - (p.realized_loss or _ZERO))
        yield _equal("pool_rollforward", p.pool, expected, p.ending_balance,  # type: ignore[arg-type]
                     "beginning - scheduled - unscheduled - realized loss vs ending", report)
    if _known(p.beginning_loan_count, p.payoff_count, p.ending_loan_count):
        expected_count = p.beginning_loan_count - p.payoff_count  # type: ignore[operator]
        yield Check("pool_loan_count", expected_count == p.ending_loan_count,
                    f"beginning count - paid in full {expected_count} vs ending count "
                    f"{p.ending_loan_count}", p.pool)


def _delinquency_checks(
    report: Report, matrix: DelinquencyEvidence, pool: Pool
) -> Iterable[Check]:
    cells = [d for d in report.delinquencies if d.pool == matrix.pool]
    groups = [(s, [d for d in cells if d.status == s]) for s in matrix.status_totals]
    groups += [(b, [d for d in cells if d.bucket == b]) for b in matrix.bucket_totals
               if b != "totals"]
    printed = {**matrix.status_totals, **matrix.bucket_totals}
    for key, members in groups:
        count = sum(d.loan_count or 0 for d in members)
        balance = sum((d.balance or _ZERO for d in members), _ZERO)
        p_count, p_balance = printed[key]
        ok = count == p_count and abs(balance - (p_balance or _ZERO)) <= TOLERANCE
        yield Check("delinquency_totals", ok, f"{key}: printed {p_count} / {p_balance}, "
                    f"cells sum {count} / {balance}", matrix.pool)
    if matrix.shares:
        yield _share_check(matrix, cells, pool)


def _share_check(matrix: DelinquencyEvidence, cells: list, pool: Pool) -> Check:
    """Every printed percentage against count / ending count and balance / ending balance
    (the actual balance when printed, as CTSLink uses it, else the scheduled balance)."""
    amounts = {(d.status, d.bucket): (d.loan_count, d.balance) for d in cells}
    for status, value in matrix.status_totals.items():
        amounts[(status, "totals")] = value
    for bucket, value in matrix.bucket_totals.items():
        amounts[("total", bucket)] = value
    bases = [b for b in (pool.ending_actual_balance, pool.ending_balance) if b]
    problems = []
    for key, (count_share, balance_share) in matrix.shares.items():
        count, balance = amounts.get(key, (None, None))
        ending = pool.ending_loan_count
        if count is not None and count_share is not None and ending and (
            not _rounds_to(Decimal(count) / ending, count_share)
        ):
            problems.append(f"{key} count share {count_share}")
        if balance is not None and balance_share is not None and bases and not any(
            _rounds_to(balance / base, balance_share) for base in bases
        ):
            problems.append(f"{key} balance share {balance_share}")
    detail = "; ".join(problems) or f"{len(matrix.shares)} printed percentage pairs agree"
    return Check("delinquency_percentages", not problems, detail, matrix.pool)
