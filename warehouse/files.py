"""Data files: partitioned, sorted, zstd Parquet written durably, and orphan clean-up.

Files are partitioned by year (``{table}/year=YYYY/part-{uuid}.parquet``) and sorted by CIK
inside: measured 2-85x faster than CIK partitions for per-trust and cross-trust queries alike.
A file is never rewritten, so its name can be listed in the manifest before readers open it.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse.manifest import MANIFEST_NAME, DataFile, Replace, fsync_dir
from warehouse.schema import PARTITION_DATE, SORT_KEYS, TABLES

__all__ = ["collect_orphans", "write_partitions"]

UNKNOWN_YEAR = "unknown"  # partition of rows whose partition date was not printed


def write_partitions(
    root: Path, table: str, data: pa.Table, replace_file: Replace = os.replace
) -> list[DataFile]:
    """Write ``data`` as one sorted file per year; returns them, not yet committed."""
    written = []
    years = pc.year(data[PARTITION_DATE[table]])
    for year in sorted({y for y in years.to_pylist()}, key=lambda y: (y is None, y)):
        mask = pc.is_null(years) if year is None else pc.equal(years, year)
        part = data.filter(mask)
        part = part.sort_by([(key, "ascending") for key in SORT_KEYS[table]])
        label = UNKNOWN_YEAR if year is None else f"{year:04d}"
        written.append(_write_file(root, f"{table}/year={label}", part, replace_file))
    return written


def _write_file(root: Path, folder: str, data: pa.Table, replace_file: Replace) -> DataFile:
    directory = root / folder
    directory.mkdir(parents=True, exist_ok=True)
    name = f"part-{uuid.uuid4().hex}.parquet"
    tmp = directory / f".{name}.tmp"
    try:
        pq.write_table(data, tmp, compression="zstd")
        _fsync_file(tmp)
        replace_file(tmp, directory / name)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(directory)
    return DataFile(path=f"{folder}/{name}", rows=data.num_rows,
                    bytes=(directory / name).stat().st_size)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def collect_orphans(root: Path, committed: set[str], min_age_seconds: float) -> list[str]:
    """Delete files a crashed append left behind (not in the manifest and older than
    ``min_age_seconds``); call only under the commit lock. Returns their relative paths."""
    cutoff = time.time() - min_age_seconds
    removed = []
    candidates = [p for t in TABLES for p in (root / t).glob("year=*/*")]
    candidates += root.glob(f".{MANIFEST_NAME}.*.tmp")
    for path in candidates:
        rel = path.relative_to(root).as_posix()
        if rel in committed or not path.is_file():
            continue
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(rel)
    return sorted(removed)
