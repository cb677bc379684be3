"""The orchestrator's own exceptions, and the CLI's exit codes for every error of absdw.

Every stage's errors derive from ``foundation.errors.AbsdwError`` (transient or terminal); the
orchestrator adds two::

    TransientError (foundation)
     └── SyncIncomplete     a sync finished with failed filings: run it again (exit 5)
    TerminalError (foundation)
     └── NotStoredError     ``absdw parse``: the accession is not in the raw store (exit 7)

:func:`exit_code_for` maps any exception to its documented code by class, never by message:
a ``ConfigError`` (a bad setting, option or identifier, whichever stage found it) is 3; SEC
refusing the client (``UserAgentRefused``, a persisting ``Throttled``) 4; a ``WarehouseError``
or a ``StorageError`` (a full disk or read-only home, with the path) 6; anything else 1. Usage
errors are typer's own (2).
"""

from __future__ import annotations

from foundation.errors import ConfigError, StorageError, TerminalError, TransientError

__all__ = ["EXIT_CODES", "NotStoredError", "SyncIncomplete", "exit_code_for"]

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
}


class SyncIncomplete(TransientError):
    """A sync completed but some filings could not be fetched or loaded; run it again."""


class NotStoredError(TerminalError):
    """A filing asked for by accession is not in the raw store (sync its trust first)."""


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
    )
    return next((EXIT_CODES[code] for kind, code in by_class if isinstance(exc, kind)),
                EXIT_CODES["error"])
