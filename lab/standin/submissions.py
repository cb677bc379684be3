"""data.sec.gov ``submissions/CIK##########.json`` and its ``-submissions-NNN.json`` pages.

Key set, column order and value spelling follow the real responses in the shared corpus
(``CIK0001009672.json`` + ``-submissions-001.json``, ``CIK0000350001.json`` for an SIC 6189
entity): newest filing first, the overflow listed in ``filings.files`` with the same columns at
the top level of each page, compact JSON without escaped slashes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from lab.standin.model import Address, TreeFiling, sic_description

__all__ = [
    "COLUMNS", "item_codes", "newest_first", "page_name", "submission_pages", "submissions_json",
]

COLUMNS = (
    "accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act", "form",
    "fileNumber", "filmNumber", "items", "core_type", "size", "isXBRL", "isInlineXBRL",
    "primaryDocument", "primaryDocDescription",
)

# 8-K item descriptions (as on ITEM INFORMATION lines) -> the codes data.sec.gov lists.
# Before 2004-08-23 items were numbered 1-12; afterwards "8.01" style.
_LEGACY_ITEMS = {
    "changes in control of registrant": "1", "acquisition or disposition of assets": "2",
    "bankruptcy or receivership": "3", "changes in registrant's certifying accountant": "4",
    "other events": "5", "resignations of registrant's directors": "6",
    "financial statements and exhibits": "7", "change in fiscal year": "8",
    "regulation fd disclosure": "9",
}
_MODERN_ITEMS = {
    "entry into a material definitive agreement": "1.01", "regulation fd disclosure": "7.01",
    "other events": "8.01", "financial statements and exhibits": "9.01",
    "change in servicer or trustee": "6.02", "change in credit enhancement or other external "
    "support": "6.03", "failure to make a required distribution": "6.04",
    "securities act updating disclosure": "6.05",
}
_MODERN_ITEMS_FROM = date(2004, 8, 23)

SizeOf = Callable[[TreeFiling], int]
_ADDRESS_KEYS = ("street1", "street2", "city", "stateOrCountry", "zipCode",
                 "stateOrCountryDescription", "isForeignLocation", "foreignStateTerritory",
                 "country", "countryCode")


def item_codes(f: TreeFiling) -> str:
    """The ``items`` column: known descriptions mapped to codes, codes kept, others dropped."""
    table = _MODERN_ITEMS if f.filed >= _MODERN_ITEMS_FROM else _LEGACY_ITEMS
    codes = []
    for item in f.items:
        text = item.strip()
        code = text if text.replace(".", "").isdigit() else table.get(text.lower())
        if code:
            codes.append(code)
    return ",".join(codes)


def _row(f: TreeFiling, size: int, cik: int) -> dict[str, Any]:
    primary, filer = f.documents[0], f.filer(cik)
    return {
        "accessionNumber": f.accession,
        "filingDate": f.filed.isoformat(),
        "reportDate": f.period.isoformat() if f.period else "",
        "acceptanceDateTime": f.accepted.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "act": f.act_code,
        "form": f.form,
        "fileNumber": filer.file_number or "",
        "filmNumber": filer.film,
        "items": item_codes(f),
        "core_type": f.form,
        "size": size,
        "isXBRL": 0,
        "isInlineXBRL": 0,
        "primaryDocument": primary.filename,
        "primaryDocDescription": primary.description or "",
    }


def _columns(filings: Sequence[TreeFiling], size_of: SizeOf, cik: int) -> dict[str, list[Any]]:
    rows = [_row(f, size_of(f), cik) for f in filings]
    return {key: [r[key] for r in rows] for key in COLUMNS}


def _address(a: Address | None) -> dict[str, Any]:
    """One ``addresses`` entry; the phone lives at the top level of the document instead."""
    if a is None:
        return {key: None for key in _ADDRESS_KEYS}
    return {
        "street1": a.street1, "street2": a.street2, "city": a.city, "stateOrCountry": a.state,
        "zipCode": a.zip, "stateOrCountryDescription": a.state, "isForeignLocation": None,
        "foreignStateTerritory": None, "country": None, "countryCode": None,
    }


def _entity(latest: TreeFiling, cik: int) -> dict[str, Any]:
    f = latest.filer(cik)
    business = f.business_address
    return {
        "cik": f"{cik:010d}", "entityType": "other", "sic": str(f.sic),
        "sicDescription": sic_description(f.sic), "ownerOrg": None,
        "insiderTransactionForOwnerExists": 0, "insiderTransactionForIssuerExists": 0,
        "name": f.company, "tickers": [], "exchanges": [],
        "ein": f.irs_number or "000000000", "lei": None, "description": "", "website": "",
        "investorWebsite": "", "category": "", "fiscalYearEnd": f.fiscal_year_end or "",
        "stateOfIncorporation": f.state or "", "stateOfIncorporationDescription": f.state or "",
        "addresses": {"mailing": _address(f.mail_address), "business": _address(business)},
        "phone": (business.phone if business else None) or "", "flags": "", "formerNames": [],
    }


def page_name(cik: int, number: int) -> str:
    """``CIK0001268747-submissions-001.json``."""
    return f"CIK{cik:010d}-submissions-{number:03d}.json"


def newest_first(filings: Sequence[TreeFiling]) -> list[TreeFiling]:
    """EDGAR's order: latest filing date, then latest acceptance, first."""
    return sorted(filings, key=lambda f: (f.filed, f.accepted, f.accession), reverse=True)


def submission_pages(
    filings: Sequence[TreeFiling], size_of: SizeOf, page_size: int = 1000,
    cik: int | None = None,
) -> dict[str, dict[str, Any]]:
    """File name -> JSON object for one CIK: the main document and its overflow pages.

    ``cik`` picks the filer whose view this is (a co-filer of joint submissions); default the
    primary filer of the newest filing.
    """
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, got {page_size}")
    ordered = newest_first(filings)
    cik = ordered[0].cik if cik is None else cik
    chunks = [ordered[i:i + page_size] for i in range(0, len(ordered), page_size)]
    pages = {page_name(cik, n): _columns(chunk, size_of, cik)
             for n, chunk in enumerate(chunks[1:], 1)}
    files = [
        {"name": name, "filingCount": len(chunk), "filingFrom": chunk[-1].filed.isoformat(),
         "filingTo": chunk[0].filed.isoformat()}
        for name, chunk in zip(pages, chunks[1:], strict=True)
    ]
    recent = _columns(chunks[0], size_of, cik)
    main = _entity(ordered[0], cik) | {"filings": {"recent": recent, "files": files}}
    return {f"CIK{cik:010d}.json": main, **pages}


def submissions_json(obj: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, the way data.sec.gov serves it."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
