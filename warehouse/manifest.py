"""The committed manifest: the one file that says what the warehouse contains.

A data file exists for readers only once ``_manifest.json`` lists it, and the manifest is
replaced atomically (temp file, fsync, ``os.replace``, fsync of the directory). So a crash at
any point leaves either the old or the new manifest, never half a commit, and readers need no
lock: they read the manifest once and then exactly its files, which are never rewritten.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from warehouse.errors import ManifestError
from warehouse.schema import TABLES

__all__ = ["MANIFEST_NAME", "DataFile", "Manifest", "Replace", "fsync_dir", "read_manifest",
           "write_manifest"]

MANIFEST_NAME = "_manifest.json"
FORMAT = 1

#: How a finished temp file takes its final name (``os.replace``; tests inject failures).
Replace = Callable[[Path, Path], None]


@dataclass(frozen=True)
class DataFile:
    """One committed Parquet file, by path relative to the warehouse root."""

    path: str
    rows: int
    bytes: int


@dataclass(frozen=True)
class Manifest:
    """One committed state. ``version`` 0 is the empty warehouse (no manifest on disk)."""

    version: int = 0
    committed_at: str | None = None
    files: dict[str, tuple[DataFile, ...]] = field(
        default_factory=lambda: {t: () for t in TABLES})
    columns: dict[str, tuple[str, ...]] = field(default_factory=lambda: {t: () for t in TABLES})
    accessions: frozenset[str] = frozenset()

    def rows(self, table: str) -> int:
        return sum(f.rows for f in self.files.get(table, ()))

    def committed(
        self, added: dict[str, list[DataFile]], columns: dict[str, Iterable[str]],
        accessions: Iterable[str], committed_at: str,
    ) -> Manifest:
        """The next version: this state plus the new files and accessions."""
        return replace(
            self,
            version=self.version + 1,
            committed_at=committed_at,
            files={t: self.files.get(t, ()) + tuple(added.get(t, ())) for t in TABLES},
            columns={t: _union(self.columns.get(t, ()), columns.get(t, ())) for t in TABLES},
            accessions=self.accessions | frozenset(accessions),
        )


def _union(old: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))


def read_manifest(root: Path) -> Manifest:
    """The committed state under ``root`` (empty when nothing was ever committed)."""
    path = root / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return _decode(raw)
    except FileNotFoundError:
        return Manifest()
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(
            f"{path} is unreadable ({exc}); restore it from a backup or rebuild the warehouse "
            "from the raw store with `absdw reparse`"
        ) from None


def _decode(raw: dict[str, Any]) -> Manifest:
    if raw["format"] != FORMAT:
        raise ValueError(f"unknown manifest format {raw['format']!r}")
    tables = raw["tables"]
    return Manifest(
        version=int(raw["version"]),
        committed_at=raw["committed_at"],
        files={t: tuple(DataFile(**f) for f in tables.get(t, {}).get("files", []))
               for t in TABLES},
        columns={t: tuple(tables.get(t, {}).get("columns", [])) for t in TABLES},
        accessions=frozenset(raw["accessions"]),
    )


def _encode(manifest: Manifest) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": manifest.version,
        "committed_at": manifest.committed_at,
        "tables": {
            t: {"columns": list(manifest.columns[t]),
                "files": [vars(f) for f in manifest.files[t]]}
            for t in TABLES
        },
        "accessions": sorted(manifest.accessions),
    }


def write_manifest(root: Path, manifest: Manifest, replace_file: Replace = os.replace) -> None:
    """Make ``manifest`` the committed state: durable temp file, then one atomic rename."""
    tmp = root / f".{MANIFEST_NAME}.{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(_encode(manifest), out, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        replace_file(tmp, root / MANIFEST_NAME)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(root)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (POSIX; a no-op where directories can't be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
