"""DuckDB views over the committed Delta versions: how users and the CLI read the warehouse.

A connection is a snapshot: it reads the manifest once, opens each Delta table at its pinned
version and gives DuckDB exactly that version's file list (the add actions' paths +
``read_parquet``; no DuckDB extension). No directory is globbed and no lock is taken, so a
running append neither blocks nor is seen by a reader. Reconnect to see later commits.

``as_of`` shows what was known on a date *by filing date*: filings filed after it are
hidden and the current version of each month is re-ranked among the rest.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.delta import committed_files
from warehouse.manifest import Manifest, read_manifest
from warehouse.schema import STORED, STORED_TIMESTAMP, TABLES, YEAR, duckdb_type

__all__ = ["READ_SETTINGS", "VIEW_FILES", "connect", "connect_manifest", "query",
           "query_statements", "same_columns", "source_view_sql"]

INTERNAL_SCHEMA = "_absdw"
#: Statement types whose result is printed by ``query_statements``.
_QUERIES = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.PRAGMA,
                      duckdb.StatementType.EXPLAIN, duckdb.StatementType.CALL})
#: SQL files run in order after the internal layer; each only adds views.
VIEW_FILES = ("views.sql", "metrics.sql")
#: Run on every connection. Each query over the views binds ``read_parquet`` over every
#: committed file (``union_by_name`` reads each footer) and prunes by footer statistics and
#: the page index; caching the parsed footers makes repeated queries on one connection skip
#: that (one trust's history at 10,000 trusts x 240 months: ~31 ms -> ~20 ms). Safe because
#: Delta never rewrites a committed file in place: a new version names new files.
READ_SETTINGS = ("SET parquet_metadata_cache = true",)


def connect(root: Path, *, as_of: date | None = None,
            database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the public views (``filings``, ``tranches``, ``pools``,
    ``delinquencies``, ``report_items``, their ``*_history`` and the metric views) over the
    warehouse at ``root``, as committed now or as known on ``as_of``."""
    root = Path(root)
    return connect_manifest(root, read_manifest(root), as_of=as_of, database=database)


def query(root: Path, sql: str, *, as_of: date | None = None
          ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over the views; returns (column names, rows)."""
    con = connect(root, as_of=as_of)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or ()]
        return columns, cursor.fetchall() if columns else []
    finally:
        con.close()


def query_statements(root: Path, sql: str, *, as_of: date | None = None
                     ) -> list[tuple[list[str], list[tuple[Any, ...]]]]:
    """Run each statement of ``sql`` in order over one snapshot of the views; returns
    (column names, rows) of every statement that queries (``SELECT``, ``DESCRIBE``, ``PRAGMA``,
    ``EXPLAIN``, ``CALL``; a ``SET`` or ``CREATE`` only runs). A temporary view made by one
    statement is seen by the next."""
    con = connect(root, as_of=as_of)
    try:
        results = []
        for statement in duckdb.extract_statements(sql):
            cursor = con.execute(statement.query)
            if statement.type in _QUERIES:
                columns = [d[0] for d in cursor.description or ()]
                results.append((columns, cursor.fetchall()))
        return results
    finally:
        con.close()


def connect_manifest(
    root: Path, manifest: Manifest, *, as_of: date | None = None, database: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """Views over one given manifest (lets ``status`` count from a single snapshot)."""
    con = duckdb.connect(database)
    try:
        for setting in READ_SETTINGS:
            con.execute(setting)
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {INTERNAL_SCHEMA}")
        for table in TABLES:
            files, present = _committed(root, manifest, table)
            uniform = same_columns(con, files, present)
            con.execute(source_view_sql(table, files, present, uniform=uniform))
        con.execute(_layer_sql(as_of))
        for name in VIEW_FILES:
            con.execute(resources.files("warehouse").joinpath(name).read_text("utf-8"))
    except BaseException:
        con.close()
        raise
    return con


def _committed(root: Path, manifest: Manifest, table: str) -> tuple[list[str], list[str]]:
    version = manifest.pinned(table)
    if version is None:
        return [], []
    return committed_files(root, table, version)


def same_columns(con: duckdb.DuckDBPyConnection, files: list[str], present: list[str]) -> bool:
    """True when every file holds the same columns, the table's whole schema among them: the
    usual case (a column is only missing from files written before absdw added it). The
    partition column lives in the paths, not the files.
    Reads each footer once per connection; with the metadata cache on, the first query then
    finds them parsed."""
    if not files:
        return True
    found = con.execute(
        "SELECT list(DISTINCT columns) FROM (SELECT file_name, list(name ORDER BY name) AS "
        "columns FROM parquet_schema(?) WHERE num_children IS NULL GROUP BY file_name)",
        [files]).fetchone()
    layouts: list[list[str]] = (found[0] if found else None) or []
    return len(layouts) == 1 and set(present) - {YEAR} <= set(layouts[0])


def source_view_sql(table: str, files: list[str], present: list[str], *,
                    uniform: bool = False) -> str:
    """``_absdw.<table>``: every stored column cast to its type, NULL where the files lack it
    (a column added after they were written). The partition column is left out.

    ``uniform`` (:func:`same_columns`) drops ``union_by_name``: binding it unifies every
    file's schema on each query, a quarter of a one-trust history query at 10,000 trusts x
    240 months (docs/warehouse.md)."""
    exprs = []
    for field in STORED[table]:
        if field.name == YEAR:
            continue
        source = _ident(field.name) if files and field.name in present else "NULL"
        kind = field.type
        if kind == STORED_TIMESTAMP:  # the schema's naive UTC TIMESTAMP, whatever the session
            kind = pa.timestamp("us")  # time zone (a plain CAST would apply it)
            source = source if source == "NULL" else f"make_timestamp(epoch_us({source}))"
        exprs.append(f"CAST({source} AS {duckdb_type(kind)}) AS {_ident(field.name)}")
    if files:
        listing = ", ".join(_literal(p) for p in files)
        union = "" if uniform else ", union_by_name = true"
        source_sql = f"FROM read_parquet([{listing}], hive_partitioning = false{union})"
    else:
        source_sql = "WHERE false"
    return (f"CREATE OR REPLACE VIEW {INTERNAL_SCHEMA}.{table} AS "
            f"SELECT {', '.join(exprs)} {source_sql}")


def _layer_sql(as_of: date | None) -> str:
    """``_absdw.<table>_known`` (versions filed by ``as_of``) and ``_absdw.<table>_current``
    (the current version of each month). Without ``as_of`` both are plain filters on stored
    columns; with it the current version is re-ranked from the filings known then."""
    statements = []
    if as_of is None:
        known, flag = "", "is_current"
    else:
        known = f"WHERE filed_date <= DATE '{as_of.isoformat()}'"
        flag = f"(accession IN (SELECT accession FROM {INTERNAL_SCHEMA}.current_accessions))"
        statements.append(
            f"CREATE OR REPLACE VIEW {INTERNAL_SCHEMA}.current_accessions AS "
            "SELECT arg_max(accession, (filed_date, accession)) AS accession "
            f"FROM {INTERNAL_SCHEMA}.filings {known} AND parse_status = 'ok' "
            "GROUP BY cik, coalesce(distribution_date::VARCHAR, accession)")
    for table in TABLES:
        base = f"{INTERNAL_SCHEMA}.{table}"
        statements.append(f"CREATE OR REPLACE VIEW {base}_known AS SELECT * REPLACE "
                          f"({flag} AS is_current) FROM {base} {known}")
        statements.append(f"CREATE OR REPLACE VIEW {base}_current AS SELECT * FROM "
                          f"{base}_known WHERE is_current")
    return ";\n".join(statements) + ";"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
