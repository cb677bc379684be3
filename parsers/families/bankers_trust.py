"""Bankers Trust / Deutsche Bank "STATEMENT TO CERTIFICATEHOLDERS" (fixed-width text, 1990s-2000s).

Configuration over the shared engine, nothing deal-specific:

* tables are cut by geometry (:mod:`parsers.engine.plaintext`), with or without ``<TABLE>``
  markup, page headers and reprinted column headers removed;
* ``DISTRIBUTIONS IN DOLLARS`` (first column ``CLASS``) is the class table; ``DEFERRED
  INTEREST`` is interest added to the balance, i.e. ``accretion``;
* ``FACTOR INFORMATION PER $1000 OF ORIGINAL FACE`` gives each class its CUSIP and current
  pass-through rate; its per-$1,000 columns are derived (checked, kept as items);
* each collateral block headed ``GROUP I (FIXED)`` ... is one :class:`Pool` named as printed
  (``"GROUP I"``, the parenthesis is its ``collateral_description``); a block headed ``TOTAL``
  is the ``"total"`` pool. ``PREPAYMENTS`` + ``LIQUIDATION PROCEEDS`` make
  ``unscheduled_principal`` (both also kept as items);
* delinquency blocks count missed payments (:mod:`parsers.engine.missed_payments`);
  ``delinquency_method`` is set only when the text names MBA or OTS.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.engine.classes import ClassTable, merge_tranches, read_class_table
from parsers.engine.columns import Grid, build_grid
from parsers.engine.evidence import Evidence, FactorCell
from parsers.engine.items import item, table_items
from parsers.engine.missed_payments import missed_payment_bucket, read_stacked_delinquency
from parsers.engine.numbers import parse_amount, parse_date, parse_number
from parsers.engine.plaintext import split_plain_tables
from parsers.engine.trace import Read, Trace
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
from parsers.sanity import completeness_checks

__all__ = ["ALWAYS_POOL_FIELDS", "ALWAYS_TRANCHE_FIELDS", "CLASS_VOCABULARY",
           "COLLATERAL_SECTION", "LAYOUT", "POOL_VOCABULARY", "detect", "parse"]

LAYOUT = "bankers_trust"
COLLATERAL_SECTION = "collateral information"
_UNSCHEDULED_PARTS = ("prepayments", "liquidation proceeds")

_DATE = r"([A-Z][a-z]+\s+\d{1,2},\s*\d{4}|\S+)"
_DISTRIBUTION = re.compile(r"(?:DISTRIBUTION|PAYMENT)\s+DATE\s*:?\s*" + _DATE, re.I)
_RECORD = re.compile(r"RECORD\s+DATE\s*:?\s*" + _DATE, re.I)
_SERIES = re.compile(r"SERIES\s*:?\s*(\d{4}-[A-Z0-9]+)\b", re.I)
_METHOD = re.compile(r"\b(MBA|OTS)\b")
_GROUP = re.compile(r"^(GROUP\s+[A-Z0-9]+)\s*(?:\(([^)]*)\))?$", re.I)
_TOTAL_POOL = re.compile(r"^TOTAL(?:\s+(?:POOL|ALL\s+GROUPS|COLLATERAL))?$", re.I)

#: The class table's headers; generic words ("PRINCIPAL", "TOTAL") are safe only here.
CLASS_VOCABULARY = TRANCHE_FIELDS.extend({
    "Original Face Value": FieldSpec("original_balance"),
    "Principal": FieldSpec("principal_distribution"),
    "Interest": FieldSpec("interest_distribution"),
    "Total": FieldSpec("total_distribution"),
    "Deferred Interest": FieldSpec("accretion"),
})
#: The factor table's own figures: CUSIP and rate are facts of the class.
_FACTOR_FACTS = Vocabulary({
    "CUSIP": FieldSpec("cusip", "text"),
    "Current Pass-Thru Rate": FieldSpec("pass_through_rate", "rate"),
    "Pass-Thru Rate": FieldSpec("pass_through_rate", "rate"),
    "Current Pass-Through Rate": FieldSpec("pass_through_rate", "rate"),
})
#: The factor table's per-$1,000 columns and the class amount each is derived from.
_PER_THOUSAND = Vocabulary({
    "Beginning Principal": FieldSpec("beginning_balance"),
    "Principal": FieldSpec("principal_distribution"),
    "Interest": FieldSpec("interest_distribution"),
    "Total": FieldSpec("total_distribution"),
    "Ending Principal": FieldSpec("ending_balance"),
})
#: Printed for every class / group of this layout: None means an unknown header synonym.
ALWAYS_TRANCHE_FIELDS = ("original_balance", "beginning_balance", "principal_distribution",
                         "interest_distribution", "ending_balance")
ALWAYS_POOL_FIELDS = ("beginning_balance", "ending_balance")
POOL_VOCABULARY = POOL_FIELDS.extend({
    "Beginning Balance": FieldSpec("beginning_balance"),
    "Ending Balance": FieldSpec("ending_balance"),
    "Realized Losses": FieldSpec("realized_loss"),
    "Loan Count": FieldSpec("ending_loan_count", "count"),
    "Weighted Average Remaining Term": FieldSpec("wam", "count"),
})


def detect(text: str) -> bool:
    """The statement title plus one of this layout's two class-table headings, in text (an
    HTML statement with the same titles belongs to the html_tables family)."""
    lowered = " ".join(text[:400_000].lower().split())
    return ("<td" not in lowered and "statement to certificateholders" in lowered
            and ("distributions in dollars" in lowered or "per $1000 of original face" in lowered))


def parse(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
    """Read every table. Raises ReportLayoutError without a distribution date or class table.
    ``trace``, when given, records how each table was read (``absdw parse --debug``)."""
    report, evidence = Report(), Evidence()
    _read_header(report, text)
    class_tables: list[ClassTable] = []
    for grid in (build_grid(t) for t in split_plain_tables(text)):
        mark = trace.mark(report) if trace is not None else None
        read = _route(grid, report, evidence, class_tables)
        if trace is not None and mark is not None:
            trace.record(grid, read.kind, read.table, report, (), mark, derived=read.derived,
                         heading=_heading(grid))
    if not any(t.section == "distributions in dollars" for t in class_tables):
        raise ReportLayoutError("no 'DISTRIBUTIONS IN DOLLARS' class table found")
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend(notes)
    evidence.notes.extend(
        completeness_checks(report, ALWAYS_TRANCHE_FIELDS, ALWAYS_POOL_FIELDS))
    return report, evidence


def _read_header(report: Report, text: str) -> None:
    distribution, record = _DISTRIBUTION.search(text), _RECORD.search(text)
    report.distribution_date = parse_date(distribution.group(1)) if distribution else None
    report.record_date = parse_date(record.group(1)) if record else None
    if report.distribution_date is None:
        raise ReportLayoutError("no readable 'DISTRIBUTION DATE:' in the statement")
    series = _SERIES.search(text)
    report.series = series.group(1) if series else None
    method = _METHOD.search(text)
    report.delinquency_method = method.group(1) if method else None


def _route(grid: Grid, report: Report, evidence: Evidence, tables: list[ClassTable]) -> Read:
    """Read ``grid`` into the report; returns what it was read as (for the trace)."""
    caption = " ".join([*grid.preamble, *grid.titles]).lower()
    group = _group(grid)
    if grid.headers[0].strip().lower().startswith("class"):
        if "per $1000" in caption or "factor" in caption:
            return _read_factors(grid, report, evidence, tables)
        return Read("class", _read_classes(grid, report, evidence, tables))
    if group and any(missed_payment_bucket(c or "") for r in grid.rows for c in r.cells):
        records, found = read_stacked_delinquency(grid, group[0])
        report.delinquencies.extend(records)
        evidence.delinquency.append(found)
        return Read("delinquency")
    if group and len(grid.columns) == 2:
        report.pools.append(_read_pool(grid, group, report.items))
        return Read("collateral")
    report.items.extend(table_items(grid, section_name(grid.title) or "untitled"))
    return Read("items")


def _heading(grid: Grid) -> str:
    """The trace's heading: the titles, and the group heading a collateral block prints as
    its label column's header (``GROUP II (ADJUSTABLE)``)."""
    header = " ".join(grid.headers[0].split())
    block = [header] if _GROUP.match(header) or _TOTAL_POOL.match(header) else []
    return " / ".join([*grid.titles, *block]) or "(no heading)"


def _group(grid: Grid) -> tuple[str, str | None] | None:
    """(pool name, description) from the innermost group heading: ``GROUP I (FIXED)`` ->
    ("GROUP I", "FIXED"), ``TOTAL`` -> ("total", None)."""
    for line in reversed([*grid.preamble, *grid.titles, grid.headers[0]]):
        text = " ".join(line.split())
        if m := _GROUP.match(text):
            return m.group(1).upper(), m.group(2)
        if _TOTAL_POOL.match(text):
            return "total", None
    return None


def _read_classes(grid: Grid, report: Report, evidence: Evidence,
                  tables: list[ClassTable]) -> ClassTable:
    table = read_class_table(grid, CLASS_VOCABULARY, "distributions in dollars")
    if not any(table.specs):
        raise ReportLayoutError(f"class table has no known column (headers: {table.headers})")
    tables.append(table)
    evidence.class_tables.append(table.evidence())
    evidence.notes.extend(table.notes)
    report.items.extend(item(table.section, header, cell, subject="Totals")
                        for header, cell in zip(table.headers, table.totals or [], strict=False)
                        if cell)
    return table


def _read_factors(grid: Grid, report: Report, evidence: Evidence,
                  tables: list[ClassTable]) -> Read:
    """CUSIP and rate per class (a class table); the per-$1,000 columns as checked items."""
    section = "factor information per $1000 of original face"
    facts = read_class_table(grid, _FACTOR_FACTS, section)
    tables.append(facts)
    derived = read_class_table(grid, _PER_THOUSAND, section)
    for name, cells in derived.rows:
        for header, spec, cell in zip(derived.headers, derived.specs, cells, strict=True):
            value = parse_number(cell)
            if spec is None or value is None:
                continue
            report.items.append(item(section, header, cell or "", subject=name))
            evidence.factors.append(FactorCell(section, name, spec.name, value))
    return Read("factors", facts, derived.specs)


def _read_pool(grid: Grid, group: tuple[str, str | None], items: list[ReportItem]) -> Pool:
    """One collateral block: known labels set fields (first print wins), the rest are items."""
    pool = Pool(pool=group[0], collateral_description=group[1])
    parts: list[Decimal] = []
    for row in grid.rows:
        cell = row.values[-1]
        if not cell:
            continue
        label = " ".join(row.label.split())
        spec = POOL_VOCABULARY.lookup(label)
        value = convert(cell, spec.kind) if spec else None
        if spec and value is not None and getattr(pool, spec.name) is None:
            setattr(pool, spec.name, value)
            continue
        items.append(item(COLLATERAL_SECTION, label, cell, subject=group[0]))
        if label.lower() in _UNSCHEDULED_PARTS and (amount := parse_amount(cell)) is not None:
            parts.append(amount)
    if pool.unscheduled_principal is None and parts:
        pool.unscheduled_principal = sum(parts, Decimal(0))
    return pool
