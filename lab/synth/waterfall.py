"""The monthly payment waterfall of an OC-protected home-equity deal.

Order (simplified from a typical 2003-2004 subprime pooling agreement):

1. interest, class by class in priority order (R, A, M, B), current plus unpaid carry-forward;
2. principal: the principal remittance, plus *extra principal* from excess interest while the
   overcollateralization (OC = pool balance - offered classes) is below its target, less an
   *OC release* when it is above. Sequential (R, then A1/A2 pro rata or sequential, A3, M1, M2,
   B) before the stepdown date or while the trigger is in effect; pro rata across A/M/B after;
3. losses the OC cannot absorb write the subordinate classes down, bottom up;
4. what is left (plus prepayment penalties) pays the N notes' interest and principal; the rest is
   the X class's distribution.

Exactness: every split uses ``money.allocate``; the X balance is *defined* as pool minus offered
classes, and its principal / realized loss / accretion are derived from that definition, so
``beginning - principal - realized loss + accretion == ending`` holds to the cent for every
class and all available cash is distributed (the certificate account nets to zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lab.synth.money import ZERO, allocate, cents

__all__ = ["ClassMonth", "ClassSpec", "ClassState", "WaterfallInput", "WaterfallResult", "accrue",
           "class_rate", "run"]


@dataclass(frozen=True)
class ClassSpec:
    """A certificate class: ``role`` drives the waterfall (residual/senior/sub/nim/oc/zero)."""

    name: str
    cusip: str
    class_type: str  # SEN / MEZ / SUB as printed
    original: Decimal
    role: str
    margin: Decimal | None = None  # floater: index + margin (fractions)
    fixed_rate: Decimal | None = None
    day_count: str = "act/360"  # or "30/360"
    group: str | None = None  # classes sharing a group are paid principal pro rata


@dataclass
class ClassState:
    """What a class carries from month to month."""

    spec: ClassSpec
    balance: Decimal
    unpaid_interest: Decimal = ZERO
    cumulative_loss: Decimal = ZERO


@dataclass
class ClassMonth:
    """One class's figures of one distribution (exact; totals = sums of parts)."""

    name: str
    rate: Decimal
    beginning: Decimal
    accrued: Decimal = ZERO
    unpaid_paid: Decimal = ZERO
    shortfall: Decimal = ZERO
    interest: Decimal = ZERO
    remaining_unpaid: Decimal = ZERO
    scheduled: Decimal = ZERO
    unscheduled: Decimal = ZERO
    loss: Decimal = ZERO
    accretion: Decimal = ZERO
    ending: Decimal = ZERO
    cumulative_loss: Decimal = ZERO

    @property
    def principal(self) -> Decimal:
        return self.scheduled + self.unscheduled


@dataclass(frozen=True)
class WaterfallInput:
    """Cash and state the collateral hands the waterfall for one month."""

    interest_remittance: Decimal  # scheduled interest less fees
    scheduled_principal: Decimal
    unscheduled_principal: Decimal
    penalties: Decimal
    pool_ending: Decimal
    index: Decimal  # LIBOR-like index, fraction
    days: int  # actual days in the accrual period
    oc_target: Decimal
    pro_rata: bool  # stepdown reached and no trigger


@dataclass
class WaterfallResult:
    """Per-class figures plus the OC lines the collateral statement prints."""

    classes: list[ClassMonth]
    base_oc: Decimal  # OC after the principal remittance, before extra principal / release
    extra_principal: Decimal
    oc_release: Decimal
    excess_cash: Decimal  # left after extra principal, incl. penalties: to N and X


def class_rate(spec: ClassSpec, index: Decimal) -> Decimal:
    """The class's pass-through rate this period, a fraction with 7 places (x.xxxxx%)."""
    if spec.fixed_rate is not None:
        return spec.fixed_rate
    if spec.margin is None:
        return ZERO
    return (index + spec.margin).quantize(Decimal("0.0000001"))


def accrue(spec: ClassSpec, balance: Decimal, rate: Decimal, days: int) -> Decimal:
    """Interest on the beginning balance, actual/360 or 30/360."""
    if spec.day_count == "30/360":
        return cents(balance * rate / 12)
    return cents(balance * rate * days / 360)


def run(states: list[ClassState], cash: WaterfallInput) -> WaterfallResult:
    """Distribute one month's cash over the classes; updates ``states`` in place."""
    months = {s.spec.name: ClassMonth(s.spec.name, class_rate(s.spec, cash.index), s.balance)
              for s in states}
    notes = [s for s in states if s.spec.role in ("residual", "senior", "sub")]
    excess = _pay_interest(notes, months, cash)
    principal = cash.scheduled_principal + cash.unscheduled_principal
    owed = sum((s.balance for s in notes), ZERO)
    base_oc = cash.pool_ending - (owed - min(principal, owed))
    extra = release = ZERO
    if base_oc < cash.oc_target:
        extra = max(ZERO, min(excess, cash.oc_target - base_oc, owed - min(principal, owed)))
    else:
        release = min(base_oc - cash.oc_target, principal)
    paid = min(owed, principal + extra - release)
    _pay_principal(notes, months, paid, min(cash.scheduled_principal, paid), cash.pro_rata)
    _write_down(notes, months, cash.pool_ending)
    left = excess - extra + cash.penalties
    left = _pay_nim(states, months, left, cash)
    _settle_oc(states, months, cash.pool_ending, principal + extra - paid, left)
    for s in states:
        m = months[s.spec.name]
        s.balance = m.ending = m.beginning - m.principal - m.loss + m.accretion
        s.cumulative_loss += m.loss
        m.cumulative_loss = s.cumulative_loss
    return WaterfallResult([months[s.spec.name] for s in states], max(base_oc, ZERO), extra,
                           release, excess - extra + cash.penalties)


def _pay_interest(notes: list[ClassState], months: dict[str, ClassMonth],
                  cash: WaterfallInput) -> Decimal:
    """Pay current + carried interest in priority order; return the excess interest."""
    available = cash.interest_remittance
    for s in notes:
        m = months[s.spec.name]
        m.accrued = accrue(s.spec, s.balance, m.rate, cash.days)
        available = _pay_due(s, m, available)
    return available


def _pay_due(s: ClassState, m: ClassMonth, available: Decimal) -> Decimal:
    """Pay the carried shortfall first, then current interest; record what stays unpaid."""
    m.unpaid_paid = min(s.unpaid_interest, max(available, ZERO))
    available -= m.unpaid_paid
    current = min(m.accrued, max(available, ZERO))
    available -= current
    m.shortfall = m.accrued - current
    m.interest = m.unpaid_paid + current
    s.unpaid_interest += m.shortfall - m.unpaid_paid
    m.remaining_unpaid = s.unpaid_interest
    return available


def _pay_principal(notes: list[ClassState], months: dict[str, ClassMonth], paid: Decimal,
                   scheduled: Decimal, pro_rata: bool) -> None:
    """Allocate ``paid`` over the notes and split each share into scheduled/unscheduled."""
    shares = _shares(notes, paid, pro_rata)
    sched = allocate(scheduled, shares) if paid else [ZERO] * len(shares)
    for s, share, part in zip(notes, shares, sched, strict=True):
        months[s.spec.name].scheduled = part
        months[s.spec.name].unscheduled = share - part


def _shares(notes: list[ClassState], paid: Decimal, pro_rata: bool) -> list[Decimal]:
    """Principal per note: sequential by priority groups, or pro rata after the stepdown."""
    if pro_rata and not any(s.spec.role == "residual" and s.balance for s in notes):
        return allocate(paid, [s.balance for s in notes])  # shares of balances: never above
    shares = [ZERO] * len(notes)
    left = paid
    for group in _groups(notes):
        amount = min(left, sum((notes[i].balance for i in group), ZERO))
        for i, part in zip(group, allocate(amount, [notes[i].balance for i in group]),
                           strict=True):
            shares[i] = part
        left -= amount
    return shares


def _groups(notes: list[ClassState]) -> list[list[int]]:
    """Sequential payment groups: adjacent classes sharing ``spec.group`` are paid together."""
    groups: list[list[int]] = []
    keys: list[str] = []
    for i, s in enumerate(notes):
        key = s.spec.group or s.spec.name
        if keys and keys[-1] == key:
            groups[-1].append(i)
        else:
            groups.append([i])
            keys.append(key)
    return groups


def _write_down(notes: list[ClassState], months: dict[str, ClassMonth],
                pool_ending: Decimal) -> None:
    """Losses the OC cannot absorb reduce the notes, most junior first."""
    shortfall = sum((months[s.spec.name].beginning - months[s.spec.name].principal
                     for s in notes), ZERO) - pool_ending
    for s in reversed(notes):
        if shortfall <= 0:
            return
        m = months[s.spec.name]
        m.loss = min(shortfall, m.beginning - m.principal)
        shortfall -= m.loss


def _pay_nim(states: list[ClassState], months: dict[str, ClassMonth], left: Decimal,
             cash: WaterfallInput) -> Decimal:
    """N notes: interest, then principal, out of the excess cash; return what remains."""
    for s in (s for s in states if s.spec.role == "nim"):
        m = months[s.spec.name]
        m.accrued = accrue(s.spec, s.balance, m.rate, cash.days)
        left = _pay_due(s, m, left)
        m.unscheduled = min(max(left, ZERO), s.balance)
        left -= m.unscheduled
    return left


def _settle_oc(states: list[ClassState], months: dict[str, ClassMonth], pool_ending: Decimal,
               principal_to_x: Decimal, cash_to_x: Decimal) -> None:
    """X = pool - offered classes; its principal, loss and accretion follow from that."""
    offered = sum((months[s.spec.name].beginning - months[s.spec.name].principal
                   - months[s.spec.name].loss
                   for s in states if s.spec.role in ("residual", "senior", "sub")), ZERO)
    for s in (s for s in states if s.spec.role == "oc"):
        m = months[s.spec.name]
        m.unscheduled = principal_to_x
        m.interest = m.accrued = max(cash_to_x, ZERO)
        delta = m.beginning - principal_to_x - (pool_ending - offered)
        m.loss, m.accretion = (delta, ZERO) if delta >= 0 else (ZERO, -delta)
