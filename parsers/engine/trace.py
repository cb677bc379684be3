"""An optional record of a family's mapping decisions, for ``absdw parse --debug``.

A family that accepts a :class:`Trace` calls :meth:`Trace.mark` before it routes a table and
:meth:`Trace.record` after, with what it read (its routing returns a :class:`Read`); the trace
derives from the report's growth where each row went: items added, pool fields set (of any
pool the family passes or the report holds), delinquency records added. Nothing here parses:
it only describes what the family already did, so the explanation cannot drift from the parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from parsers.engine.classes import ClassTable, is_total_label
from parsers.engine.columns import Grid
from parsers.engine.delinquency import STATUS_WORDS, bucket_names
from parsers.engine.matrix import MatrixAxes, find_axes, measure_of
from parsers.engine.missed_payments import (
    block_group,
    block_measure,
    missed_payment_bucket,
    status_of_block,
)
from parsers.engine.numbers import is_number
from parsers.engine.vocabulary import FieldSpec, printed_label
from parsers.model import Delinquency, Pool, Report

__all__ = ["ColumnTrace", "Mark", "Read", "RowTrace", "TableTrace", "Trace"]

UNMAPPED = "unmapped"
DROPPED = "dropped (no value read)"
TOTALS = "checks (printed totals)"


@dataclass(frozen=True)
class ColumnTrace:
    """One printed column header and the canonical field it mapped to (or ``unmapped``)."""

    header: str
    field: str


@dataclass(frozen=True)
class RowTrace:
    """One printed row label and where its figures went (``tranches[A1]``, ``report_items``,
    ``pools[total]``, ``delinquencies[30-59]``, ``delinquencies[reo 60-89]``, ``checks`` for
    printed totals, ``dropped (no value read)``)."""

    label: str
    destination: str


@dataclass
class TableTrace:
    """One table as the family read it. ``kind`` is one of:

    * ``class``: a class table, one row per class into ``tranches``; a column is a tranche
      field, or ``<field> per $1,000`` when derived (checked, kept as an item);
    * ``factors``: a per-$1,000 factor table, its cells kept as items and checked against the
      class amounts; a column a family types as a class fact (Bankers Trust's CUSIP and rate)
      sends its rows to ``tranches`` too;
    * ``delinquency``: a delinquency matrix (statuses by day buckets, either orientation) or
      stacked status blocks by missed payments (``delinquencies[delinquent 30-59]``);
    * ``collateral``: a pool's label/value statement (one value column per pool);
    * ``items``: anything else, kept as report items (a flag row may set a pool field).

    ``pool_fields`` are the pool fields the table set: ``wac`` for the ``total`` pool,
    ``GROUP I.wac`` for any other."""

    heading: str
    kind: str  # class, factors, delinquency, collateral, items
    columns: list[ColumnTrace] = field(default_factory=list)
    rows: list[RowTrace] = field(default_factory=list)
    pool_fields: list[str] = field(default_factory=list)  # pool fields this table set


class Read(NamedTuple):
    """What a family read one table as: its :class:`TableTrace` kind, the class table read
    (if any) and, per column of that table, the class field a derived per-$1,000 column is
    checked against (``derived``; ``table.specs`` then holds only the columns that set
    tranche fields)."""

    kind: str
    table: ClassTable | None = None
    derived: Sequence[FieldSpec | None] | None = None


@dataclass(frozen=True)
class Mark:
    """The report's size before a table is routed, and each pool's values by identity (the
    pool kept alongside, so its id is not reused)."""

    items: int
    delinquencies: int
    pools: dict[int, tuple[Pool, dict[str, Any]]]


@dataclass
class _Growth:
    """What routing one table added to the report."""

    labels: set[str]
    subjects: set[str | None]
    pools: list[str]  # names of the pools whose fields it set
    delinquencies: list[Delinquency]


@dataclass
class Trace:
    """Every table of one report, in print order."""

    tables: list[TableTrace] = field(default_factory=list)

    def mark(self, report: Report, pools: Iterable[Pool] = ()) -> Mark:
        return Mark(len(report.items), len(report.delinquencies),
                    {id(p): (p, _values(p)) for p in _all_pools(report, pools)})

    def record(self, grid: Grid, kind: str, table: ClassTable | None, report: Report,
               pools: Iterable[Pool], mark: Mark, *,
               derived: Sequence[FieldSpec | None] | None = None,
               heading: str | None = None) -> None:
        """Describe ``grid`` routed as ``kind`` (``table``: the class table read, if any;
        ``derived``: as in :class:`Read`; ``heading``: else the grid's titles)."""
        traced = TableTrace(heading or " / ".join(grid.titles) or "(no heading)", kind)
        changed = _changed(_all_pools(report, pools), mark)
        traced.pool_fields = [name if pool == "total" else f"{pool}.{name}"
                              for pool, names in changed.items() for name in names]
        added = report.items[mark.items:]
        growth = _Growth({i.label for i in added}, {i.subject for i in added}, list(changed),
                         report.delinquencies[mark.delinquencies:])
        if kind == "delinquency":
            traced.columns, traced.rows = _delinquency(grid, growth.delinquencies)
        else:
            traced.columns = _columns(grid, table, derived)
            traced.rows = _rows(grid, kind, table, derived, growth)
        self.tables.append(traced)


def _values(pool: Pool) -> dict[str, Any]:
    return {f.name: getattr(pool, f.name) for f in fields(Pool)
            if f.name != "pool" and getattr(pool, f.name) is not None}


def _all_pools(report: Report, pools: Iterable[Pool]) -> list[Pool]:
    given = list(pools)
    seen = {id(p) for p in given}
    return given + [p for p in report.pools if id(p) not in seen]


def _changed(pools: list[Pool], mark: Mark) -> dict[str, list[str]]:
    """Pool name -> the fields set since ``mark`` (a pool made since has all its fields)."""
    out: dict[str, list[str]] = {}
    for pool in pools:
        before = mark.pools[id(pool)][1] if id(pool) in mark.pools else {}
        names = [k for k, v in _values(pool).items() if before.get(k) != v]
        if names:
            out.setdefault(pool.pool, []).extend(names)
    return out


def _columns(grid: Grid, table: ClassTable | None,
             derived: Sequence[FieldSpec | None] | None) -> list[ColumnTrace]:
    if table is not None:
        checked = derived or [None] * len(table.specs)
        return [ColumnTrace(h, s.name if s else
                            f"{d.name} per $1,000 (checked, kept as item)" if d else UNMAPPED)
                for h, s, d in zip(table.headers, table.specs, checked, strict=True)]
    return [ColumnTrace(printed_label(h) or "(values)", "report_items or pools by row label")
            for h in grid.headers[1:]]


def _rows(grid: Grid, kind: str, table: ClassTable | None,
          derived: Sequence[FieldSpec | None] | None, growth: _Growth) -> list[RowTrace]:
    # a class table's rows are tranches; a factor table's too when the family typed some of its
    # columns as class facts (``derived`` names the per-$1,000 rest)
    tranches = table is not None and (kind == "class" or (derived is not None and any(table.specs)))
    out = []
    for label in _labels(grid):
        if is_total_label(label):
            where = TOTALS
        elif tranches:
            where = f"tranches[{label}]" if label else "tranches (class above)"
        elif label in growth.labels or label in growth.subjects:
            where = "report_items"
        elif growth.pools:
            where = f"pools[{', '.join(growth.pools)}]"
        else:
            where = DROPPED
        out.append(RowTrace(label, where))
    return out


def _labels(grid: Grid) -> list[str]:
    """The printed label of each row that prints a value."""
    return [printed_label(r.label) for r in grid.rows if any(v and v.strip() for v in r.values)]


# -- delinquency tables


def _delinquency(grid: Grid, records: list[Delinquency]
                 ) -> tuple[list[ColumnTrace], list[RowTrace]]:
    """Columns and rows of a delinquency table by its shape: status words as column headers
    (:func:`read_delinquency_matrix`: CTSLink, generic), labelled axes in either orientation
    (:func:`find_axes`: HTML), one status per table with payment buckets across or stacked
    status blocks by missed payments (Bankers Trust). ``records``: the delinquencies the
    table added."""
    if _text_matrix(grid):
        return _text_columns(grid), _text_rows(grid)
    if status_of_block(grid) is not None:
        return _block_columns(grid, records), _block_rows(grid, records)
    axes = find_axes(grid.headers, [r.label.strip() for r in grid.rows])
    if axes is not None:
        return _axes_columns(grid, axes, records), _axes_rows(grid, axes, records)
    return _stacked_columns(grid), _stacked_rows(grid, records)


def _text_matrix(grid: Grid) -> bool:
    statuses = {STATUS_WORDS.get(h.strip().lower()) for h in grid.headers[1:]}
    return len(statuses - {None, "total"}) >= 2


def _text_columns(grid: Grid) -> list[ColumnTrace]:
    return [ColumnTrace(printed_label(h), f"status {STATUS_WORDS[h.strip().lower()]}"
                        if h.strip().lower() in STATUS_WORDS else UNMAPPED)
            for h in grid.headers[1:]]


def _text_rows(grid: Grid) -> list[RowTrace]:
    labels = _labels(grid)
    buckets = bucket_names(labels)
    return [RowTrace(label, TOTALS if is_total_label(label) else
                     f"delinquencies[{buckets[label]}]" if label in buckets else "checks")
            for label in labels]


Key = tuple[str | None, str | None, str | None]  # a matrix label's (status, start, measure)


def _axes_columns(grid: Grid, axes: MatrixAxes,
                  records: list[Delinquency]) -> list[ColumnTrace]:
    return [ColumnTrace(printed_label(h) or "(no header)", _axis_field(axes, key, records))
            for h, key in zip(grid.headers[1:], axes.columns, strict=True)]


def _axis_field(axes: MatrixAxes, key: Key, records: list[Delinquency]) -> str:
    """A column of a labelled matrix: the status or bucket it holds and its measure."""
    status, start, measure = key
    if axes.statuses_across:
        what = f"status {status}" if status else UNMAPPED
    elif start is None:
        what = UNMAPPED
    else:
        what = "bucket " + ("totals" if start == "totals" else next(
            (r.bucket for r in records if _starts(r.bucket, start)), f"from {start} days"))
    return f"{what} ({measure})" if measure and what != UNMAPPED else what


def _axes_rows(grid: Grid, axes: MatrixAxes, records: list[Delinquency]) -> list[RowTrace]:
    """Rows of a labelled matrix: a bucket (statuses across) or a status (transposed) whose
    records were added; a blank label continues the row above (its balance line)."""
    out: list[RowTrace] = []
    where = DROPPED
    for row, key in zip(grid.rows, axes.rows, strict=True):
        if not any(v and v.strip() for v in row.values):
            continue
        label = printed_label(row.label)
        if label:
            where = _axis_row(axes.statuses_across, label, key, records)
        out.append(RowTrace(label, where))
    return out


def _axis_row(statuses_across: bool, label: str, key: Key, records: list[Delinquency]) -> str:
    status, start, _ = key
    if is_total_label(label) or status == "total" or start == "totals":
        return TOTALS
    if statuses_across:
        bucket = next((r.bucket for r in records if _starts(r.bucket, start)), None)
        return f"delinquencies[{bucket}]" if bucket else DROPPED
    return f"delinquencies[{status}]" if any(r.status == status for r in records) else DROPPED


def _starts(bucket: str, start: str | None) -> bool:
    """Whether the record bucket ``bucket`` (``30-59``, ``90+``, ``current``) begins at the
    matrix's bucket key ``start`` (``30``, ``current``)."""
    if start in ("current", "0"):
        return bucket == "current"
    return start is not None and bucket.split("-")[0].rstrip("+") == start


def _block_columns(grid: Grid, records: list[Delinquency]) -> list[ColumnTrace]:
    """One status per table: the measure column names the status, each value column a
    bucket (in the order the records were read), then the printed Total."""
    buckets = list(dict.fromkeys(r.bucket for r in records))
    status = f"status {records[0].status}" if records else UNMAPPED
    return [ColumnTrace(printed_label(grid.headers[1]) or "(no header)", status)] + [
        ColumnTrace(printed_label(h) or "(no header)", f"bucket {buckets[i]}"
                    if i < len(buckets) else TOTALS if i == len(buckets) else UNMAPPED)
        for i, h in enumerate(grid.headers[2:])]


def _block_rows(grid: Grid, records: list[Delinquency]) -> list[RowTrace]:
    """Each group's count and balance rows into its records; percentage rows are derived."""
    read = {(r.pool, r.status) for r in records}
    out, group = [], None
    for row in grid.rows:
        group = block_group(row, group)
        if not any(v and v.strip() for v in row.values[1:]):
            continue
        measure = block_measure(row)
        status = next((s for g, s in read if g == group), None)
        where = (f"delinquencies[{status} {group}] ({measure})"
                 if measure and status is not None else DROPPED)
        out.append(RowTrace(printed_label(" ".join(c for c in row.cells[:2] if c)), where))
    return out


def _stacked_columns(grid: Grid) -> list[ColumnTrace]:
    """Count and balance columns by their headers, and the column printing the buckets."""
    buckets = {i for r in grid.rows for i, c in enumerate(r.values)
               if c and missed_payment_bucket(c)}
    return [ColumnTrace(printed_label(h) or "(no header)", measure_of(h) or (
        "bucket (missed payments)" if i in buckets else UNMAPPED))
        for i, h in enumerate(grid.headers[1:])]


def _stacked_rows(grid: Grid, records: list[Delinquency]) -> list[RowTrace]:
    """Each row's printed words and the record it made, in print order (the status carried
    down from its block's first row is the record's)."""
    out, k = [], 0
    for row in grid.rows:
        texts = [c for c in row.cells if c and c.strip() and not is_number(c)]
        if not texts or not any(v and v.strip() for v in row.values):
            continue
        bucket = _missed_bucket(texts[-1])
        if bucket == "total":
            where = TOTALS
        elif bucket is not None and k < len(records) and records[k].bucket == bucket:
            where, k = f"delinquencies[{records[k].status} {bucket}]", k + 1
        else:
            where = DROPPED
        out.append(RowTrace(printed_label(" ".join(texts)), where))
    return out


def _missed_bucket(text: str) -> str | None:
    """``DELINQUENT 1 PAYMENT`` -> 30-59: the bucket its last words name, ``total`` for a
    block's TOTAL row."""
    words = text.split()
    if words and words[-1].lower() in ("total", "totals"):
        return "total"
    return next((b for n in range(len(words))
                 if (b := missed_payment_bucket(" ".join(words[n:]))) is not None), None)
