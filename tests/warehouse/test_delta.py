"""The Delta tables themselves: a protocol any reader can follow, and compaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from deltalake import DeltaTable

from warehouse import TABLES, Warehouse, connect
from warehouse.delta import committed_files
from warehouse.manifest import read_manifest

FORBIDDEN = {"deletionVectors", "columnMapping"}
SNAPSHOT_SQL = {
    "filings": "SELECT * FROM filings ORDER BY accession",
    "tranches": "SELECT * FROM tranches ORDER BY cik, class, distribution_date",
    "history": "SELECT * FROM tranches_history ORDER BY accession, class",
    "pools": "SELECT * FROM pool_performance ORDER BY cik, distribution_date",
    "dq": "SELECT * FROM delinquencies ORDER BY cik, distribution_date, status",
}


def _months(make_batch, merge_batches, count: int = 4):
    batches = []
    for month in range(count):
        day = date(2004, month + 1, 26)
        batches.append(merge_batches(
            make_batch(accession=f"0001056404-04-{month:06d}", distribution=day),
            make_batch(cik=42, accession=f"0000000042-04-{month:06d}", distribution=day)))
    return batches


def _snapshot(root: Path) -> dict[str, list[tuple]]:
    con = connect(root)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT_SQL.items()}
    finally:
        con.close()


def test_protocol_has_no_reader_features(warehouse_root: Path, make_batch, merge_batches,
                                         seed_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    for batch in _months(make_batch, merge_batches):
        warehouse.append(batch)
    amended = make_batch(accession="0001056404-04-900000", distribution=date(2004, 1, 26))
    amended["filings"][0]["filed_date"] = date(2004, 6, 1)
    warehouse.append(amended)  # a merge commit
    warehouse.compact(retention_hours=0)  # overwrite commits
    for table in TABLES:
        delta = DeltaTable(str(warehouse_root / table))
        protocol = delta.protocol()
        assert protocol.min_reader_version == 1, table
        assert not set(protocol.reader_features or ()) & FORBIDDEN, table
        assert not set(protocol.writer_features or ()) & FORBIDDEN, table
        config = delta.metadata().configuration
        assert config.get("delta.enableDeletionVectors", "false") == "false", table
        assert delta.metadata().partition_columns == ["year"], table


def test_compaction_keeps_results_and_reduces_files(warehouse_root: Path, make_batch,
                                                    merge_batches) -> None:
    warehouse = Warehouse(warehouse_root)
    for batch in _months(make_batch, merge_batches):
        warehouse.append(batch)
    amended = make_batch(accession="0001056404-04-900000", distribution=date(2004, 2, 26))
    amended["filings"][0]["filed_date"] = date(2004, 6, 1)
    amended["tranches"][0]["ending_balance"] = amended["tranches"][0]["ending_balance"] - 1
    warehouse.append(amended)
    before = _snapshot(warehouse_root)
    result = warehouse.compact(retention_hours=0)
    assert all(count >= 4 for count in result.files_before.values()), result.files_before
    # one file per table and year (the amendment was filed in 2004, the rest in 2003)
    assert result.files_after == dict.fromkeys(TABLES, 1) | {"filings": 2}
    assert result.version == 6 == read_manifest(warehouse_root).version
    assert _snapshot(warehouse_root) == before
    # the compacted files are sorted like freshly written ones
    manifest = read_manifest(warehouse_root)
    files, _ = committed_files(warehouse_root, "tranches", manifest.tables["tranches"])
    con = connect(warehouse_root)
    try:
        keys = con.execute(f"SELECT cik, class, distribution_date FROM read_parquet('{files[0]}')"
                           ).fetchall()
        assert keys == sorted(keys) and len(keys) == 27
    finally:
        con.close()


def test_compaction_with_default_retention_deletes_nothing_recent(
    warehouse_root: Path, make_batch, merge_batches
) -> None:
    warehouse = Warehouse(warehouse_root)
    for batch in _months(make_batch, merge_batches, count=2):
        warehouse.append(batch)
    on_disk = len(list(warehouse_root.rglob("*.parquet")))
    old_connection = connect(warehouse_root)
    try:
        result = warehouse.compact()
        assert result.files_deleted == 0 and result.total_after == 5 < result.total_before == 10
        assert len(list(warehouse_root.rglob("*.parquet"))) == on_disk + 5
        # a connection opened before compaction still reads its (now superseded) files
        assert old_connection.execute("SELECT count(*) FROM tranches").fetchall() == [(12,)]
    finally:
        old_connection.close()
    assert warehouse.compact().version == result.version  # nothing left to compact
