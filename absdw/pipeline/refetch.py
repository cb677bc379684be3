"""``absdw refetch ACCESSION``: download one filing's raw document again and re-load it.

For a filing quarantined because its stored copy was bad, or one EDGAR has since corrected in
place. The new copy is downloaded and verified first (``submission_check``: the whole
submission, naming this accession); only then is the old copy moved to the trust's
``corrupt/`` folder (kept, never deleted) and the new one stored, parsed and committed with
``Warehouse.replace`` in place of the filing's old rows. A failed download changes nothing.
Holds the home's sync lock like a sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from absdw.config import Settings
from absdw.errors import NotStoredError
from absdw.pipeline.crawl import open_client
from absdw.pipeline.load import parse_stored, parser_for
from absdw.pipeline.lock import sync_lock
from crawler import RawStore
from crawler.edgar import submission_check
from foundation.identifiers import normalize_accession
from warehouse import Warehouse, query

__all__ = ["RefetchResult", "refetch"]


@dataclass(frozen=True)
class RefetchResult:
    """What one refetch did: the bytes before and after, and the filing's new status."""

    cik: int
    accession: str
    old_copy: Path | None  # where the previous copy went (None: there was none)
    same_bytes: bool
    status: str
    reason: str | None

    def describe(self) -> str:
        before = ("no stored copy before" if self.old_copy is None else
                  "same bytes as the stored copy" if self.same_bytes else
                  f"new bytes; the old copy is kept at {self.old_copy}")
        outcome = "loaded" if self.status == "ok" else f"quarantined again: {self.reason}"
        return f"refetched {self.accession} of CIK {self.cik} ({before}): {outcome}"


def refetch(settings: Settings, accession: str, cik: int | None = None,
            transport: httpx.BaseTransport | None = None) -> RefetchResult:
    """Download ``accession`` again, replace the stored copy if it differs, re-load it."""
    accession = normalize_accession(accession)
    store = RawStore(settings.raw_dir)
    cik = cik if cik is not None else _owner(settings, store, accession)
    with sync_lock(settings.home):
        with open_client(settings, transport) as client:
            data = client.get(client.endpoints.full_submission(cik, accession),
                              complete=submission_check(accession))
        old_copy = None
        same = False
        if store.has(cik, accession):
            same = store.path_for(cik, accession).read_bytes() == data
            if not same:
                old_copy = store.set_aside(cik, accession)
            else:
                old_copy = store.path_for(cik, accession)
        if not same:
            store.put(cik, accession, data)
        rows = parse_stored(store, cik, [accession], parse=parser_for(settings))
        Warehouse(settings.warehouse_dir).replace(rows)
    filing = rows["filings"][0]
    return RefetchResult(cik, accession, old_copy, same, filing["parse_status"],
                         filing.get("parse_error"))


def _owner(settings: Settings, store: RawStore, accession: str) -> int:
    """The trust a known accession belongs to: the warehouse's, else the raw store's."""
    _, rows = query(settings.warehouse_dir,
                    f"SELECT DISTINCT cik FROM filings WHERE accession = '{accession}'")
    ciks = sorted({r[0] for r in rows} | {c for c, a in store.list() if a == accession})
    if len(ciks) == 1:
        return int(ciks[0])
    if not ciks:
        raise NotStoredError(f"{accession} is in neither the warehouse nor the raw store of "
                             f"{settings.home}; pass --cik N to fetch it for trust N")
    raise NotStoredError(f"{accession} is stored for several trusts {ciks}: pass --cik N")
