"""Loan-level collateral simulation: amortization, prepayments, delinquency roll, liquidations.

Why loan-level rather than bucketed cohorts: a trustee report's delinquency matrix prints
*counts and balances of actual loans* per status and bucket, its loan count rolls by whole
loans, and each loan amortizes on its own level payment. Cohorts would need fractional loans
and re-rounded balances, so the printed cells could not be the exact sums a parser must
recover. One pass over ~3,000 small slotted objects per month costs a few milliseconds.

Delinquency model (MBA-style, by months of payments missed): a current loan rolls to 30 days
with probability ``roll30`` (else prepays in full with the month's SMM, or curtails, or pays);
a delinquent loan cures (pays all arrears), stays (pays one payment), rolls one bucket, files
bankruptcy or is referred to foreclosure; foreclosures become REO; REO liquidates at a loss
severity. The servicer advances every missed scheduled payment, so the *scheduled* balance
amortizes for every loan and the *actual* balance carries the missed principal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from lab.synth.money import ZERO, cents

__all__ = ["BUCKETS", "CollateralMonth", "CollateralParams", "Loan", "delinquency_cells",
           "level_payment", "originate", "run_month"]

#: delinquency bucket by months of payments missed (6+ -> "180+")
BUCKETS = ("current", "30-59", "60-89", "90-119", "120-149", "150-179", "180+")
_TWELVE = Decimal(12)


@dataclass(frozen=True)
class CollateralParams:
    """Behaviour of the pool; probabilities are monthly unless named otherwise."""

    loan_count: int = 1500
    average_balance: Decimal = Decimal("170000")
    cpr_start: float = 0.10  # annual CPR at month 1, ramping linearly ...
    cpr_end: float = 0.30  # ... to this by ``cpr_ramp_months``
    cpr_ramp_months: int = 12
    roll30: float = 0.025  # current -> 30 days
    severity_low: float = 0.25  # loss severity drawn uniformly in [low, high]
    severity_high: float = 0.60
    penalty_share: float = 0.6  # share of loans carrying a 24-month prepayment penalty
    lpmi_share: float = 0.3  # share of loans paying lender-paid mortgage insurance


@dataclass(slots=True)
class Loan:
    """One mortgage loan; ``missed`` is months of payments missed (the delinquency bucket)."""

    balance: Decimal  # scheduled principal balance
    rate: Decimal  # gross coupon, fraction
    payment: Decimal  # level monthly P&I
    term_left: int
    age: int
    penalty_until_age: int = 0
    lpmi: bool = False
    status: str = "current"  # current | delinquent | bankruptcy | foreclosure | reo
    missed: int = 0
    months_in_status: int = 0
    arrears: Decimal = ZERO  # advanced P&I not yet repaid
    arrears_principal: Decimal = ZERO

    @property
    def actual_balance(self) -> Decimal:
        """Principal the borrower still owes: scheduled balance plus missed principal."""
        return self.balance + self.arrears_principal


@dataclass
class CollateralMonth:
    """Aggregates of one month of the pool; every amount is an exact sum of loan amounts."""

    beginning_balance: Decimal = ZERO
    beginning_count: int = 0
    lpmi_balance: Decimal = ZERO  # beginning balance of LPMI loans
    scheduled_interest: Decimal = ZERO
    scheduled_principal: Decimal = ZERO
    payoffs: Decimal = ZERO  # voluntary prepayments in full
    curtailments: Decimal = ZERO
    liquidation_proceeds: Decimal = ZERO
    realized_loss: Decimal = ZERO
    payoff_count: int = 0  # loans leaving the pool: paid in full or liquidated
    liquidation_count: int = 0
    penalties: Decimal = ZERO
    penalty_count: int = 0
    advances: Decimal = ZERO  # P&I advanced for loans that did not pay
    reimbursements: Decimal = ZERO  # arrears repaid by cured loans, returned to the servicer
    ending_balance: Decimal = ZERO
    ending_count: int = 0
    ending_actual_balance: Decimal = ZERO
    pi_constant: Decimal = ZERO  # sum of the survivors' level payments
    wac: Decimal = ZERO  # balance-weighted gross coupon of the survivors (unrounded)
    wam: int = 0  # balance-weighted remaining term, months
    cells: dict[tuple[str, str], tuple[int, Decimal]] = field(default_factory=dict)

    @property
    def unscheduled_principal(self) -> Decimal:
        """Payoffs, curtailments and net liquidation proceeds (the trustee's definition)."""
        return self.payoffs + self.curtailments + self.liquidation_proceeds


def level_payment(balance: Decimal, rate: Decimal, months: int) -> Decimal:
    """Level monthly payment that amortizes ``balance`` over ``months`` at ``rate``."""
    r = rate / _TWELVE
    return cents(balance * r / (1 - (1 + r) ** -months))


def originate(rng: random.Random, params: CollateralParams) -> list[Loan]:
    """A seasoned subprime pool: balances around the average, coupons 6-10.5%."""
    loans = []
    for _ in range(params.loan_count):
        draw = int(params.average_balance * 100 * Decimal(rng.lognormvariate(0, 0.45) / 1.1))
        balance = Decimal(max(draw, 2_000_000)).scaleb(-2)  # whole cents, at least $20,000
        rate = Decimal(rng.randrange(6000, 10500, 5)) / Decimal(100000)
        term = 360 if rng.random() < 0.9 else 180
        age = rng.randrange(1, 7)
        loans.append(Loan(
            balance=balance, rate=rate, payment=level_payment(balance, rate, term - age + 1),
            term_left=term - age + 1, age=age,
            penalty_until_age=24 if rng.random() < params.penalty_share else 0,
            lpmi=rng.random() < params.lpmi_share,
        ))
    return loans


def _smm(params: CollateralParams, month: int) -> float:
    """Single monthly mortality of the month's CPR on the linear ramp."""
    ramp = min(month / max(params.cpr_ramp_months, 1), 1.0)
    cpr = params.cpr_start + (params.cpr_end - params.cpr_start) * ramp
    return 1 - (1 - cpr) ** (1 / 12)


def run_month(loans: list[Loan], month: int, rng: random.Random,
              params: CollateralParams) -> tuple[list[Loan], CollateralMonth]:
    """Advance every loan one month; return the survivors and the month's exact aggregates."""
    out = CollateralMonth()
    smm = _smm(params, month)
    survivors: list[Loan] = []
    for loan in loans:
        out.beginning_balance += loan.balance
        out.beginning_count += 1
        if loan.lpmi:
            out.lpmi_balance += loan.balance
        if _step_loan(loan, rng, smm, params, out):
            survivors.append(loan)
    _close(survivors, out)
    return survivors, out


def _close(survivors: list[Loan], out: CollateralMonth) -> None:
    """End-of-month figures of the loans still in the pool."""
    weighted_rate = weighted_term = ZERO
    for loan in survivors:
        out.ending_balance += loan.balance
        out.ending_actual_balance += loan.actual_balance
        out.pi_constant += loan.payment
        weighted_rate += loan.balance * loan.rate
        weighted_term += loan.balance * loan.term_left
    out.ending_count = len(survivors)
    if out.ending_balance:
        out.wac = weighted_rate / out.ending_balance
        out.wam = int((weighted_term / out.ending_balance).to_integral_value())
    out.cells = delinquency_cells(survivors)


def _step_loan(loan: Loan, rng: random.Random, smm: float, params: CollateralParams,
               out: CollateralMonth) -> bool:
    """One loan's month; False when it left the pool (paid in full or liquidated)."""
    if loan.status == "reo" and loan.months_in_status >= 1 and rng.random() < 0.3:
        _liquidate(loan, rng, params, out)
        return False
    arrears = loan.arrears
    pays = _transition(loan, rng, params)
    if arrears and not loan.arrears:
        out.reimbursements += arrears
    interest = cents(loan.balance * loan.rate / _TWELVE)
    principal = loan.balance if loan.term_left <= 1 else min(loan.payment - interest,
                                                             loan.balance)
    out.scheduled_interest += interest
    out.scheduled_principal += principal
    loan.balance -= principal
    loan.term_left -= 1
    loan.age += 1
    if not pays:
        out.advances += interest + principal
        loan.arrears += interest + principal
        loan.arrears_principal += principal
    elif loan.status == "current" and rng.random() < smm:
        _pay_off(loan, out)
        return False
    elif loan.status == "current" and loan.balance > 0 and rng.random() < 0.01:
        extra = min(loan.balance, cents(loan.balance * Decimal(rng.randrange(1, 6)) / 100))
        out.curtailments += extra
        loan.balance -= extra
    if loan.balance <= 0 and loan.arrears == 0:
        out.payoff_count += 1
        return False
    return True


def _transition(loan: Loan, rng: random.Random, params: CollateralParams) -> bool:
    """Move the loan between statuses; True when it makes this month's payment."""
    u = rng.random()
    loan.months_in_status += 1
    if loan.status == "current":
        if u < params.roll30:
            return _miss(loan, "delinquent")
        if u < params.roll30 + 0.001:
            return _miss(loan, "bankruptcy")
        return True
    if loan.status in ("foreclosure", "reo"):
        if loan.status == "foreclosure" and u < 0.25 and loan.months_in_status >= 2:
            _set_status(loan, "reo")
        return _miss(loan, loan.status)
    if loan.status == "bankruptcy":
        if u < 0.05 and loan.missed >= 3:
            _set_status(loan, "foreclosure")
        return True if u >= 0.5 else _miss(loan, loan.status)
    cure = (0.45, 0.20, 0.08)[min(loan.missed, 3) - 1]
    if u < cure:
        return _cure(loan)
    if u < cure + 0.10:
        return True
    if loan.missed >= 2 and u < cure + 0.35:
        _set_status(loan, "foreclosure")
    elif u < cure + 0.13:
        _set_status(loan, "bankruptcy")
    return _miss(loan, loan.status)


def _set_status(loan: Loan, status: str) -> None:
    loan.status = status
    loan.months_in_status = 0


def _miss(loan: Loan, status: str) -> bool:
    """The loan misses this month's payment and moves one bucket on."""
    if loan.status != status:
        _set_status(loan, status)
    loan.missed += 1
    return False


def _cure(loan: Loan) -> bool:
    """The borrower pays every missed payment: the servicer's advances come back to it."""
    _set_status(loan, "current")
    loan.missed = 0
    loan.arrears_principal = ZERO
    loan.arrears = ZERO
    return True


def _pay_off(loan: Loan, out: CollateralMonth) -> None:
    """Voluntary prepayment in full after this month's scheduled payment (+ any penalty)."""
    out.payoffs += loan.balance
    out.payoff_count += 1
    if loan.age <= loan.penalty_until_age:
        out.penalties += cents(loan.balance * Decimal("0.8") * loan.rate / 2)
        out.penalty_count += 1


def _liquidate(loan: Loan, rng: random.Random, params: CollateralParams,
               out: CollateralMonth) -> None:
    """REO sale: net proceeds (after advance reimbursement) and the loss on the rest."""
    severity = Decimal(str(round(rng.uniform(params.severity_low, params.severity_high), 4)))
    proceeds = cents(loan.balance * (1 - severity))
    out.liquidation_proceeds += proceeds
    out.realized_loss += loan.balance - proceeds
    out.payoff_count += 1
    out.liquidation_count += 1


def delinquency_cells(loans: list[Loan]) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """Counts and actual balances of loans per (status, bucket); every cell is present."""
    cells: dict[tuple[str, str], list] = {}
    for status in ("delinquent", "bankruptcy", "foreclosure", "reo"):
        for bucket in BUCKETS:
            if status != "delinquent" or bucket != "current":
                cells[(status, bucket)] = [0, ZERO]
    for loan in loans:
        key = (loan.status, BUCKETS[min(loan.missed, 6)])
        if key in cells:
            cells[key][0] += 1
            cells[key][1] += loan.actual_balance
    return {key: (count, bal) for key, (count, bal) in cells.items()}
