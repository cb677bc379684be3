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
  ``delinquency_method`` is MBA or OTS when the text names one, else ``missed_payments``
  (what these tables print) once any delinquency was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from parsers.engine.class_items import totals_items
from parsers.engine.classes import ClassTable, merge_tranches, read_class_table
from parsers.engine.columns import Grid, build_grid
from parsers.engine.evidence import DelinquencyEvidence, Evidence, FactorCell
from parsers.engine.groups import read_group_columns
from parsers.engine.items import item, table_items
from parsers.engine.missed_payments import (
    bucket_columns,
    missed_payment_bucket,
    read_bucket_columns,
    read_stacked_delinquency,
    status_of_block,
)
from parsers.engine.numbers import parse_amount, parse_number
from parsers.engine.plaintext import split_plain_tables
from parsers.engine.report_header import read_header
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
from parsers.model import Check, Pool, Report, ReportItem
from parsers.sanity import completeness_checks

__all__ = ["ALWAYS_POOL_FIELDS", "ALWAYS_TRANCHE_FIELDS", "CLASS_VOCABULARY",
           "COLLATERAL_SECTION", "LAYOUT", "POOL_VOCABULARY", "detect", "parse"]

LAYOUT = "bankers_trust"
COLLATERAL_SECTION = "collateral information"
#: Sources of principal that are unscheduled: their sum is a pool's unscheduled principal.
_UNSCHEDULED_PARTS = ("prepayments", "prepayments & curtailments", "repurchases/substitutions",
                      "liquidation proceeds", "net liquidation proceeds")

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
    "Pass-Through Rates Current": FieldSpec("pass_through_rate", "rate"),
})
#: The factor table's per-$1,000 columns and the class amount each is derived from.
_PER_THOUSAND = Vocabulary({
    "Beginning Principal": FieldSpec("beginning_balance"),
    "Prior Principal Balance": FieldSpec("beginning_balance"),
    "Principal": FieldSpec("principal_distribution"),
    "Interest": FieldSpec("interest_distribution"),
    "Total": FieldSpec("total_distribution"),
    "Ending Principal": FieldSpec("ending_balance"),
    "Current Principal Balance": FieldSpec("ending_balance"),
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
    columns: dict[str, Pool] = {}  # pools printed one per value column (FIXED GROUP | ...)
    blocks = _StatusBlocks()
    for grid in (build_grid(t) for t in split_plain_tables(text)):
        mark = trace.mark(report, columns.values()) if trace is not None else None
        read = _route(grid, report, evidence, class_tables, columns, blocks)
        if trace is not None and mark is not None:
            trace.record(grid, read.kind, read.table, report, columns.values(), mark,
                         derived=read.derived, heading=_heading(grid))
    if not any(t.section == "distributions in dollars" for t in class_tables):
        raise ReportLayoutError("no 'DISTRIBUTIONS IN DOLLARS' class table found")
    printed = {pool.pool for pool in report.pools}
    report.pools.extend(pool for name, pool in columns.items() if name not in printed)
    evidence.delinquency.extend(blocks.evidence.values())
    if report.delinquencies and report.delinquency_method is None:
        report.delinquency_method = "missed_payments"  # every reader here counts payments
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend([*notes, *_factor_class_sets(class_tables, report)])
    evidence.notes.extend(
        completeness_checks(report, ALWAYS_TRANCHE_FIELDS, ALWAYS_POOL_FIELDS))
    return report, evidence


def _factor_class_sets(tables: list[ClassTable], report: Report) -> list[Check]:
    """A factor table prints a row for every class of the class table before it that has a
    face (residuals have none), and no other: a row lost or invented means the table was
    misread, and its CUSIPs and rates are unproven (``class_set_mismatch``)."""
    faces = {t.class_name: t.original_balance for t in report.tranches}
    out, classes = [], None
    for table in tables:
        names = {name for name, _ in table.rows}
        if table.section == "distributions in dollars":
            classes = names
            continue
        if classes is None:
            continue
        lost = sorted(n for n in classes - names if faces.get(n))
        extra = sorted(names - classes)
        if lost or extra:
            out.append(Check("class_set_mismatch", False, f"factor table lacks classes "
                             f"{lost} of the class table above it, lists {extra} it lacks"))
    return out


def _read_header(report: Report, text: str) -> None:
    read_header(report, text)
    if report.distribution_date is None:
        raise ReportLayoutError("no readable 'DISTRIBUTION DATE:' in the statement")
    method = _METHOD.search(text)
    if method is not None:
        report.delinquency_method = "MBA" if method.group(1) == "MBA" else "OTS"


@dataclass
class _StatusBlocks:
    """Delinquency printed one status per table with buckets across: the bucket headers
    (printed over the first table only) and each group's printed totals."""

    buckets: list[str] | None = None
    evidence: dict[str, DelinquencyEvidence] = field(default_factory=dict)


def _route(grid: Grid, report: Report, evidence: Evidence, tables: list[ClassTable],
           columns: dict[str, Pool], blocks: _StatusBlocks) -> Read:
    """Read ``grid`` into the report; returns what it was read as (for the trace)."""
    caption = " ".join([*grid.preamble, *grid.titles]).lower()
    group = _group(grid)
    if grid.headers[0].strip().lower().startswith("class"):
        if "distributions in dollars" in grid.title.lower():  # the footer above it may
            return Read("class", _read_classes(grid, report, evidence, tables))  # say FACTOR
        if "per $1000" in caption or "factor" in caption or _unheaded_factor_table(grid):
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
    if (status := status_of_block(grid)) is not None:
        blocks.buckets = bucket_columns(grid) or blocks.buckets
        if status != "total" and blocks.buckets is not None:
            report.delinquencies.extend(
                read_bucket_columns(grid, status, blocks.buckets, blocks.evidence))
            return Read("delinquency")
    if (names := _column_groups(grid)) is not None:
        report.items.extend(_read_group_columns(grid, names, columns))
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
    report.items.extend(totals_items(table))
    return table


_FACTOR_HEADING = re.compile(r"^\s*factor\s+information\s+per\s+\$?1,?000\s+of\s+original\s+"
                             r"face\s*", re.I)


def _unheaded_factor_table(grid: Grid) -> bool:
    """The factor table's heading printed on a header line beside other column words (real
    statements: ``FACTOR INFORMATION PER $1000 OF ORIGINAL FACE ... PASS-THROUGH``), so the
    grid has no title and a column header starts with it."""
    return any(_FACTOR_HEADING.match(h) for h in grid.headers[1:])


def _read_factors(grid: Grid, report: Report, evidence: Evidence,
                  tables: list[ClassTable]) -> Read:
    """CUSIP and rate per class (a class table); the per-$1,000 columns as checked items."""
    section = "factor information per $1000 of original face"
    for column in grid.columns:  # the heading words joined to a column's own header
        column.header = _FACTOR_HEADING.sub("", column.header)
    facts = read_class_table(grid, _FACTOR_FACTS, section)
    tables.append(facts)
    derived = read_class_table(grid, _PER_THOUSAND, section)
    for name, cells in derived.rows:
        for header, spec, fact, cell in zip(derived.headers, derived.specs, facts.specs, cells,
                                            strict=True):
            value = parse_number(cell)
            if value is None or fact is not None:
                continue
            report.items.append(item(section, header, cell or "", subject=name))  # all kept
            if spec is not None:
                evidence.factors.append(FactorCell(section, name, spec.name, value))
    evidence.notes.extend(_factor_columns(grid, facts, derived))
    return Read("factors", facts, derived.specs)


#: What every factor table of this layout prints (a CUSIP column may be blank for a tier).
_FACTOR_COLUMNS = ("beginning_balance", "principal_distribution", "interest_distribution",
                   "ending_balance")


def _factor_columns(grid: Grid, facts: ClassTable, derived: ClassTable) -> list[Check]:
    """A factor table read without its rate or one of its per-$1,000 columns was cut along
    the wrong lines (figures split, columns run together): its rates and CUSIPs are unproven
    and its factors unchecked, so the reading is flagged."""
    found = {s.name for s in [*facts.specs, *derived.specs] if s is not None}
    missing = [f for f in ("pass_through_rate", *_FACTOR_COLUMNS) if f not in found]
    if not missing or not derived.rows:
        return []
    return [Check("missing_field", False, f"factor table: columns {missing} not read "
                  f"(headers as cut: {[c.header for c in grid.columns]})")]


#: A value column headed by its group, the lowest header line last (``FIXED GROUP``, ``ADJ
#: GROUP``, ``GROUP II``, ``TOTAL``): real statements print the collateral account, pool
#: information and overcollateralization with one column per group.
_COLUMN_GROUP = re.compile(r"(?<!\S)((?:\S+\s+)?GROUP|GROUP\s+\S+|TOTALS?)$", re.I)
#: Labels of those tables (beside POOL_VOCABULARY's).
_GROUP_COLUMN_VOCABULARY = POOL_VOCABULARY.extend({
    "Prior Principal Balance of Pool": FieldSpec("beginning_balance"),
    "Current Principal Balance of Pool": FieldSpec("ending_balance"),
    "Prior Number of Loans": FieldSpec("beginning_loan_count", "count"),
    "Current Number of Loans": FieldSpec("ending_loan_count", "count"),
    "Current Weighted Average Mortgage Rate": FieldSpec("wac", "rate"),
    "Weighted Average Term to Maturity": FieldSpec("wam", "count"),
    "Scheduled Principal Received": FieldSpec("scheduled_principal"),
    "Target Overcollateralization Amount": FieldSpec("oc_target"),
    "Less: Realized Losses": FieldSpec("realized_loss"),
})


def _column_groups(grid: Grid) -> list[str] | None:
    """The pool of each value column when every one is headed by a group (``total`` for
    TOTAL) and at least one names a group; else None."""
    names = []
    for header in grid.headers[1:]:
        found = _COLUMN_GROUP.search(" ".join(header.split()))
        if found is None:
            return None
        name = found.group(1).upper()
        names.append("total" if name.startswith("TOTAL") else name)
    return names if len(names) >= 2 and set(names) != {"total"} else None


def _read_group_columns(grid: Grid, names: list[str],
                        pools: dict[str, Pool]) -> list[ReportItem]:
    """Each column into its pool (:func:`~parsers.engine.groups.read_group_columns`); a
    SOURCES OF PRINCIPAL table also gives each pool its unscheduled principal."""
    section = section_name(" ".join(grid.headers[0].split()) or grid.title) or "untitled"
    out = read_group_columns(grid, section, pools, _GROUP_COLUMN_VOCABULARY, names)
    if "principal" in section:
        for i, name in enumerate(names):
            if pools[name].unscheduled_principal is None:
                pools[name].unscheduled_principal = _unscheduled(
                    (row.label, row.values[i]) for row in grid.rows)
    return out


def _unscheduled(rows: Iterable[tuple[str, str | None]]) -> Decimal | None:
    """The sum of the unscheduled sources of principal among (label, cell) rows, if any."""
    parts = [amount for label, cell in rows
             if " ".join(label.split()).lower() in _UNSCHEDULED_PARTS
             and (amount := parse_amount(cell)) is not None]
    return sum(parts, Decimal(0)) if parts else None


def _read_pool(grid: Grid, group: tuple[str, str | None], items: list[ReportItem]) -> Pool:
    """One collateral block: known labels set fields (first print wins), the rest are items."""
    pool = Pool(pool=group[0], collateral_description=group[1])
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
    if pool.unscheduled_principal is None:
        pool.unscheduled_principal = _unscheduled((r.label, r.values[-1]) for r in grid.rows)
    return pool
