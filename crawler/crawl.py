"""Crawl filings: fetch each one not yet stored, several at a time, and keep the raw bytes.

The raw store is the only record of progress: a filing is done once its bytes are durable,
so an interrupted crawl simply resumes, and a repeated crawl costs only the discovery
requests. One filing's failure is recorded and the crawl moves on, except for failures that
concern every request (an undeclared User-Agent, SEC's throttle persisting after pauses):
those stop every worker before its next request and abort the crawl.

Concurrency is a small thread pool over the one shared ``EdgarClient`` rather than asyncio:
each worker spends its time waiting on sockets and on the shared limiter (both release the
GIL), so 8 threads keep 8 requests in flight just as 8 tasks would, while the client, its
tenacity retries, the file-locked limiter and every test stay synchronous and simple.
Events reach ``on_event`` on the calling thread, in the order of the filings given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from crawler.discover import Fetcher, discover_filings
from crawler.edgar import FilingRef, submission_check
from crawler.errors import CrawlerError, NotFound, Throttled, UserAgentRefused
from crawler.fetch import FetchStats
from crawler.rawstore import RawStore
from foundation.defaults import CONCURRENCY, FORMS

__all__ = ["CrawlClient", "CrawlEvent", "CrawlSummary", "FilingFailed", "FilingMissing",
           "FilingSkipped", "FilingStored", "FilingsDiscovered", "TrustFailed", "crawl_cik",
           "crawl_ciks", "fetch_filings", "tally"]


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


@dataclass(frozen=True)
class TrustFailed:
    """A trust's filings could not be listed (its submissions JSON: 404, junk, down); the
    other trusts of the crawl go on."""

    cik: int
    reason: str


CrawlEvent = (FilingsDiscovered | FilingStored | FilingSkipped | FilingMissing | FilingFailed
              | TrustFailed)


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
    #: why the trust's filings could not be listed (None: they were)
    error: str | None = None


def _ignore(event: CrawlEvent) -> None:
    """The library is silent unless the caller plugs in a progress sink."""


def crawl_cik(
    client: CrawlClient,
    store: RawStore,
    cik: int,
    forms: Iterable[str] | None = FORMS,
    *,
    concurrency: int = CONCURRENCY,
    on_event: Callable[[CrawlEvent], None] = _ignore,
) -> CrawlSummary:
    """Fetch every filing of ``cik`` with a form in ``forms`` that the store lacks.

    Raises ``UserAgentRefused`` and ``Throttled`` (every further request would fail too, or
    prolong SEC's block); records all else: per filing, or the trust's ``error`` when its
    filings could not be listed.
    """
    return crawl_ciks(client, store, [cik], forms, concurrency=concurrency,
                      on_event=on_event)[cik]


def crawl_ciks(
    client: CrawlClient,
    store: RawStore,
    ciks: Sequence[int],
    forms: Iterable[str] | None = FORMS,
    *,
    concurrency: int = CONCURRENCY,
    on_event: Callable[[CrawlEvent], None] = _ignore,
) -> dict[int, CrawlSummary]:
    """``crawl_cik`` for several trusts at once: discover them all (concurrently), then fetch
    every missing filing through one pool, so no trust boundary leaves the pipe idle.

    ``requests``/``bytes`` of the summaries are the whole crawl's (requests interleave).
    """
    start = (client.stats.requests, client.stats.bytes)
    wanted = None if forms is None else tuple(forms)
    summaries = {cik: CrawlSummary(cik=cik) for cik in ciks}
    for cik in ciks:
        store.clean_temp(cik)
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        found = list(pool.map(lambda c: _discover(client, c, wanted), ciks))
    for cik, (refs, error) in zip(ciks, found, strict=True):
        summaries[cik].discovered, summaries[cik].error = len(refs), error
        on_event(TrustFailed(cik, error) if error else FilingsDiscovered(cik, len(refs)))

    def record(event: CrawlEvent) -> None:
        tally(summaries[event.cik], event)
        on_event(event)

    refs = [ref for group, _ in found for ref in group]
    fetch_filings(client, store, refs, concurrency=concurrency, on_event=record)
    for summary in summaries.values():
        summary.requests = client.stats.requests - start[0]
        summary.bytes = client.stats.bytes - start[1]
    return summaries


def _discover(client: CrawlClient, cik: int,
              forms: Iterable[str] | None) -> tuple[list[FilingRef], str | None]:
    """One trust's filings, or why they could not be listed; the fatal errors propagate."""
    try:
        return discover_filings(client, cik, forms), None
    except (UserAgentRefused, Throttled):
        raise
    except CrawlerError as exc:
        return [], str(exc)


def tally(summary: CrawlSummary, event: CrawlEvent) -> None:
    """Count one outcome into ``summary``."""
    if isinstance(event, FilingStored):
        summary.fetched += 1
    elif isinstance(event, FilingSkipped):
        summary.skipped_existing += 1
    elif isinstance(event, FilingMissing):
        summary.not_found.append(event.accession)
    elif isinstance(event, FilingFailed):
        summary.failed.append((event.accession, event.reason))


def fetch_filings(
    client: CrawlClient,
    store: RawStore,
    refs: Sequence[FilingRef],
    *,
    concurrency: int = CONCURRENCY,
    on_event: Callable[[CrawlEvent], None] = _ignore,
) -> None:
    """Fetch and store every ref the store lacks, ``concurrency`` at a time.

    One event per ref reaches ``on_event`` (in ``refs`` order). A ``UserAgentRefused`` or a
    persisting ``Throttled`` stops the workers before their next request and is raised once
    the filings already in flight are recorded.
    """
    stop = threading.Event()
    fatal: list[CrawlerError] = []
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="fetch") as pool:
        jobs: list[Future[CrawlEvent | None]] = [
            pool.submit(_fetch_one, client, store, ref, stop, fatal) for ref in refs
        ]
        for job in jobs:
            event = job.result()
            if event is not None:
                on_event(event)
    if fatal:
        raise fatal[0]


def _fetch_one(
    client: CrawlClient,
    store: RawStore,
    ref: FilingRef,
    stop: threading.Event,
    fatal: list[CrawlerError],
) -> CrawlEvent | None:
    """Fetch and store one filing; None if the crawl was stopped before it was requested."""
    if store.has(ref.cik, ref.accession):
        return FilingSkipped(ref.cik, ref.accession)
    if stop.is_set():
        return None
    try:
        data = client.get(client.endpoints.full_submission(ref.cik, ref.accession),
                          complete=submission_check(ref.accession))
        store.put(ref.cik, ref.accession, data)
    except (UserAgentRefused, Throttled) as exc:
        stop.set()
        fatal.append(exc)
        return None
    except NotFound:
        return FilingMissing(ref.cik, ref.accession)
    except CrawlerError as exc:
        return FilingFailed(ref.cik, ref.accession, str(exc))
    return FilingStored(ref.cik, ref.accession, len(data))
