"""Stored submissions -> parsed -> rows -> committed: the one path from raw bytes to the warehouse.

Offline by design (the raw store is the source of truth), so a crawl that died before loading
is completed by the next run, or by :func:`load_stored` alone. :func:`parse_stored` is shared
by a sync's load phase and by ``absdw reparse``: each stored filing is read once, parsed once
(its SGML header too, which then teaches the file-number cache), and mapped to rows by the
record contract (:mod:`absdw.pipeline.rows`). A filing that cannot be read, or whose header names
another accession or another trust than the one it was fetched for, becomes a quarantined
``filings`` row with its reason, never facts. A stored document that fails verification is no
filing's fault: it is set aside (kept) and reported, nothing is committed for it, and the next
sync fetches it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from absdw.config import Settings
from absdw.pipeline.events import FilingQuarantined, ProgressSink, TrustLoaded, silent
from absdw.pipeline.rows import Rows, filing_rows, unreadable_filing_rows
from absdw.pipeline.summary import LoadSummary
from crawler import CorruptRawFile, FileNumberCache, RawStore
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
        before = len(summary.failed)
        batch = parse_stored(store, cik, accessions, parse=parse or parser_for(settings),
                             cache=cache, progress=progress, set_aside=summary.failed)
        summary.failed_by_cik[cik] += len(summary.failed) - before
        committed = warehouse.append(batch).accessions_added
        tally(summary, batch, set(committed))
        progress(TrustLoaded(cik, len(committed)))
    return summary


def parse_stored(
    store: RawStore, cik: int, accessions: Iterable[str], *, parse: ParseFn,
    cache: FileNumberCache | None = None, progress: ProgressSink = silent,
    set_aside: list[tuple[str, str]] | None = None,
) -> Rows:
    """The rows of every table for the stored ``accessions`` of trust ``cik``, in accession
    order; each quarantined filing is also reported to ``progress``. A document that fails
    verification gives no row: it is set aside and listed in ``set_aside`` with the reason."""
    batch: Rows = {table: [] for table in TABLES}
    for accession in sorted(accessions):
        try:
            raw = store.get(cik, accession)
        except CorruptRawFile as exc:
            moved = store.set_aside(cik, accession)
            if set_aside is not None:
                set_aside.append((accession, f"{exc} (set aside as {moved})"))
            continue
        rows = _rows_of(raw, cik, accession, parse, cache, store)
        filing = rows["filings"][0]
        if filing["parse_status"] != "ok":
            progress(FilingQuarantined(cik, accession, filing["parse_error"] or "quarantined"))
        for table, table_rows in rows.items():
            batch[table].extend(table_rows)
    return batch


def _rows_of(raw: bytes, cik: int, accession: str, parse: ParseFn,
             cache: FileNumberCache | None, store: RawStore) -> Rows:
    try:
        parsed = parse(raw)
    except ParseError as exc:
        return unreadable_filing_rows(cik, accession, str(exc))
    named, filers = parsed.header.accession, [f.cik for f in parsed.header.filers]
    where = (f"delete {store.path_for(cik, accession)} and its .sha256, then run "
             f"`absdw sync --cik {cik}` to fetch it again")
    if named != accession:
        return unreadable_filing_rows(
            cik, accession, f"the submission fetched as {accession} names accession {named} "
            f"in its SGML header: not the filing EDGAR listed; {where}")
    if cik not in filers:
        return unreadable_filing_rows(
            cik, accession, f"the submission fetched for CIK {cik} names filers {filers} in "
            f"its SGML header, not {cik}: another trust's filing; {where}")
    if cache is not None:
        cache.learn(parsed.header.filers)
    return filing_rows(cik, accession, parsed)


def tally(summary: LoadSummary, batch: Rows, committed: set[str] | None = None) -> None:
    """Count a batch's filings into ``summary``: loaded, or quarantined with the reason; with
    ``committed``, only those this commit added (another process may have committed some)."""
    for filing in batch["filings"]:
        if committed is not None and filing["accession"] not in committed:
            continue
        if filing["parse_status"] == "ok":
            summary.loaded += 1
        else:
            summary.quarantined.append((filing["accession"],
                                        filing["parse_error"] or "quarantined"))
