"""Crawl one CIK: discover its filings, fetch each one not yet stored, keep the raw bytes.

The raw store is the only record of progress: a filing is done once its bytes are durable,
so an interrupted crawl simply resumes, and a repeated crawl costs only the discovery
requests. One filing's failure is recorded and the crawl moves on, except for failures that
concern every request (an undeclared User-Agent, SEC's throttle): those abort the crawl.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from crawler.discover import DEFAULT_FORMS, Fetcher, discover_filings
from crawler.edgar import FilingRef
from crawler.errors import CrawlerError, NotFound, Throttled, UserAgentError
from crawler.fetch import FetchStats
from crawler.rawstore import RawStore


class CrawlClient(Fetcher, Protocol):
    """A fetcher that also counts what it sent (``EdgarClient``)."""

    stats: FetchStats


@dataclass(frozen=True)
class FilingsDiscovered:
    cik: int
    count: int


@dataclass(frozen=True)
class FilingStored:
    cik: int
    accession: str
    size: int


@dataclass(frozen=True)
class FilingSkipped:
    """Already in the raw store: not requested."""

    cik: int
    accession: str


@dataclass(frozen=True)
class FilingMissing:
    """EDGAR answered 404 for the full submission."""

    cik: int
    accession: str


@dataclass(frozen=True)
class FilingFailed:
    cik: int
    accession: str
    reason: str


CrawlEvent = FilingsDiscovered | FilingStored | FilingSkipped | FilingMissing | FilingFailed


@dataclass
class CrawlSummary:
    """What one crawl of one CIK did; ``requests``/``bytes`` count only this crawl."""

    cik: int
    discovered: int = 0
    fetched: int = 0
    skipped_existing: int = 0
    not_found: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0


def _ignore(event: CrawlEvent) -> None:
    """The library is silent unless the caller plugs in a progress sink."""


def crawl_cik(
    client: CrawlClient,
    store: RawStore,
    cik: int,
    forms: Iterable[str] | None = DEFAULT_FORMS,
    *,
    on_event: Callable[[CrawlEvent], None] = _ignore,
) -> CrawlSummary:
    """Fetch every filing of ``cik`` with a form in ``forms`` that the store lacks.

    Raises ``UserAgentError`` and ``Throttled`` (every further request would fail too, or
    prolong SEC's block) and errors of the discovery requests; records all else per filing.
    """
    start = (client.stats.requests, client.stats.bytes)
    summary = CrawlSummary(cik=cik)
    store.clean_temp(cik)
    refs = discover_filings(client, cik, forms)
    summary.discovered = len(refs)
    on_event(FilingsDiscovered(cik, len(refs)))
    for ref in refs:
        _crawl_one(client, store, ref, summary, on_event)
    summary.requests = client.stats.requests - start[0]
    summary.bytes = client.stats.bytes - start[1]
    return summary


def _crawl_one(
    client: CrawlClient,
    store: RawStore,
    ref: FilingRef,
    summary: CrawlSummary,
    on_event: Callable[[CrawlEvent], None],
) -> None:
    """Fetch and store one filing, recording the outcome in ``summary``."""
    if store.has(ref.cik, ref.accession):
        summary.skipped_existing += 1
        on_event(FilingSkipped(ref.cik, ref.accession))
        return
    try:
        data = client.get(client.endpoints.full_submission(ref.cik, ref.accession))
        store.put(ref.cik, ref.accession, data)
    except (UserAgentError, Throttled):
        raise
    except NotFound:
        summary.not_found.append(ref.accession)
        on_event(FilingMissing(ref.cik, ref.accession))
    except CrawlerError as exc:
        summary.failed.append((ref.accession, str(exc)))
        on_event(FilingFailed(ref.cik, ref.accession, str(exc)))
    else:
        summary.fetched += 1
        on_event(FilingStored(ref.cik, ref.accession, len(data)))
