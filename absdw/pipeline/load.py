"""Stored submissions -> parsed -> rows -> committed: the one path from raw bytes to the warehouse.

Offline by design (the raw store is the source of truth), so a crawl that died before loading
is completed by the next run, or by :func:`load_stored` alone. :func:`parse_stored` is shared
by a sync's load phase and by ``absdw reparse``: each stored filing is read once, parsed once
(its SGML header too, which then teaches the file-number cache), and mapped to rows by the
record contract (:mod:`absdw.pipeline.rows`). A filing that cannot be read, or whose header names
another accession than the one it was fetched as, becomes a quarantined ``filings`` row with
its reason, never facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from absdw.config import Settings
from absdw.pipeline.events import FilingQuarantined, ProgressSink, TrustLoaded, silent
from absdw.pipeline.rows import Rows, filing_rows, unreadable_filing_rows
from absdw.pipeline.summary import LoadSummary
from crawler import FileNumberCache, RawStore
from parsers import ParseError, parse_submission
from parsers.model import ParsedFiling
from warehouse import TABLES, Warehouse

__all__ = ["ParseFn", "load_stored", "parse_stored", "parser_for", "tally"]

#: Submission bytes -> parsed filing: ``parse_submission`` at the configured ``min_score``
#: unless a caller injects another (tests, a candidate parser).
ParseFn = Callable[[bytes], ParsedFiling]


def parser_for(settings: Settings) -> ParseFn:
    """``parse_submission`` with the configured quality threshold."""
    return lambda raw: parse_submission(raw, min_score=settings.min_score)


def load_stored(
    settings: Settings, ciks: Iterable[int] | None = None, *, progress: ProgressSink = silent,
    parse: ParseFn | None = None,
) -> LoadSummary:
    """Parse and commit every stored submission (of ``ciks``, else all) not yet committed;
    one commit per trust."""
    store = RawStore(settings.raw_dir)
    warehouse = Warehouse(settings.warehouse_dir)
    cache = FileNumberCache(settings.file_number_cache)
    loaded = warehouse.loaded_accessions()
    wanted = None if ciks is None else set(ciks)
    pending: dict[int, list[str]] = {}
    for cik, accession in store.list():
        if (wanted is None or cik in wanted) and accession not in loaded:
            pending.setdefault(cik, []).append(accession)
    summary = LoadSummary()
    for cik, accessions in sorted(pending.items()):
        batch = parse_stored(store, cik, accessions, parse=parse or parser_for(settings),
                             cache=cache, progress=progress)
        warehouse.append(batch)
        tally(summary, batch)
        progress(TrustLoaded(cik, len(accessions)))
    return summary


def parse_stored(
    store: RawStore, cik: int, accessions: Iterable[str], *, parse: ParseFn,
    cache: FileNumberCache | None = None, progress: ProgressSink = silent,
) -> Rows:
    """The rows of every table for the stored ``accessions`` of trust ``cik``, in accession
    order; each quarantined filing is also reported to ``progress``."""
    batch: Rows = {table: [] for table in TABLES}
    for accession in sorted(accessions):
        rows = _rows_of(store, cik, accession, parse, cache)
        filing = rows["filings"][0]
        if filing["parse_status"] != "ok":
            progress(FilingQuarantined(cik, accession, filing["parse_error"] or "quarantined"))
        for table, table_rows in rows.items():
            batch[table].extend(table_rows)
    return batch


def _rows_of(store: RawStore, cik: int, accession: str, parse: ParseFn,
             cache: FileNumberCache | None) -> Rows:
    try:
        parsed = parse(store.get(cik, accession))
    except ParseError as exc:
        return unreadable_filing_rows(cik, accession, str(exc))
    named = parsed.header.accession
    if named != accession:
        return unreadable_filing_rows(
            cik, accession,
            f"the submission fetched as {accession} names accession {named} in its SGML "
            f"header: not the filing EDGAR listed; delete {store.path_for(cik, accession)} "
            f"and its .sha256, then run `absdw sync --cik {cik}` to fetch it again")
    if cache is not None:
        cache.learn(parsed.header.filers)
    return filing_rows(cik, accession, parsed)


def tally(summary: LoadSummary, batch: Rows) -> None:
    """Count a batch's filings into ``summary``: loaded, or quarantined with the reason."""
    for filing in batch["filings"]:
        if filing["parse_status"] == "ok":
            summary.loaded += 1
        else:
            summary.quarantined.append((filing["accession"],
                                        filing["parse_error"] or "quarantined"))
