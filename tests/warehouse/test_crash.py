"""Crash safety: a sync is committed by the manifest rename; Delta commits past the pinned
versions are invisible to readers and rolled back by the next writer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from deltalake import DeltaTable

from foundation.errors import StorageError
from warehouse import ManifestError, Warehouse, query
from warehouse.manifest import MANIFEST_NAME, read_manifest


class CrashOnManifest:
    """A ``replace`` that dies when the manifest would be committed (power cut at the worst
    moment: every table's Delta commit of the sync is already durable)."""

    def __call__(self, src: Path, dst: Path) -> None:
        if dst.name == MANIFEST_NAME:
            raise OSError("simulated crash before the manifest rename")
        os.replace(src, dst)


def _latest(root: Path, table: str) -> int:
    return DeltaTable(str(root / table)).version()


def test_failed_manifest_write_keeps_previous_state_and_retry_commits(
    warehouse_root: Path, make_batch
) -> None:
    Warehouse(warehouse_root).append(make_batch())
    assert read_manifest(warehouse_root).tables["tranches"] == 1
    december = make_batch(cik=7, accession="0000000007-03-000001")
    with pytest.raises(StorageError, match="simulated crash"):  # names the manifest's path
        Warehouse(warehouse_root, replace_file=CrashOnManifest()).append(december)
    assert _latest(warehouse_root, "tranches") == 2  # the Delta commit happened ...
    # ... yet the warehouse shows exactly the previous sync
    assert query(warehouse_root, "SELECT DISTINCT cik FROM tranches")[1] == [(1268747,)]
    assert Warehouse(warehouse_root).loaded_accessions() == {"0001056404-03-002432"}
    assert Warehouse(warehouse_root).status()["version"] == 1
    assert list(warehouse_root.glob(f".{MANIFEST_NAME}*")) == []  # temp manifest removed

    result = Warehouse(warehouse_root).append(december)
    assert result.version == 2 and result.rows_added["tranches"] == 3
    assert _latest(warehouse_root, "tranches") == 4  # restore to 1 (=3), then the retry
    assert query(warehouse_root, "SELECT cik, count(*) FROM tranches GROUP BY 1 ORDER BY 1")[1] \
        == [(7, 3), (1268747, 3)]


def test_crash_in_the_first_sync_is_rolled_back_to_the_empty_tables(
    warehouse_root: Path, make_batch
) -> None:
    with pytest.raises(StorageError):
        Warehouse(warehouse_root, replace_file=CrashOnManifest()).append(make_batch())
    assert not (warehouse_root / MANIFEST_NAME).exists()
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(0,)]
    assert Warehouse(warehouse_root).loaded_accessions() == set()
    Warehouse(warehouse_root).append(make_batch(cik=2, accession="0000000002-03-000001"))
    assert query(warehouse_root, "SELECT DISTINCT cik FROM tranches_history")[1] == [(2,)]


def test_compact_rolls_back_and_vacuums_crash_debris(warehouse_root: Path, make_batch) -> None:
    Warehouse(warehouse_root).append(make_batch())
    with pytest.raises(StorageError):
        Warehouse(warehouse_root, replace_file=CrashOnManifest()).append(
            make_batch(cik=9, accession="0000000009-03-000001"))
    debris = len(list(warehouse_root.rglob("*.parquet")))
    assert debris == 10
    result = Warehouse(warehouse_root).compact(retention_hours=0)
    assert result.files_deleted == 5  # the crashed sync's files, nothing committed
    assert len(list(warehouse_root.rglob("*.parquet"))) == 5
    assert query(warehouse_root, "SELECT DISTINCT cik FROM tranches")[1] == [(1268747,)]


def test_corrupt_manifest_is_a_clear_error(warehouse_root: Path, seed_batch) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    (warehouse_root / MANIFEST_NAME).write_text('{"format": 2, "version": ')
    with pytest.raises(ManifestError, match=r"_manifest\.json is unreadable.*absdw reparse"):
        Warehouse(warehouse_root).loaded_accessions()
    with pytest.raises(ManifestError):
        query(warehouse_root, "SELECT 1")
