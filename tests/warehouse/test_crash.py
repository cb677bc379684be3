"""Crash safety: a commit is the manifest rename; anything before it is invisible debris."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from warehouse import ManifestError, Warehouse, query
from warehouse.manifest import MANIFEST_NAME


class CrashOnManifest:
    """A ``replace`` that dies when the manifest would be committed (power cut at the worst
    moment: every data file of the append is already durable)."""

    def __init__(self) -> None:
        self.data_files = 0

    def __call__(self, src: Path, dst: Path) -> None:
        if dst.name == MANIFEST_NAME:
            raise OSError("simulated crash before the manifest rename")
        self.data_files += 1
        os.replace(src, dst)


def test_failed_manifest_write_keeps_previous_state_and_retry_commits(
    warehouse_root: Path, make_batch
) -> None:
    Warehouse(warehouse_root).append(make_batch())
    crash = CrashOnManifest()
    december = make_batch(cik=7, accession="0000000007-03-000001")
    with pytest.raises(OSError, match="simulated crash"):
        Warehouse(warehouse_root, replace_file=crash).append(december)
    assert crash.data_files == 5  # every table's file was written ...
    assert len(list(warehouse_root.rglob("*.parquet"))) == 10
    # ... yet the warehouse shows exactly the previous commit
    assert query(warehouse_root, "SELECT DISTINCT cik FROM tranches")[1] == [(1268747,)]
    assert Warehouse(warehouse_root).status()["version"] == 1
    assert list(warehouse_root.glob(f".{MANIFEST_NAME}*")) == []  # temp manifest removed

    result = Warehouse(warehouse_root).append(december)
    assert result.version == 2 and result.rows_added["tranches"] == 3
    assert query(warehouse_root, "SELECT cik, count(*) FROM tranches GROUP BY 1 ORDER BY 1")[1] \
        == [(7, 3), (1268747, 3)]


def test_orphans_are_collected_only_when_old_enough(warehouse_root: Path, make_batch) -> None:
    with pytest.raises(OSError):
        Warehouse(warehouse_root, replace_file=CrashOnManifest()).append(make_batch())
    orphans = sorted(warehouse_root.rglob("*.parquet"))
    assert len(orphans) == 5

    young = make_batch(cik=2, accession="0000000002-03-000001")
    Warehouse(warehouse_root, orphan_age=3600).append(young)
    assert all(p.exists() for p in orphans)  # may belong to a writer we cannot see

    old = time.time() - 7200
    for path in orphans:
        os.utime(path, (old, old))
    Warehouse(warehouse_root, orphan_age=3600).append(
        make_batch(cik=3, accession="0000000003-03-000001"))
    assert not any(p.exists() for p in orphans)
    assert len(list(warehouse_root.rglob("*.parquet"))) == 10  # the two commits' files


def test_corrupt_manifest_is_a_clear_error(warehouse_root: Path, seed_batch) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    (warehouse_root / MANIFEST_NAME).write_text('{"format": 1, "version": ')
    with pytest.raises(ManifestError, match=r"_manifest\.json is unreadable.*absdw reparse"):
        Warehouse(warehouse_root).loaded_accessions()
    with pytest.raises(ManifestError):
        query(warehouse_root, "SELECT 1")
