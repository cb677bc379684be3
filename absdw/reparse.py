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
from dataclasses import dataclass, field

from absdw.config import Settings
from absdw.loading import LoadSummary, ParseFn, parse_batch
from absdw.progress import Event, ProgressSink, silent
from crawler import RawStore
from parsers import PARSER_VERSION, parse_submission
from warehouse import Warehouse, query

__all__ = ["ReparseSummary", "reparse"]


@dataclass
class ReparseSummary:
    """What one re-parse did. ``changed`` holds (accession, old status, new status)."""

    reparsed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)
    up_to_date: int = 0
    missing_raw: list[str] = field(default_factory=list)  # committed, but not in the raw store

    def describe(self) -> str:
        """The summary the CLI prints on stderr."""
        lines = [f"re-parsed {len(self.reparsed)} filing(s) with parser {PARSER_VERSION}: "
                 f"{len(self.changed)} changed status, {len(self.quarantined)} quarantined; "
                 f"{self.up_to_date} already current, {len(self.missing_raw)} not in the raw "
                 "store"]
        lines += [f"  {acc}: {old} -> {new}" for acc, old, new in self.changed]
        lines += [f"  quarantined {acc}: {why}" for acc, why in self.quarantined]
        lines += [f"  missing raw {acc}: run `absdw sync --cik N` to fetch it again"
                  for acc in self.missing_raw]
        return "\n".join(lines)


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
    parse = parse or (lambda raw: parse_submission(raw, min_score=settings.min_score))
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
    batch: dict[str, list[dict]] = {}
    for cik, accessions in sorted(due.items()):
        rows = parse_batch(store, cik, accessions, LoadSummary(), progress, parse)
        for table, table_rows in rows.items():
            batch.setdefault(table, []).extend(table_rows)
    if batch.get("filings"):
        Warehouse(settings.warehouse_dir).replace(batch)
    _summarize(summary, recorded, batch.get("filings", []))
    progress(Event("reparse.done", {"reparsed": len(summary.reparsed),
                                    "changed": len(summary.changed)}))
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
