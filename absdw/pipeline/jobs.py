"""The two sync jobs: named trusts (``absdw sync --cik/--file-number``) and the watch list
(``absdw sync --all``, the nightly job). Each is phase one (:mod:`absdw.pipeline.crawl`) then phase
two (:mod:`absdw.pipeline.load`), with durable state between them, so a crash anywhere is
completed by the next run. The watch-list cursor is saved only after the filings it covers are
durable in the raw store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from absdw.config import Settings
from absdw.errors import NothingToDo
from absdw.pipeline.crawl import backfill, open_client, scan_and_fetch
from absdw.pipeline.events import ProgressSink, SyncFinished, silent
from absdw.pipeline.load import load_stored
from absdw.pipeline.lock import sync_lock
from absdw.pipeline.runs import record_runs
from absdw.pipeline.summary import SyncSummary
from absdw.pipeline.targets import resolve_targets
from crawler import EdgarClient, FileNumberCache, load_state, save_state
from crawler.syncstate import DAILY_INDEX

__all__ = ["edgar_today", "sync", "sync_watchlist"]


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
    wait: bool = False,
) -> SyncSummary:
    """Crawl (via each trust's submissions JSON) and load the given trusts; returns counts.

    Raises for terminal problems (bad User-Agent, a file number matching nothing or several
    trusts without ``all_matches``, unreadable warehouse) and SyncBusy when another sync of
    the home runs (``wait`` waits for it); per-trust and per-filing failures are in the
    summary."""
    with sync_lock(settings.home, wait=wait):
        return _sync(settings, ciks, file_numbers, all_matches, transport, progress, clock)


def _sync(settings: Settings, ciks: Iterable[int], file_numbers: Iterable[str],
          all_matches: bool, transport: httpx.BaseTransport | None, progress: ProgressSink,
          clock: Callable[[], float]) -> SyncSummary:
    started = clock()
    with open_client(settings, transport, progress) as client:
        cache = FileNumberCache(settings.file_number_cache)
        targets, resolved = resolve_targets(client, cache, ciks, file_numbers,
                                            all_matches=all_matches)
        summary = SyncSummary(ciks=targets, file_numbers=resolved)
        try:
            backfill(client, settings, targets, summary, progress)
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
    wait: bool = False,
) -> SyncSummary:
    """``absdw sync --all``: new filings of every watched trust, from EDGAR's index files.

    A trust not yet backfilled is crawled from its submissions JSON first; then the daily
    indexes after the saved cursor are read (the quarter's full index on a long gap) and the
    matching filings fetched. The cursor is saved only after those filings are stored.
    Raises NothingToDo when the watch list is empty, SyncBusy as :func:`sync` does.
    """
    if not (settings.watch_ciks or settings.watch_file_numbers):
        raise NothingToDo("nothing to sync: the watch list is empty; add trusts with `absdw "
                          "watch add --cik N` (or [watch] ciks / file_numbers in "
                          f"{settings.config_file or 'config.toml'})")
    with sync_lock(settings.home, wait=wait):
        return _sync_watchlist(settings, all_matches, transport, progress, today, clock)


def _sync_watchlist(settings: Settings, all_matches: bool,
                    transport: httpx.BaseTransport | None, progress: ProgressSink,
                    today: date | None, clock: Callable[[], float]) -> SyncSummary:
    started, today = clock(), today or edgar_today()
    state = load_state(settings.sync_state_file)
    with open_client(settings, transport, progress) as client:
        cache = FileNumberCache(settings.file_number_cache)
        watch, resolved = resolve_targets(client, cache, settings.watch_ciks,
                                          settings.watch_file_numbers, all_matches=all_matches)
        summary = SyncSummary(ciks=watch, file_numbers=resolved)
        try:
            new = [c for c in watch if c not in state.backfilled]
            for cik in backfill(client, settings, new, summary, progress):
                state.backfilled[cik] = today
            if new:
                save_state(settings.sync_state_file, state)
            cursor = state.sources.get(DAILY_INDEX)
            if cursor is not None:
                cursor = scan_and_fetch(client, settings, cursor, today, summary, progress)
            elif watch:  # the backfill covered everything filed until now
                cursor = today - timedelta(days=1)
            if cursor is not None and cursor != state.sources.get(DAILY_INDEX):
                state.sources[DAILY_INDEX] = cursor
                save_state(settings.sync_state_file, state)
        finally:
            _close_crawl(client, summary, started, clock)
    return _finish(settings, summary, progress)


def _close_crawl(client: EdgarClient, summary: SyncSummary, started: float,
                 clock: Callable[[], float]) -> None:
    summary.requests, summary.bytes = client.stats.requests, client.stats.bytes
    summary.blocked_seconds = client.limiter.blocked_seconds
    summary.seconds = clock() - started


def _finish(settings: Settings, summary: SyncSummary, progress: ProgressSink) -> SyncSummary:
    summary.load = load_stored(settings, summary.ciks, progress=progress)
    _record(settings, summary)
    progress(SyncFinished(
        ciks=len(summary.ciks), discovered=summary.discovered, fetched=summary.fetched,
        skipped=summary.skipped, failed=len(summary.failed), loaded=summary.load.loaded,
        quarantined=len(summary.load.quarantined), requests=summary.requests,
        bytes=summary.bytes, rate=round(summary.rate, 2),
        blocked_s=round(summary.blocked_seconds, 1)))
    return summary


def _record(settings: Settings, summary: SyncSummary) -> None:
    """Each trust's outcome of this run, for ``absdw status``."""
    record_runs(settings.runs_file, {
        cik: (summary.trust_failures.get(cik), summary.failures_of(cik)) for cik in summary.ciks})
