"""Atomic, durable file writes: the one way absdw replaces a file it keeps.

Write beside the target, fsync, rename over it, fsync the folder: a crash at any moment leaves
the old content or the new, never half of one. Temp files start with ``.`` and end with
:data:`TEMP_SUFFIX`, so a cleaner can recognise what a crashed writer left (:func:`is_temp`).

``durable=False`` keeps the atomic rename but skips the fsyncs, for state that is rewritten
many times a second and need not survive a power cut (the rate limiter's schedule).
``replace`` is the rename itself, a seam for crash-injection tests. A failing write (disk
full, read-only, permissions) is :class:`~foundation.errors.StorageError` naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from foundation.errors import StorageError

__all__ = ["TEMP_SUFFIX", "Replace", "atomic_write", "fsync_dir", "is_temp", "replacing",
           "storage_error"]

TEMP_SUFFIX = ".tmp"

#: How a finished temp file takes its final name (``os.replace``; tests inject failures).
Replace = Callable[[Path, Path], None]


def is_temp(name: str) -> bool:
    """True for the name of a temp file :func:`replacing` makes."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


@contextlib.contextmanager
def replacing(path: Path, *, durable: bool = True,
              replace: Replace = os.replace) -> Iterator[Path]:
    """A temp path beside ``path`` for the caller (or a library such as DuckDB) to write;
    when the block ends normally it takes ``path``'s name, and on an error it is deleted."""
    temp = path.with_name(
        f".{path.name}.{os.getpid()}.{threading.get_ident()}.{time.monotonic_ns()}{TEMP_SUFFIX}"
    )
    try:
        yield temp
        if durable:
            _fsync_file(temp)
        replace(temp, path)
        if durable:
            fsync_dir(path.parent)
    except OSError as exc:
        raise storage_error(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def atomic_write(path: Path, data: bytes, *, durable: bool = True,
                 replace: Replace = os.replace) -> None:
    """Replace ``path`` with ``data`` atomically (and durably, unless ``durable=False``)."""
    with replacing(path, durable=durable, replace=replace) as temp, open(temp, "xb") as handle:
        handle.write(data)


def storage_error(path: Path, exc: OSError) -> StorageError:
    """The one way a failed write is told: the path, the system's reason, the remedy."""
    if exc.errno == errno.ENOSPC:
        remedy = f"free space on the disk holding {path.parent} ({_free(path)} free)"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        remedy = f"make {path.parent} writable, or point ABSDW_HOME elsewhere"
    else:
        remedy = f"check {path.parent}"
    return StorageError(f"cannot write {path}: {exc.strerror or exc}; {remedy}, then run the "
                        "same command again (nothing half-written was kept)")


def _free(path: Path) -> str:
    for folder in (path.parent, *path.parents):
        with contextlib.suppress(OSError):
            return f"{shutil.disk_usage(folder).free / 1e6:,.1f} MB"
    return "unknown"


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX: the directory entry needs its own fsync);
    a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
