"""The sync pipeline (``absdw sync``): discover -> crawl -> raw store -> parse -> warehouse.

Two phases with durable state between them, so a crash anywhere is completed by the next run:

1. **crawl** into the raw store (an accession already stored is never fetched again), several
   requests in flight under the one machine-wide rate limit;
2. **load** every stored submission of those CIKs that the warehouse has not committed yet:
   parse it (pure) and append its rows, one commit per CIK.

Targets come from ``--cik`` / ``--file-number`` (:func:`sync`: each trust's submissions JSON)
or from the watch list (:func:`sync_watchlist`: EDGAR's daily index files, so a nightly run
over a thousand trusts costs a handful of requests; a trust new to the list is backfilled from
its submissions JSON). The watch-list cursor is saved only after the filings it covers are
durable. A filing the parser cannot read (no EX-99.x / EX-20.x report found) is committed as a
``filings`` row with ``parse_status = 'quarantined'`` and listed in the summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from absdw.config import Settings
from absdw.loading import LoadSummary, load_raw
from absdw.progress import Event, ProgressSink, silent
from absdw.targets import resolve_targets
from crawler import (
    EdgarClient,
    Endpoints,
    FileNumberCache,
    RateLimiter,
    RawStore,
    crawl_ciks,
    fetch_filings,
    filers_in_header,
)
from crawler.crawl import CrawlEvent, FilingFailed, FilingMissing, FilingStored
from crawler.syncstate import DAILY_INDEX, load_state, save_state
from crawler.watch import scan_indexes

__all__ = ["LoadSummary", "SyncSummary", "edgar_today", "load_raw", "open_client", "sync",
           "sync_watchlist"]


JITTER_ALLOWANCE = 0.02
"""Seconds of uneven network/thread delay tolerated per 1-second window (costs 2% of rate):
SEC counts arrivals, and one request arriving early starts a 10-minute block."""


@dataclass
class SyncSummary:
    """The outcome of one sync: counts, requests and time, for the CLI and for cron logs."""

    ciks: list[int]
    discovered: int = 0
    fetched: int = 0
    skipped: int = 0
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    blocked_seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # crawl failures
    file_numbers: dict[str, tuple[int, ...]] = field(default_factory=dict)
    load: LoadSummary = field(default_factory=LoadSummary)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def rate(self) -> float:
        """Average requests per second over the whole run. A run shorter than a second is
        one 1-second window (SEC's unit), so it divides by one second, not its duration:
        2 requests 0.1 s apart are 2 requests in that second, not 20 req/s."""
        return self.requests / max(self.seconds, 1.0)

    def describe(self) -> str:
        """The one-paragraph report the CLI prints on stderr."""
        lines = [
            f"synced {len(self.ciks)} trust(s): {self.discovered} discovered, {self.fetched} "
            f"fetched, {self.skipped} already stored, {self.load.loaded} loaded, "
            f"{len(self.load.quarantined)} quarantined, {len(self.failed)} failed; "
            f"{self.requests} requests, {self.bytes / 1e6:.1f} MB, {self.rate:.1f} req/s, "
            f"{self.blocked_seconds:.0f} s blocked, {self.seconds:.1f} s"
        ]
        lines += [f"  quarantined {acc}: {why}" for acc, why in self.load.quarantined]
        lines += [f"  failed {acc}: {why}" for acc, why in self.failed]
        return "\n".join(lines)


def open_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> EdgarClient:
    """An EDGAR client obeying the configured rate, shared by every absdw process through
    the ``rate_lock`` file (per user, not per ABSDW_HOME)."""
    settings.home.mkdir(parents=True, exist_ok=True)
    limiter = RateLimiter(settings.rate_limit, lock_path=settings.rate_lock,
                          jitter_allowance=JITTER_ALLOWANCE)
    endpoints = Endpoints(www=settings.edgar_url, data=settings.edgar_data_url)
    return EdgarClient(
        settings.require_user_agent(), endpoints, limiter=limiter, transport=transport,
        throttle_pause=settings.throttle_pause, max_connections=settings.concurrency * 2,
    )


def edgar_today() -> date:
    """Today in New York: EDGAR's filing dates and index days are Eastern time."""
    return datetime.now(ZoneInfo("America/New_York")).date()


def sync(
    settings: Settings,
    ciks: Iterable[int] = (),
    *,
    file_numbers: Iterable[str] = (),
    all_matches: bool = False,
    transport: httpx.BaseTransport | None = None,
    progress: ProgressSink = silent,
    clock: Callable[[], float] = time.monotonic,
) -> SyncSummary:
    """Crawl (via each trust's submissions JSON) and load the given trusts; returns counts.

    Raises for terminal problems (bad User-Agent, a file number matching nothing or several
    trusts without ``all_matches``, unreadable warehouse); per-filing failures are in the
    summary."""
    started = clock()
    with open_client(settings, transport) as client:
        cache = FileNumberCache(settings.file_number_cache)
        targets, resolved = resolve_targets(client, cache, ciks, file_numbers,
                                            all_matches=all_matches)
        summary = SyncSummary(ciks=targets, file_numbers=resolved)
        try:
            _backfill(client, settings, targets, summary, progress)
        finally:
            _close_crawl(client, summary, started, clock)
    return _finish(settings, summary, progress)


def sync_watchlist(
    settings: Settings,
    *,
    all_matches: bool = False,
    transport: httpx.BaseTransport | None = None,
    progress: ProgressSink = silent,
    today: date | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> SyncSummary:
    """``absdw sync --all``: new filings of every watched trust, from EDGAR's index files.

    A trust not yet backfilled is crawled from its submissions JSON first; then the daily
    indexes after the saved cursor are read (the quarter's full index on a long gap) and the
    matching filings fetched. The cursor is saved only after those filings are stored.
    """
    started, today = clock(), today or edgar_today()
    state = load_state(settings.sync_state_file)
    with open_client(settings, transport) as client:
        cache = FileNumberCache(settings.file_number_cache)
        watch, resolved = resolve_targets(client, cache, settings.watch_ciks,
                                          settings.watch_file_numbers, all_matches=all_matches)
        summary = SyncSummary(ciks=watch, file_numbers=resolved)
        try:
            new = [c for c in watch if c not in state.backfilled]
            for cik in _backfill(client, settings, new, summary, progress):
                state.backfilled[cik] = today
            if new:
                save_state(settings.sync_state_file, state)
            cursor = state.sources.get(DAILY_INDEX)
            if cursor is not None:
                cursor = _scan_and_fetch(client, settings, cursor, today, summary, progress)
            elif watch:  # the backfill covered everything filed until now
                cursor = today - timedelta(days=1)
            if cursor is not None and cursor != state.sources.get(DAILY_INDEX):
                state.sources[DAILY_INDEX] = cursor
                save_state(settings.sync_state_file, state)
        finally:
            _close_crawl(client, summary, started, clock)
    return _finish(settings, summary, progress)


def _backfill(client: EdgarClient, settings: Settings, ciks: list[int], summary: SyncSummary,
              progress: ProgressSink) -> list[int]:
    """Crawl the CIKs' whole histories; returns those with nothing failed but 404s."""
    if not ciks:
        return []
    progress(Event("crawl.start", {"ciks": len(ciks)}))
    store = RawStore(settings.raw_dir)
    crawled = crawl_ciks(client, store, ciks, forms=settings.forms,
                         concurrency=settings.concurrency,
                         on_event=_forward(progress, settings, store))
    for one in crawled.values():
        summary.discovered += one.discovered
        summary.fetched += one.fetched
        summary.skipped += one.skipped_existing
        summary.failed.extend(one.failed)
        summary.failed.extend((acc, "404 Not Found") for acc in one.not_found)
    progress(Event("crawl.done", {"ciks": len(ciks), "fetched": summary.fetched}))
    return [cik for cik, one in crawled.items() if not one.failed]


def _scan_and_fetch(client: EdgarClient, settings: Settings, cursor: date, today: date,
                    summary: SyncSummary, progress: ProgressSink) -> date:
    """Read the indexes after ``cursor``, fetch what they list; return the new cursor."""
    scan = scan_indexes(client, cursor, today, set(summary.ciks), set(settings.forms))
    for url, reason in scan.failed:
        progress(Event("index.failed", {"url": url, "reason": reason}))
        summary.failed.append((url, reason))
    progress(Event("FilingsDiscovered", {"cik": None, "count": len(scan.refs)}))
    summary.discovered += len(scan.refs)
    store = RawStore(settings.raw_dir)
    retry_from: list[date] = []
    filed = {r.accession: r.filed_date for r in scan.refs}
    forward = _forward(progress, settings, store)

    def record(event: CrawlEvent) -> None:
        forward(event)
        if isinstance(event, FilingStored):
            summary.fetched += 1
        elif isinstance(event, FilingFailed):
            summary.failed.append((event.accession, event.reason))
            retry_from.append(filed[event.accession])
        elif isinstance(event, FilingMissing):
            summary.failed.append((event.accession, "404 Not Found"))
        else:
            summary.skipped += 1

    fetch_filings(client, store, scan.refs, concurrency=settings.concurrency, on_event=record)
    if retry_from:  # read those days again next run, so the failed filings are retried
        return max(cursor, min(retry_from) - timedelta(days=1))
    return scan.cursor


def _forward(progress: ProgressSink, settings: Settings,
             store: RawStore) -> Callable[[CrawlEvent], None]:
    """Crawler events as progress events; each stored filing's FILER blocks teach the
    file-number cache (local bytes, no request)."""
    cache = FileNumberCache(settings.file_number_cache)

    def forward(event: CrawlEvent) -> None:
        if isinstance(event, FilingStored):
            head = store.get(event.cik, event.accession, verify=False)[:200_000]
            cache.learn(filers_in_header(head.decode("latin-1")))
        progress(Event(type(event).__name__, asdict(event)))

    return forward


def _close_crawl(client: EdgarClient, summary: SyncSummary, started: float,
                 clock: Callable[[], float]) -> None:
    summary.requests, summary.bytes = client.stats.requests, client.stats.bytes
    summary.blocked_seconds = client.limiter.blocked_seconds
    summary.seconds = clock() - started


def _finish(settings: Settings, summary: SyncSummary, progress: ProgressSink) -> SyncSummary:
    summary.load = load_raw(settings, summary.ciks, progress=progress)
    progress(Event("sync.done", _summary_fields(summary)))
    return summary


def _summary_fields(summary: SyncSummary) -> dict[str, object]:
    return {
        "ciks": len(summary.ciks),
        "discovered": summary.discovered,
        "fetched": summary.fetched,
        "skipped": summary.skipped,
        "failed": len(summary.failed),
        "loaded": summary.load.loaded,
        "quarantined": len(summary.load.quarantined),
        "requests": summary.requests,
        "bytes": summary.bytes,
        "rate": round(summary.rate, 2),
        "blocked_s": round(summary.blocked_seconds, 1),
    }
