"""The fallback for text layouts of no known family (tried last).

A fixed-width document, with or without ``<TABLE>`` markup, whose tables the shared engine can
read: the markup segmenter (:mod:`parsers.engine.tables`) when the text has ``<TABLE>`` blocks
with ``<S>`` marker lines, else the geometric one (:mod:`parsers.engine.plaintext`); then the
same grid builder, vocabularies, class merging, delinquency reader and label/value reader the
families use. What a table is comes from its words only:

* a **class table**: first column headed ``Class`` and at least one column the tranche
  vocabulary knows; ``Factor`` or ``per $1,000`` in its heading makes it a per-$1,000 table
  (items plus the factor checks), ``Interest`` makes its "Realized Losses" the interest one;
* a **delinquency matrix**: two or more status column headers (``Delinquent``, ``Bankruptcy``
  ...); the pool is the heading's ``Group N`` (``"N"``), else ``total``;
* the **collateral statement**: the label/value table with the most rows the pool vocabulary
  knows (three at least), with one value column or one per group (``Group 1 | Group 2 |
  Total`` -> pools ``"1"``, ``"2"``, ``"total"``); a ``Trigger Event`` row elsewhere sets the
  flag;
* everything else: items.

Detection wants a readable ``Distribution Date`` and one class table, so cover letters and
prospectus text are not claimed. Quality is held to the strict rule of :mod:`parsers.quality`
(``layout = 'generic'``): every class rolls forward, a Totals row foots, an explained failure
still quarantines. A delinquency matrix printing no totals cannot be verified and is flagged.
"""

from __future__ import annotations

import re

from parsers.engine.class_items import class_extras, factor_items
from parsers.engine.classes import ClassTable, merge_tranches, read_class_table
from parsers.engine.columns import Grid, build_grid
from parsers.engine.delinquency import STATUS_WORDS, bucket_names, read_delinquency_matrix
from parsers.engine.evidence import Evidence
from parsers.engine.groups import column_pools, group_name, read_group_columns
from parsers.engine.html import looks_like_html
from parsers.engine.items import table_items
from parsers.engine.labelled import read_labelled
from parsers.engine.plaintext import split_plain_tables
from parsers.engine.report_header import distribution_date, read_header
from parsers.engine.tables import TextTable, split_tables
from parsers.engine.trace import Read, Trace
from parsers.engine.vocabulary import POOL_FIELDS, TRANCHE_FIELDS, section_name
from parsers.errors import ReportLayoutError
from parsers.families.ctslink import FLAG_VOCABULARY, INTEREST_VOCABULARY
from parsers.model import Check, Pool, Report

__all__ = ["LAYOUT", "detect", "parse"]

LAYOUT = "generic"

_MARKER = re.compile(r"^\s*<S>", re.IGNORECASE | re.MULTILINE)
#: fewest pool-vocabulary rows that make a label/value table the collateral statement
MIN_POOL_ROWS = 3


def detect(text: str) -> bool:
    """Any text (not HTML) with a readable distribution date and a readable class table."""
    if looks_like_html(text) or distribution_date(text) is None:
        return False
    return any(_kind(grid) == "class" for grid in _grids(text))


def parse(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
    """Read every table. Raises ReportLayoutError without a distribution date or class table.
    ``trace``, when given, records how each table was read (``absdw parse --debug``)."""
    report, evidence = Report(), Evidence()
    _read_dates(report, text)
    grids = _grids(text)
    collateral = _collateral_grid(grids)
    pool = Pool(pool="total")
    pools = {"total": pool}  # a per-group statement adds "1", "2" ...
    class_tables: list[ClassTable] = []
    for grid in grids:
        mark = trace.mark(report, pools.values()) if trace is not None else None
        read = _route(grid, grid is collateral, report, evidence, class_tables, pools)
        if trace is not None and mark is not None:
            trace.record(grid, read.kind, read.table, report, pools.values(), mark)
    evidence.notes.extend(_unread(grids, collateral, class_tables))
    if not class_tables:
        raise ReportLayoutError("generic layout: no class table found (no table whose first "
                                "column is 'Class' with a known column)")
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend(notes)
    if any(v is not None for k, v in vars(pool).items() if k != "pool"):
        report.pools.append(pool)
    report.pools.extend(p for name, p in pools.items() if name != "total")
    return report, evidence


def _route(grid: Grid, collateral: bool, report: Report, evidence: Evidence,
           class_tables: list[ClassTable], pools: dict[str, Pool]) -> Read:
    """Read ``grid`` into the report as what its words say (``collateral``: it is the
    collateral statement); returns what it was read as (for the trace)."""
    kind, section = _kind(grid), section_name(grid.title) or "untitled"
    if kind in ("class", "factors"):
        return Read(kind, _class(grid, kind, section, report, evidence, class_tables))
    if kind == "delinquency":
        _delinquency(grid, report, evidence)
        return Read(kind)
    if collateral:
        report.items.extend(read_group_columns(grid, section, pools, POOL_FIELDS)
                            if len(grid.columns) > 2 else
                            read_labelled(grid, section, pools["total"], POOL_FIELDS))
        return Read("collateral")
    if len(grid.columns) == 2:
        report.items.extend(read_labelled(grid, section, pools["total"], FLAG_VOCABULARY))
    else:
        report.items.extend(table_items(grid, section))
    return Read("items")


def _grids(text: str) -> list[Grid]:
    tables: list[TextTable] = split_tables(text) if _MARKER.search(text) else []
    if not any(t.marker is not None for t in tables):
        tables = split_plain_tables(text)
    return [build_grid(t) for t in tables if not t.is_empty]


def _kind(grid: Grid) -> str:
    headers = grid.headers
    statuses = {STATUS_WORDS.get(h.strip().lower()) for h in headers[1:]} - {None, "total"}
    if headers[0].strip().lower().startswith("class") and any(
            TRANCHE_FIELDS.lookup(h) for h in headers[1:]):
        heading = " ".join(grid.titles).lower()
        return "factors" if "factor" in heading or "1,000" in heading else "class"
    if len(statuses) >= 2:
        return "delinquency"
    return "items"


def _collateral_grid(grids: list[Grid]) -> Grid | None:
    """The label/value table (one value column, or one per group headed ``Group N`` /
    ``Total``) with the most pool-vocabulary rows, at least MIN_POOL_ROWS."""
    scored = [(sum(1 for r in g.rows if r.label.strip() and POOL_FIELDS.lookup(r.label)), g)
              for g in grids if (len(g.columns) == 2 or column_pools(g)) and _kind(g) == "items"]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= MIN_POOL_ROWS else None


def _class(grid: Grid, kind: str, section: str, report: Report, evidence: Evidence,
           class_tables: list[ClassTable]) -> ClassTable:
    vocabulary = INTEREST_VOCABULARY if "interest" in section else TRANCHE_FIELDS
    table = read_class_table(grid, vocabulary, section)
    evidence.notes.extend(table.notes)
    if kind == "factors":
        report.items.extend(factor_items(table, evidence))
        return table
    class_tables.append(table)
    evidence.class_tables.append(table.evidence())
    report.items.extend(class_extras(table))
    return table


def _delinquency(grid: Grid, report: Report, evidence: Evidence) -> None:
    pool = group_name(" ".join(grid.titles)) or "total"
    records, found = read_delinquency_matrix(grid, pool)
    report.delinquencies.extend(records)
    evidence.delinquency.append(found)
    if records and not (found.status_totals and found.bucket_totals):
        evidence.notes.append(Check(
            "unmapped_table", False, f"delinquency matrix {grid.title!r} prints no Totals row "
            "or Total column: its cells cannot be verified", pool))


def _unread(grids: list[Grid], collateral: Grid | None,
            class_tables: list[ClassTable]) -> list[Check]:
    """Tables read as items whose rows or headers are classes, day buckets, statuses or
    collateral lines: a table of a known kind the layout hid from the engine (headers out of
    place, a matrix printed across). Flagged, so the filing is quarantined, not half read."""
    known = {name for table in class_tables for name, _ in table.rows}
    out: list[Check] = []
    for grid in grids:
        if grid is collateral or _kind(grid) != "items":
            continue
        labels = [r.label.strip() for r in grid.rows if r.label.strip()]
        words = " ".join(grid.headers).lower().split()
        found = {
            "classes": sorted(known.intersection(labels + grid.headers)),
            "day buckets": sorted(bucket_names(labels)),
            "statuses": sorted({STATUS_WORDS[w] for w in words if w in STATUS_WORDS} - {"total"}),
            "collateral lines": [label for label in labels if POOL_FIELDS.lookup(label)],
        }
        what = next((k for k, v in found.items() if len(v) >= (3 if k != "classes" else 2)),
                    None)
        if what is not None:
            out.append(Check("unmapped_table", False, f"table {grid.title!r} lists {what} "
                             f"{found[what][:3]} but could not be read as one"))
    return out


def _read_dates(report: Report, text: str) -> None:
    read_header(report, text)
    if report.distribution_date is None:
        raise ReportLayoutError("generic layout: no readable 'Distribution Date'")
