"""What a sync tells its progress sink: typed events, one class per kind of news.

The crawler's own events (``FilingsDiscovered``, ``FilingStored``, ``FilingSkipped``,
``FilingMissing``, ``FilingFailed``, ``TrustFailed``) are forwarded as they are; the
orchestrator adds the ones below. A sink (:mod:`absdw.progress`) branches on the class and
prints an event as its class name and fields (``FilingQuarantined cik=1 accession=...``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crawler import (
    FilingFailed,
    FilingMissing,
    FilingsDiscovered,
    FilingSkipped,
    FilingStored,
    TrustFailed,
)

__all__ = ["CrawlFinished", "CrawlStarted", "Event", "FilingQuarantined", "IndexFailed",
           "IndexScanned", "ProgressSink", "ReparseFinished", "SyncFinished", "TrustLoaded",
           "Waiting", "fields_of", "silent"]


@dataclass(frozen=True)
class CrawlStarted:
    """Phase one begins: ``ciks`` trusts' submissions JSON are being read."""

    ciks: int


@dataclass(frozen=True)
class CrawlFinished:
    ciks: int
    fetched: int


@dataclass(frozen=True)
class IndexScanned:
    """The daily/quarterly indexes listed ``count`` filings of watched trusts."""

    count: int


@dataclass(frozen=True)
class IndexFailed:
    url: str
    reason: str


@dataclass(frozen=True)
class Waiting:
    """absdw waits ``seconds`` for ``what`` (a retry, SEC's throttle, a shared pause)."""

    what: str
    seconds: float


@dataclass(frozen=True)
class FilingQuarantined:
    cik: int
    accession: str
    reason: str


@dataclass(frozen=True)
class TrustLoaded:
    """One trust's stored filings were parsed and committed (``filings`` of them)."""

    cik: int
    filings: int


@dataclass(frozen=True)
class SyncFinished:
    ciks: int
    discovered: int
    fetched: int
    skipped: int
    failed: int
    loaded: int
    quarantined: int
    requests: int
    bytes: int
    rate: float
    blocked_s: float


@dataclass(frozen=True)
class ReparseFinished:
    reparsed: int
    changed: int


Event = (FilingsDiscovered | FilingStored | FilingSkipped | FilingMissing | FilingFailed
         | TrustFailed | CrawlStarted | CrawlFinished | IndexScanned | IndexFailed | Waiting
         | FilingQuarantined | TrustLoaded | SyncFinished | ReparseFinished)

#: Anything that takes events: a sink of :mod:`absdw.progress`, a list's ``append`` in tests.
ProgressSink = Callable[[Event], None]


def silent(event: Event) -> None:
    """The library default: say nothing."""


def fields_of(event: Event) -> dict[str, Any]:
    """The event's fields by name, in declaration order."""
    return {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
