"""``Warehouse``: idempotent, atomic appends of parsed filings, one commit per call.

The interface is deliberately small (``append``, ``loaded_accessions``, ``status``) so the
storage underneath can move to Delta Lake without touching the orchestrator.

A ``Batch`` maps table name -> rows (dicts keyed by column name). Rows belong to a filing
through their ``accession``; every accession with fact rows must also have its one
``filings`` row in the batch, because the set of committed ``filings`` accessions is what
makes loads idempotent: an accession already committed is skipped whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
from filelock import FileLock, Timeout

from warehouse.connect import connect_manifest
from warehouse.convert import Row, to_arrow
from warehouse.errors import InvalidBatch, WarehouseBusy
from warehouse.files import collect_orphans, write_partitions
from warehouse.manifest import DataFile, Manifest, Replace, read_manifest, write_manifest
from warehouse.schema import TABLES

__all__ = ["AppendResult", "Batch", "Warehouse"]

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


class Warehouse:
    """The tables under ``root`` (``ABSDW_HOME/warehouse``).

    ``replace_file`` and ``now`` are seams for tests (crash injection, fixed clock);
    ``orphan_age`` is how old an uncommitted file must be before an append deletes it.
    """

    def __init__(
        self,
        root: Path,
        *,
        replace_file: Replace = os.replace,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        lock_timeout: float = 600.0,
        orphan_age: float = 3600.0,
    ) -> None:
        self.root = Path(root)
        self._replace = replace_file
        self._now = now
        self._lock_timeout = lock_timeout
        self._orphan_age = orphan_age

    def loaded_accessions(self) -> set[str]:
        """Accessions committed so far (ok and quarantined alike)."""
        return set(read_manifest(self.root).accessions)

    def append(self, batch: Batch) -> AppendResult:
        """Commit every filing of ``batch`` not committed yet, across all tables at once."""
        filings = _filing_accessions(batch)
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked():
            manifest = read_manifest(self.root)
            collect_orphans(self.root, _committed_paths(manifest), self._orphan_age)
            new = [a for a in filings if a not in manifest.accessions]
            skipped = tuple(a for a in filings if a in manifest.accessions)
            _check_orphan_rows(batch, set(filings))
            if not new:
                return AppendResult(manifest.version, dict.fromkeys(TABLES, 0), (), skipped)
            tables = _arrow_tables(batch, set(new), self._now())
            return self._commit(manifest, tables, tuple(new), skipped)

    def _commit(
        self, manifest: Manifest, tables: dict[str, pa.Table], new: tuple[str, ...],
        skipped: tuple[str, ...],
    ) -> AppendResult:
        added: dict[str, list[DataFile]] = {}
        for table, data in tables.items():
            if data.num_rows:
                added[table] = write_partitions(self.root, table, data, self._replace)
        columns = {t: tables[t].schema.names for t in added}
        stamp = self._now().astimezone(UTC).isoformat(timespec="seconds")
        after = manifest.committed(added, columns, new, stamp)
        write_manifest(self.root, after, self._replace)
        rows = {t: tables[t].num_rows for t in TABLES}
        return AppendResult(after.version, rows, new, skipped)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One committer at a time across processes; readers never take the lock."""
        lock = FileLock(self.root / LOCK_NAME, timeout=self._lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise WarehouseBusy(
                f"another absdw process has held {self.root / LOCK_NAME} for over "
                f"{self._lock_timeout:.0f}s; retry when it finishes"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def status(self) -> dict[str, Any]:
        """Row counts per table, filings by parse status, CIKs and the last commit."""
        manifest = read_manifest(self.root)
        info: dict[str, Any] = {
            "warehouse": str(self.root),
            "version": manifest.version,
            "last_commit": manifest.committed_at,
            "rows": {t: manifest.rows(t) for t in TABLES},
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


def _filing_accessions(batch: Batch) -> list[str]:
    """Accessions of the batch's ``filings`` rows, in order; refuses unknown tables and twins."""
    unknown = set(batch) - set(TABLES)
    if unknown:
        raise InvalidBatch(f"unknown table(s) {sorted(unknown)}; tables are {list(TABLES)}")
    accessions = [row.get("accession") for row in batch.get("filings", ())]
    seen: set[Any] = set()
    for accession in accessions:
        if not isinstance(accession, str) or accession in seen:
            raise InvalidBatch(f"filings: accession {accession!r} is missing or repeated; "
                               "a batch holds exactly one filings row per accession")
        seen.add(accession)
    return accessions  # type: ignore[return-value]


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
    """Every table's new rows, converted (and so validated) before any file is written.
    A filing without ``loaded_at`` gets the commit time."""
    tables = {}
    for table in TABLES:
        rows = [r for r in batch.get(table, ()) if r.get("accession") in new]
        if table == "filings":
            rows = [{**r, "loaded_at": r.get("loaded_at") or now} for r in rows]
        tables[table] = to_arrow(table, rows)
    return tables


def _committed_paths(manifest: Manifest) -> set[str]:
    return {f.path for files in manifest.files.values() for f in files}
