"""Wells Fargo "CTSLink" fixed-width reports (``<TABLE>/<CAPTION>/<S>/<C>`` text, 1990s-2000s).

Configuration over the shared engine: which tables are class tables (first column headed
``Class``), which are per-$1,000 factor tables (``Factors`` in the heading), which is the
delinquency matrix (status columns), the collateral statement (pool vocabulary), and the rest
(items). Nothing here depends on a deal's class names, column widths or figures.
"""

from __future__ import annotations

import re
from dataclasses import fields

from parsers.engine.classes import ClassTable, is_total_label, merge_tranches, read_class_table
from parsers.engine.columns import Grid, build_grid
from parsers.engine.delinquency import STATUS_WORDS, read_delinquency_matrix
from parsers.engine.evidence import Evidence, FactorCell
from parsers.engine.items import item, table_items
from parsers.engine.numbers import parse_date, parse_number
from parsers.engine.tables import split_tables
from parsers.engine.vocabulary import (
    POOL_FIELDS,
    TRANCHE_FIELDS,
    FieldSpec,
    Vocabulary,
    convert,
    section_name,
)
from parsers.errors import ReportLayoutError
from parsers.model import Pool, Report, ReportItem

__all__ = ["LAYOUT", "detect", "parse"]

LAYOUT = "ctslink"

_SIGNATURES = ("certificateholder distribution summary", "ctslink")
_MARKER = re.compile(r"^\s*<S>\s+<C>", re.IGNORECASE | re.MULTILINE)
_RECORD = re.compile(r"Record\s+Date\s*:?\s*(\S+)", re.IGNORECASE)
_DISTRIBUTION = re.compile(r"Distribution\s+Date\s*:?\s*(\S+)", re.IGNORECASE)
_SERIES = re.compile(r"Series\s*:?\s*(\d{4}-[A-Z0-9]+)\b", re.IGNORECASE)

#: The interest statement calls its own column "Realized Losses": interest, not principal.
INTEREST_VOCABULARY = TRANCHE_FIELDS.extend({
    "Realized Losses": FieldSpec("interest_realized_loss"),
    "Realized Loss": FieldSpec("interest_realized_loss"),
})
#: Deal-level flags printed outside the collateral statement ("Miscellaneous Reporting").
FLAG_VOCABULARY = Vocabulary({"Trigger Event": FieldSpec("trigger_event", "flag")})
_POOL_FIELDS = {f.name for f in fields(Pool)}


def detect(text: str) -> bool:
    """CTSLink: ``<TABLE>`` markup with ``<S> <C>`` marker lines and a CTSLink signature."""
    lowered = text.lower()
    return (
        "<table>" in lowered
        and _MARKER.search(text) is not None
        and any(signature in lowered for signature in _SIGNATURES)
    )


def parse(text: str) -> tuple[Report, Evidence]:
    """Read every table of a CTSLink report. Raises ReportLayoutError when structurally
    unreadable (no distribution date, no class table, a class table with no known column)."""
    grids = [build_grid(table) for table in split_tables(text) if not table.is_empty]
    report, evidence = Report(), Evidence()
    _read_dates(report, text)
    class_tables: list[ClassTable] = []
    pool = Pool(pool="total")
    for grid in grids:
        _route(grid, report, evidence, class_tables, pool)
    if not class_tables:
        raise ReportLayoutError("no class table found (no table whose first column is 'Class')")
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend(notes)
    if any(getattr(pool, name) is not None for name in _POOL_FIELDS - {"pool"}):
        report.pools.append(pool)
    return report, evidence


def _read_dates(report: Report, text: str) -> None:
    start = text.lower().find("<table>")
    body = text[max(start, 0):]
    record, distribution = _RECORD.search(body), _DISTRIBUTION.search(body)
    report.record_date = parse_date(record.group(1)) if record else None
    report.distribution_date = parse_date(distribution.group(1)) if distribution else None
    if report.distribution_date is None:
        raise ReportLayoutError("no readable 'Distribution Date:' in the report")
    series = _SERIES.search(body)
    report.series = series.group(1) if series else None


def _kind(grid: Grid) -> str:
    first = grid.headers[0].strip().lower()
    statuses = {STATUS_WORDS.get(h.strip().lower()) for h in grid.headers[1:]} - {None}
    if first.startswith("class"):
        return "factors" if "factor" in grid.title.lower() else "class"
    if len(statuses - {"total"}) >= 2:
        return "delinquency"
    if "collateral" in grid.title.lower() and len(grid.columns) == 2:
        return "collateral"
    return "items"


def _route(
    grid: Grid, report: Report, evidence: Evidence, class_tables: list[ClassTable], pool: Pool
) -> None:
    kind, section = _kind(grid), section_name(grid.title) or "untitled"
    if kind in ("class", "factors"):
        vocabulary = INTEREST_VOCABULARY if "interest" in section else TRANCHE_FIELDS
        table = read_class_table(grid, vocabulary, section)
        if kind == "class" and not any(table.specs):
            raise ReportLayoutError(
                f"class table {grid.title!r} has no known column (headers: {table.headers})"
            )
        evidence.notes.extend(table.notes)
        if kind == "class":
            class_tables.append(table)
            evidence.class_tables.append(table.evidence())
            report.items.extend(_class_extras(table))
        else:
            report.items.extend(_factor_items(table, evidence))
    elif kind == "delinquency":
        records, found = read_delinquency_matrix(grid)
        report.delinquencies.extend(records)
        evidence.delinquency.append(found)
    elif kind == "collateral":
        report.items.extend(_pool_rows(grid, section, pool, POOL_FIELDS))
    else:
        report.items.extend(_flag_rows(grid, section, pool))


def _class_extras(table: ClassTable) -> list[ReportItem]:
    """Items for what tranches do not hold: unmapped columns and the printed Totals row."""
    out = [
        item(table.section, header, cell, subject=name)
        for name, cells in table.rows
        for header, spec, cell in zip(table.headers, table.specs, cells, strict=True)
        if spec is None and cell
    ]
    for header, cell in zip(table.headers, table.totals or [], strict=False):
        if cell:
            out.append(item(table.section, header, cell, subject="Totals"))
    return out


def _factor_items(table: ClassTable, evidence: Evidence) -> list[ReportItem]:
    """Every factor-table cell as an item; mapped ones also feed the per-$1,000 checks."""
    out: list[ReportItem] = []
    rows = [*table.rows, *([("Totals", table.totals)] if table.totals else [])]
    for name, cells in rows:
        for header, spec, cell in zip(table.headers, table.specs, cells, strict=True):
            if not cell:
                continue
            out.append(item(table.section, header, cell, subject=name))
            value = parse_number(cell)
            if spec is not None and value is not None and not is_total_label(name):
                evidence.factors.append(FactorCell(table.section, name, spec.name, value))
    return out


def _pool_rows(
    grid: Grid, section: str, pool: Pool, vocabulary: Vocabulary
) -> list[ReportItem]:
    """Rows the vocabulary knows set pool fields (first print wins); the rest become items."""
    out: list[ReportItem] = []
    for row in grid.rows:
        cell = row.values[-1] if row.values else None
        if not cell:
            continue
        spec = vocabulary.lookup(row.label)
        value = convert(cell, spec.kind) if spec else None
        if spec and value is not None and getattr(pool, spec.name) is None:
            setattr(pool, spec.name, value)
        else:
            out.append(item(section, row.label, cell))
    return out


def _flag_rows(grid: Grid, section: str, pool: Pool) -> list[ReportItem]:
    if len(grid.columns) == 2 and not grid.headers[1].strip():
        return _pool_rows(grid, section, pool, FLAG_VOCABULARY)
    return table_items(grid, section)
