"""Find new filings of every watched trust from EDGAR's index files, not one request per trust.

EDGAR publishes one ``form.YYYYMMDD.idx`` per business day listing every filing of that day,
so a nightly run over any number of trusts costs one request per day since the last run plus
one per new filing. A long gap is caught up with the quarter's ``full-index/.../form.idx``
(one request for the quarter so far, read up to its "Last Data Received" day), then daily files
after that day. Weekends are never requested; a 403 ``AccessDenied`` (a holiday, or a day not
yet published) is "no index", not a block.

The returned ``cursor`` is the last day the reads cover completely. A day without an index only
counts as covered once a later day's index exists (so an index published late is not skipped),
and the caller saves the cursor only after the matching filings are stored.
"""

from __future__ import annotations

import tempfile
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from crawler.discover import Fetcher
from crawler.edgar import Endpoints, FilingRef, quarter_of
from crawler.errors import CrawlerError, NotFound, Throttled, UserAgentRefused
from crawler.indexes import IndexEntry, parse_index

__all__ = ["CATCHUP_DAYS", "FULL_INDEX_MAX_BYTES", "IndexRead", "IndexScan", "plan_reads",
           "scan_indexes", "weekdays"]

CATCHUP_DAYS = 10
"""More business days than this to read in one quarter: read its full index instead."""

FULL_INDEX_MAX_BYTES = 300_000_000
"""A quarter's form.idx reaches ~50 MB on busy quarters; allow headroom, still bounded."""


@dataclass(frozen=True)
class IndexRead:
    """One index file to read and the days it covers."""

    url: str
    first: date
    last: date
    quarterly: bool = False


@dataclass
class IndexScan:
    """What the reads found: refs to fetch, the covered cursor, and what went wrong."""

    cursor: date
    refs: list[FilingRef] = field(default_factory=list)
    reads: int = 0
    unpublished: list[date] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    unreadable_lines: int = 0


def weekdays(first: date, last: date) -> list[date]:
    """Monday-to-Friday days in ``first..last``: EDGAR publishes no index on weekends."""
    count = (last - first).days + 1
    days = (first + timedelta(days=n) for n in range(max(0, count)))
    return [d for d in days if d.weekday() < 5]


def plan_reads(endpoints: Endpoints, after: date, today: date,
               catchup_days: int = CATCHUP_DAYS) -> list[IndexRead]:
    """Reads covering the weekdays after ``after`` up to ``today``, oldest first."""
    by_quarter: dict[tuple[int, int], list[date]] = {}
    for day in weekdays(after + timedelta(days=1), today):
        by_quarter.setdefault((day.year, quarter_of(day)), []).append(day)
    reads: list[IndexRead] = []
    for (year, quarter), days in by_quarter.items():
        if len(days) > catchup_days:
            url = endpoints.full_index(year, quarter)
            reads.append(IndexRead(url, days[0], days[-1], quarterly=True))
        else:
            reads += _daily(endpoints, days)
    return reads


def scan_indexes(
    client: Fetcher,
    after: date,
    today: date,
    ciks: Collection[int],
    forms: Collection[str],
    *,
    catchup_days: int = CATCHUP_DAYS,
) -> IndexScan:
    """Read the indexes after ``after``; collect filings of ``ciks`` with a form in ``forms``.

    Raises ``UserAgentRefused`` and ``Throttled`` (nothing else can succeed); records any other
    failure and stops reading there, so the cursor never passes an unread day.
    """
    scan = IndexScan(cursor=after)
    pending: deque[IndexRead] = deque(plan_reads(client.endpoints, after, today, catchup_days))
    waiting: list[date] = []  # days without an index, not yet known to be in the past
    seen: set[tuple[int, str]] = set()
    while pending:
        read = pending.popleft()
        try:
            entries, covered = _read(client, read, scan, ciks, forms)
        except NotFound:
            if read.quarterly:  # quarter not published yet: fall back to the daily files
                pending.extendleft(reversed(_daily(client.endpoints, weekdays(read.first,
                                                                              read.last))))
            else:
                waiting.append(read.first)
            continue
        except (UserAgentRefused, Throttled):
            raise
        except CrawlerError as exc:
            scan.failed.append((read.url, str(exc)))
            break
        _collect(scan, entries, ciks, forms, seen)
        scan.unpublished += waiting
        waiting = []
        scan.cursor = max(scan.cursor, covered)
        if read.quarterly and covered < read.last:
            rest = weekdays(covered + timedelta(days=1), read.last)
            pending.extendleft(reversed(_daily(client.endpoints, rest)))
    return scan


def _daily(endpoints: Endpoints, days: list[date]) -> list[IndexRead]:
    return [IndexRead(endpoints.daily_index(d), d, d) for d in days]


def _read(client: Fetcher, read: IndexRead, scan: IndexScan, ciks: Collection[int],
          forms: Collection[str]) -> tuple[list[IndexEntry], date]:
    """The file's rows of ``ciks`` x ``forms`` and the last day it covers (a quarterly file:
    its received date). A quarterly file (tens of MB) is streamed to a temp file and read
    line by line, keeping only the rows that matter."""
    scan.reads += 1

    def keep(entry: IndexEntry) -> bool:
        return entry.cik in ciks and entry.form in forms

    if read.quarterly:
        with tempfile.TemporaryDirectory(prefix="absdw-index-") as folder:
            path = Path(folder) / "form.idx"
            client.download(read.url, path, max_bytes=FULL_INDEX_MAX_BYTES)
            with path.open("rb") as lines:
                index = parse_index(lines, read.url, keep)
    else:
        index = parse_index(client.get(read.url), read.url, keep)
    scan.unreadable_lines += index.unreadable
    covered = read.last
    if read.quarterly and index.received is not None:
        covered = min(read.last, max(index.received, read.first - timedelta(days=1)))
    return index.entries, covered


def _collect(scan: IndexScan, entries: list[IndexEntry], ciks: Collection[int],
             forms: Collection[str], seen: set[tuple[int, str]]) -> None:
    for e in entries:
        if e.cik in ciks and e.form in forms and (e.cik, e.accession) not in seen:
            seen.add((e.cik, e.accession))
            scan.refs.append(FilingRef(e.cik, e.accession, e.form, e.filed, None, "", ""))
