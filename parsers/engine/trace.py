"""An optional record of a family's mapping decisions, for ``absdw parse --debug``.

A family that accepts a :class:`Trace` calls :meth:`Trace.mark` before it routes a table and
:meth:`Trace.record` after, with what it read; the trace derives from the report's growth
where each row went. Nothing here parses: it only describes what the family already did, so
the explanation cannot drift from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from parsers.engine.classes import ClassTable, is_total_label
from parsers.engine.columns import Grid
from parsers.engine.delinquency import STATUS_WORDS, bucket_names
from parsers.engine.vocabulary import printed_label
from parsers.model import Pool, Report

__all__ = ["ColumnTrace", "Mark", "RowTrace", "TableTrace", "Trace"]

UNMAPPED = "unmapped"


@dataclass(frozen=True)
class ColumnTrace:
    """One printed column header and the canonical field it mapped to (or ``unmapped``)."""

    header: str
    field: str


@dataclass(frozen=True)
class RowTrace:
    """One printed row label and where its figures went (``tranches[A1]``, ``report_items``,
    ``pools[total]``, ``delinquencies[30-59]``, ``checks`` for printed totals)."""

    label: str
    destination: str


@dataclass
class TableTrace:
    """One table as the family read it."""

    heading: str
    kind: str  # class, factors, delinquency, collateral, items
    columns: list[ColumnTrace] = field(default_factory=list)
    rows: list[RowTrace] = field(default_factory=list)
    pool_fields: list[str] = field(default_factory=list)  # pool fields this table set


@dataclass(frozen=True)
class Mark:
    """The report's size before a table is routed."""

    items: int
    delinquencies: int
    pool: dict[str, Any]


@dataclass
class Trace:
    """Every table of one report, in print order."""

    tables: list[TableTrace] = field(default_factory=list)

    def mark(self, report: Report, pool: Pool) -> Mark:
        return Mark(len(report.items), len(report.delinquencies), _values(pool))

    def record(self, grid: Grid, kind: str, table: ClassTable | None, report: Report,
               pool: Pool, mark: Mark) -> None:
        """Describe ``grid`` routed as ``kind`` (``table``: the class table read, if any)."""
        traced = TableTrace(" / ".join(grid.titles) or "(no heading)", kind)
        traced.columns = _columns(grid, kind, table)
        item_labels = {i.label for i in report.items[mark.items:]}
        item_subjects = {i.subject for i in report.items[mark.items:]}
        traced.pool_fields = [k for k, v in _values(pool).items() if mark.pool.get(k) != v]
        traced.rows = _rows(grid, kind, table, item_labels, item_subjects, traced.pool_fields)
        self.tables.append(traced)


def _values(pool: Pool) -> dict[str, Any]:
    return {f.name: getattr(pool, f.name) for f in fields(Pool)
            if f.name != "pool" and getattr(pool, f.name) is not None}


def _columns(grid: Grid, kind: str, table: ClassTable | None) -> list[ColumnTrace]:
    if table is not None:
        return [ColumnTrace(h, s.name if s else UNMAPPED)
                for h, s in zip(table.headers, table.specs, strict=True)]
    if kind == "delinquency":
        return [ColumnTrace(printed_label(h), f"status {STATUS_WORDS[h.strip().lower()]}"
                            if h.strip().lower() in STATUS_WORDS else UNMAPPED)
                for h in grid.headers[1:]]
    return [ColumnTrace(printed_label(h) or "(values)", "report_items or pools by row label")
            for h in grid.headers[1:]]


def _rows(grid: Grid, kind: str, table: ClassTable | None, item_labels: set[str],
          item_subjects: set[str | None], pool_fields: list[str]) -> list[RowTrace]:
    labels = [printed_label(r.label) for r in grid.rows
              if any(v and v.strip() for v in r.values)]
    buckets = bucket_names(labels) if kind == "delinquency" else {}
    out = []
    for label in labels:
        if is_total_label(label):
            where = "checks (printed totals)"
        elif kind == "class" and table is not None:
            where = f"tranches[{label}]" if label else "tranches (class above)"
        elif kind == "delinquency":
            where = f"delinquencies[{buckets[label]}]" if label in buckets else "checks"
        elif label in item_labels or label in item_subjects:
            where = "report_items"
        elif pool_fields:
            where = "pools[total]"
        else:
            where = "dropped (no value read)"
        out.append(RowTrace(label, where))
    return out
