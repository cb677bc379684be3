"""Wording of HTML trustee reports (Deutsche Bank, U.S. Bank, BNY, Wachovia, LaSalle) over the
engine's vocabularies, and how a spanned column header is resolved to one label.

Generic words (``Interest``, ``Principal``, ``Total``) are safe only as class-table column
headers, so they live in :data:`CLASS_VOCABULARY`, never in the shared vocabulary.
"""

from __future__ import annotations

import re

from parsers.engine.vocabulary import POOL_FIELDS, TRANCHE_FIELDS, FieldSpec, Vocabulary

__all__ = ["CLASS_VOCABULARY", "POOL_VOCABULARY", "per_thousand_field", "resolve_header"]




class _GenericWordsExact(Vocabulary):
    """A vocabulary whose one-word generic synonyms match only exactly: ``Total Interest
    Shortfall`` must not read as ``Total``."""

    def __init__(self, generic: dict[str, FieldSpec], rest: Vocabulary) -> None:
        super().__init__({})
        self._generic, self._rest = Vocabulary(generic), rest

    def lookup(self, label: str, *, exact: bool = False) -> FieldSpec | None:
        return self._generic.lookup(label, exact=True) or self._rest.lookup(label, exact=exact)


_CLASS_WORDS = TRANCHE_FIELDS.extend({
    "Interest Distribution": FieldSpec("interest_distribution"),
    "Principal Distribution": FieldSpec("principal_distribution"),
    "Total Distribution": FieldSpec("total_distribution"),
    "Deferred Interest": FieldSpec("accretion"),
    "Original Face Value": FieldSpec("original_balance"),
    "Original Certificate Face": FieldSpec("original_balance"),
    "Original Class Balance": FieldSpec("original_balance"),
    "Prior Principal Balance": FieldSpec("beginning_balance"),
    "Beginning Class Balance": FieldSpec("beginning_balance"),
    "Current Principal Balance": FieldSpec("ending_balance"),
    "Ending Class Balance": FieldSpec("ending_balance"),
    "Current Realized Loss": FieldSpec("realized_loss"),
    "Pass Through Rate": FieldSpec("pass_through_rate", "rate"),
    "Pass-Thru Rate": FieldSpec("pass_through_rate", "rate"),
    "Current Factor": FieldSpec("factor", "decimal"),
    "Ending Factor": FieldSpec("factor", "decimal"),
})
CLASS_VOCABULARY: Vocabulary = _GenericWordsExact({
    "Interest": FieldSpec("interest_distribution"),
    "Principal": FieldSpec("principal_distribution"),
    "Total": FieldSpec("total_distribution"),
    "Losses": FieldSpec("realized_loss"),
    "Rate": FieldSpec("pass_through_rate", "rate"),
}, _CLASS_WORDS)

POOL_VOCABULARY = POOL_FIELDS.extend({
    "Beginning Principal Balance": FieldSpec("beginning_balance"),
    "Ending Principal Balance": FieldSpec("ending_balance"),
    "Beginning Number of Loans": FieldSpec("beginning_loan_count", "count"),
    "Ending Number of Loans": FieldSpec("ending_loan_count", "count"),
    "Number of Loans Paid in Full": FieldSpec("payoff_count", "count"),
    "Scheduled Principal Collected": FieldSpec("scheduled_principal"),
    "Unscheduled Principal Collected": FieldSpec("unscheduled_principal"),
    "Prepayment Penalties Collected": FieldSpec("prepayment_penalties"),
    "Current Realized Losses": FieldSpec("realized_loss"),
    "Cumulative Realized Losses": FieldSpec("cumulative_realized_loss"),
    "Weighted Average Mortgage Rate": FieldSpec("wac", "rate"),
    "Weighted Average Net Mortgage Rate": FieldSpec("net_wac", "rate"),
    "Weighted Average Remaining Term": FieldSpec("wam", "count"),
    "Overcollateralization Target Amount": FieldSpec("oc_target"),
    "Trigger Event in Effect": FieldSpec("trigger_event", "flag"),
    "Ending Actual Balance": FieldSpec("ending_actual_balance"),
})

_PER_THOUSAND = re.compile(r"\s*(?:per|/)\s*\$?\s*1,?000(?:\s+of\s+original\s+face)?\s*",
                           re.IGNORECASE)


def per_thousand_field(header: str) -> FieldSpec | None:
    """``Interest per $1,000`` -> the interest field it is derived from; None when the header
    is not a per-$1,000 column."""
    if not _PER_THOUSAND.search(header):
        return None
    return CLASS_VOCABULARY.lookup(_PER_THOUSAND.sub(" ", header).strip())


def resolve_header(group: str, leaf: str, vocabulary: Vocabulary) -> str:
    """The label a spanned column is read under: the group + leaf phrase when the vocabulary
    knows it exactly (``Cumulative`` over ``Realized Loss``), or leaf + group (``Principal``
    over ``Scheduled``), else the leaf alone (``Distribution in Dollars`` over ``Interest``)."""
    for phrase in (f"{group} {leaf}", f"{leaf} {group}"):
        if group and leaf and vocabulary.lookup(phrase, exact=True):
            return phrase
    return leaf or group
