"""Wells Fargo "CTSLink" fixed-width reports (``<TABLE>/<CAPTION>/<S>/<C>`` text, 1990s-2000s).

Configuration over the shared engine: which tables are class tables (first column headed
``Class``), which are per-$1,000 factor tables (``Factors`` in the heading), which is the
delinquency matrix (status columns), the collateral statement (pool vocabulary), and the rest
(items). Nothing here depends on a deal's class names, column widths or figures.
"""

from __future__ import annotations

import re
from dataclasses import fields

from parsers.engine.class_items import class_extras, factor_items
from parsers.engine.classes import ClassTable, merge_tranches, read_class_table
from parsers.engine.columns import Grid, build_grid
from parsers.engine.delinquency import STATUS_WORDS, bucket_names, read_delinquency_matrix
from parsers.engine.evidence import DelinquencyEvidence, Evidence
from parsers.engine.groups import column_pools, group_name, read_group_columns
from parsers.engine.items import table_items
from parsers.engine.labelled import read_labelled
from parsers.engine.report_header import read_header
from parsers.engine.tables import split_tables
from parsers.engine.trace import Trace
from parsers.engine.vocabulary import (
    POOL_FIELDS,
    TRANCHE_FIELDS,
    FieldSpec,
    Vocabulary,
    section_name,
)
from parsers.errors import ReportLayoutError
from parsers.model import Check, Delinquency, Pool, Report, ReportItem
from parsers.sanity import completeness_checks

__all__ = ["LAYOUT", "detect", "parse"]

LAYOUT = "ctslink"

#: Wording variants: "Certificateholder"/"Noteholder" and the 10-D era's market heading.
_SIGNATURES = ("certificateholder distribution summary", "noteholder distribution summary",
               "market distribution summary", "ctslink")
_MARKER = re.compile(r"^\s*<S>\s+<C>", re.IGNORECASE | re.MULTILINE)
_FIRST_TABLE = re.compile(r"<table>", re.IGNORECASE)

#: The interest statement calls its own column "Realized Losses": interest, not principal.
INTEREST_VOCABULARY = TRANCHE_FIELDS.extend({
    "Realized Losses": FieldSpec("interest_realized_loss"),
    "Realized Loss": FieldSpec("interest_realized_loss"),
})
#: Deal-level flags printed outside the collateral statement ("Miscellaneous Reporting").
FLAG_VOCABULARY = Vocabulary({"Trigger Event": FieldSpec("trigger_event", "flag")})
_POOL_FIELDS = {f.name for f in fields(Pool)}
#: A CTSLink collateral statement always prints these: one missing means an unknown label.
CORE_POOL_FIELDS = ("beginning_balance", "ending_balance", "beginning_loan_count",
                    "ending_loan_count", "scheduled_principal", "unscheduled_principal")


def detect(text: str) -> bool:
    """CTSLink: ``<TABLE>`` markup with ``<S> <C>`` marker lines and a CTSLink signature."""
    lowered = text.lower()
    return (
        "<table>" in lowered
        and _MARKER.search(text) is not None
        and any(signature in lowered for signature in _SIGNATURES)
    )


def parse(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
    """Read every table of a CTSLink report. Raises ReportLayoutError when structurally
    unreadable (no distribution date, no class table, a class table with no known column).
    ``trace``, when given, records how each table was read (``absdw parse --debug``)."""
    grids = [build_grid(table) for table in split_tables(text) if not table.is_empty]
    report, evidence = Report(), Evidence()
    _read_dates(report, text)
    class_tables: list[ClassTable] = []
    pool = Pool(pool="total")
    groups: dict[str, Pool] = {"total": pool}  # per-group collateral columns ("1", "2" ...)
    for grid in grids:
        mark = trace.mark(report, groups.values()) if trace is not None else None
        kind = _kind(grid)
        read = _route(grid, kind, report, evidence, class_tables, pool, groups)
        if trace is not None and mark is not None:
            trace.record(grid, kind, read, report, groups.values(), mark)
        evidence.notes.extend(_misread_table(grid, kind, class_tables))
    if not class_tables:
        raise ReportLayoutError("no class table found (no table whose first column is 'Class')")
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend([*notes, *_class_sets(class_tables)])
    if any(getattr(pool, name) is not None for name in _POOL_FIELDS - {"pool"}):
        report.pools.append(pool)
    report.pools.extend(p for name, p in groups.items() if name != "total")
    if report.pools:
        evidence.notes.extend(completeness_checks(report, (), CORE_POOL_FIELDS))
    if any("miscellaneous" in g.title.lower() for g in grids) and pool.trigger_event is None:
        evidence.notes.append(Check("missing_field", False,
                                    "Miscellaneous Reporting printed without a readable "
                                    "'Trigger Event'"))
    if report.record_date is None:
        evidence.notes.append(Check("missing_field", False, "no readable 'Record Date:'"))
    return report, evidence


def _read_dates(report: Report, text: str) -> None:
    """From the first table on: the cover letter before it names other dates."""
    first_table = _FIRST_TABLE.search(text)
    read_header(report, text, words=("Distribution",),
                start=first_table.start() if first_table else 0)
    if report.distribution_date is None:
        raise ReportLayoutError("no readable 'Distribution Date:' in the report")


def _kind(grid: Grid) -> str:
    first = grid.headers[0].strip().lower()
    statuses = {STATUS_WORDS.get(h.strip().lower()) for h in grid.headers[1:]} - {None}
    if first.startswith("class"):
        return "factors" if "factor" in grid.title.lower() else "class"
    if len(statuses - {"total"}) >= 2:
        return "delinquency"
    if "collateral" in grid.title.lower() and (len(grid.columns) == 2 or column_pools(grid)):
        return "collateral"
    return "items"


def _route(
    grid: Grid, kind: str, report: Report, evidence: Evidence, class_tables: list[ClassTable],
    pool: Pool, groups: dict[str, Pool] | None = None,
) -> ClassTable | None:
    """Read ``grid`` into the report as its ``kind`` (:func:`_kind`); returns the class table
    read, if any."""
    section = section_name(grid.title) or "untitled"
    if kind in ("class", "factors"):
        vocabulary = INTEREST_VOCABULARY if "interest" in section else TRANCHE_FIELDS
        table = read_class_table(grid, vocabulary, section)
        if kind == "class" and not any(table.specs):
            raise ReportLayoutError(
                f"class table {grid.title!r} has no known column (headers: {table.headers})"
            )
        evidence.notes.extend([*table.notes, *_unmapped(table)])
        if kind == "class":
            class_tables.append(table)
            evidence.class_tables.append(table.evidence())
            report.items.extend(class_extras(table))
        else:
            report.items.extend(factor_items(table, evidence))
        return table
    elif kind == "delinquency":
        records, found = read_delinquency_matrix(grid, group_name(grid.title) or "total")
        report.delinquencies.extend(records)
        evidence.delinquency.append(found)
        evidence.notes.extend(_matrix_gaps(grid, records, found))
    elif kind == "collateral" and len(grid.columns) > 2:  # one column per group + Total
        report.items.extend(read_group_columns(grid, section, groups or {"total": pool},
                                               POOL_FIELDS))
    elif kind == "collateral":
        report.items.extend(read_labelled(grid, section, pool, POOL_FIELDS))
    else:
        report.items.extend(_flag_rows(grid, section, pool))
    return None


#: Heading words -> the kind a CTSLink table with that heading must be read as.
_EXPECTED_KIND = (("distribution summary", "class"), ("distribution statement", "class"),
                  ("delinquency", "delinquency"), ("collateral statement", "collateral"))


def _misread_table(grid: Grid, kind: str, class_tables: list[ClassTable]) -> list[Check]:
    """A standard CTSLink table not read as what its heading says (a header line missing, the
    table printed across), or an unknown table whose rows or columns are the classes."""
    heading = " ".join(grid.titles).lower()
    expected = next((k for words, k in _EXPECTED_KIND if words in heading), None)
    if expected == "class" and "factor" in heading:
        expected = "factors"
    if expected is not None and kind != expected:
        return [Check("unmapped_table", False, f"table {grid.title!r} should be a {expected} "
                      f"table but reads as {kind} (headers: {grid.headers})")]
    if kind in ("class", "factors") and not grid.titles:
        return [Check("unmapped_table", False, "a class table with no heading: which statement "
                      f"it belongs to decides its fields (headers: {grid.headers})")]
    if kind != "items":
        return []
    known = {name for table in class_tables for name, _ in table.rows}
    labels = [r.label.strip() for r in grid.rows] + [h.strip() for h in grid.headers]
    if len(known.intersection(labels)) >= 2:
        return [Check("unmapped_table", False, f"table {grid.title!r} lists classes "
                      f"{sorted(known.intersection(labels))} but is not a class table")]
    pool_rows = [label for label in labels if label and POOL_FIELDS.lookup(label)]
    buckets = bucket_names(labels)
    if len(pool_rows) >= 3 or len(buckets) >= 3:
        return [Check("unmapped_table", False, f"table {grid.title!r} has collateral or "
                      f"delinquency rows ({(pool_rows or list(buckets))[:3]}) but was not read "
                      "as one")]
    return []


_STATUSES = ("delinquent", "bankruptcy", "foreclosure", "reo")


def _matrix_gaps(grid: Grid, records: list[Delinquency],
                 found: DelinquencyEvidence) -> list[Check]:
    """A CTSLink matrix prints four statuses by day buckets with a Totals row and a Total
    column: any status, bucket row or total not read means the matrix was misread."""
    labels = [r.label.strip() for r in grid.rows
              if r.label.strip() and any(v and not v.isspace() for v in r.values)]
    buckets = bucket_names(labels)
    odd = [label for label in labels
           if label not in buckets and not label.lower().startswith("total")]
    statuses = {d.status for d in records} | set(found.status_totals)
    problems = [f"status {s} not read" for s in _STATUSES if s not in statuses]
    problems += [f"row {label!r} not a day bucket" for label in odd[:3]]
    problems += [f"no Totals row for {s}" for s in statuses if s not in found.status_totals]
    problems += [f"no Total column for {b}" for b in {d.bucket for d in records}
                 if b not in found.bucket_totals]
    return [Check("unmapped_table", False, f"delinquency matrix {grid.title!r}: {p}", found.pool)
            for p in problems]


def _class_sets(tables: list[ClassTable]) -> list[Check]:
    """Every CTSLink class table lists the same classes; a table listing others was misread
    (two columns run together into the class label, a shifted label column)."""
    first = tables[0]
    names = {name for name, _ in first.rows}
    return [Check("class_set_mismatch", False,
                  f"{table.title!r} lists classes {sorted(other - names)} not in "
                  f"{first.title!r}, lacks {sorted(names - other)}")
            for table in tables[1:] if (other := {name for name, _ in table.rows}) != names]


def _unmapped(table: ClassTable) -> list[Check]:
    """A printed class column no vocabulary entry knows: in CTSLink every class column has a
    typed field, so an unknown header means an unknown synonym (kept as items, flagged)."""
    return [Check("unmapped_column", False,
                  f"{table.title!r} column {header!r} matches no known field", subject=header)
            for i, (header, spec) in enumerate(zip(table.headers, table.specs, strict=True))
            if spec is None and any(cells[i] for _, cells in table.rows)]


def _flag_rows(grid: Grid, section: str, pool: Pool) -> list[ReportItem]:
    if len(grid.columns) == 2 and not grid.headers[1].strip():
        return read_labelled(grid, section, pool, FLAG_VOCABULARY)
    return table_items(grid, section)
