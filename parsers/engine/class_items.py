"""What a class table prints beyond its tranches, kept as report items so no figure is lost.

* cells of columns no vocabulary entry maps (``subject`` the class, ``label`` the header);
* the printed Totals row (``subject`` ``"Totals"``): derived figures, also checked;
* every cell of a per-$1,000 factor table; its mapped cells also feed the factor checks.
"""

from __future__ import annotations

from parsers.engine.classes import ClassTable, is_total_label
from parsers.engine.evidence import Evidence, FactorCell
from parsers.engine.items import item
from parsers.model import ReportItem

__all__ = ["class_extras", "factor_items", "totals_items", "unmapped_items"]


def unmapped_items(table: ClassTable) -> list[ReportItem]:
    """Each class's cells in columns that set no tranche field."""
    return [item(table.section, header, cell, subject=name)
            for name, cells in table.rows
            for header, spec, cell in zip(table.headers, table.specs, cells, strict=True)
            if spec is None and cell]


def totals_items(table: ClassTable) -> list[ReportItem]:
    """The printed Totals row, cell by cell."""
    return [item(table.section, header, cell, subject="Totals")
            for header, cell in zip(table.headers, table.totals or [], strict=False) if cell]


def class_extras(table: ClassTable) -> list[ReportItem]:
    """Unmapped columns per class, then the Totals row."""
    return [*unmapped_items(table), *totals_items(table)]


def factor_items(table: ClassTable, evidence: Evidence) -> list[ReportItem]:
    """Every per-$1,000 factor cell as an item; mapped ones also feed the factor checks."""
    out: list[ReportItem] = []
    rows = [*table.rows, *([("Totals", table.totals)] if table.totals else [])]
    for name, cells in rows:
        for header, spec, cell in zip(table.headers, table.specs, cells, strict=True):
            if not cell:
                continue
            printed = item(table.section, header, cell, subject=name)
            out.append(printed)
            if spec is not None and printed.amount is not None and not is_total_label(name):
                evidence.factors.append(FactorCell(table.section, name, spec.name,
                                                   printed.amount))
    return out
