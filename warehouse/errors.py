"""The warehouse's exceptions.

Every refusal names what to fix, so ``absdw`` can print one line and exit 6 (the root derives
from ``foundation.errors.AbsdwError``; each leaf is terminal or transient)::

    WarehouseError              root; the CLI maps any of them to exit code 6
     ├── RefusedValue           terminal: a value the warehouse will not store (it never rounds)
     ├── InvalidBatch           terminal: a batch of the wrong shape (unknown column, orphans)
     ├── ManifestError          terminal: the committed manifest is unreadable (needs a human)
     ├── WarehouseWriteError    terminal: a write failed (disk full, read-only): names the path
     └── WarehouseBusy          transient: another process held the commit lock for too long
"""

from __future__ import annotations

from foundation.errors import AbsdwError, StorageError, TerminalError, TransientError

__all__ = ["InvalidBatch", "ManifestError", "RefusedValue", "WarehouseBusy", "WarehouseError",
           "WarehouseWriteError"]


class WarehouseError(AbsdwError):
    """Root of every error the warehouse raises."""


class RefusedValue(WarehouseError, TerminalError):
    """A value that cannot be stored exactly in its column; nothing of the batch is committed."""


class InvalidBatch(WarehouseError, TerminalError):
    """The batch itself is malformed; nothing of it is committed."""


class ManifestError(WarehouseError, TerminalError):
    """``_manifest.json`` is missing its fields or is not JSON."""


class WarehouseBusy(WarehouseError, TransientError):
    """The commit lock could not be taken in time; retrying later is safe."""


class WarehouseWriteError(WarehouseError, StorageError):
    """Writing the warehouse failed (a full disk, a read-only folder); nothing of the commit
    is visible, and the next writer rolls back what it left (``delta.recover``)."""
