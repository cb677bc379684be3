"""``absdw reparse``: rebuild the warehouse's rows from the raw store after a parser upgrade.

Every committed filing records the ``parser_version`` that produced its rows. A re-parse
reads each stored submission whose recorded version differs from :data:`parsers.PARSER_VERSION`
(every one with ``force``), parses it offline and replaces all its rows, and its status, in
one :meth:`warehouse.Warehouse.replace`: one commit per table for the whole run, all tables or
none, with the current version of each touched month recomputed. A filing whose new parse is
quarantined leaves the fact views but stays in ``filings`` with its reason; one that now passes
enters them. Running it again finds nothing to do.
"""

from __future__ import annotations

from collections.abc import Iterable

from absdw.config import Settings
from absdw.pipeline.events import ProgressSink, ReparseFinished, silent
from absdw.pipeline.load import ParseFn, parse_stored, parser_for
from absdw.pipeline.lock import sync_lock
from absdw.pipeline.rows import Rows
from absdw.pipeline.summary import ReparseSummary
from crawler import RawStore
from parsers import PARSER_VERSION
from warehouse import TABLES, Warehouse, query

__all__ = ["reparse"]


def reparse(
    settings: Settings,
    ciks: Iterable[int] | None = None,
    *,
    force: bool = False,
    parse: ParseFn | None = None,
    parser_version: str = PARSER_VERSION,
    progress: ProgressSink = silent,
) -> ReparseSummary:
    """Re-parse committed filings whose ``parser_version`` differs from ``parser_version``
    (all of them with ``force``) and replace their rows; ``parse`` defaults to
    ``parse_submission`` at the configured ``min_score``."""
    with sync_lock(settings.home):  # a sync and a re-parse of one home never interleave
        return _reparse(settings, ciks, force, parse or parser_for(settings), parser_version,
                        progress)


def _reparse(settings: Settings, ciks: Iterable[int] | None, force: bool, parse: ParseFn,
             parser_version: str, progress: ProgressSink) -> ReparseSummary:
    store = RawStore(settings.raw_dir)
    summary = ReparseSummary()
    recorded = _recorded(settings, ciks)
    due: dict[int, list[str]] = {}
    for accession, (cik, version, _) in sorted(recorded.items()):
        if not force and version == parser_version:
            summary.up_to_date += 1
        elif not store.has(cik, accession):
            summary.missing_raw.append(accession)
        else:
            due.setdefault(cik, []).append(accession)
    batch: Rows = {table: [] for table in TABLES}
    for cik, accessions in sorted(due.items()):
        rows = parse_stored(store, cik, accessions, parse=parse, progress=progress,
                            set_aside=summary.corrupt_raw)
        for table, table_rows in rows.items():
            batch[table].extend(table_rows)
    if batch["filings"]:
        Warehouse(settings.warehouse_dir).replace(batch)
    _summarize(summary, recorded, batch["filings"])
    progress(ReparseFinished(len(summary.reparsed), len(summary.changed)))
    return summary


def _recorded(settings: Settings, ciks: Iterable[int] | None) -> dict[str, tuple[int, str, str]]:
    """accession -> (cik, parser_version, parse_status) of every committed filing wanted."""
    _, rows = query(settings.warehouse_dir,
                    "SELECT accession, cik, coalesce(parser_version, ''), parse_status "
                    "FROM filings")
    wanted = None if ciks is None else set(ciks)
    return {a: (c, v, s) for a, c, v, s in rows if wanted is None or c in wanted}


def _summarize(summary: ReparseSummary, recorded: dict[str, tuple[int, str, str]],
               filings: list[dict]) -> None:
    for row in filings:
        accession, status = row["accession"], row["parse_status"]
        summary.reparsed.append(accession)
        if status != recorded[accession][2]:
            summary.changed.append((accession, recorded[accession][2], status))
        if status != "ok":
            summary.quarantined.append((accession, row.get("parse_error") or "quarantined"))
