"""Durable writes: old or new content after any failure, never half, and no temp file left."""

import errno
from pathlib import Path

import pytest

from foundation.durable import atomic_write, is_temp, replacing
from foundation.errors import StorageError


def test_atomic_write_replaces_the_content(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_a_failed_rename_keeps_the_old_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "_manifest.json"
    atomic_write(target, b"old")

    def crash(src: Path, dst: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(StorageError, match=f"cannot write {target}: No space left on device; "
                       "free space on the disk"):
        atomic_write(target, b"new", replace=crash)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["_manifest.json"]


def test_a_writer_that_fails_inside_replacing_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "pools.parquet"
    with pytest.raises(ValueError), replacing(target) as temp:
        assert is_temp(temp.name) and temp.parent == tmp_path
        temp.write_bytes(b"half")
        raise ValueError("COPY failed")
    assert list(tmp_path.iterdir()) == []
