"""Typed records a parser produces: the contract between ``parsers/`` and the rest of absdw.

Conventions (the whole project relies on them):

* money is ``Decimal`` exactly as printed (``Decimal("157824262.08")``), never float;
* rates, coupons and factors are ``Decimal`` *fractions* (``1.55000%`` -> ``Decimal("0.0155")``,
  a factor printed as ``0.98445733`` stays ``Decimal("0.98445733")``);
* counts are ``int``; dates are ``datetime.date``;
* a field the report does not print is ``None`` (never 0);
* ``pool`` is ``"total"`` for a deal-level figure, else the group's name as printed
  (``"1"``, ``"Group 2"``...).

Anything a report prints that has no typed field goes to ``Report.items`` so that no number is
lost (fees, certificate account, per-$1,000 factor tables, miscellaneous lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from foundation.vocabulary import (
    DelinquencyBucket,
    DelinquencyMethod,
    DelinquencyStatus,
    ParseStatus,
)

__all__ = [
    "Check",
    "Delinquency",
    "Document",
    "Filer",
    "ParseResult",
    "ParsedFiling",
    "Pool",
    "Report",
    "ReportItem",
    "SubmissionHeader",
    "Tranche",
]



# --------------------------------------------------------------------------- EDGAR submission


@dataclass(frozen=True)
class Filer:
    """One FILER block of an SGML header."""

    cik: int
    company: str
    file_number: str | None = None
    form_type: str | None = None
    sic: int | None = None  # STANDARD INDUSTRIAL CLASSIFICATION's code: 6189 asset-backed


@dataclass(frozen=True)
class SubmissionHeader:
    """The ``<SEC-HEADER>`` of a full submission ``.txt``."""

    accession: str  # "0001056404-03-002432"
    form: str  # CONFORMED SUBMISSION TYPE, e.g. "8-K", "10-D/A"
    filed_date: date  # FILED AS OF DATE
    period: date | None  # CONFORMED PERIOD OF REPORT
    document_count: int | None
    filers: tuple[Filer, ...]
    depositor_cik: int | None = None  # <DEPOSITOR-CIK> (Reg AB filings since 2016)
    asset_class: str | None = None  # ABS ASSET CLASS, e.g. "Credit card", "Auto loans"

    @property
    def cik(self) -> int:
        return self.filers[0].cik

    @property
    def company(self) -> str:
        return self.filers[0].company

    @property
    def file_number(self) -> str | None:
        return self.filers[0].file_number


@dataclass(frozen=True)
class Document:
    """One ``<DOCUMENT>`` of a submission (its ``<TEXT>`` decoded to str)."""

    type: str  # <TYPE>: "8-K", "EX-99.1", "EX-20" ...
    sequence: int | None
    filename: str | None
    description: str | None
    text: str


# --------------------------------------------------------------------------- report records


@dataclass
class Tranche:
    """One class (certificate or note) of one distribution report."""

    class_name: str
    cusip: str | None = None
    class_type: str | None = None  # "SEN", "MEZ", "SUB" as printed
    pass_through_rate: Decimal | None = None  # fraction
    original_balance: Decimal | None = None
    beginning_balance: Decimal | None = None
    interest_distribution: Decimal | None = None
    principal_distribution: Decimal | None = None
    realized_loss: Decimal | None = None  # current period
    ending_balance: Decimal | None = None
    total_distribution: Decimal | None = None
    cumulative_realized_loss: Decimal | None = None
    scheduled_principal: Decimal | None = None
    unscheduled_principal: Decimal | None = None
    accretion: Decimal | None = None
    total_principal_reduction: Decimal | None = None
    factor: Decimal | None = None  # ending balance / original balance, as printed
    beginning_notional: Decimal | None = None  # "Beginning Certificate/Notional Balance"
    ending_notional: Decimal | None = None
    accrued_interest: Decimal | None = None  # "Current Accrued Interest"
    unpaid_interest_shortfall_paid: Decimal | None = None  # "Payment of Unpaid Interest Shortfall"
    current_interest_shortfall: Decimal | None = None
    non_supported_interest_shortfall: Decimal | None = None
    interest_realized_loss: Decimal | None = None  # "Realized Losses" of the interest statement
    remaining_unpaid_interest_shortfall: Decimal | None = None


@dataclass
class Pool:
    """Collateral figures of one pool/group ('total' for the whole deal)."""

    pool: str = "total"
    beginning_balance: Decimal | None = None
    ending_balance: Decimal | None = None
    beginning_loan_count: int | None = None
    ending_loan_count: int | None = None
    scheduled_principal: Decimal | None = None
    unscheduled_principal: Decimal | None = None
    payoff_count: int | None = None
    prepayment_penalties: Decimal | None = None
    realized_loss: Decimal | None = None
    cumulative_realized_loss: Decimal | None = None
    wac: Decimal | None = None  # weighted average gross coupon, fraction
    net_wac: Decimal | None = None
    wam: int | None = None  # months
    oc_amount: Decimal | None = None  # overcollateralization actually present
    oc_target: Decimal | None = None  # specified / required OC
    oc_deficiency: Decimal | None = None
    trigger_event: bool | None = None
    ending_actual_balance: Decimal | None = None
    collateral_description: str | None = None


@dataclass(slots=True)
class Delinquency:
    """One cell of the delinquency matrix."""

    pool: str
    status: DelinquencyStatus
    bucket: DelinquencyBucket  # the model's bucket, comparable across reports
    loan_count: int | None
    balance: Decimal | None
    printed_bucket: str | None = None  # the bucket's label as printed ("31-60 Days")
    days_from: int | None = None  # the first day it prints (31; "Over 90" is 91)
    days_to: int | None = None  # the last day it prints (60; None: no end printed)


@dataclass(slots=True)
class ReportItem:
    """A printed figure with no typed field: keeps every number of a report somewhere.

    ``section`` is the heading it appeared under (normalized to lower case words), ``subject``
    the class or pool it belongs to (``None`` for deal-level lines), ``label`` the row label as
    printed (whitespace collapsed). Exactly one of ``amount`` / ``text`` is set.
    """

    section: str
    label: str
    amount: Decimal | None = None
    text: str | None = None
    subject: str | None = None


@dataclass
class Report:
    """One monthly distribution report, normalized."""

    distribution_date: date | None = None
    record_date: date | None = None
    series: str | None = None  # e.g. "2003-4HE" when printed
    delinquency_method: DelinquencyMethod | None = None  # foundation.vocabulary
    tranches: list[Tranche] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    delinquencies: list[Delinquency] = field(default_factory=list)
    items: list[ReportItem] = field(default_factory=list)


class Check(NamedTuple):
    """Outcome of one cross-foot identity. Failed checks become the filing's warnings.
    (An immutable tuple: dozens are made per report, most of them passed.)"""

    name: str  # e.g. "tranche_rollforward"
    passed: bool
    detail: str  # human text with the numbers: "A1: 160316000.00 - 2491737.92 - 0 != 157824262.00"
    subject: str | None = None  # class or pool concerned
    #: a failed identity whose difference equals a printed figure (or rows printed twice):
    #: a real inconsistency of the report, not a misreading (see parsers.quality)
    explained: bool = False


@dataclass
class ParseResult:
    """What a parser made of one report document. Never raised: errors are data."""

    layout: str  # "ctslink", "generic", ... or "unknown"
    status: ParseStatus
    report: Report | None
    checks: list[Check] = field(default_factory=list)
    score: float = 0.0  # 0..1, share of checks passed weighted by the family
    error: str | None = None  # why it was quarantined, when it was
    parser_version: str = ""

    @property
    def warnings(self) -> list[str]:
        return [f"{c.name}: {c.detail}" for c in self.checks if not c.passed]


@dataclass
class ParsedFiling:
    """A whole EDGAR submission after parsing: its header, which document held the report, and
    what the report parser made of it. ``exhibit_type`` is the exhibit the report was found in
    ("EX-99.1", "EX-20" ...), also when it sits inline in the primary document (the seed);
    ``None`` with ``result.status == "quarantined"`` when no report could be identified."""

    header: SubmissionHeader
    exhibit_type: str | None
    document: str | None  # filename of the document that carried the report
    result: ParseResult
