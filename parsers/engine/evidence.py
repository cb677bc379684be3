"""Printed figures a family keeps for the cross-foot checks but does not store as facts.

Totals rows, per-$1,000 factor columns and the delinquency matrix's totals and percentages are
derived from other printed numbers; they are the report's own arithmetic, which
:mod:`parsers.checks` re-does. Notes are checks a family records while reading (collapsed
duplicate rows, conflicting values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from parsers.model import Check

__all__ = ["ClassTableEvidence", "DelinquencyEvidence", "Evidence", "FactorCell"]


@dataclass
class ClassTableEvidence:
    """One class table: its printed Totals by field and the rows it printed more than once
    (collapsed into one tranche), by class and field."""

    section: str
    totals: dict[str, Decimal] = field(default_factory=dict)
    classes: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, dict[str, Decimal]]] = field(default_factory=list)


class FactorCell(NamedTuple):
    """One cell of a per-$1,000 factor table, mapped to the tranche field it is derived from
    (a tuple: one is made per cell of every factor table)."""

    section: str
    subject: str
    field: str
    value: Decimal


@dataclass
class DelinquencyEvidence:
    """The derived half of a delinquency matrix: printed totals and percentages."""

    pool: str = "total"
    # status -> (count, balance) of the Totals row
    status_totals: dict[str, tuple[int | None, Decimal | None]] = field(default_factory=dict)
    # bucket (or "totals") -> (count, balance) of the Total column
    bucket_totals: dict[str, tuple[int | None, Decimal | None]] = field(default_factory=dict)
    # (status or "total", bucket or "totals") -> (count share, balance share) as fractions
    shares: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] = field(
        default_factory=dict
    )


@dataclass
class Evidence:
    class_tables: list[ClassTableEvidence] = field(default_factory=list)
    factors: list[FactorCell] = field(default_factory=list)
    delinquency: list[DelinquencyEvidence] = field(default_factory=list)
    notes: list[Check] = field(default_factory=list)
