"""Orchestration: the sync jobs, the load and re-parse of stored filings, and their events.

* :mod:`~absdw.pipeline.jobs`     ``sync`` (named trusts) and ``sync_watchlist`` (the nightly job)
* :mod:`~absdw.pipeline.targets`  which trusts: CIKs, and SEC file numbers resolved to CIKs
* :mod:`~absdw.pipeline.crawl`    phase one: the EDGAR client, backfill, daily-index scan
* :mod:`~absdw.pipeline.load`     phase two: stored bytes -> parsed -> rows -> committed
* :mod:`~absdw.pipeline.rows`     the record contract between parser records and warehouse columns
* :mod:`~absdw.pipeline.reparse`  ``absdw reparse``: rows rebuilt after a parser upgrade
* :mod:`~absdw.pipeline.refetch`  ``absdw refetch``: one raw document downloaded again, re-loaded
* :mod:`~absdw.pipeline.lock`     one sync (or re-parse) of an ABSDW_HOME at a time
* :mod:`~absdw.pipeline.runs`     each trust's last sync and failure, for ``absdw status``
* :mod:`~absdw.pipeline.summary`  what each of them did
* :mod:`~absdw.pipeline.events`   typed progress events
"""

from absdw.pipeline.jobs import edgar_today, sync, sync_watchlist
from absdw.pipeline.load import load_stored, parse_stored
from absdw.pipeline.refetch import RefetchResult, refetch
from absdw.pipeline.reparse import reparse
from absdw.pipeline.summary import LoadSummary, ReparseSummary, SyncSummary

__all__ = [
    "LoadSummary",
    "RefetchResult",
    "ReparseSummary",
    "SyncSummary",
    "edgar_today",
    "load_stored",
    "parse_stored",
    "refetch",
    "reparse",
    "sync",
    "sync_watchlist",
]
