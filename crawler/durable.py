"""Durable writes for everything the crawler keeps on disk (raw documents, state files).

Write beside the target, fsync, rename over it, fsync the folder: a crash at any moment
leaves the old content or the new, never half of one. Temp files start with "." and end
with :data:`TEMP_SUFFIX`, so a cleaner can recognise leftovers of a crashed writer.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

__all__ = ["TEMP_SUFFIX", "atomic_write", "fsync_dir"]

TEMP_SUFFIX = ".tmp"


def atomic_write(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    temp = path.with_name(
        f".{path.name}.{os.getpid()}.{threading.get_ident()}.{time.monotonic_ns()}{TEMP_SUFFIX}"
    )
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    if sync_dir:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX: the directory entry needs its own fsync)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
