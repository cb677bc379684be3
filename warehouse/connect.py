"""DuckDB views over the committed files: how users and the CLI read the warehouse.

A connection is a snapshot: it reads the manifest once and its views name exactly the files
of that commit (no directory globbing, so an append in progress is invisible). Reconnect to
see later commits. Committed files are never rewritten or deleted, so a snapshot stays valid.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from warehouse.manifest import Manifest, read_manifest
from warehouse.schema import SCHEMAS, TABLES, duckdb_type

__all__ = ["connect", "connect_manifest", "query"]

INTERNAL_SCHEMA = "_absdw"


def connect(root: Path, *, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the views ``filings``, ``tranches``, ``pools``,
    ``delinquencies`` and ``report_items`` over the warehouse at ``root``."""
    return connect_manifest(Path(root), read_manifest(Path(root)), database=database)


def query(root: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over the views; returns (column names, rows)."""
    con = connect(root)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or ()]
        return columns, cursor.fetchall() if columns else []
    finally:
        con.close()


def connect_manifest(
    root: Path, manifest: Manifest, *, database: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """Views over one given manifest (lets ``status`` count from a single snapshot)."""
    con = duckdb.connect(database)
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {INTERNAL_SCHEMA}")
        for table in TABLES:
            con.execute(_source_view_sql(root, manifest, table))
        con.execute(_views_sql())
    except BaseException:
        con.close()
        raise
    return con


def _views_sql() -> str:
    return resources.files("warehouse").joinpath("views.sql").read_text(encoding="utf-8")


def _source_view_sql(root: Path, manifest: Manifest, table: str) -> str:
    """``_absdw.<table>``: every schema column cast to its type, NULL where no file has it
    (a column added after those files were written)."""
    present = set(manifest.columns.get(table, ()))
    files = [str((root / f.path).resolve()) for f in manifest.files.get(table, ())]
    exprs = []
    for field in SCHEMAS[table]:
        source = _ident(field.name) if files and field.name in present else "NULL"
        exprs.append(f"CAST({source} AS {duckdb_type(field.type)}) AS {_ident(field.name)}")
    if files:
        listing = ", ".join(_literal(p) for p in files)
        source_sql = f"FROM read_parquet([{listing}], union_by_name = true)"
    else:
        source_sql = "WHERE false"
    return (f"CREATE OR REPLACE VIEW {INTERNAL_SCHEMA}.{table} AS "
            f"SELECT {', '.join(exprs)} {source_sql}")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
