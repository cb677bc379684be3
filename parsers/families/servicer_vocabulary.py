"""The printed wording of servicer's certificates -> model fields (exact label matches).

Lookups are exact (after :func:`~parsers.engine.vocabulary.normalize_label`): certificate
labels are long sentences whose prefixes name other figures ("Net Losses" vs "Net Losses as a
percentage of ..."), so an unknown label must stay an item rather than match a prefix.
"""

from __future__ import annotations

from parsers.engine.vocabulary import FieldSpec, Kind, Vocabulary, normalize_label

__all__ = ["NOTE_VOCABULARY", "PARTS", "POOL_VOCABULARY"]


def _specs(kind: Kind, name: str, *labels: str) -> dict[str, FieldSpec]:
    return {label: FieldSpec(name, kind) for label in labels}


NOTE_VOCABULARY = Vocabulary({
    **_specs("rate", "pass_through_rate", "Note Rate", "Interest Rate", "Note Interest Rate",
             "Rate"),
    **_specs("amount", "original_balance", "Original Note Balance", "Original Balance",
             "Initial Note Balance", "Original Principal Balance"),
    **_specs("amount", "beginning_balance", "Note Balance (beginning)", "Beginning Note Balance",
             "Beginning Balance", "Note Balance at the beginning of the period",
             "Beginning Principal Balance"),
    **_specs("amount", "principal_distribution", "Principal Distributable Amount",
             "Principal Payment", "Principal Paid", "Principal Distribution",
             "Noteholders' Principal Distributable Amount"),
    **_specs("amount", "interest_distribution", "Interest Distributable Amount",
             "Interest Payment", "Interest Paid", "Interest Distribution",
             "Noteholders' Interest Distributable Amount"),
    **_specs("amount", "total_distribution", "Total Distribution", "Total Payment",
             "Total Distributable Amount"),
    **_specs("amount", "ending_balance", "Note Balance (ending)", "Ending Note Balance",
             "Ending Balance", "Note Balance at the end of the period",
             "Ending Principal Balance"),
    **_specs("decimal", "factor", "Note Factor", "Note Pool Factor", "Factor"),
})

POOL_VOCABULARY = Vocabulary({
    **_specs("amount", "beginning_balance",
             "Pool Balance at the beginning of the Collection Period", "Beginning Pool Balance",
             "Pool Balance (beginning)", "Aggregate Principal Balance at the beginning of the "
             "Collection Period",
             "Pool Balance on the close of the last day of the preceding Collection Period"),
    **_specs("amount", "ending_balance", "Pool Balance at the end of the Collection Period",
             "Ending Pool Balance", "Pool Balance (ending)",
             "Aggregate Principal Balance at the end of the Collection Period",
             "Pool Balance on the close of the last day of the related Collection Period"),
    **_specs("count", "beginning_loan_count",
             "Number of Receivables at the beginning of the Collection Period",
             "Beginning Number of Receivables", "Number of Receivables (beginning)"),
    **_specs("count", "ending_loan_count",
             "Number of Receivables at the end of the Collection Period",
             "Ending Number of Receivables", "Number of Receivables (ending)",
             "Total number of Receivables outstanding on the close of the last day of the "
             "related Collection Period"),
    **_specs("rate", "wac", "Weighted Average APR", "Weighted Average Annual Percentage Rate",
             "Weighted Average Coupon"),
    **_specs("count", "wam", "Weighted Average Remaining Term",
             "Weighted Average Remaining Term (months)", "Weighted Average Remaining Maturity"),
    **_specs("amount", "scheduled_principal", "Scheduled Principal Collections",
             "Principal Collections (excluding Prepayments in Full)",
             "Principal Collections other than Prepayments in Full"),
    **_specs("amount", "realized_loss", "Net Losses for the Collection Period", "Net Losses",
             "Aggregate Net Losses", "Aggregate Net Losses for the Collection Period",
             "Net Charge-Offs", "Net Credit Losses"),
    **_specs("amount", "cumulative_realized_loss", "Cumulative Net Losses",
             "Cumulative Net Charge-Offs", "Aggregate Cumulative Net Losses"),
    **_specs("amount", "oc_amount", "Overcollateralization Amount",
             "Overcollateralization Amount (ending)", "Current Overcollateralization Amount",
             "Current overcollateralization amount (Pool Balance - Note Balance)"),
    **_specs("amount", "oc_target", "Target Overcollateralization Amount",
             "Overcollateralization Target Amount", "Required Overcollateralization Amount",
             "Specified Overcollateralization Amount"),
})

#: Lines that feed a derived Pool field (and stay items): normalized label -> part.
PARTS: dict[str, str] = {normalize_label(label): part for part, labels in {
    "prepayments": ("Prepayments in Full", "Prepayments", "Principal Prepayments in Full"),
    "recoveries": ("Liquidation Proceeds and Recoveries", "Recoveries", "Liquidation Proceeds",
                   "Recoveries and Liquidation Proceeds"),
    "total_principal": ("Total Principal Collections", "Principal Collections"),
    "gross_charge_offs": ("Gross Charge-Offs", "Gross Charge-offs", "Defaulted Receivables",
                          "Principal Balance of Defaulted Receivables"),
    "paid_count": ("Number of Receivables Paid in Full",),
    "defaulted_count": ("Number of Defaulted Receivables",),
}.items() for label in labels}
