"""Receivable-level simulation of an auto-loan pool, month by month, in exact Decimal cents.

Each receivable is a level-pay simple-interest loan (balance, APR, remaining term, payment).
Every collection period each receivable still in the pool does one of:

* **prepay in full** (current receivables only) with the single-month probability implied by
  the deal's ABS speed: ``abs / (1 - abs * (age - 1))`` — an ABS speed is a share of the
  *original* receivable count prepaying each month;
* **pay** its scheduled payment (interest first, the rest principal; the last payment retires
  the balance — a *maturity*, counted with the paid-in-full receivables);
* **miss** a payment (delinquency rolls one bucket: 1 missed = 31-60 days, 2 = 61-90, 3 = 91-120);
  a delinquent receivable may **cure** (re-aged to current when it pays) or roll on; at 4 missed
  payments it is **charged off**: its balance is the gross charge-off, the liquidation proceeds
  (recoveries) received in the same period are a share of it, the rest is the net loss.

So, to the cent and by construction: beginning - scheduled principal - prepayments - gross
charge-offs = ending, i.e. beginning - scheduled - (prepayments + recoveries) - net losses =
ending, and beginning count - paid in full - defaulted = ending count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from lab.synth.money import ZERO, cents, fraction

__all__ = ["PoolMonth", "PoolParams", "Receivable", "originate", "run_pool_month"]

#: days past due printed for 1, 2 and 3 missed payments (charged off at 4)
MISSED_BUCKETS = {1: "30-59", 2: "60-89", 3: "90-119"}
CHARGE_OFF_AT = 4


@dataclass(frozen=True)
class PoolParams:
    """Behaviour of the pool; defaults resemble a prime auto-loan trust."""

    receivables: int = 400
    abs_speed: float = 0.015  # 1.5% ABS
    miss_rate: float = 0.02  # a current receivable misses a payment
    cure_rate: float = 0.35  # a delinquent receivable pays and is re-aged current
    pay_late_rate: float = 0.25  # a delinquent receivable pays one payment, stays delinquent
    recovery_rate: float = 0.45  # mean share of a charged-off balance recovered


@dataclass
class Receivable:
    balance: Decimal
    apr: Decimal  # fraction, 4 places
    remaining: int  # months
    payment: Decimal
    missed: int = 0


@dataclass
class PoolMonth:
    """What one collection period did to the pool (every figure exact)."""

    beginning_balance: Decimal
    beginning_count: int
    scheduled_principal: Decimal = ZERO
    prepayments: Decimal = ZERO
    interest: Decimal = ZERO
    gross_charge_offs: Decimal = ZERO
    recoveries: Decimal = ZERO
    paid_in_full: int = 0  # prepaid or matured
    defaulted: int = 0
    ending_balance: Decimal = ZERO
    ending_count: int = 0
    wac: Decimal | None = None  # ending pool, balance-weighted APR, 5 places
    wam: int | None = None  # ending pool, balance-weighted remaining term, months
    delinquent: dict[str, tuple[int, Decimal]] = field(default_factory=dict)

    @property
    def net_losses(self) -> Decimal:
        return self.gross_charge_offs - self.recoveries


def originate(rng: random.Random, params: PoolParams) -> list[Receivable]:
    """``params.receivables`` seasoned auto loans ($6,000-$45,000, 1.9%-17.9% APR)."""
    loans = []
    for _ in range(params.receivables):
        balance = cents(Decimal(rng.randint(600_000, 4_500_000)) / 100)
        apr = Decimal(rng.randint(190, 1790)) / 10_000
        remaining = rng.randint(18, 72)
        loans.append(Receivable(balance, apr, remaining, _level_payment(balance, apr, remaining)))
    return loans


def _level_payment(balance: Decimal, apr: Decimal, months: int) -> Decimal:
    """The annuity payment that retires ``balance`` over ``months`` at ``apr``."""
    monthly = apr / 12
    return cents(balance * monthly / (1 - (1 + monthly) ** -months))


def run_pool_month(loans: list[Receivable], age: int, rng: random.Random,
                   params: PoolParams) -> tuple[list[Receivable], PoolMonth]:
    """One collection period; returns the receivables still in the pool and the period's facts."""
    month = PoolMonth(sum((r.balance for r in loans), ZERO), len(loans))
    smm = params.abs_speed / max(1e-9, 1 - params.abs_speed * (age - 1))
    kept = [r for r in loans if _step(r, rng, smm, params, month)]
    month.ending_balance = sum((r.balance for r in kept), ZERO)
    month.ending_count = len(kept)
    _portfolio(kept, month)
    return kept, month


def _step(r: Receivable, rng: random.Random, smm: float, params: PoolParams,
          month: PoolMonth) -> bool:
    """Apply one period to ``r``; False when it left the pool."""
    draw = rng.random()
    if r.missed == 0:
        if draw < smm:
            month.interest += cents(r.balance * r.apr / 12)
            month.prepayments += r.balance
            month.paid_in_full += 1
            return False
        if draw < smm + params.miss_rate:
            r.missed = 1
            return True
        return _pay(r, month)
    if draw < params.cure_rate:
        r.missed = 0
        return _pay(r, month)
    if draw < params.cure_rate + params.pay_late_rate:
        return _pay(r, month)
    r.missed += 1
    if r.missed < CHARGE_OFF_AT:
        return True
    recovered = cents(r.balance * Decimal(str(params.recovery_rate))
                      * Decimal(rng.randint(60, 140)) / 100)
    month.gross_charge_offs += r.balance
    month.recoveries += min(recovered, r.balance)
    month.defaulted += 1
    return False


def _pay(r: Receivable, month: PoolMonth) -> bool:
    """One scheduled payment: interest, then principal; the last one retires the balance."""
    interest = cents(r.balance * r.apr / 12)
    principal = min(r.balance, max(ZERO, r.payment - interest))
    r.remaining -= 1
    if r.remaining <= 0:
        principal = r.balance
    month.interest += interest
    month.scheduled_principal += principal
    r.balance -= principal
    if r.balance == ZERO:
        month.paid_in_full += 1
        return False
    return True


def _portfolio(kept: list[Receivable], month: PoolMonth) -> None:
    """Weighted averages and delinquency cells of the ending pool."""
    total = month.ending_balance
    if total > 0:
        month.wac = fraction(sum((r.balance * r.apr for r in kept), ZERO) / total, 5)
        month.wam = int(fraction(sum((r.balance * r.remaining for r in kept), ZERO) / total,
                                 0))
    for missed, bucket in MISSED_BUCKETS.items():
        late = [r for r in kept if r.missed == missed]
        month.delinquent[bucket] = (len(late), sum((r.balance for r in late), ZERO))
