"""The orchestrator's own exceptions, and the CLI's exit codes for every error of absdw.

Every stage's errors derive from ``foundation.errors.AbsdwError`` (transient or terminal); the
orchestrator adds two::

    TransientError (foundation)
     ├── SyncIncomplete     a sync finished, but filings or trusts failed: run it again (exit 5)
     └── SyncBusy           another sync of this ABSDW_HOME is running (exit 10)
    TerminalError (foundation)
     ├── NotStoredError     ``absdw parse``: the accession is not in the raw store (exit 7)
     ├── FilingsQuarantined a sync finished, but new filings were quarantined (exit 8)
     └── NothingToDo        ``sync --all`` with an empty watch list (exit 9)

:func:`exit_code_for` maps any exception to its documented code by class, never by message:
a ``ConfigError`` (a bad setting, option or identifier, whichever stage found it) is 3; SEC
refusing the client (``UserAgentRefused``, a persisting ``Throttled``) 4; a ``WarehouseError``
or a ``StorageError`` (a full disk or read-only home, with the path) 6; anything else 1. Usage
errors are typer's own (2).
"""

from __future__ import annotations

from foundation.errors import ConfigError, StorageError, TerminalError, TransientError

__all__ = ["EXIT_CODES", "FilingsQuarantined", "NotStoredError", "NothingToDo", "SyncBusy",
           "SyncIncomplete", "exit_code_for"]

#: Documented exit codes (README "Exit codes").
EXIT_CODES = {
    "ok": 0,
    "error": 1,
    "usage": 2,
    "config": 3,
    "edgar_refused": 4,
    "partial": 5,
    "warehouse": 6,
    "not_stored": 7,
    "quarantined": 8,
    "nothing_to_do": 9,
    "locked": 10,
}


class SyncIncomplete(TransientError):
    """A sync completed but some filings could not be fetched or loaded; run it again."""


class NotStoredError(TerminalError):
    """A filing asked for by accession is not in the raw store (sync its trust first)."""


class FilingsQuarantined(TerminalError):
    """A sync completed, but some filings it committed were quarantined (not read): look at
    them with ``absdw quarantine list``."""


class NothingToDo(TerminalError):
    """``absdw sync --all`` found no trust to sync (an empty watch list)."""


class SyncBusy(TransientError):
    """Another sync of the same ABSDW_HOME holds its lock; run again later or with --wait."""


def exit_code_for(exc: BaseException) -> int:
    """Exit code for an exception from any stage (by class, never by message text)."""
    from crawler.errors import Throttled, UserAgentRefused
    from warehouse.errors import WarehouseError

    by_class: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
        (ConfigError, "config"),
        ((UserAgentRefused, Throttled), "edgar_refused"),
        (SyncIncomplete, "partial"),
        ((WarehouseError, StorageError), "warehouse"),
        (NotStoredError, "not_stored"),
        (FilingsQuarantined, "quarantined"),
        (NothingToDo, "nothing_to_do"),
        (SyncBusy, "locked"),
    )
    return next((EXIT_CODES[code] for kind, code in by_class if isinstance(exc, kind)),
                EXIT_CODES["error"])
