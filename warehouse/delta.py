"""Delta Lake I/O (delta-rs): create, append, restate, roll back, list committed files.

Every table lives at ``{root}/{table}`` partitioned by ``year`` (of the distribution date;
filings by filing date), files sorted by ``SORT_KEYS`` and zstd-compressed: measured 2-85x
faster than CIK partitions for per-trust and cross-trust queries alike. The protocol stays at
reader version 1 with no reader features (no deletion vectors, no column mapping), so any
engine, and DuckDB through a plain file list, can read every committed version.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, WriterProperties, write_deltalake

from warehouse.schema import PARTITION_DATE, SORT_KEYS, STORED, YEAR

__all__ = ["ROW_GROUP_ROWS", "append", "committed_files", "create", "demote", "recover", "rewrite",
           "rows_of", "sort_rows", "stored_columns", "table_path", "with_year", "writer_properties"]

#: Rows per Parquet row group: large enough for zstd and scans, small enough that min/max
#: statistics on the sorted ``cik`` let a one-trust query skip most of a year's file (the
#: page index, written by default, narrows the read to the trust's pages within the group).
#: Measured at 24M tranche rows (docs/warehouse.md, "Layout tuning"): smaller groups make a
#: one-trust query slower, not faster (32,768: 2x, 8,192: 4-11x), because every query then
#: parses a footer with 5-15x more row groups per file; the cost is metadata, not decoding.
ROW_GROUP_ROWS = 122_880


def table_path(root: Path, table: str) -> Path:
    return root / table


def writer_properties() -> WriterProperties:
    return WriterProperties(compression="ZSTD", compression_level=3,
                            max_row_group_size=ROW_GROUP_ROWS)


def create(root: Path, table: str) -> int:
    """Create ``table`` empty (version 0) unless it exists; returns its latest version.
    Starting empty gives crash recovery a version to roll back to from the first sync."""
    path = table_path(root, table)
    if DeltaTable.is_deltatable(str(path)):
        return DeltaTable(str(path)).version()
    return DeltaTable.create(str(path), STORED[table], partition_by=[YEAR]).version()


def recover(root: Path, table: str, pinned: int) -> bool:
    """Roll ``table`` back to the pinned version if a crashed sync committed past it.
    Returns whether it had to (the rolled-back files are removed later by vacuum)."""
    table_obj = DeltaTable(str(table_path(root, table)))
    if table_obj.version() == pinned:
        return False
    table_obj.restore(pinned)
    return True


def with_year(table: str, data: pa.Table) -> pa.Table:
    """``data`` with the partition column filled in and in the table's stored column order."""
    years = pc.cast(pc.year(data[PARTITION_DATE[table]]), pa.int32())
    data = data.append_column(YEAR, years) if YEAR not in data.schema.names else data
    return data.select(STORED[table].names).cast(STORED[table])


def sort_rows(table: str, data: pa.Table) -> pa.Table:
    return data.sort_by([(YEAR, "ascending"), *((k, "ascending") for k in SORT_KEYS[table])])


def append(root: Path, table: str, data: pa.Table) -> int:
    """One Delta commit adding ``data`` (sorted within each year file); returns the version."""
    path = str(table_path(root, table))
    write_deltalake(path, sort_rows(table, data), mode="append", partition_by=[YEAR],
                    schema_mode="merge", writer_properties=writer_properties())
    return DeltaTable(path).version()


def demote(root: Path, table: str, data: pa.Table, superseded: pa.Table) -> int:
    """One Delta commit that adds ``data`` and clears ``is_current`` on every row of the
    ``superseded`` accessions (columns accession, cik, year): a merge, so readers of the
    Delta table itself also see an amendment and its predecessor flip in the same commit."""
    flips = _flip_rows(table, superseded)
    source = pa.concat_tables([
        sort_rows(table, data).append_column("_flip", pa.repeat(False, data.num_rows)),
        flips,
    ])
    columns = STORED[table].names
    predicate = ("t.accession = s.accession"
                 f" AND t.cik IN ({_sql_list(superseded['cik'].to_pylist())})"
                 f" AND {_year_filter(superseded[YEAR].to_pylist())}")
    table_obj = DeltaTable(str(table_path(root, table)))
    (table_obj.merge(source, predicate, source_alias="s", target_alias="t",
                     writer_properties=writer_properties())
     .when_matched_update(updates={"is_current": "false"}, predicate="s._flip")
     .when_not_matched_insert(updates={c: f"s.{_quote(c)}" for c in columns},
                              predicate="NOT s._flip")
     .execute())
    return DeltaTable(str(table_path(root, table))).version()


def _flip_rows(table: str, superseded: pa.Table) -> pa.Table:
    """One source row per superseded accession: only accession/cik/year are filled."""
    schema = STORED[table].append(pa.field("_flip", pa.bool_()))
    count = superseded.num_rows
    arrays = []
    for field in schema:
        if field.name in ("accession", "cik", YEAR):
            arrays.append(superseded[field.name].cast(field.type))
        elif field.name == "_flip":
            arrays.append(pa.repeat(True, count))
        else:
            arrays.append(pa.nulls(count, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _year_filter(years: Iterable[int | None]) -> str:
    values = sorted({y for y in years if y is not None})
    terms = [f"t.{YEAR} IN ({_sql_list(values)})"] if values else []
    if any(y is None for y in years):
        terms.append(f"t.{YEAR} IS NULL")
    return "(" + " OR ".join(terms or ["false"]) + ")"


def _sql_list(values: Iterable[int]) -> str:
    return ", ".join(str(int(v)) for v in sorted(set(values)))


def _quote(name: str) -> str:
    return f"`{name}`" if name in ("class",) else name


def committed_files(root: Path, table: str, version: int) -> tuple[list[str], list[str]]:
    """(absolute file paths, column names) of ``table`` at ``version``: what a reader opens."""
    base = table_path(root, table)
    table_obj = DeltaTable(str(base), version=version)
    names = [f.name for f in table_obj.schema().fields]
    # Add actions hold URI-encoded paths relative to the table (Delta protocol); file_uris()
    # encodes the table's own directory too, which DuckDB then reads literally: a home
    # like "control (30 KB index)" became "control%20(30%20KB%20index)". Decode once, here.
    paths = table_obj.get_add_actions(flatten=False).column("path").to_pylist()
    return [str(base / unquote(p)) for p in paths], names


def stored_columns(root: Path, table: str) -> list[str]:
    return [f.name for f in DeltaTable(str(table_path(root, table))).schema().fields]


def rows_of(root: Path, table: str, version: int, accessions: Iterable[str]) -> pa.Table:
    """The stored rows of ``accessions`` in ``table`` at ``version``, in the stored schema
    (a column added after a file was written reads as nulls)."""
    wanted = sorted(set(accessions))
    files, _ = committed_files(root, table, version)
    if not wanted or not files:
        return STORED[table].empty_table()
    con = duckdb.connect()
    try:
        con.register("wanted", pa.table({"accession": pa.array(wanted, pa.string())}))
        found = con.sql(
            "SELECT * FROM read_parquet(?, hive_partitioning = false, union_by_name = true) "
            "WHERE accession IN (SELECT accession FROM wanted)", params=[files]).to_arrow_table()
    finally:
        con.close()
    fields = [f for f in STORED[table] if f.name != YEAR]
    columns = [found[f.name].cast(f.type) if f.name in found.schema.names
               else pa.nulls(found.num_rows, f.type) for f in fields]
    return with_year(table, pa.Table.from_arrays(columns, schema=pa.schema(fields)))


def rewrite(root: Path, table: str, data: pa.Table, accessions: Iterable[str]) -> int:
    """One Delta commit replacing every row of ``accessions`` by ``data`` (whose rows all
    belong to those accessions): a predicate overwrite, or a predicate delete when ``data``
    is empty. Removes and adds whole files, so readers stay at protocol version 1."""
    path = str(table_path(root, table))
    predicate = f"accession IN ({', '.join(_sql_text(a) for a in sorted(set(accessions)))})"
    if data.num_rows:
        write_deltalake(path, sort_rows(table, data), mode="overwrite", predicate=predicate,
                        partition_by=[YEAR], writer_properties=writer_properties())
    else:
        DeltaTable(path).delete(predicate, writer_properties=writer_properties())
    return DeltaTable(path).version()


def _sql_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"
