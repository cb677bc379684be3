"""Phase one of a sync: fetch what the trusts filed into the raw store, nothing more.

Two ways to find filings: a trust's whole history from its submissions JSON
(:func:`backfill`), or what EDGAR's daily indexes list after a cursor (:func:`scan_and_fetch`,
the nightly watch-list path: one request per day whatever the number of trusts). Either way
several requests are in flight under the one machine-wide rate limit, every stored filing is
durable before it is counted, and per-filing failures are recorded in the summary while the
crawl goes on. Reading what was fetched is phase two (:mod:`absdw.pipeline.load`).
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from absdw.config import Settings
from absdw.pipeline.events import (
    CrawlFinished,
    CrawlStarted,
    IndexFailed,
    IndexScanned,
    ProgressSink,
    Waiting,
    silent,
)
from absdw.pipeline.summary import SyncSummary
from crawler import (
    CrawlEvent,
    EdgarClient,
    Endpoints,
    FilingFailed,
    FilingMissing,
    FilingSkipped,
    FilingStored,
    RateLimiter,
    RawStore,
    crawl_ciks,
    fetch_filings,
    scan_indexes,
)

__all__ = ["JITTER_ALLOWANCE", "backfill", "open_client", "scan_and_fetch"]

JITTER_ALLOWANCE = 0.02
"""Seconds of uneven network/thread delay tolerated per 1-second window (costs 2% of rate):
SEC counts arrivals, and one request arriving early starts a 10-minute block."""


def open_client(settings: Settings, transport: httpx.BaseTransport | None = None,
                progress: ProgressSink = silent) -> EdgarClient:
    """An EDGAR client obeying the configured rate, shared by every absdw process through
    the ``rate_lock`` file (per user, not per ABSDW_HOME); every wait longer than pacing is
    reported to ``progress`` with what it waits for."""
    settings.home.mkdir(parents=True, exist_ok=True)

    def waiting(what: str, seconds: float) -> None:
        progress(Waiting(what, round(seconds, 1)))

    limiter = RateLimiter(settings.rate_limit, lock_path=settings.rate_lock,
                          jitter_allowance=JITTER_ALLOWANCE, max_pause=settings.throttle_pause,
                          on_wait=waiting)
    endpoints = Endpoints(www=settings.edgar_url, data=settings.edgar_data_url)
    return EdgarClient(
        settings.require_user_agent(), endpoints, limiter=limiter, transport=transport,
        throttle_pause=settings.throttle_pause, max_connections=settings.concurrency * 2,
        max_bytes=settings.max_bytes, on_wait=waiting,
    )


def backfill(client: EdgarClient, settings: Settings, ciks: list[int], summary: SyncSummary,
             progress: ProgressSink) -> list[int]:
    """Crawl the CIKs' whole histories; returns those with nothing failed but 404s."""
    if not ciks:
        return []
    progress(CrawlStarted(len(ciks)))
    crawled = crawl_ciks(client, RawStore(settings.raw_dir), ciks, forms=settings.forms,
                         concurrency=settings.concurrency, on_event=progress)
    for cik, one in crawled.items():
        summary.discovered += one.discovered
        summary.fetched += one.fetched
        summary.skipped += one.skipped_existing
        summary.failed.extend(one.failed)
        summary.failed.extend((acc, "404 Not Found") for acc in one.not_found)
        summary.failed_by_cik[cik] += len(one.failed) + len(one.not_found)
        if one.error is not None:
            summary.trust_failures[cik] = one.error
    progress(CrawlFinished(len(ciks), summary.fetched))
    return [cik for cik, one in crawled.items() if not one.failed and one.error is None]


def scan_and_fetch(client: EdgarClient, settings: Settings, cursor: date, today: date,
                   summary: SyncSummary, progress: ProgressSink) -> date:
    """Read the indexes after ``cursor``, fetch what they list; return the new cursor (before
    the first day of a filing that failed, so the next run retries it)."""
    scan = scan_indexes(client, cursor, today, set(summary.ciks), set(settings.forms))
    for url, reason in scan.failed:
        progress(IndexFailed(url, reason))
        summary.failed.append((url, reason))
    progress(IndexScanned(len(scan.refs)))
    summary.discovered += len(scan.refs)
    retry_from: list[date] = []
    filed = {r.accession: r.filed_date for r in scan.refs}

    def record(event: CrawlEvent) -> None:
        progress(event)
        if isinstance(event, FilingStored):
            summary.fetched += 1
        elif isinstance(event, FilingFailed):
            summary.failed.append((event.accession, event.reason))
            summary.failed_by_cik[event.cik] += 1
            retry_from.append(filed[event.accession])
        elif isinstance(event, FilingMissing):
            summary.failed.append((event.accession, "404 Not Found"))
            summary.failed_by_cik[event.cik] += 1
        elif isinstance(event, FilingSkipped):
            summary.skipped += 1

    fetch_filings(client, RawStore(settings.raw_dir), scan.refs,
                  concurrency=settings.concurrency, on_event=record)
    if retry_from:
        return max(cursor, min(retry_from) - timedelta(days=1))
    return scan.cursor
