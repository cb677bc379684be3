"""Compaction: keep file counts bounded without ever pulling files from under a reader.

Every sync adds about one file per table and touched year, and an amendment's merge rewrites
files unsorted. ``compact_tables`` rewrites each year partition holding more than one file as
one sorted file set (one Delta commit per partition; readers keep their pinned versions until
the manifest moves), then vacuums. Vacuum deletes only files that (a) no version newer than
``retention_hours`` references, (b) the pinned version does not reference (``keep_versions``),
and (c) are older than the retention if the log never referenced them (crash debris). A
connection opened before a compaction keeps working for ``retention_hours``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from foundation.durable import Replace
from warehouse import delta
from warehouse.manifest import Manifest, write_manifest
from warehouse.schema import SORT_KEYS, TABLES, YEAR

__all__ = ["DEFAULT_RETENTION_HOURS", "CompactResult", "compact_tables", "file_counts"]

#: Delta's own default: a week, longer than any notebook session keeps a connection.
DEFAULT_RETENTION_HOURS = 168.0


@dataclass(frozen=True)
class CompactResult:
    """Committed data files per table before and after, and files vacuum deleted."""

    version: int
    files_before: dict[str, int]
    files_after: dict[str, int]
    files_deleted: int

    @property
    def total_before(self) -> int:
        return sum(self.files_before.values())

    @property
    def total_after(self) -> int:
        return sum(self.files_after.values())


def file_counts(root: Path, versions: dict[str, int]) -> dict[str, int]:
    return {t: len(delta.committed_files(root, t, v)[0]) for t, v in versions.items()}


def compact_tables(
    root: Path, manifest: Manifest, pinned: dict[str, int], retention_hours: float,
    now: datetime, replace_file: Replace,
) -> CompactResult:
    """Compact every table, move the manifest if anything changed, then vacuum."""
    before = file_counts(root, pinned)
    versions = {t: _compact_table(root, t, pinned[t]) for t in TABLES}
    version = manifest.version
    if versions != pinned:
        version += 1
        stamp = now.astimezone(UTC).isoformat(timespec="seconds")
        write_manifest(root, Manifest(version, stamp, versions, dict(manifest.rows)),
                       replace_file)
    deleted = sum(_vacuum(root, t, versions[t], retention_hours) for t in TABLES)
    return CompactResult(version, before, file_counts(root, versions), deleted)


def _compact_table(root: Path, table: str, version: int) -> int:
    """Rewrite every multi-file year partition of ``table`` sorted; returns the version."""
    for year, files in _partitions(root, table, version).items():
        if len(files) > 1:
            data = _sorted_rows(table, files, year)
            predicate = f"{YEAR} IS NULL" if year is None else f"{YEAR} = {year}"
            write_deltalake(str(delta.table_path(root, table)), data, mode="overwrite",
                            predicate=predicate, partition_by=[YEAR], schema_mode="merge",
                            writer_properties=delta.writer_properties())
            version = DeltaTable(str(delta.table_path(root, table))).version()
    return version


def _partitions(root: Path, table: str, version: int) -> dict[int | None, list[str]]:
    table_obj = DeltaTable(str(delta.table_path(root, table)), version=version)
    actions = pa.table(table_obj.get_add_actions(flatten=True))
    years = actions[f"partition.{YEAR}"].to_pylist()
    paths = [str(delta.table_path(root, table) / p) for p in actions["path"].to_pylist()]
    grouped: dict[int | None, list[str]] = {}
    for year, path in zip(years, paths, strict=True):
        grouped.setdefault(None if year is None else int(year), []).append(path)
    return grouped


def _sorted_rows(table: str, files: list[str], year: int | None) -> pa.Table:
    order = ", ".join(f'"{k}"' for k in SORT_KEYS[table])
    con = duckdb.connect()
    try:
        listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        data = con.sql(
            f"SELECT * FROM read_parquet([{listing}], hive_partitioning = false, "
            f"union_by_name = true) ORDER BY {order}").to_arrow_table()
    finally:
        con.close()
    data = data.append_column(YEAR, pa.array([year] * data.num_rows, pa.int32()))
    return delta.with_year(table, data)


def _vacuum(root: Path, table: str, keep: int, retention_hours: float) -> int:
    table_obj = DeltaTable(str(delta.table_path(root, table)))
    removed = table_obj.vacuum(retention_hours=int(retention_hours), dry_run=False,
                               enforce_retention_duration=False, full=True,
                               keep_versions=[keep])
    return len(removed)
