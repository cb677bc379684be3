"""Small durable JSON files under ABSDW_HOME: the sync state and the file-number cache.

Written atomically (temp file, fsync, rename, fsync of the folder) so a crash leaves either
the old or the new content, never half of one. A file that exists but cannot be read stops
the run with the remedy, rather than silently starting over.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawler.errors import CorruptStateFile
from foundation.durable import atomic_write

__all__ = ["read_json", "write_json"]


def read_json(path: Path, remedy: str) -> dict[str, Any]:
    """The object in ``path``; an empty dict if the file does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise CorruptStateFile(f"{path} is not valid JSON ({exc}); {remedy}") from exc
    if not isinstance(doc, dict):
        raise CorruptStateFile(f"{path} does not hold a JSON object; {remedy}")
    return doc


def write_json(path: Path, doc: dict[str, Any]) -> None:
    """Replace ``path`` with ``doc`` atomically and durably."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=1, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
