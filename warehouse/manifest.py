"""The committed manifest: the one small file that pins what the warehouse contains.

Each fact table is a Delta table with its own log, and Delta commits are atomic per table
only. A sync touches up to five tables, so the warehouse adds one pointer above them:
``_manifest.json`` names the Delta version of every table that belongs to the last complete
sync. Readers open each table at its pinned version, so they see all of a sync or none of it,
across tables too. The manifest is replaced atomically (temp file, fsync, ``os.replace``, fsync
of the directory): a crash leaves the old or the new pointer, never half of one, and Delta
commits made after the pinned versions are rolled back by the next writer (``delta.recover``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foundation.durable import Replace, atomic_write
from warehouse.errors import ManifestError
from warehouse.schema import TABLES

__all__ = ["MANIFEST_NAME", "Manifest", "read_manifest", "write_manifest"]

MANIFEST_NAME = "_manifest.json"
FORMAT = 2

@dataclass(frozen=True)
class Manifest:
    """One committed state. ``version`` 0 is the empty warehouse (no manifest on disk);
    ``tables`` maps table -> pinned Delta version (absent: the table was never created)."""

    version: int = 0
    committed_at: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def pinned(self, table: str) -> int | None:
        return self.tables.get(table)


def read_manifest(root: Path) -> Manifest:
    """The committed state under ``root`` (empty when nothing was ever committed)."""
    path = root / MANIFEST_NAME
    try:
        return _decode(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return Manifest()
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(
            f"{path} is unreadable ({exc}); restore it from a backup or rebuild the warehouse "
            "from the raw store with `absdw reparse`"
        ) from None


def _decode(raw: dict[str, Any]) -> Manifest:
    if raw["format"] != FORMAT:
        raise ValueError(f"unknown manifest format {raw['format']!r} (this absdw reads "
                         f"format {FORMAT})")
    return Manifest(
        version=int(raw["version"]),
        committed_at=raw["committed_at"],
        tables={t: int(v) for t, v in raw["tables"].items() if t in TABLES},
        rows={t: int(v) for t, v in raw.get("rows", {}).items()},
    )


def _encode(manifest: Manifest) -> dict[str, Any]:
    return {"format": FORMAT, "version": manifest.version,
            "committed_at": manifest.committed_at, "tables": manifest.tables,
            "rows": manifest.rows}


def write_manifest(root: Path, manifest: Manifest, replace_file: Replace = os.replace) -> None:
    """Make ``manifest`` the committed state: durable temp file, then one atomic rename."""
    text = json.dumps(_encode(manifest), separators=(",", ":"))
    atomic_write(root / MANIFEST_NAME, text.encode("utf-8"), replace=replace_file)
