"""The sync pipeline (``absdw sync``): crawl -> raw store -> parse -> warehouse.

Two phases with durable state between them, so a crash anywhere is completed by the next run:

1. **crawl** each CIK into the raw store (an accession already stored is never fetched again);
2. **load** every stored submission of those CIKs that the warehouse has not committed yet:
   parse it (pure) and append its rows, one commit per CIK.

A filing the parser cannot read is committed as a ``filings`` row with
``parse_status = 'quarantined'`` and its reason; its raw document stays in the raw store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

import httpx

from absdw.config import Settings
from absdw.progress import Event, ProgressSink, silent
from absdw.records import filing_rows, unreadable_filing_rows
from crawler import EdgarClient, Endpoints, RateLimiter, RawStore, crawl_cik
from crawler.crawl import CrawlEvent, CrawlSummary
from parsers import parse_submission
from parsers.errors import ParseError
from warehouse import Warehouse

__all__ = ["LoadSummary", "SyncSummary", "load_raw", "open_client", "sync"]


@dataclass
class LoadSummary:
    """What one load pass committed."""

    loaded: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)


@dataclass
class SyncSummary:
    """The outcome of one sync over several trusts."""

    ciks: list[int]
    discovered: int = 0
    fetched: int = 0
    skipped: int = 0
    requests: int = 0
    bytes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # crawl failures
    load: LoadSummary = field(default_factory=LoadSummary)

    @property
    def ok(self) -> bool:
        return not self.failed


def open_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> EdgarClient:
    """An EDGAR client obeying the configured rate, shared machine-wide through a lock file."""
    settings.home.mkdir(parents=True, exist_ok=True)
    limiter = RateLimiter(settings.rate_limit, lock_path=settings.home / ".ratelimit")
    endpoints = Endpoints(www=settings.edgar_url, data=settings.edgar_data_url)
    return EdgarClient(
        settings.require_user_agent(), endpoints, limiter=limiter, transport=transport
    )


def sync(
    settings: Settings,
    ciks: Iterable[int],
    *,
    transport: httpx.BaseTransport | None = None,
    progress: ProgressSink = silent,
) -> SyncSummary:
    """Crawl and load every CIK; returns counts. Raises only for terminal problems (bad
    User-Agent, unreadable warehouse); per-filing failures are in the summary."""
    ciks = list(dict.fromkeys(ciks))
    summary = SyncSummary(ciks=ciks)
    store = RawStore(settings.raw_dir)
    client = open_client(settings, transport)
    try:
        for cik in ciks:
            progress(Event("crawl.start", {"cik": cik}))
            crawled = crawl_cik(
                client, store, cik, forms=settings.forms, on_event=_forward(progress)
            )
            _add_crawl(summary, crawled)
            progress(Event("crawl.done", {"cik": cik, "fetched": crawled.fetched}))
    finally:
        summary.requests, summary.bytes = client.stats.requests, client.stats.bytes
        client.close()
    summary.load = load_raw(settings, ciks, progress=progress)
    progress(Event("sync.done", _summary_fields(summary)))
    return summary


def _forward(progress: ProgressSink) -> Callable[[CrawlEvent], None]:
    """Crawler events as progress events: kind from the class name, data from its fields."""

    def forward(event: CrawlEvent) -> None:
        progress(Event(type(event).__name__, asdict(event)))

    return forward


def _add_crawl(summary: SyncSummary, crawled: CrawlSummary) -> None:
    summary.discovered += crawled.discovered
    summary.fetched += crawled.fetched
    summary.skipped += crawled.skipped_existing
    summary.failed.extend(crawled.failed)
    summary.failed.extend((acc, "404 Not Found") for acc in crawled.not_found)


def load_raw(
    settings: Settings, ciks: Iterable[int] | None = None, *, progress: ProgressSink = silent
) -> LoadSummary:
    """Parse and commit every stored submission not yet in the warehouse (offline)."""
    store = RawStore(settings.raw_dir)
    warehouse = Warehouse(settings.warehouse_dir)
    loaded = warehouse.loaded_accessions()
    summary = LoadSummary()
    wanted = None if ciks is None else set(ciks)
    pending: dict[int, list[str]] = {}
    for cik, accession in store.list():
        if (wanted is None or cik in wanted) and accession not in loaded:
            pending.setdefault(cik, []).append(accession)
    for cik, accessions in sorted(pending.items()):
        batch = _parse_batch(store, cik, accessions, summary, progress)
        warehouse.append(batch)
        progress(Event("load.done", {"cik": cik, "filings": len(accessions)}))
    return summary


def _parse_batch(
    store: RawStore,
    cik: int,
    accessions: list[str],
    summary: LoadSummary,
    progress: ProgressSink,
) -> dict[str, list[dict]]:
    batch: dict[str, list[dict]] = {}
    for accession in sorted(accessions):
        try:
            rows = filing_rows(cik, parse_submission(store.get(cik, accession)))
        except ParseError as exc:
            rows = unreadable_filing_rows(cik, accession, str(exc))
        status = rows["filings"][0]["parse_status"]
        if status == "ok":
            summary.loaded += 1
        else:
            reason = rows["filings"][0]["parse_error"] or "quarantined"
            summary.quarantined.append((accession, reason))
            progress(Event("quarantined", {"cik": cik, "accession": accession, "reason": reason}))
        for table, table_rows in rows.items():
            batch.setdefault(table, []).extend(table_rows)
    return batch


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
    }
