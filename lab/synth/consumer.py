"""Month-by-month simulation of an auto-loan owner trust, with exact truth per distribution.

``simulate_consumer(spec)`` returns one :class:`parsers.model.Report` per distribution date:
what a parser of the servicer's certificate must recover. Deterministic: one
``random.Random(spec.seed)`` drives the receivables (:mod:`lab.synth.consumer_pool`).

The notes (A-1 money-market, A-2 or A-2a/A-2b, A-3, A-4, B, C) are paid sequentially from
Available Collections (interest + principal collections + recoveries; the reserve account
covers a shortfall of fees and interest) after the servicing fee and all note interest, up to
the amount that brings the notes down to pool balance - target overcollateralization (turbo);
what is left refills the reserve account, then is released to the certificateholders. Every
class rolls forward to the cent (beginning - principal = ending) and factors are ending /
original rounded half up to 7 places.

Truth mapping (the contract of the ``servicer_cert`` parser, see its module docstring):
``Pool.scheduled_principal`` = principal collections other than prepayments in full,
``unscheduled_principal`` = prepayments in full + recoveries (liquidation proceeds of
receivables charged off this period), ``realized_loss`` = net losses (gross charge-offs -
recoveries), ``payoff_count`` = paid in full (prepaid or matured) + defaulted receivables.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from lab.synth.consumer_pool import PoolMonth, PoolParams, originate, run_pool_month
from lab.synth.money import ZERO, allocate, cents, fraction
from parsers.model import Delinquency, Pool, Report, ReportItem, Tranche

__all__ = ["CERT_LINES", "DATES_SECTION", "DELINQUENCY_SECTION", "NOTES_SECTION",
           "ConsumerDealSpec", "simulate_consumer"]

NOTES_SECTION = "note information"
DELINQUENCY_SECTION = "delinquent receivables"
DATES_SECTION = "report dates"
#: Every key-value line of the certificate in printed order: (section heading, label, source);
#: a source ``pool.<field>`` is a typed Pool field, anything else names a ReportItem's value.
CERT_LINES: tuple[tuple[str, str, str], ...] = (
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Pool Balance at the beginning of the Collection "
     "Period", "pool.beginning_balance"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Number of Receivables at the beginning of the "
     "Collection Period", "pool.beginning_loan_count"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Number of Receivables Paid in Full", "paid"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Number of Defaulted Receivables", "defaulted"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Pool Balance at the end of the Collection Period",
     "pool.ending_balance"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Number of Receivables at the end of the "
     "Collection Period", "pool.ending_loan_count"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Pool Factor", "pool_factor"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Weighted Average APR", "pool.wac"),
    ("POOL BALANCE AND PORTFOLIO INFORMATION", "Weighted Average Remaining Term (months)",
     "pool.wam"),
    ("COLLECTIONS", "Scheduled Principal Collections", "pool.scheduled_principal"),
    ("COLLECTIONS", "Prepayments in Full", "prepayments"),
    ("COLLECTIONS", "Total Principal Collections", "principal_collections"),
    ("COLLECTIONS", "Interest Collections", "interest"),
    ("COLLECTIONS", "Liquidation Proceeds and Recoveries", "recoveries"),
    ("CHARGE-OFFS AND LOSSES", "Gross Charge-Offs", "gross"),
    ("CHARGE-OFFS AND LOSSES", "Net Losses for the Collection Period", "pool.realized_loss"),
    ("CHARGE-OFFS AND LOSSES", "Cumulative Net Losses", "pool.cumulative_realized_loss"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Total Available Collections", "available"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Servicing Fee", "servicing_fee"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Noteholders' Interest Distributable Amount",
     "note_interest"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Noteholders' Principal Distributable Amount",
     "note_principal"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Deposit to the Reserve Account", "reserve_deposit"),
    ("AVAILABLE FUNDS AND DISTRIBUTIONS", "Released to the Certificateholders", "released"),
    ("OVERCOLLATERALIZATION", "Overcollateralization Amount", "pool.oc_amount"),
    ("OVERCOLLATERALIZATION", "Target Overcollateralization Amount", "pool.oc_target"),
    ("RESERVE ACCOUNT", "Specified Reserve Account Balance", "reserve_required"),
    ("RESERVE ACCOUNT", "Beginning Reserve Account Balance", "reserve_beginning"),
    ("RESERVE ACCOUNT", "Withdrawals from the Reserve Account", "reserve_draw"),
    ("RESERVE ACCOUNT", "Deposits to the Reserve Account", "reserve_deposit"),
    ("RESERVE ACCOUNT", "Ending Reserve Account Balance", "reserve_ending"),
)
# (name, share of the notes, annual rate)
_NOTES = (("A-1", "0.13", "0.0245"), ("A-2", "0.32", "0.0281"), ("A-3", "0.30", "0.0302"),
          ("A-4", "0.13", "0.0319"), ("B", "0.06", "0.0355"), ("C", "0.06", "0.0392"))


@dataclass(frozen=True)
class ConsumerDealSpec:
    """Everything that makes one synthetic auto-loan deal."""

    series: str = "2019-1"
    seed: int = 11
    months: int = 12
    first_distribution: date = date(2019, 2, 15)
    pool: PoolParams = field(default_factory=PoolParams)
    split_a2: bool = False  # A-2a and A-2b, paid pro rata
    initial_oc: Decimal = Decimal("0.020")  # of the original pool
    target_oc: Decimal = Decimal("0.035")  # of the current pool ...
    oc_floor: Decimal = Decimal("0.010")  # ... but at least this share of the original pool
    reserve: Decimal = Decimal("0.0025")  # specified reserve, of the original pool
    servicing_rate: Decimal = Decimal("0.01")


@dataclass
class _Note:
    name: str
    rate: Decimal
    original: Decimal
    balance: Decimal


def simulate_consumer(spec: ConsumerDealSpec) -> list[Report]:
    """Run the deal for ``spec.months`` distributions; one truth Report per month."""
    rng = random.Random(spec.seed)
    loans = originate(rng, spec.pool)
    original_pool = sum((r.balance for r in loans), ZERO)
    notes = _build_notes(spec, original_pool)
    state = {"reserve": cents(original_pool * spec.reserve), "cumulative": ZERO}
    reports, previous = [], spec.first_distribution - timedelta(days=31)
    for age, paid_on in enumerate(_dates(spec), 1):
        loans, month = run_pool_month(loans, age, rng, spec.pool)
        reports.append(_distribute(spec, month, notes, state, original_pool, paid_on,
                                   (paid_on - previous).days))
        previous = paid_on
    return reports


def _dates(spec: ConsumerDealSpec) -> list[date]:
    """The 15th of each month from the first distribution date."""
    out, day = [], spec.first_distribution
    for _ in range(spec.months):
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, day.day)
    return out


def _build_notes(spec: ConsumerDealSpec, original_pool: Decimal) -> list[_Note]:
    total = original_pool - cents(original_pool * spec.initial_oc)
    structure = list(_NOTES)
    if spec.split_a2:
        structure[1:2] = [("A-2a", "0.16", "0.0281"), ("A-2b", "0.16", "0.0267")]
    sizes = allocate(total, [Decimal(share) for _, share, _ in structure])
    return [_Note(name, Decimal(rate), size, size)
            for (name, _, rate), size in zip(structure, sizes, strict=True)]


def _distribute(spec: ConsumerDealSpec, month: PoolMonth, notes: list[_Note],
                state: dict[str, Decimal], original_pool: Decimal, paid_on: date,
                days: int) -> Report:
    """The waterfall of one distribution date, then its truth Report."""
    begin = {n.name: n.balance for n in notes}
    interest = {n.name: _interest(n, days) for n in notes}
    fee = cents(month.beginning_balance * spec.servicing_rate / 12)
    principal_collections = month.scheduled_principal + month.prepayments
    collected = month.interest + principal_collections + month.recoveries
    oc_target = min(month.ending_balance, max(cents(month.ending_balance * spec.target_oc),
                                              cents(original_pool * spec.oc_floor)))
    notes_begin = sum(begin.values(), ZERO)
    wanted = min(notes_begin, max(ZERO, notes_begin - (month.ending_balance - oc_target)))
    due = fee + sum(interest.values(), ZERO)
    draw = min(state["reserve"], max(ZERO, due - collected))
    if collected + draw < due:
        raise ValueError(f"{paid_on}: collections cannot pay fees and interest (not simulated)")
    paid_principal = min(wanted, collected - due) if collected > due else ZERO
    _pay_sequential(notes, paid_principal)
    required = cents(original_pool * spec.reserve)
    leftover = collected + draw - due - paid_principal
    reserve_begin = state["reserve"]
    deposit = min(leftover, max(ZERO, required - (reserve_begin - draw)))
    state["reserve"] = reserve_begin - draw + deposit
    state["cumulative"] += month.net_losses
    values = {
        "paid": Decimal(month.paid_in_full), "defaulted": Decimal(month.defaulted),
        "pool_factor": fraction(month.ending_balance / original_pool, 7),
        "prepayments": month.prepayments, "principal_collections": principal_collections,
        "interest": month.interest, "gross": month.gross_charge_offs,
        "recoveries": month.recoveries, "available": collected + draw, "servicing_fee": fee,
        "note_interest": sum(interest.values(), ZERO), "note_principal": paid_principal,
        "reserve_deposit": deposit, "released": leftover - deposit,
        "reserve_required": required, "reserve_beginning": reserve_begin,
        "reserve_draw": draw, "reserve_ending": state["reserve"],
    }
    pool = _pool(month, state["cumulative"], oc_target,
                 month.ending_balance - sum((n.balance for n in notes), ZERO))
    return Report(
        distribution_date=paid_on, record_date=paid_on - timedelta(days=1), series=spec.series,
        tranches=[_tranche(n, begin[n.name], interest[n.name]) for n in notes],
        pools=[pool], items=[_collection_period(paid_on), *_items(values)],
        delinquencies=[Delinquency("total", "delinquent", bucket, count, balance)  # type: ignore[arg-type]
                       for bucket, (count, balance) in month.delinquent.items()])


def _interest(note: _Note, days: int) -> Decimal:
    """A-1 accrues actual/360 (a money-market note); the others 30/360."""
    if note.name == "A-1":
        return cents(note.balance * note.rate * days / 360)
    return cents(note.balance * note.rate / 12)


def _pay_sequential(notes: list[_Note], amount: Decimal) -> None:
    """Principal in class order; classes sharing a prefix (A-2a, A-2b) are paid pro rata."""
    groups: dict[str, list[_Note]] = {}
    for n in notes:
        groups.setdefault(n.name.rstrip("ab"), []).append(n)
    for members in groups.values():
        owed = sum((n.balance for n in members), ZERO)
        paid = min(amount, owed)
        shares = allocate(paid, [n.balance for n in members])
        for n, share in zip(members, shares, strict=True):
            n.balance -= min(share, n.balance)
        amount -= paid


def _tranche(n: _Note, beginning: Decimal, interest: Decimal) -> Tranche:
    principal = beginning - n.balance
    return Tranche(class_name=n.name, pass_through_rate=n.rate, original_balance=n.original,
                   beginning_balance=beginning, principal_distribution=principal,
                   interest_distribution=interest, total_distribution=principal + interest,
                   ending_balance=n.balance, factor=fraction(n.balance / n.original, 7))


def _pool(month: PoolMonth, cumulative: Decimal, oc_target: Decimal, oc: Decimal) -> Pool:
    return Pool(
        pool="total", beginning_balance=month.beginning_balance,
        ending_balance=month.ending_balance, beginning_loan_count=month.beginning_count,
        ending_loan_count=month.ending_count, scheduled_principal=month.scheduled_principal,
        unscheduled_principal=month.prepayments + month.recoveries,
        payoff_count=month.paid_in_full + month.defaulted, realized_loss=month.net_losses,
        cumulative_realized_loss=cumulative, wac=month.wac, wam=month.wam, oc_amount=oc,
        oc_target=oc_target)


def _collection_period(paid_on: date) -> ReportItem:
    """The calendar month before the distribution date, printed as ``January 2019``."""
    last = paid_on.replace(day=1) - timedelta(days=1)
    return ReportItem(DATES_SECTION, "Collection Period", text=f"{last:%B %Y}")


def _items(values: dict[str, Decimal]) -> list[ReportItem]:
    """Every certificate line without a typed field, in printed order."""
    return [ReportItem(section.lower(), label, amount=values[source])
            for section, label, source in CERT_LINES if not source.startswith("pool.")]
