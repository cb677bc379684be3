"""One sync at a time per ABSDW_HOME: two overlapping ``sync --all`` would crawl everything
twice (no data lost, twice the requests) and both report the same rows as theirs.

The lock is ``ABSDW_HOME/sync.lock`` (a file lock: released by the kernel when the holder
dies, so a killed sync never leaves it stuck); the holder writes its process id and start
time beside it, for the message the next sync prints.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from absdw.errors import SyncBusy
from foundation.durable import atomic_write

__all__ = ["sync_lock"]


@contextlib.contextmanager
def sync_lock(home: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the home's sync lock for the block; raise SyncBusy when another process holds
    it, or wait for it with ``wait``."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "sync.lock"
    lock = FileLock(str(path), timeout=-1 if wait else 0)
    try:
        lock.acquire()
    except Timeout:
        holder = _holder(path)
        raise SyncBusy(f"another absdw sync of {home} is running ({holder}); run again when it "
                       "ends, or pass --wait to wait for it") from None
    try:
        atomic_write(path.with_suffix(".pid"),
                     f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(),
                     durable=False)
        yield
    finally:
        lock.release()


def _holder(path: Path) -> str:
    try:
        return path.with_suffix(".pid").read_text(encoding="ascii").strip()
    except OSError:
        return "process unknown"
