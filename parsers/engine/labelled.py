"""Label / value tables read into one record (a pool's collateral lines, deal-level flags).

A row whose label the vocabulary knows sets that field of the record, first print wins; every
other printed row becomes a :class:`~parsers.model.ReportItem`, so no figure is lost. ``column``
picks the value column (the last by default: a two-column table; one group's column of a
per-group statement otherwise).
"""

from __future__ import annotations

from parsers.engine.columns import Grid
from parsers.engine.items import item
from parsers.engine.vocabulary import Vocabulary, convert
from parsers.model import ReportItem

__all__ = ["read_labelled"]


def read_labelled(grid: Grid, section: str, record: object, vocabulary: Vocabulary, *,
                  column: int = -1, subject: str | None = None) -> list[ReportItem]:
    """Set ``record``'s fields from ``grid``'s known rows; the other rows as items."""
    out: list[ReportItem] = []
    for row in grid.rows:
        values = row.values
        cell = values[column] if values and -len(values) <= column < len(values) else None
        if not cell:
            continue
        spec = vocabulary.lookup(row.label)
        if spec and spec.kind == "text":  # extra label words may be the value's own
            spec = vocabulary.lookup(row.label, exact=True)
        value = convert(cell, spec.kind) if spec else None
        if spec and value is not None and getattr(record, spec.name) is None:
            setattr(record, spec.name, value)
        else:
            out.append(item(section, row.label, cell, subject=subject))
    return out
