"""``Warehouse``: idempotent, atomic appends of parsed filings, one commit per call.

The interface is deliberately small (``append``, ``replace``, ``loaded_accessions``,
``status``, ``compact``) so the orchestrator never sees the Delta tables underneath.

A ``Batch`` maps table name -> rows (dicts keyed by column name). Rows belong to a filing
through their ``accession``; every accession with fact rows must also have its one
``filings`` row in the batch, because the set of committed ``filings`` accessions is what
makes loads idempotent: an accession already committed is skipped whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from deltalake.exceptions import DeltaError
from filelock import FileLock, Timeout

from foundation.durable import Replace
from warehouse.commit import commit, existing_accessions, prepare
from warehouse.connect import connect_manifest
from warehouse.convert import Row, to_arrow
from warehouse.errors import InvalidBatch, WarehouseBusy, WarehouseWriteError
from warehouse.maintenance import DEFAULT_RETENTION_HOURS, CompactResult, compact_tables
from warehouse.manifest import Manifest, read_manifest
from warehouse.replace import commit_replace
from warehouse.schema import MAINTAINED, SCHEMAS, TABLES

__all__ = ["AppendResult", "Batch", "ReplaceResult", "Warehouse"]

#: table name -> rows; tables may be missing or empty.
Batch = Mapping[str, Sequence[Row]]

LOCK_NAME = ".lock"


@dataclass(frozen=True)
class AppendResult:
    """What one ``append`` committed. ``version`` is unchanged when nothing was new."""

    version: int
    rows_added: dict[str, int] = field(default_factory=dict)
    accessions_added: tuple[str, ...] = ()
    accessions_skipped: tuple[str, ...] = ()

    @property
    def committed(self) -> bool:
        return bool(self.accessions_added)


@dataclass(frozen=True)
class ReplaceResult:
    """What one ``replace`` committed: rows written and removed per table."""

    version: int
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_removed: dict[str, int] = field(default_factory=dict)
    accessions: tuple[str, ...] = ()


class Warehouse:
    """The Delta tables under ``root`` (``ABSDW_HOME/warehouse``).

    ``replace_file`` and ``now`` are seams for tests (crash injection, fixed clock).
    Writers (``append``, ``compact``) take a file lock; readers never do.
    """

    def __init__(
        self,
        root: Path,
        *,
        replace_file: Replace = os.replace,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        lock_timeout: float = 600.0,
    ) -> None:
        self.root = Path(root)
        self._replace = replace_file
        self._now = now
        self._lock_timeout = lock_timeout

    def loaded_accessions(self) -> set[str]:
        """Accessions committed so far (ok and quarantined alike)."""
        _, rows = _snapshot_query(self.root, read_manifest(self.root),
                                  "SELECT accession FROM _absdw.filings")
        return {a for (a,) in rows}

    def append(self, batch: Batch) -> AppendResult:
        """Commit every filing of ``batch`` not committed yet, across all tables at once."""
        filings = _filing_accessions(batch)
        _check_orphan_rows(batch, set(filings))
        return self._append(filings, lambda new, now: _arrow_tables(batch, new, now))

    def append_tables(self, tables: Mapping[str, pa.Table]) -> AppendResult:
        """``append`` for trusted Arrow data (bulk loads, benchmarks): each table is cast to
        its schema instead of checked value by value; refusals of overflow still apply."""
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise InvalidBatch(f"unknown table(s) {sorted(unknown)}; tables are {list(TABLES)}")
        filings = tables["filings"]["accession"].to_pylist()
        _check_unique(filings)
        return self._append(filings, lambda new, now: _cast_tables(tables, new, now))

    def _append(self, filings: list[str],
                convert: Callable[[set[str], datetime], dict[str, pa.Table]]) -> AppendResult:
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked():
            manifest = read_manifest(self.root)
            loaded = existing_accessions(self.root, manifest, filings)
            new = [a for a in filings if a not in loaded]
            skipped = tuple(a for a in filings if a in loaded)
            if not new:
                return AppendResult(manifest.version, dict.fromkeys(TABLES, 0), (), skipped)
            now = self._now()  # one instant per commit: loaded_at and the manifest agree
            tables = convert(set(new), now)
            pinned = prepare(self.root, manifest)
            after = commit(self.root, manifest, pinned, tables, now, self._replace)
        rows = {t: tables[t].num_rows for t in TABLES}
        return AppendResult(after.version, rows, tuple(new), skipped)

    def replace(self, batch: Batch) -> ReplaceResult:
        """Commit ``batch`` in place of whatever is stored for its filings (``absdw
        reparse``): every row of each accession is replaced, in every table, by the batch's
        rows (none for a filing now quarantined), and the current version of each month they
        touch is recomputed. One Delta commit per table, then one manifest rename, like
        ``append``; an accession not committed yet is simply added. See ``warehouse.replace``.
        """
        filings = _filing_accessions(batch)
        _check_orphan_rows(batch, set(filings))
        if not filings:
            return ReplaceResult(read_manifest(self.root).version)
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked():
            manifest = read_manifest(self.root)
            now = self._now()
            tables = _arrow_tables(batch, set(filings), now)
            pinned = prepare(self.root, manifest)
            after, removed = commit_replace(self.root, manifest, pinned, tables, now,
                                            self._replace)
        added = {t: tables[t].num_rows for t in TABLES}
        return ReplaceResult(after.version, added, removed, tuple(filings))

    def compact(self, *, retention_hours: float = DEFAULT_RETENTION_HOURS) -> CompactResult:
        """Rewrite each fragmented year partition as sorted files and vacuum files no version
        newer than ``retention_hours`` (nor the pinned one) needs. See ``maintenance``."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked():
            manifest = read_manifest(self.root)
            pinned = prepare(self.root, manifest)
            return compact_tables(self.root, manifest, pinned, retention_hours,
                                  self._now(), self._replace)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One committer at a time across processes; readers never take the lock. A write
        that fails for want of space or permission is a WarehouseWriteError naming the path."""
        lock = FileLock(self.root / LOCK_NAME, timeout=self._lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise WarehouseBusy(
                f"another absdw process has held {self.root / LOCK_NAME} for over "
                f"{self._lock_timeout:.0f}s; retry when it finishes"
            ) from None
        except OSError as exc:
            raise _write_error(self.root, exc) from exc
        try:
            yield
        except (OSError, DeltaError, duckdb.IOException) as exc:
            raise _write_error(self.root, exc) from exc
        finally:
            lock.release()

    def status(self) -> dict[str, Any]:
        """Row counts per table (every stored version), filings by parse status, CIKs and
        the last commit, all from one snapshot."""
        manifest = read_manifest(self.root)
        info: dict[str, Any] = {
            "warehouse": str(self.root),
            "version": manifest.version,
            "last_commit": manifest.committed_at,
            "rows": {t: manifest.rows.get(t, 0) for t in TABLES},
        }
        con = connect_manifest(self.root, manifest)
        try:
            by_status = con.execute(
                "SELECT parse_status, count(*) FROM filings GROUP BY 1 ORDER BY 1").fetchall()
            ciks = con.execute("SELECT DISTINCT cik FROM filings ORDER BY 1").fetchall()
        finally:
            con.close()
        info["filings_by_status"] = dict(by_status)
        info["ciks"] = [cik for (cik,) in ciks]
        return info


def _write_error(root: Path, exc: Exception) -> WarehouseWriteError:
    """The warehouse's path, what failed, and the room left on its disk."""
    try:
        free = f"{shutil.disk_usage(root if root.exists() else root.parent).free / 1e6:,.1f} MB"
    except OSError:
        free = "unknown space"
    return WarehouseWriteError(
        f"writing the warehouse at {root} failed ({str(exc)[:300]}); {free} free on its disk: "
        "free space or make it writable, then run the same command again (the failed commit "
        "is not visible and is rolled back by the next one)")


def _snapshot_query(root: Path, manifest: Manifest, sql: str) -> tuple[list[str], list[Any]]:
    con = connect_manifest(root, manifest)
    try:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description or ()], cursor.fetchall()
    finally:
        con.close()


def _filing_accessions(batch: Batch) -> list[str]:
    """Accessions of the batch's ``filings`` rows, in order; refuses unknown tables and twins."""
    unknown = set(batch) - set(TABLES)
    if unknown:
        raise InvalidBatch(f"unknown table(s) {sorted(unknown)}; tables are {list(TABLES)}")
    accessions = [row.get("accession") for row in batch.get("filings", ())]
    _check_unique(accessions)
    return accessions  # type: ignore[return-value]


def _check_unique(accessions: Sequence[Any]) -> None:
    seen: set[Any] = set()
    for accession in accessions:
        if not isinstance(accession, str) or accession in seen:
            raise InvalidBatch(f"filings: accession {accession!r} is missing or repeated; "
                               "a batch holds exactly one filings row per accession")
        seen.add(accession)


def _check_orphan_rows(batch: Batch, filings: set[str]) -> None:
    """Fact rows need their filing's row in the same batch: it is what marks them loaded."""
    for table in TABLES[1:]:
        for row in batch.get(table, ()):
            if row.get("accession") not in filings:
                raise InvalidBatch(
                    f"{table}: a row of accession {row.get('accession')!r} has no filings row "
                    "in the batch; send the filing and its rows together"
                )


def _arrow_tables(batch: Batch, new: set[str], now: datetime) -> dict[str, pa.Table]:
    """Every table's new rows, converted (and so validated) before any file is written; the
    maintained columns (``loaded_at``) are stamped with the commit time."""
    stamps = {"loaded_at": now}
    tables = {}
    for table in TABLES:
        rows = [r for r in batch.get(table, ()) if r.get("accession") in new]
        own = {name: stamps[name] for name in MAINTAINED.get(table, ())}
        tables[table] = to_arrow(table, rows, own)
    return tables


def _cast_tables(tables: Mapping[str, pa.Table], new: set[str], now: datetime
                 ) -> dict[str, pa.Table]:
    """Every table's rows of ``new`` accessions in the schema's columns and types."""
    out = {}
    for table in TABLES:
        schema = SCHEMAS[table]
        data = tables.get(table)
        if data is None:
            out[table] = schema.empty_table()
            continue
        data = data.filter(pc.is_in(data["accession"], pa.array(sorted(new), pa.string())))
        columns = [data[f.name].cast(f.type) if f.name in data.schema.names
                   else pa.nulls(data.num_rows, f.type) for f in schema]
        out[table] = pa.Table.from_arrays(columns, schema=schema)
    filings = out["filings"]
    stamp = now.astimezone(UTC).replace(tzinfo=None)
    out["filings"] = filings.set_column(
        filings.schema.get_field_index("loaded_at"), "loaded_at",
        pa.array([stamp] * filings.num_rows, pa.timestamp("us")))
    return out
