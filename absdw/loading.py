"""Phase two of a sync: parse stored submissions the warehouse lacks and commit their rows.

Offline by design (the raw store is the source of truth), so a crawl that died before loading
is completed by the next run, or by ``load_raw`` alone. A filing the parser cannot read is
committed as a quarantined ``filings`` row with its reason, and listed in the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from absdw.config import Settings
from absdw.progress import Event, ProgressSink, silent
from absdw.records import filing_rows, unreadable_filing_rows
from crawler import RawStore
from parsers import parse_submission
from parsers.errors import ParseError
from parsers.model import ParsedFiling
from warehouse import Warehouse

__all__ = ["LoadSummary", "ParseFn", "load_raw", "parse_batch"]

#: Submission bytes -> parsed filing; ``parse_submission`` at the configured ``min_score``
#: unless a caller injects another (tests, a candidate parser).
ParseFn = Callable[[bytes], ParsedFiling]


@dataclass
class LoadSummary:
    """What one load pass committed."""

    loaded: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)


def load_raw(
    settings: Settings, ciks: Iterable[int] | None = None, *, progress: ProgressSink = silent,
    parse: ParseFn | None = None,
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
        batch = parse_batch(store, cik, accessions, summary, progress,
                            parse or _default_parse(settings))
        warehouse.append(batch)
        progress(Event("load.done", {"cik": cik, "filings": len(accessions)}))
    return summary


def _default_parse(settings: Settings) -> ParseFn:
    return lambda raw: parse_submission(raw, min_score=settings.min_score)


def parse_batch(
    store: RawStore,
    cik: int,
    accessions: list[str],
    summary: LoadSummary,
    progress: ProgressSink,
    parse: ParseFn,
) -> dict[str, list[dict]]:
    """Rows of every table for the stored ``accessions`` of ``cik``, counted in ``summary``."""
    batch: dict[str, list[dict]] = {}
    for accession in sorted(accessions):
        try:
            parsed = parse(store.get(cik, accession))
            rows = filing_rows(cik, parsed)
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
