"""Turn one simulated month into the TRUTH ``Report`` a CTSLink document prints.

Mapping rules (shared with the renderer, and the contract a CTSLink parser is tested against):

* class tables -> ``Tranche`` fields; per-$1,000 factor tables are *derived* by the renderer and
  are not in the truth;
* collateral statement lines with a typed ``Pool`` field go there (:data:`COLLATERAL_LINES`
  names the field per label, ``None`` = a ``ReportItem``); "Trigger Event" -> ``trigger_event``;
* every other printed figure is a ``ReportItem``: ``section`` = the table heading lower-cased
  with single spaces, ``label`` = the row label as printed, ``subject`` = None, except the Other
  Accounts table where ``subject`` is the account row ("Cap Contract") and ``label`` the column;
* delinquency cells -> ``Delinquency`` (the matrix's Totals row/column and percentage half are
  derived by the renderer, not truth).

Pool conventions: ``unscheduled_principal`` includes net liquidation proceeds, ``realized_loss``
is the rest of the liquidated principal, so beginning - scheduled - unscheduled - realized loss
= ending; ``payoff_count`` counts every loan that left (paid in full or liquidated), so the
loan count rolls; ``oc_amount`` is the OC after the distribution (the X ending balance).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lab.synth.collateral import CollateralMonth
from lab.synth.money import ZERO, fraction
from lab.synth.waterfall import ClassMonth, ClassSpec, WaterfallResult
from parsers.model import Delinquency, Pool, Report, ReportItem, Tranche

__all__ = ["COLLATERAL_LINES", "COLLATERAL_SECTION", "MonthFacts", "actual_balance_label",
           "build_report"]

COLLATERAL_SECTION = "collateral statement"
#: the collateral statement's lines in printed order: (label, Pool field or None for an item);
#: "" stands for a blank line. The actual-balance label carries the record date.
COLLATERAL_LINES: tuple[tuple[str, str | None], ...] = (
    ("Collateral Description", "collateral_description"), ("", None),
    ("Weighted Average Gross Coupon", "wac"), ("Weighted Average Net Coupon", "net_wac"),
    ("Weighted Average Pass-Through Rate", None),
    ("Weighted Average Maturity(Stepdown Calculation )", "wam"),
    ("Beginning Scheduled Collateral Loan Count", "beginning_loan_count"), ("", None),
    ("Number Of Loans Paid In Full", "payoff_count"),
    ("Ending Scheduled Collateral Loan Count", "ending_loan_count"),
    ("Beginning Scheduled Collateral Balance", "beginning_balance"),
    ("Ending Scheduled Collateral Balance", "ending_balance"),
    ("Ending Actual Collateral Balance at", "ending_actual_balance"),
    ("Monthly P &I Constant", None), ("Special Servicing Fee", None),
    ("Prepayment Penalties", "prepayment_penalties"), ("Realized Loss Amount", "realized_loss"),
    ("Cumulative Realized Loss", "cumulative_realized_loss"),
    ("Ending Scheduled Balance for Premium Loans", None),
    ("Scheduled Principal", "scheduled_principal"),
    ("Unscheduled Principal", "unscheduled_principal"), ("", None),
    ("Required Overcollateralization Amount", None),
    ("Overcollateralized Increase Amount", None), ("Overcollateralized reduction Amount", None),
    ("Specified O/C Amount", "oc_target"), ("Overcollateralized Amount", "oc_amount"),
    ("Overcollateralized Deficiency Amount", "oc_deficiency"),
    ("Base Overcollateralized Amount", None), ("Extra principal distribution Amount", None),
    ("Excess Cash Amount", None),
)


def actual_balance_label(record: date) -> str:
    """'Ending Actual Collateral Balance at 31-Oct-2003' (the label carries the date)."""
    return f"Ending Actual Collateral Balance at {record.day:02d}-{record:%b-%Y}"


@dataclass(frozen=True)
class MonthFacts:
    """Everything one month produced, handed from the simulation to :func:`build_report`."""

    series: str
    distribution_date: date
    record_date: date
    specs: list[ClassSpec]
    collateral: CollateralMonth
    waterfall: WaterfallResult
    fees: dict[str, Decimal]
    oc_target: Decimal
    trigger: bool
    running: dict[str, Decimal]  # cumulative loss, penalties, penalty_count
    servicing_rate: Decimal  # gross minus net coupon


def build_report(f: MonthFacts) -> Report:
    """The month's truth."""
    pool = _pool(f)
    return Report(
        distribution_date=f.distribution_date, record_date=f.record_date, series=f.series,
        tranches=[_tranche(s, m) for s, m in zip(f.specs, f.waterfall.classes, strict=True)],
        pools=[pool],
        delinquencies=[Delinquency("total", status, bucket, count, bal)  # type: ignore[arg-type]
                       for (status, bucket), (count, bal) in f.collateral.cells.items()],
        items=_items(f, pool),
    )


def _tranche(spec: ClassSpec, m: ClassMonth) -> Tranche:
    return Tranche(
        class_name=spec.name, cusip=spec.cusip, class_type=spec.class_type,
        pass_through_rate=m.rate, original_balance=spec.original,
        beginning_balance=m.beginning, interest_distribution=m.interest,
        principal_distribution=m.principal, realized_loss=m.loss, ending_balance=m.ending,
        total_distribution=m.interest + m.principal, cumulative_realized_loss=m.cumulative_loss,
        scheduled_principal=m.scheduled, unscheduled_principal=m.unscheduled,
        accretion=m.accretion, total_principal_reduction=m.beginning - m.ending,
        factor=fraction(m.ending / spec.original) if spec.original else fraction(ZERO),
        beginning_notional=m.beginning, ending_notional=m.ending, accrued_interest=m.accrued,
        unpaid_interest_shortfall_paid=m.unpaid_paid, current_interest_shortfall=m.shortfall,
        non_supported_interest_shortfall=ZERO, interest_realized_loss=ZERO,
        remaining_unpaid_interest_shortfall=m.remaining_unpaid,
    )


def _pool(f: MonthFacts) -> Pool:
    cm, w = f.collateral, f.waterfall
    oc = next(m.ending for s, m in zip(f.specs, w.classes, strict=True) if s.role == "oc")
    return Pool(
        pool="total", beginning_balance=cm.beginning_balance, ending_balance=cm.ending_balance,
        beginning_loan_count=cm.beginning_count, ending_loan_count=cm.ending_count,
        scheduled_principal=cm.scheduled_principal,
        unscheduled_principal=cm.unscheduled_principal, payoff_count=cm.payoff_count,
        prepayment_penalties=cm.penalties, realized_loss=cm.realized_loss,
        cumulative_realized_loss=f.running["loss"], wac=fraction(cm.wac),
        net_wac=fraction(cm.wac) - fraction(f.servicing_rate), wam=cm.wam, oc_amount=oc,
        oc_target=f.oc_target, oc_deficiency=max(ZERO, f.oc_target - oc),
        trigger_event=f.trigger, ending_actual_balance=cm.ending_actual_balance,
        collateral_description="Mixed Fixed & Arm",
    )


def _items(f: MonthFacts, pool: Pool) -> list[ReportItem]:
    """Every printed figure without a typed field, in printed order."""
    return [*_account(f), *_fee_items(f), *_other(f), *_collateral_items(f, pool),
            ReportItem("miscellaneous reporting", "Cumulative Pre-Payment Penalties",
                       f.running["penalties"]),
            ReportItem("miscellaneous reporting", "# of Loans with Pre-Payment Penalties",
                       f.running["penalty_count"])]


def _account(f: MonthFacts) -> list[ReportItem]:
    """Certificate account: deposits equal withdrawals because all cash is distributed."""
    cm = f.collateral
    paid = sum((m.interest + m.principal for m in f.waterfall.classes), ZERO)
    borrower = (cm.scheduled_interest + cm.scheduled_principal - cm.advances + cm.payoffs
                + cm.curtailments + cm.reimbursements)
    deposits = [("Payments of Interest and Principal", borrower),
                ("Liquidations, Insurance Proceeds, Reserve Funds", cm.liquidation_proceeds),
                ("Proceeds from Repurchased Loans", ZERO),
                ("Other Amounts (Servicer Advances)", cm.advances),
                ("Realized Loss (Gains, Subsequent Expenses & Recoveries)", ZERO),
                ("Prepayment Penalties", cm.penalties)]
    withdrawals = [("Reimbursement for Servicer Advances", cm.reimbursements),
                   ("Payment of Service Fee", sum(f.fees.values(), ZERO)),
                   ("Payment of Interest and Principal", paid)]
    lines = [("Beginning Balance", ZERO), *deposits,
             ("Total Deposits", sum((a for _, a in deposits), ZERO)), *withdrawals,
             ("Total Withdrawals (Pool Distribution Amount)",
              sum((a for _, a in withdrawals), ZERO)), ("Ending Balance", ZERO)]
    return [ReportItem("certificate account", label, amount)
            for label, amount in lines]


def _fee_items(f: MonthFacts) -> list[ReportItem]:
    shortfall = "prepayment/curtailment interest shortfall"
    return [
        ReportItem(shortfall, "Total Prepayment/Curtailment Interest Shortfall", ZERO),
        ReportItem(shortfall, "Servicing Fee Support", ZERO),
        ReportItem(shortfall, "Non-Supported Prepayment/Curtailment Interest Shortfall", ZERO),
        ReportItem("servicing fees", "Gross Servicing Fee", f.fees["servicing"]),
        ReportItem("servicing fees", "LPMI Fee", f.fees["lpmi"]),
        ReportItem("servicing fees", "Trustee Fee", f.fees["trustee"]),
        ReportItem("servicing fees", "Supported Prepayment/Curtailment Interest Shortfall", ZERO),
        ReportItem("servicing fees", "Net Servicing Fee", sum(f.fees.values(), ZERO)),
    ]


def _other(f: MonthFacts) -> list[ReportItem]:
    cap = [ReportItem("other accounts", label, ZERO, subject="Cap Contract")
           for label in ("Beginning Balance", "Current Withdrawals", "Current Deposits",
                         "Ending Balance")]
    senior_short = sum((m.shortfall for s, m in zip(f.specs, f.waterfall.classes, strict=True)
                        if s.role in ("residual", "senior")), ZERO)
    return [*cap,
            ReportItem("other information", "Current Period Class A Insufficient Funds",
                       senior_short),
            ReportItem("other information", "Principal Balance of Contaminated Properties", ZERO),
            ReportItem("other information", "Periodic Advance", f.collateral.advances)]


def _collateral_items(f: MonthFacts, pool: Pool) -> list[ReportItem]:
    cm, w = f.collateral, f.waterfall
    fee_rate = fraction(sum(f.fees.values(), ZERO) * 12 / cm.beginning_balance)
    values = {
        "Weighted Average Pass-Through Rate": max(ZERO, (pool.wac or ZERO) - fee_rate),
        "Monthly P &I Constant": cm.pi_constant, "Special Servicing Fee": ZERO,
        "Ending Scheduled Balance for Premium Loans": cm.ending_balance,
        "Required Overcollateralization Amount": f.oc_target,
        "Overcollateralized Increase Amount": w.extra_principal,
        "Overcollateralized reduction Amount": w.oc_release,
        "Base Overcollateralized Amount": w.base_oc,
        "Extra principal distribution Amount": w.extra_principal,
        "Excess Cash Amount": w.excess_cash,
    }
    return [ReportItem(COLLATERAL_SECTION, label, values[label])
            for label, attr in COLLATERAL_LINES if label and attr is None]
