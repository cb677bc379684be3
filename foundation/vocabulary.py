"""Closed vocabularies that a parser produces and the warehouse enforces: defined once here.

The ``Literal`` types are what parser records are typed with; the tuples (derived from them)
are what the warehouse checks each stored value against.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BUCKETS",
    "DELINQUENCY_METHODS",
    "PARSE_STATUSES",
    "STATUSES",
    "DelinquencyBucket",
    "DelinquencyMethod",
    "DelinquencyStatus",
    "ParseStatus",
]

#: Whether a parsed filing's figures are facts (``ok``) or kept aside with a reason.
ParseStatus = Literal["ok", "quarantined"]
#: Where a delinquent loan stands.
DelinquencyStatus = Literal["delinquent", "bankruptcy", "foreclosure", "reo"]
#: Days-past-due buckets; ``90+`` and ``120+`` only where a report does not split them (the
#: printed bounds are ``delinquencies.days_from`` / ``days_to``).
DelinquencyBucket = Literal[
    "current", "30-59", "60-89", "90+", "90-119", "120-149", "120+", "150-179", "180+"
]
#: How a report counts delinquency: ``MBA`` / ``OTS`` when the text names the convention,
#: ``missed_payments`` when its buckets are printed as missed monthly payments ("1 Payment",
#: "2 Payments", "3+ Payments"; one payment behind is the 30-59 bucket).
DelinquencyMethod = Literal["MBA", "OTS", "missed_payments"]

PARSE_STATUSES: tuple[str, ...] = get_args(ParseStatus)
STATUSES: tuple[str, ...] = get_args(DelinquencyStatus)
BUCKETS: tuple[str, ...] = get_args(DelinquencyBucket)
DELINQUENCY_METHODS: tuple[str, ...] = get_args(DelinquencyMethod)
