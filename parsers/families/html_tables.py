"""HTML table reports of the 10-D era (Deutsche Bank "Certificate Payment Report", U.S. Bank,
BNY, Wachovia, LaSalle): the same engine concepts as the text families, over HTML tables.

* :mod:`parsers.engine.html` cuts the markup into tables (nested layout tables, tag soup) and
  :mod:`parsers.engine.html_grid` turns each into logical columns (spans expanded, ``$``/``(``/
  ``)``/``%`` cells joined to their figure, leaf and group headers);
* a table whose first column is headed ``Class`` and whose columns the vocabulary knows is a
  class table; a page-split continuation (same headers reprinted, or none at all with the same
  width) joins the table before it; ``per $1,000`` columns are derived (checked, kept as items);
* a table with statuses on one axis and day buckets on the other is the delinquency matrix
  (:mod:`parsers.engine.matrix`, either orientation);
* a label/value table with collateral vocabulary is a pool (one per value column headed by a
  group name, else ``"total"``); everything else becomes report items.

Nothing here depends on a deal's class names or on a particular trustee's table order.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import NamedTuple

from parsers.engine.class_items import class_extras
from parsers.engine.classes import ClassTable, is_total_label, merge_tranches, read_class_table
from parsers.engine.columns import Column, Grid, Row
from parsers.engine.evidence import Evidence, FactorCell
from parsers.engine.html import read_html
from parsers.engine.html_grid import HtmlGrid, SlotBudget, build_html_grid
from parsers.engine.items import item, table_items
from parsers.engine.matrix import read_matrix
from parsers.engine.numbers import parse_number
from parsers.engine.report_header import read_header
from parsers.engine.trace import Trace
from parsers.engine.vocabulary import FieldSpec, convert, printed_label, section_name
from parsers.errors import ReportLayoutError
from parsers.families.html_vocabulary import (
    CLASS_VOCABULARY,
    POOL_VOCABULARY,
    per_thousand_field,
    resolve_header,
)
from parsers.model import Check, Pool, Report, ReportItem

__all__ = ["LAYOUT", "detect", "parse"]

LAYOUT = "html_tables"

_SIGNATURES = ("distribution date", "payment date", "certificate payment report",
               "distribution statement", "distribution report", "certificateholder",
               "noteholder")
_HTML = re.compile(r"<t[dhr][\s>]", re.IGNORECASE)
_POOL_FIELDS = {f.name for f in fields(Pool)} - {"pool"}


def detect(text: str) -> bool:
    """Real HTML tables (``<td``/``<tr``, not the legacy ``<TABLE>`` text markup) plus the
    vocabulary of a distribution report."""
    head = text[:400_000]
    if "<table" not in head.lower() or not _HTML.search(head):
        return False
    lowered = " ".join(head.lower().replace("&nbsp;", " ").split())
    return any(signature in lowered for signature in _SIGNATURES)


def parse(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
    """Every table of an HTML report. Raises ReportLayoutError without a distribution date or
    a class table (and over the engine's size limits). ``trace``, when given, records how each
    table was read (``absdw parse --debug``)."""
    document = read_html(text)
    report, evidence = Report(), Evidence()
    _read_dates(report, "\n".join(document.lines))
    budget = SlotBudget()
    grids = _join_continuations(
        [g for t in document.tables if (g := build_html_grid(t, budget)) is not None and g.rows])
    class_tables: list[ClassTable] = []
    pools: dict[str, Pool] = {}
    leftovers: list[HtmlGrid] = []
    for grid in grids:
        mark = trace.mark(report, pools.values()) if trace is not None else None
        read = _route(grid, report, evidence, class_tables, pools)
        if read.kind == "items":
            leftovers.append(grid)
        if trace is not None and mark is not None:
            trace.record(_traced_grid(grid, read), read.kind, read.table, report,
                         pools.values(), mark, derived=_derived(read), heading=grid.title)
    if not class_tables:
        raise ReportLayoutError("no class table found (no HTML table whose first column is "
                                "'Class' with known columns)")
    report.tranches, notes = merge_tranches(class_tables)
    evidence.notes.extend([*notes, *_misread(leftovers, report)])
    report.pools = [p for p in pools.values() if any(getattr(p, f) is not None
                                                      for f in _POOL_FIELDS)]
    return report, evidence


def _read_dates(report: Report, text: str) -> None:
    read_header(report, text)
    if report.distribution_date is None:
        raise ReportLayoutError("no readable 'Distribution Date' in the HTML report")


def _is_class_table(grid: HtmlGrid) -> bool:
    if "class" not in grid.header(0).lower():
        return False
    known = [CLASS_VOCABULARY.lookup(resolve_header(g, leaf, CLASS_VOCABULARY))
             for g, leaf in zip(grid.group[1:], grid.leaf[1:], strict=True)]
    return sum(spec is not None for spec in known) >= 2


def _join_continuations(grids: list[HtmlGrid]) -> list[HtmlGrid]:
    """A class table split at a page break: the next table reprints the same headers, or
    prints none and has the same number of columns."""
    out: list[HtmlGrid] = []
    for grid in grids:
        if out and _continues(out[-1], grid):
            out[-1].rows.extend(grid.rows)
        else:
            out.append(grid)
    return out


def _continues(previous: HtmlGrid, grid: HtmlGrid) -> bool:
    same_headers = (grid.leaf, grid.group) == (previous.leaf, previous.group)
    headerless = not any(grid.leaf + grid.group) and len(grid.leaf) == len(previous.leaf)
    return (same_headers or headerless) and _is_class_table(previous)


#: (label, values) rows of a label/value table and the pool each value column belongs to.
Pairs = tuple[list[tuple[str, list[str]]], list[str]]


class _Read(NamedTuple):
    """What :func:`_route` read a table as: its trace kind (``items`` when it held only
    report items) and what the trace describes: the class table with its per-$1,000 fields by
    grid column and the engine grid read, or the label/value rows read."""

    kind: str
    table: ClassTable | None = None
    derived: dict[int, FieldSpec | None] | None = None
    read: Grid | Pairs | None = None


def _route(grid: HtmlGrid, report: Report, evidence: Evidence, class_tables: list[ClassTable],
           pools: dict[str, Pool]) -> _Read:
    """Read ``grid`` as what it is; returns what it was read as."""
    section = section_name(grid.title) or "untitled"
    if _is_class_table(grid):
        return _read_classes(grid, section, report, evidence, class_tables)
    matrix = read_matrix([grid.header(i) for i in range(len(grid.leaf))], grid.rows)
    if matrix is not None:
        report.delinquencies.extend(matrix[0])
        evidence.delinquency.append(matrix[1])
        return _Read("delinquency")
    pairs = _label_values(grid)
    if pairs is not None and sum(POOL_VOCABULARY.lookup(label) is not None
                                 for label, _ in pairs[0]) >= 3:
        report.items.extend(_read_pools(grid, pairs, section, pools))
        return _Read("collateral", read=pairs)
    if pairs is not None and pairs[1] == ["total"]:
        report.items.extend(item(section, label, cells[0]) for label, cells in pairs[0])
        return _Read("items", read=pairs)
    engine_grid = grid.to_grid()
    report.items.extend(table_items(engine_grid, section))
    return _Read("items", read=engine_grid)


def _traced_grid(grid: HtmlGrid, read: _Read) -> Grid:
    """The engine grid the trace describes: the one read (a class table's, resolved headers
    and class labels; a label/value table's rows as read, one column per pool), else the
    table with its group + leaf headers (a delinquency matrix)."""
    if isinstance(read.read, Grid):
        return read.read
    if read.read is not None:
        rows, names = read.read
        heads = ["", *names] if len(names) > 1 else ["", ""]
        return Grid(list(grid.titles), [Column(i, i + 1, h) for i, h in enumerate(heads)],
                    [Row([label, *cells], "") for label, cells in rows])
    return Grid(list(grid.titles), [Column(i, i + 1, grid.header(i)) for i in
                                    range(len(grid.leaf))],
                [Row(list(row), "") for row in grid.rows])


def _derived(read: _Read) -> list[FieldSpec | None] | None:
    """Per class-table column, the field a per-$1,000 column is derived from."""
    return list(read.derived.values()) if read.derived is not None else None


def _misread(leftovers: list[HtmlGrid], report: Report) -> list[Check]:
    """Tables kept as items that should have been read: one headed as a delinquency table,
    or one whose rows are the report's classes (a class table with an unknown header)."""
    classes = {t.class_name for t in report.tranches}
    notes = []
    for grid in leftovers:
        labels = {_class_label(row[0]) for row in grid.rows}
        if "delinquen" in grid.title.lower() or len(classes & labels) >= 2:
            notes.append(Check("unmapped_table", False, f"table {grid.title!r} (headers "
                               f"{grid.leaf}) looks like a class or delinquency table but "
                               "could not be read as one"))
    return notes


def _read_classes(grid: HtmlGrid, section: str, report: Report, evidence: Evidence,
                  class_tables: list[ClassTable]) -> _Read:
    """A class table through the vocabulary; per-$1,000 columns become factor evidence."""
    engine_grid = grid.to_grid()
    derived = {i: per_thousand_field(grid.header(i)) for i in range(1, len(grid.leaf))}
    for i, column in enumerate(engine_grid.columns):
        column.header = grid.header(i) if derived.get(i) else resolve_header(
            grid.group[i], grid.leaf[i], CLASS_VOCABULARY)
    for row in engine_grid.rows:
        row.cells[0] = _class_label(row.cells[0])
    table = read_class_table(engine_grid, CLASS_VOCABULARY, section)
    for i, spec in derived.items():
        if spec is not None:
            table.specs[i - 1] = None
            evidence.factors.extend(
                FactorCell(section, name, spec.name, value) for name, cells in table.rows
                if (value := parse_number(cells[i - 1])) is not None)
    class_tables.append(table)
    evidence.class_tables.append(table.evidence())
    evidence.notes.extend(table.notes)
    report.items.extend(class_extras(table))
    return _Read("class", table, derived, engine_grid)


def _class_label(text: str | None) -> str | None:
    """``A-1*``, ``A-1 (1)`` -> ``A-1`` (footnote marks are not part of the class name)."""
    if text is None:
        return None
    return re.sub(r"(?:\s*(?:\*+|\(\d{1,2}\)|[\u2020\u2021]))+$", "", printed_label(text))


def _label_values(grid: HtmlGrid) -> Pairs | None:
    """(label, values) rows and the pool each value column belongs to, for a label/value
    table: one value per row (misaligned cells tolerated), or value columns headed by pool
    names (``Group 1 | Group 2 | Total``). None for any other shape."""
    heads = [grid.header(i) for i in range(1, len(grid.leaf))]
    rows = _pairs(grid.rows)
    if not rows:
        return None
    if len(heads) >= 2 and all(heads):
        pools = [_pool_name(h) for h in heads]
        return [(label, cells) for label, cells in rows if len(cells) == len(pools)], pools
    if all(len(cells) == 1 for _, cells in rows):
        leading = _pairs(grid.head_rows)  # text rows read as headers (a description line)
        return [*(p for p in leading if len(p[1]) == 1), *rows], ["total"]
    return None


def _pairs(rows: list[list[str | None]]) -> list[tuple[str, list[str]]]:
    pairs = [(printed_label(row[0] or ""), [c for c in row[1:] if c]) for row in rows]
    return [(label, cells) for label, cells in pairs if label and cells]


def _pool_name(header: str) -> str:
    return "total" if is_total_label(header) or header.lower().startswith("total") else header


def _read_pools(grid: HtmlGrid, pairs: Pairs, section: str,
                pools: dict[str, Pool]) -> list[ReportItem]:
    """Known labels set pool fields (first print wins); the rest become items."""
    rows, names = pairs
    out: list[ReportItem] = []
    for label, cells in rows:
        spec = POOL_VOCABULARY.lookup(label)
        if spec is not None and spec.kind == "text":
            spec = POOL_VOCABULARY.lookup(label, exact=True)
        for name, cell in zip(names, cells, strict=False):
            pool = pools.setdefault(name, Pool(pool=name))
            value = convert(cell, spec.kind) if spec else None
            if spec and value is not None and getattr(pool, spec.name) is None:
                setattr(pool, spec.name, value)
            else:
                out.append(item(section, label, cell, subject=None if name == "total" else name))
    return out
