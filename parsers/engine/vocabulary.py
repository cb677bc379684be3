"""Label vocabulary: printed row/column labels -> canonical record fields.

Trustees print the same figure under many names (``Beginning Certificate Balance``,
``Beginning Balance``, ``Beg. Principal Balance``). A family does not code those names into its
parser; it configures a :class:`Vocabulary` (usually :data:`TRANCHE_FIELDS` or
:data:`POOL_FIELDS` extended with its own wording) and the engine does the matching:
normalized exact match first, then the longest synonym the label starts with (so
``Ending Actual Collateral Balance at 31-Oct-2003`` still finds its field).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from parsers.engine.numbers import parse_amount, parse_count, parse_number, parse_rate

__all__ = [
    "POOL_FIELDS",
    "TRANCHE_FIELDS",
    "FieldSpec",
    "Kind",
    "Value",
    "Vocabulary",
    "convert",
    "normalize_label",
    "printed_label",
    "section_name",
]

Kind = Literal["amount", "rate", "decimal", "count", "text", "flag"]
Value = Decimal | int | bool | str

_FOOTNOTE = re.compile(r"\s*\(\d+\)")
_CONTINUED = re.compile(r"\s*\(continued\)\s*$", re.IGNORECASE)
_YES = {"yes", "y", "true", "pass"}
_NO = {"no", "n", "false", "fail"}


@dataclass(frozen=True)
class FieldSpec:
    """A canonical field and how its printed text converts."""

    name: str
    kind: Kind = "amount"


@lru_cache(maxsize=1 << 14)  # the same labels recur in every report
def printed_label(text: str) -> str:
    """A label as printed, whitespace collapsed and footnote marks (``(1)``) dropped."""
    return " ".join(_FOOTNOTE.sub("", text).split())


@lru_cache(maxsize=1 << 14)  # the same labels recur in every report
def normalize_label(text: str) -> str:
    """Matching key: printed label, lower case, no trailing colon."""
    return printed_label(text).lower().rstrip(":").strip()


def section_name(title: str) -> str:
    """A table heading as a section key: ``"SERVICING FEES"`` -> ``"servicing fees"``;
    ``"... Statement (continued)"`` joins its first part."""
    return " ".join(_CONTINUED.sub("", title).lower().split())


#: Labels one vocabulary remembers before starting over (bounds memory on odd documents).
_FOUND_LIMIT = 1 << 14


class Vocabulary:
    """Synonyms -> :class:`FieldSpec`; immutable, :meth:`extend` returns a new one."""

    def __init__(self, synonyms: Mapping[str, FieldSpec]) -> None:
        self._exact = {normalize_label(k): v for k, v in synonyms.items()}
        self._prefixes = sorted(self._exact, key=len, reverse=True)
        #: label -> lookup result: the same few hundred labels recur in every report.
        self._found: dict[tuple[str, bool], FieldSpec | None] = {}

    def extend(self, synonyms: Mapping[str, FieldSpec]) -> Vocabulary:
        """This vocabulary plus (overridden by) ``synonyms``."""
        return Vocabulary({**self._exact, **synonyms})

    def lookup(self, label: str, *, exact: bool = False) -> FieldSpec | None:
        """The field ``label`` names: exact match, else (unless ``exact``) the longest synonym
        the label starts with."""
        try:
            return self._found[(label, exact)]
        except KeyError:
            pass
        if len(self._found) >= _FOUND_LIMIT:
            self._found.clear()
        spec = self._found[(label, exact)] = self._match(normalize_label(label), exact)
        return spec

    def _match(self, key: str, exact: bool) -> FieldSpec | None:
        if key in self._exact or exact:
            return self._exact.get(key)
        for prefix in self._prefixes:
            if key.startswith(prefix) and not key[len(prefix)].isalnum():
                return self._exact[prefix]
        return None


def convert(text: str | None, kind: Kind) -> Value | None:
    """Printed text -> typed value for ``kind``; None when blank or unreadable."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if kind == "amount":  # by far the most common: checked first
        return parse_amount(text)
    if kind == "text":
        return text
    if kind == "flag":
        word = text.lower()
        return True if word in _YES else False if word in _NO else None
    if kind == "count":
        return parse_count(text)
    if kind == "rate":
        return parse_rate(text)
    if kind == "decimal":
        return parse_number(text)
    return parse_amount(text)


def _specs(kind: Kind, name: str, *labels: str) -> dict[str, FieldSpec]:
    return {label: FieldSpec(name, kind) for label in labels}


TRANCHE_FIELDS = Vocabulary({
    **_specs("text", "cusip", "CUSIP"),
    **_specs("text", "class_type", "Certificate Class Description", "Class Description",
             "Class Type"),
    **_specs("rate", "pass_through_rate", "Certificate Pass-Through Rate", "Pass-Through Rate",
             "Current Certificate Rate", "Certificate Rate", "Interest Rate", "Coupon"),
    **_specs("amount", "original_balance", "Original Face Amount", "Original Face",
             "Original Balance", "Original Certificate Balance"),
    **_specs("amount", "beginning_balance", "Beginning Certificate Balance", "Beginning Balance",
             "Beginning Principal Balance", "Prior Principal Balance"),
    **_specs("amount", "interest_distribution", "Interest Distribution",
             "Total Interest Distribution"),
    **_specs("amount", "principal_distribution", "Principal Distribution",
             "Total Principal Distribution"),
    **_specs("amount", "realized_loss", "Current Realized Loss", "Realized Loss",
             "Realized Losses"),
    **_specs("amount", "ending_balance", "Ending Certificate Balance", "Ending Balance",
             "Ending Principal Balance", "Current Principal Balance"),
    **_specs("amount", "total_distribution", "Total Distribution"),
    **_specs("amount", "cumulative_realized_loss", "Cumulative Realized Losses",
             "Cumulative Realized Loss"),
    **_specs("amount", "scheduled_principal", "Scheduled Principal Distribution",
             "Scheduled Principal"),
    **_specs("amount", "unscheduled_principal", "Unscheduled Principal Distribution",
             "Unscheduled Principal"),
    **_specs("amount", "accretion", "Accretion"),
    **_specs("amount", "total_principal_reduction", "Total Principal Reduction"),
    **_specs("decimal", "factor", "Ending Certificate Percentage", "Ending Factor", "Factor"),
    **_specs("amount", "beginning_notional", "Beginning Certificate/Notional Balance",
             "Beginning Notional Balance"),
    **_specs("amount", "ending_notional", "Ending Certificate/Notional Balance",
             "Ending Notional Balance"),
    **_specs("amount", "accrued_interest", "Current Accrued Interest", "Accrued Interest"),
    **_specs("amount", "unpaid_interest_shortfall_paid", "Payment of Unpaid Interest Shortfall"),
    **_specs("amount", "current_interest_shortfall", "Current Interest Shortfall"),
    **_specs("amount", "non_supported_interest_shortfall", "Non-Supported Interest Shortfall"),
    **_specs("amount", "remaining_unpaid_interest_shortfall",
             "Remaining Unpaid Interest Shortfall"),
    # Notes instead of Certificates ("Noteholder Distribution Summary" ...)
    **_specs("text", "class_type", "Note Class Description"),
    **_specs("rate", "pass_through_rate", "Note Rate", "Current Note Rate",
             "Note Interest Rate", "Note Pass-Through Rate"),
    **_specs("amount", "original_balance", "Original Note Balance"),
    **_specs("amount", "beginning_balance", "Beginning Note Balance"),
    **_specs("amount", "ending_balance", "Ending Note Balance"),
    **_specs("decimal", "factor", "Ending Note Percentage", "Ending Note Factor"),
    **_specs("amount", "beginning_notional", "Beginning Note/Notional Balance"),
    **_specs("amount", "ending_notional", "Ending Note/Notional Balance"),
})

POOL_FIELDS = Vocabulary({
    **_specs("text", "collateral_description", "Collateral Description"),
    **_specs("rate", "wac", "Weighted Average Gross Coupon", "Weighted Average Coupon",
             "Gross WAC"),
    **_specs("rate", "net_wac", "Weighted Average Net Coupon", "Net WAC"),
    **_specs("count", "wam", "Weighted Average Maturity", "WAM",
             "Weighted Average Remaining Term"),
    **_specs("count", "beginning_loan_count", "Beginning Scheduled Collateral Loan Count",
             "Beginning Loan Count"),
    **_specs("count", "ending_loan_count", "Ending Scheduled Collateral Loan Count",
             "Ending Loan Count"),
    **_specs("count", "payoff_count", "Number Of Loans Paid In Full", "Loans Paid In Full"),
    **_specs("amount", "beginning_balance", "Beginning Scheduled Collateral Balance",
             "Beginning Collateral Balance", "Beginning Pool Balance"),
    **_specs("amount", "ending_balance", "Ending Scheduled Collateral Balance",
             "Ending Collateral Balance", "Ending Pool Balance"),
    **_specs("amount", "ending_actual_balance", "Ending Actual Collateral Balance"),
    **_specs("amount", "scheduled_principal", "Scheduled Principal"),
    **_specs("amount", "unscheduled_principal", "Unscheduled Principal"),
    **_specs("amount", "prepayment_penalties", "Prepayment Penalties"),
    **_specs("amount", "realized_loss", "Realized Loss Amount", "Realized Loss"),
    **_specs("amount", "cumulative_realized_loss", "Cumulative Realized Loss"),
    **_specs("amount", "oc_amount", "Overcollateralized Amount", "Overcollateralization Amount"),
    **_specs("amount", "oc_target", "Specified O/C Amount",
             "Specified Overcollateralization Amount", "Target Overcollateralization Amount"),
    **_specs("amount", "oc_deficiency", "Overcollateralized Deficiency Amount",
             "Overcollateralization Deficiency Amount"),
    **_specs("flag", "trigger_event", "Trigger Event"),
})
