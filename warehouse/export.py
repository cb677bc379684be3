"""Exports for BI tools: clean single-version files, one sorted file per table and year.

A BI tool (Power BI, Tableau, Excel) cannot read a Delta log or pick current versions, so
``export`` writes the *current* version of every trust-month (what the default views show)
and the metric views, sorted like the warehouse files, in one flat folder per table:
``{to_dir}/{table}/{table}_YYYY.parquet`` (or ``.csv``), the ``year`` column inside each file.
No ``year=YYYY`` directories: pyarrow (so pandas) reads such a path as a second ``year``
partition column and fails to merge it with the file's; a flat folder opens as one table in
pandas, polars, DuckDB, Power BI's "Folder" and Tableau's union. Files of an earlier export of
the same table that this one did not rewrite (a year no longer present, the old
``year=YYYY/`` layout) are removed, so the folder never holds a stale copy. Each file is
written to a temp name and renamed, so a tool watching the folder never opens half a file.
In CSV, a text cell a spreadsheet would evaluate as a formula (a report label
``=HYPERLINK(...)``) is prefixed with ``'`` (``foundation.text.spreadsheet_safe``); Parquet
keeps every value as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import duckdb

from foundation.durable import replacing
from foundation.text import FORMULA_PREFIXES
from warehouse.connect import connect
from warehouse.errors import InvalidBatch
from warehouse.schema import PARTITION_DATE, SORT_KEYS, TABLES

__all__ = ["EXPORTABLE", "ExportResult", "export", "write_export_database"]

#: What can be exported, with (date giving the year, sort keys).
EXPORTABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    **{t: (PARTITION_DATE[t], SORT_KEYS[t]) for t in TABLES},
    "pool_performance": ("distribution_date", ("cik", "pool", "distribution_date")),
    "tranche_performance": ("distribution_date", ("cik", "class", "distribution_date")),
    "delinquency_transitions": ("distribution_date", ("cik", "pool", "distribution_date",
                                                      "from_bucket")),
}
#: Every table and metric view: what a BI tool needs to chart without writing SQL.
DEFAULT_TABLES = tuple(EXPORTABLE)
UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True)
class ExportResult:
    """Files written (relative to ``to_dir``) and rows per table."""

    files: tuple[str, ...]
    rows: dict[str, int]


def export(
    root: Path, to_dir: Path, fmt: Literal["parquet", "csv"] = "parquet",
    tables: Sequence[str] | None = None, ciks: Iterable[int] | None = None,
    *, as_of: date | None = None,
) -> ExportResult:
    """Write the current versions of ``tables`` (default: the five tables and the metric
    views) for ``ciks`` (default all) under ``to_dir``. ``filings`` exports only current
    filings: the ones the exported facts come from."""
    chosen = list(tables or DEFAULT_TABLES)
    unknown = [t for t in chosen if t not in EXPORTABLE]
    if unknown or fmt not in ("parquet", "csv"):
        raise InvalidBatch(f"cannot export {unknown or fmt!r}; tables are {list(EXPORTABLE)}, "
                           "formats parquet and csv")
    con = connect(root, as_of=as_of)
    try:
        cik_filter = _cik_filter(ciks)
        files: list[str] = []
        rows: dict[str, int] = {}
        for table in chosen:
            written, count = _export_table(con, Path(to_dir), table, fmt, cik_filter)
            files += written
            rows[table] = count
    finally:
        con.close()
    return ExportResult(tuple(files), rows)


def _cik_filter(ciks: Iterable[int] | None) -> str:
    if ciks is None:
        return "true"
    values = sorted({int(c) for c in ciks})
    return f"cik IN ({', '.join(map(str, values))})" if values else "false"


def _export_table(con: duckdb.DuckDBPyConnection, to_dir: Path, table: str, fmt: str,
                  cik_filter: str) -> tuple[list[str], int]:
    day, keys = EXPORTABLE[table]
    where = f"{cik_filter} AND is_current" if table == "filings" else cik_filter
    columns = _csv_safe(con, table) if fmt == "csv" else "*"
    source = f"(SELECT {columns}, year({day}) AS year FROM {table} WHERE {where})"
    years = [y for (y,) in con.execute(f"SELECT DISTINCT year FROM {source} ORDER BY 1")
             .fetchall()]
    written, total = [], 0
    order = ", ".join(f'"{k}"' for k in keys)
    for year in years:
        label = UNKNOWN_YEAR if year is None else f"{year:04d}"
        match = "year IS NULL" if year is None else f"year = {year}"
        relative = f"{table}/{table}_{label}.{fmt}"
        total += _copy(con, f"SELECT * FROM {source} WHERE {match} ORDER BY {order}",
                       to_dir / relative, fmt)
        written.append(relative)
    _remove_stale(to_dir / table, table, {to_dir / r for r in written})
    return written, total


def _remove_stale(folder: Path, table: str, kept: set[Path]) -> None:
    """Files an earlier export wrote for ``table`` and this one did not: a year gone, the
    old ``year=YYYY/{table}.ext`` layout. Only export's own file names are touched."""
    if not folder.is_dir():
        return
    ours = [*folder.glob(f"{table}_*.parquet"), *folder.glob(f"{table}_*.csv"),
            *folder.glob(f"year=*/{table}.parquet"), *folder.glob(f"year=*/{table}.csv")]
    for path in ours:
        if path not in kept:
            path.unlink()
            if path.parent != folder and not any(path.parent.iterdir()):
                path.parent.rmdir()


def _csv_safe(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The table's columns, text ones with a formula-like first character quoted."""
    prefixes = ", ".join(f"chr({ord(p)})" for p in FORMULA_PREFIXES)
    out = []
    for name, kind, *_ in con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        if kind == "VARCHAR":
            out.append(f"CASE WHEN left({quoted}, 1) IN ({prefixes}) THEN chr(39) || {quoted} "
                       f"ELSE {quoted} END AS {quoted}")
        else:
            out.append(quoted)
    return ", ".join(out)


def _copy(con: duckdb.DuckDBPyConnection, sql: str, target: Path, fmt: str) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    options = ("FORMAT parquet, COMPRESSION zstd" if fmt == "parquet"
               else "FORMAT csv, HEADER true")
    with replacing(target) as tmp:  # a tool watching the folder never opens half a file
        path = str(tmp).replace("'", "''")
        count = con.execute(f"COPY ({sql}) TO '{path}' ({options})").fetchone()
    return int(count[0]) if count else 0


def write_export_database(to_dir: Path, result: ExportResult, database: Path) -> list[str]:
    """A DuckDB database file holding one view per exported table over its folder's files
    (an absolute glob: the database opens from anywhere and sees a later export into the same
    folder); for tools that open a database (DBeaver, Tableau's DuckDB connector, the
    ``duckdb`` shell). Written to a temp name and renamed. Returns the view names."""
    written = sorted({(f.split("/", 1)[0], Path(f).suffix) for f in result.files})
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    with replacing(Path(database)) as tmp:
        con = duckdb.connect(str(tmp))
        try:
            for table, suffix in written:
                folder = str((Path(to_dir) / table).resolve()).replace("'", "''")
                reader = ("read_parquet({}, union_by_name = true)" if suffix == ".parquet"
                          else "read_csv({}, union_by_name = true)")
                source = reader.format(f"'{folder}/{table}_*{suffix}'")
                con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM {source}')
        finally:
            con.close()
    return [table for table, _ in written]
