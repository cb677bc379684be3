"""The orchestrator's exceptions and the CLI's exit codes.

Each stage owns its own exception tree (stages never import each other or absdw):

* ``crawler.errors.CrawlerError`` — ``TransientError`` (retry later) vs ``TerminalError``
  (``UserAgentError``, ``NotFound`` ...);
* ``parsers.errors.ParseError`` — an unreadable submission (report problems are data, not errors);
* ``warehouse.errors.WarehouseError`` — refused values, corrupt manifest.

``absdw.errors`` adds the orchestrator's own:

    AbsdwError
     ├── ConfigError        bad or missing configuration (exit 3)
     ├── SyncError          a sync finished with failed filings (exit 5)
     └── NotStoredError     ``absdw parse``: the accession is not in the raw store (exit 7)

:func:`exit_code_for` maps any of them to the documented exit code.
"""

from __future__ import annotations

__all__ = ["EXIT_CODES", "AbsdwError", "ConfigError", "NotStoredError", "SyncError",
           "exit_code_for"]

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


class AbsdwError(Exception):
    """Root of the orchestrator's errors."""

    exit_code = EXIT_CODES["error"]


class ConfigError(AbsdwError):
    """Configuration is missing or invalid; the message says which setting and how to fix it."""

    exit_code = EXIT_CODES["config"]


class SyncError(AbsdwError):
    """A sync completed but some filings could not be fetched or loaded."""

    exit_code = EXIT_CODES["partial"]


class NotStoredError(AbsdwError):
    """A filing asked for by accession is not in the raw store (sync its trust first)."""

    exit_code = EXIT_CODES["not_stored"]


def exit_code_for(exc: BaseException) -> int:
    """Exit code for an exception from any stage (by class, never by message text)."""
    from crawler.errors import Throttled, UserAgentError
    from warehouse.errors import WarehouseError

    if isinstance(exc, AbsdwError):
        return exc.exit_code
    if isinstance(exc, (UserAgentError, Throttled)):
        return EXIT_CODES["edgar_refused"]
    if isinstance(exc, WarehouseError):
        return EXIT_CODES["warehouse"]
    return EXIT_CODES["error"]
