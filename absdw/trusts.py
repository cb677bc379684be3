"""Finding trusts and saying how each stands: ``absdw trusts search`` and ``absdw status``.

Search asks EDGAR's company search (one request, :func:`crawler.parse_company_search`), so a
trust is found by name without knowing its CIK. Status joins the warehouse's ``trusts`` view
with each trust's last sync (``absdw.pipeline.runs``) and the watch list's labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx

from absdw.config import Settings
from absdw.pipeline.crawl import open_client
from absdw.pipeline.runs import load_runs
from crawler import CompanySearch, parse_company_search
from warehouse import query

__all__ = ["TrustStatus", "search_trusts", "trust_status"]


def search_trusts(settings: Settings, text: str,
                  transport: httpx.BaseTransport | None = None) -> CompanySearch:
    """Filers whose name contains ``text``, as EDGAR's company search lists them (<= 100)."""
    with open_client(settings, transport) as client:
        url = client.endpoints.company_search(text)
        return parse_company_search(client.get(url, max_bytes=5_000_000))


@dataclass(frozen=True)
class TrustStatus:
    """One trust as ``absdw status`` shows it."""

    cik: int
    name: str | None
    label: str | None
    last_distribution_date: date | None
    loaded: int
    quarantined: int
    last_sync: str | None
    failure: str | None
    failed_filings: int


def trust_status(settings: Settings) -> list[TrustStatus]:
    """Every trust in the warehouse, the watch list or the last syncs, by CIK."""
    _, rows = query(settings.warehouse_dir, "SELECT cik, name, last_distribution_date, "
                    "filings_loaded, filings_quarantined FROM trusts")
    known = {r[0]: r for r in rows}
    runs = load_runs(settings.runs_file)
    ciks = sorted({*known, *runs, *settings.watch_ciks})
    out = []
    for cik in ciks:
        _, name, last, loaded, quarantined = known.get(cik, (cik, None, None, 0, 0))
        run = runs.get(cik)
        out.append(TrustStatus(cik, name, settings.watch_labels.get(str(cik)), last, loaded,
                               quarantined, run.at if run else None,
                               run.failure if run else None, run.failed_filings if run else 0))
    return out
