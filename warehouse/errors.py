"""The warehouse's exceptions.

Every refusal names what to fix, so ``absdw`` can print one line and exit 6::

    WarehouseError              root; the CLI maps any of them to exit code 6
     ├── RefusedValue           a row value the warehouse will not store (it never rounds money)
     ├── InvalidBatch           a batch whose shape is wrong (unknown table/column, orphan rows)
     ├── ManifestError          the committed manifest is unreadable (terminal: needs a human)
     └── WarehouseBusy          another process held the commit lock for too long (transient)
"""

from __future__ import annotations

__all__ = ["InvalidBatch", "ManifestError", "RefusedValue", "WarehouseBusy", "WarehouseError"]


class WarehouseError(Exception):
    """Root of every error the warehouse raises."""


class RefusedValue(WarehouseError):
    """A value that cannot be stored exactly in its column; nothing of the batch is committed."""


class InvalidBatch(WarehouseError):
    """The batch itself is malformed; nothing of it is committed."""


class ManifestError(WarehouseError):
    """``_manifest.json`` is missing its fields or is not JSON."""


class WarehouseBusy(WarehouseError):
    """The commit lock could not be taken in time; retrying later is safe."""
