"""One sync's commit: settle current versions, write each Delta table once, move the pointer.

Called under the writer lock. Order matters for crash safety: every table gets exactly one
Delta commit (an append, or a merge when an amendment supersedes rows), and only then does
``_manifest.json`` move to the new versions. A crash before that rename leaves Delta commits
past the pinned versions; the next writer rolls them back (``delta.recover``) before its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from foundation.durable import Replace
from warehouse import delta
from warehouse.manifest import Manifest, write_manifest
from warehouse.schema import TABLES, YEAR
from warehouse.versions import Settlement, Version, settle

__all__ = ["commit", "existing_accessions", "prepare"]


def prepare(root: Path, manifest: Manifest) -> dict[str, int]:
    """Create missing tables (empty, version 0) and roll back commits past the pinned
    versions; returns the version of each table the next commit builds on."""
    pinned = {}
    for table in TABLES:
        created = delta.create(root, table)
        version = manifest.pinned(table)
        pinned[table] = 0 if version is None else version
        if created != pinned[table]:
            delta.recover(root, table, pinned[table])
    return pinned


def existing_accessions(root: Path, manifest: Manifest, accessions: Iterable[str]) -> set[str]:
    """Which of ``accessions`` the committed filings table already holds."""
    wanted = list(accessions)
    if not wanted or manifest.pinned("filings") is None:
        return set()
    files, _ = delta.committed_files(root, "filings", manifest.pinned("filings"))  # type: ignore[arg-type]
    if not files:
        return set()
    con = duckdb.connect()
    try:
        con.register("wanted", pa.table({"accession": wanted}))
        rows = con.execute("SELECT accession FROM read_parquet(?) WHERE accession IN "
                           "(SELECT accession FROM wanted)", [files]).fetchall()
    finally:
        con.close()
    return {a for (a,) in rows}


def commit(
    root: Path, manifest: Manifest, pinned: dict[str, int], tables: Mapping[str, pa.Table],
    now: datetime, replace_file: Replace,
) -> Manifest:
    """Write ``tables`` (new accessions only, validated) and commit the manifest."""
    filings = tables["filings"]
    old = _existing_versions(root, pinned["filings"], filings)
    settlement = settle(old, _versions(filings))
    filed = dict(zip(filings["accession"].to_pylist(), filings["filed_date"].to_pylist(),
                     strict=True))
    superseded = _superseded(old, settlement)
    versions = dict(pinned)
    for table in TABLES:
        data = _stored_rows(table, tables[table], settlement, filed)
        gone = superseded[table]
        if gone.num_rows:
            versions[table] = delta.demote(root, table, data, gone)
        elif data.num_rows:
            versions[table] = delta.append(root, table, data)
    rows = {t: manifest.rows.get(t, 0) + tables[t].num_rows for t in TABLES}
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    after = Manifest(manifest.version + 1, stamp, versions, rows)
    write_manifest(root, after, replace_file)
    return after


def _versions(filings: pa.Table) -> list[Version]:
    columns = filings.select(["cik", "distribution_date", "accession", "filed_date",
                              "parse_status"]).to_pylist()
    return [Version(r["cik"], r["distribution_date"], r["accession"], r["filed_date"],
                    r["parse_status"] == "ok") for r in columns]


def _existing_versions(root: Path, version: int, filings: pa.Table) -> list[Version]:
    """Committed filings of the trust-months ``filings`` touch (a superset: cik x date)."""
    files, _ = delta.committed_files(root, "filings", version)
    dates = [d for d in set(filings["distribution_date"].to_pylist()) if d is not None]
    if not files or not dates:
        return []
    con = duckdb.connect()
    try:
        con.register("keys", pa.table({"cik": pc.unique(filings["cik"])}))
        con.register("dates", pa.table({"d": pa.array(dates, pa.date32())}))
        rows = con.execute(
            "SELECT cik, distribution_date, accession, filed_date, parse_status = 'ok', "
            "coalesce(is_current, false) FROM read_parquet(?) "
            "WHERE cik IN (SELECT cik FROM keys) AND distribution_date IN (SELECT d FROM dates)",
            [files]).fetchall()
    finally:
        con.close()
    return [Version(*row) for row in rows]


def _superseded(old: list[Version], settlement: Settlement) -> dict[str, pa.Table]:
    """Per table: (accession, cik, year) of every superseded filing's rows."""
    gone = [v for v in old if v.accession in settlement.superseded]
    out = {}
    for table in TABLES:
        def year(v: Version, table: str = table) -> int | None:
            day = v.filed_date if table == "filings" else v.distribution_date
            return None if day is None else day.year
        out[table] = pa.table({
            "accession": pa.array([v.accession for v in gone], pa.string()),
            "cik": pa.array([v.cik for v in gone], pa.int64()),
            YEAR: pa.array([year(v) for v in gone], pa.int32()),
        })
    return out


def _stored_rows(table: str, data: pa.Table, settlement: Settlement,
                 filed: dict[str, object]) -> pa.Table:
    """``data`` with the maintained columns: ``filed_date`` (facts), ``is_current``, year."""
    accessions = data["accession"].to_pylist()
    if table != "filings":
        data = data.append_column(
            "filed_date", pa.array([filed[a] for a in accessions], pa.date32()))
    current = pa.array([a in settlement.current for a in accessions], pa.bool_())
    return delta.with_year(table, data.append_column("is_current", current))
