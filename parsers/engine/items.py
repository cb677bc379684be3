"""Tables with no typed home -> :class:`~parsers.model.ReportItem` rows, so no number is lost.

Two shapes cover the trustee's "everything else" tables:

* label / value (fees, certificate account, collateral lines): one item per row, ``label`` the
  row label as printed, ``subject`` None;
* label x columns (``Cap Contract`` under Beginning / Withdrawals / Deposits / Ending): one
  item per cell, ``subject`` the row label, ``label`` the column header.

Figures become ``amount`` (percentages as fractions); anything else is ``text``.
"""

from __future__ import annotations

from parsers.engine.columns import Grid
from parsers.engine.numbers import parse_number
from parsers.engine.vocabulary import printed_label
from parsers.model import ReportItem

__all__ = ["item", "table_items"]


def item(section: str, label: str, cell: str, subject: str | None = None) -> ReportItem:
    """One printed cell as an item: a number when it reads as one, else text."""
    amount = parse_number(cell)
    text = None if amount is not None else " ".join(cell.split())
    return ReportItem(section, printed_label(label), amount, text, subject)


def table_items(grid: Grid, section: str) -> list[ReportItem]:
    """Every printed value cell of ``grid`` as an item (rows with no value are sub-headings)."""
    out: list[ReportItem] = []
    multi = len(grid.columns) > 2 or any(h.strip() for h in grid.headers[1:])
    for row in grid.rows:
        for header, cell in zip(grid.headers[1:], row.values, strict=True):
            if not cell or not cell.strip():
                continue
            if multi:
                out.append(item(section, header, cell, subject=printed_label(row.label) or None))
            else:
                out.append(item(section, row.label, cell))
    return out
