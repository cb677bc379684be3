"""absdw: EDGAR crawler and time-series warehouse for asset-backed-securities trusts.

The library API a notebook uses (the CLI is a thin layer over the same functions)::

    import absdw
    con = absdw.connect()                      # DuckDB connection with every view
    absdw.sync([1268747])                      # crawl + parse + load, as `absdw sync --cik`

The orchestrator wires the three stages (``crawler``, ``parsers``, ``warehouse``), which never
import each other; ``absdw.pipeline`` holds the jobs, ``absdw.config`` the settings.
"""

from __future__ import annotations

import typing

__version__ = "0.1.0"
__all__ = ["__version__", "connect", "load_settings", "sync"]

if typing.TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date
    from pathlib import Path
    from typing import Any

    import duckdb

    from absdw.config import Settings
    from absdw.pipeline import SyncSummary


def load_settings(**overrides: Any) -> Settings:
    """Resolved configuration (keyword overrides > environment > config file > defaults)."""
    from absdw.config import load_settings as _load

    return _load(overrides)


def connect(
    home: str | Path | None = None, *, as_of: str | date | None = None
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the warehouse views (filings, tranches, pools, their
    ``*_history`` and the metric views); with ``as_of`` ("2024-06-30"), what was known on
    that filing date. Reads only committed data, so it never blocks, and is never blocked
    by, a running sync."""
    from datetime import date as _date

    from warehouse import connect as _connect

    day = _date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return _connect(load_settings(home=home).warehouse_dir, as_of=day)


def sync(ciks: Iterable[int], **overrides: Any) -> SyncSummary:
    """Crawl, parse and load the given trusts, like ``absdw sync --cik``."""
    from absdw.pipeline import sync as _sync

    return _sync(load_settings(**overrides), ciks)
