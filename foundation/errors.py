"""The root of every error absdw raises on purpose, and the transient / terminal split.

Every stage's exceptions derive from :class:`AbsdwError` and from exactly one of the two markers,
so callers decide from the class alone, never from message text: a retry loop retries
:class:`TransientError`, the CLI maps classes to exit codes (``absdw.errors``)::

    AbsdwError                  root of every error absdw raises on purpose
     ├── TransientError         may succeed if tried again later (network, HTTP 5xx/429, a lock)
     └── TerminalError          trying the same thing again cannot help: fix an input or setting
          ├── ConfigError       a setting, an option or an identifier is invalid (exit 3)
          │    └── InvalidIdentifier   a CIK, accession, file number, User-Agent or base URL
          │                            breaks its rule (:mod:`foundation.identifiers`)
          └── StorageError      a file absdw keeps could not be written: disk full, read-only,
                                permissions (exit 6, with the path)

Stage trees hang below: ``crawler.errors.CrawlerError``, ``parsers.errors.ParseError``,
``warehouse.errors.WarehouseError``, and the orchestrator's own in ``absdw.errors``. Messages
name the identifiers involved (CIK, accession, URL, file) and what to do next.
"""

from __future__ import annotations

__all__ = ["AbsdwError", "ConfigError", "InvalidIdentifier", "StorageError", "TerminalError",
           "TransientError"]


class AbsdwError(Exception):
    """Root of every error absdw raises on purpose."""


class TransientError(AbsdwError):
    """May succeed if the same thing is tried again later."""


class TerminalError(AbsdwError):
    """Trying the same thing again cannot help; the message says what to fix."""


class ConfigError(TerminalError, ValueError):
    """A setting, a command-line option or an identifier is invalid or missing."""


class InvalidIdentifier(ConfigError):
    """A CIK, accession, SEC file number, User-Agent or EDGAR base URL breaks its rule."""


class StorageError(TerminalError):
    """A file under ABSDW_HOME (or an export folder) could not be written or read; the
    message names the path, the system's reason and what to do."""
