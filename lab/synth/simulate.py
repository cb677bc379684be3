"""Month-by-month simulation of a subprime home-equity ABS trust, with exact truth.

``simulate(spec)`` returns one :class:`parsers.model.Report` per distribution date: the TRUTH a
parser of a rendered document must recover. It is deterministic: a single ``random.Random``
seeded from ``spec.seed`` drives everything (loan tape, index path, borrower behaviour).

How the truth is made exact (not "close"):

* the pool (``collateral.py``) is simulated loan by loan with ``Decimal`` cents, so pool
  amounts, loan counts and delinquency cells are plain sums over real loans, and
  ``beginning - scheduled - unscheduled - realized loss == ending`` holds by construction
  (liquidated principal = net liquidation proceeds, inside unscheduled, + realized loss);
* the waterfall (``waterfall.py``) splits cash with a largest-remainder allocator and defines the
  X class as pool minus offered classes, so every class rolls forward to the cent and all cash
  is paid out (the certificate account deposits equal its withdrawals);
* rates and factors are rounded once, half up, at the precision the report prints.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from lab.synth.collateral import CollateralMonth, CollateralParams, originate, run_month
from lab.synth.money import ZERO, cents
from lab.synth.truth import MonthFacts, build_report
from lab.synth.waterfall import ClassSpec, ClassState, WaterfallInput, run
from parsers.model import Report

__all__ = ["DealSpec", "build_classes", "distribution_dates", "record_date", "simulate",
           "sixty_plus_share"]

# (name, share of the pool, SEN/MEZ/SUB, role, margin over the index, pro-rata group)
_STRUCTURE = (
    ("A1", "0.642", "SEN", "senior", "0.0043", "A"),
    ("A2", "0.0945", "SEN", "senior", "0.0020", "A"),
    ("A3", "0.060", "SEN", "senior", "0.0043", None),
    ("M1", "0.0545", "MEZ", "sub", "0.0075", None),
    ("M2", "0.045", "MEZ", "sub", "0.0175", None),
)


@dataclass(frozen=True)
class DealSpec:
    """Everything that makes one synthetic deal; defaults resemble TERWIN 2003-4HE."""

    series: str = "2004-1"
    ticker: str = "ASH"  # three letters used in internal CUSIPs and the "XXX  Series:" line
    closing_date: date = date(2004, 1, 29)
    months: int = 24
    seed: int = 7
    collateral: CollateralParams = field(default_factory=CollateralParams)
    senior_pro_rata: bool = True  # A1 and A2 share principal pro rata (else sequential)
    with_nim: bool = True  # N notes paid from excess cash
    oc_pct: Decimal = Decimal("0.0185")  # initial (= target before stepdown) OC / pool
    oc_floor_pct: Decimal = Decimal("0.005")  # of the original pool, after stepdown
    stepdown_month: int = 13
    trigger_threshold: Decimal = Decimal("0.12")  # 60+ delinquent share of the pool
    servicing_rate: Decimal = Decimal("0.005")
    lpmi_rate: Decimal = Decimal("0.0065")
    trustee_rate: Decimal = Decimal("0.000119")
    index_start: Decimal = Decimal("0.01120")


def distribution_dates(closing: date, months: int) -> list[date]:
    """The 25th of each month after closing, rolled forward off weekends."""
    dates = []
    year, month = closing.year, closing.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = date(year, month, 25)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        dates.append(day)
    return dates


def record_date(distribution: date) -> date:
    """Last day of the month before the distribution."""
    first = distribution.replace(day=1)
    prior = first - timedelta(days=1)
    return prior.replace(day=calendar.monthrange(prior.year, prior.month)[1])


def build_classes(spec: DealSpec, pool: Decimal) -> list[ClassSpec]:
    """R, A1-A3, M1, M2, B, (N), X, RX sized off the original pool; X is the initial OC."""
    code = spec.series.replace("-", "")[2:].ljust(3, "0")[:3]

    def cusip(suffix: str) -> str:  # internal ids like the seed's TER034HER / TER34HERX
        stem = f"{spec.ticker}{code}HE" if len(suffix) == 1 else f"{spec.ticker}{code[1:]}HE"
        return f"{stem}{suffix}"

    classes = [ClassSpec("R", cusip("R"), "SEN", Decimal("100.00"), "residual",
                         margin=Decimal("0.0043"))]
    for i, (name, share, kind, role, margin, group) in enumerate(_STRUCTURE):
        classes.append(ClassSpec(name, _cusip(spec.ticker, spec.seed, i), kind,
                                 _round_thousand(pool * Decimal(share)), role,
                                 margin=Decimal(margin),
                                 group=group if spec.senior_pro_rata else None))
    offered = sum((c.original for c in classes), ZERO)
    b_size = _round_thousand(pool * (1 - spec.oc_pct) - offered)
    classes.append(ClassSpec("B", _cusip(spec.ticker, spec.seed, 9), "SUB", b_size, "sub",
                             margin=Decimal("0.0538")))
    if spec.with_nim:
        classes.append(ClassSpec("N", cusip("N"), "SEN", _round_thousand(pool * Decimal("0.052")),
                                 "nim", fixed_rate=Decimal("0.0850000"), day_count="30/360"))
    x_size = pool - offered - b_size
    classes.append(ClassSpec("X", cusip("X"), "SEN", x_size, "oc"))
    classes.append(ClassSpec("RX", cusip("RX"), "SEN", ZERO, "zero"))
    return classes


def _round_thousand(amount: Decimal) -> Decimal:
    return cents(amount.quantize(Decimal("1E3")))


def _cusip(ticker: str, seed: int, n: int) -> str:
    """A well-formed CUSIP (valid check digit) under a made-up issuer number."""
    issuer = f"99{(sum(map(ord, ticker)) + seed) % 10000:04d}"
    body = f"{issuer}{'ABCDEFGHJK'[n % 10]}{n % 10}"
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else ord(ch) - 55
        v = v * 2 if i % 2 else v
        total += v // 10 + v % 10
    return f"{body}{(10 - total % 10) % 10}"


def sixty_plus_share(cm: CollateralMonth) -> Decimal:
    """60+ days delinquent, plus all foreclosure and REO, over the ending actual balance."""
    sixty = sum((bal for (status, bucket), (_, bal) in cm.cells.items()
                 if status in ("foreclosure", "reo") or bucket not in ("current", "30-59")),
                ZERO)
    return sixty / cm.ending_actual_balance if cm.ending_actual_balance else ZERO


def simulate(spec: DealSpec) -> list[Report]:
    """Run the deal for ``spec.months`` distributions; one truth Report per month."""
    rng = random.Random(spec.seed)
    loans = originate(rng, spec.collateral)
    original_pool = sum((loan.balance for loan in loans), ZERO)
    states = [ClassState(c, c.original) for c in build_classes(spec, original_pool)]
    initial_oc = next(s.balance for s in states if s.spec.role == "oc")
    index, previous = spec.index_start, spec.closing_date
    running = {"loss": ZERO, "penalties": ZERO, "penalty_count": Decimal(0)}
    reports = []
    for month, paid_on in enumerate(distribution_dates(spec.closing_date, spec.months), 1):
        loans, cm = run_month(loans, month, rng, spec.collateral)
        trigger = sixty_plus_share(cm) > spec.trigger_threshold
        stepped = month >= spec.stepdown_month and not trigger
        target = _oc_target(spec, initial_oc, original_pool, cm.ending_balance, stepped)
        fees = _fees(spec, cm)
        result = run(states, WaterfallInput(
            interest_remittance=cm.scheduled_interest - sum(fees.values(), ZERO),
            scheduled_principal=cm.scheduled_principal,
            unscheduled_principal=cm.unscheduled_principal, penalties=cm.penalties,
            pool_ending=cm.ending_balance, index=index, days=(paid_on - previous).days,
            oc_target=target, pro_rata=stepped))
        running["loss"] += cm.realized_loss
        running["penalties"] += cm.penalties
        running["penalty_count"] += cm.penalty_count
        reports.append(build_report(MonthFacts(
            spec.series, paid_on, record_date(paid_on), [s.spec for s in states], cm, result,
            fees, target, trigger, dict(running), spec.servicing_rate)))
        previous, index = paid_on, _next_index(rng, index)
    return reports


def _oc_target(spec: DealSpec, initial: Decimal, original_pool: Decimal, pool: Decimal,
               stepped: bool) -> Decimal:
    """Fixed initial OC before the stepdown (or under a trigger); a share of the pool after."""
    if not stepped:
        return initial
    return max(min(initial, cents(2 * spec.oc_pct * pool)),
               cents(spec.oc_floor_pct * original_pool))


def _fees(spec: DealSpec, cm: CollateralMonth) -> dict[str, Decimal]:
    """Monthly fees on the beginning balance, in the servicing-fees table's order."""
    return {
        "servicing": cents(cm.beginning_balance * spec.servicing_rate / 12),
        "lpmi": cents(cm.lpmi_balance * spec.lpmi_rate / 12),
        "trustee": cents(cm.beginning_balance * spec.trustee_rate / 12),
    }


def _next_index(rng: random.Random, index: Decimal) -> Decimal:
    """One-month LIBOR-like random walk in 1/8 bp steps, floored at 0.90%."""
    step = Decimal(round(rng.gauss(0, 6))) * Decimal("0.0000125")
    return max(Decimal("0.00900"), (index + step).quantize(Decimal("0.0000001")))
