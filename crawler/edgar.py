"""EDGAR's URLs and formats, as pure functions: no I/O, so every rule here is unit-testable.

Base URLs are parameters (``Endpoints``) because absdw also crawls a local stand-in that
mirrors EDGAR's paths under another host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote_plus, urlsplit

from crawler.errors import MalformedResponse
from foundation.defaults import EDGAR_DATA_URL, EDGAR_URL
from foundation.errors import ConfigError
from foundation.identifiers import (
    accession_digits,
    check_base_url,
    check_cik,
    check_file_number,
    normalize_accession,
)

__all__ = ["Endpoints", "FilingRef", "incomplete_json", "incomplete_submission", "origin_of",
           "parse_submissions", "quarter_of", "submission_check"]

_PAGE_NAME = re.compile(r"CIK\d{10}-submissions-\d{3,}\.json")
#: How a whole EDGAR submission ends: its closing tag, then (1990s filings) the PEM trailer.
_SUBMISSION_END = re.compile(
    rb"</(?:SEC|IMS)-DOCUMENT>\s*(?:-----END PRIVACY-ENHANCED MESSAGE-----\s*)?\Z")
_REQUIRED_COLUMNS = ("accessionNumber", "form", "filingDate")


def incomplete_submission(data: bytes) -> str | None:
    """Why ``data`` is not a whole full-submission ``.txt`` (None when it is): every one
    ends with ``</SEC-DOCUMENT>`` (``</IMS-DOCUMENT>`` in the 1990s), PEM-wrapped ones with
    the PEM trailer after it; a body cut short at any point ends otherwise."""
    if _SUBMISSION_END.search(data[-400:]):
        return None
    return (f"submission ends without its closing </SEC-DOCUMENT> tag after {len(data):,} "
            "bytes: cut short")


def submission_check(accession: str) -> Callable[[bytes], str | None]:
    """A check for the full submission of ``accession``: whole (:func:`incomplete_submission`)
    and the one asked for (its header's ACCESSION NUMBER), so a wrong document served is
    retried, never stored under another filing's name."""
    named = re.compile(rb"ACCESSION NUMBER:\s*" + re.escape(accession.encode("ascii")) + rb"\s")

    def check(data: bytes) -> str | None:
        if (problem := incomplete_submission(data)) is not None:
            return problem
        if named.search(data[:20_000]) is None:
            return f"the document served is not submission {accession} (its header names another)"
        return None

    return check


def incomplete_json(data: bytes) -> str | None:
    """Why ``data`` is not one whole JSON document (None when it is)."""
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return f"response is not whole JSON ({exc})"
    except RecursionError:
        return "response JSON is nested too deeply to be EDGAR's"
    return None


def quarter_of(day: date) -> int:
    """1..4: EDGAR's ``QTR{n}`` folder of a date."""
    return (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of EDGAR's two hosts: archives on ``www``, JSON APIs on ``data``."""

    www: str = EDGAR_URL
    data: str = EDGAR_DATA_URL

    def __post_init__(self) -> None:
        object.__setattr__(self, "www", check_base_url(self.www, "EDGAR www"))
        object.__setattr__(self, "data", check_base_url(self.data, "EDGAR data"))

    def origins(self) -> frozenset[tuple[str, str, int | None]]:
        """(scheme, host, port) of both bases: the only places the client may talk to."""
        return frozenset(origin_of(url) for url in (self.www, self.data))

    def submissions(self, cik: int) -> str:
        """The company's submissions JSON (latest ~1000 filings plus names of older pages)."""
        return f"{self.data}/submissions/CIK{check_cik(cik):010d}.json"

    def submissions_page(self, name: str) -> str:
        """An older submissions page named in ``filings.files`` (checked: it comes off the wire)."""
        if not _PAGE_NAME.fullmatch(name):
            raise MalformedResponse(
                f"unexpected submissions page name {name!r}: "
                "expected CIK##########-submissions-NNN.json"
            )
        return f"{self.data}/submissions/{name}"

    def filing_index(self, cik: int, accession: str) -> str:
        """The JSON directory listing of one filing's archive folder."""
        return f"{self._folder(cik, accession)}/index.json"

    def full_submission(self, cik: int, accession: str) -> str:
        """The complete submission text file: SGML header plus every document."""
        return f"{self._folder(cik, accession)}/{normalize_accession(accession)}.txt"

    def daily_index(self, day: date) -> str:
        """The day's form-type index: every filing accepted that business day, one line each."""
        return (f"{self.www}/Archives/edgar/daily-index/{day.year}/QTR{quarter_of(day)}/"
                f"form.{day:%Y%m%d}.idx")

    def full_index(self, year: int, quarter: int) -> str:
        """The quarter's form-type index so far: one request instead of ~63 daily ones."""
        if not 1 <= quarter <= 4:
            raise ConfigError(f"invalid quarter {quarter!r}: expected 1..4")
        return f"{self.www}/Archives/edgar/full-index/{year}/QTR{quarter}/form.idx"

    def browse_file_number(self, file_number: str) -> str:
        """browse-edgar's Atom feed of the filings under one SEC file number."""
        return (f"{self.www}/cgi-bin/browse-edgar?action=getcompany"
                f"&filenum={check_file_number(file_number)}&type=&dateb=&owner=include"
                "&count=40&output=atom")

    def company_search(self, text: str) -> str:
        """EDGAR's company search: filers whose name contains ``text``, up to 100 a page."""
        words = " ".join(text.split())
        if not words:
            raise ConfigError("a company search needs some text, e.g. 'terwin mortgage'")
        return (f"{self.www}/cgi-bin/browse-edgar?action=getcompany&company={quote_plus(words)}"
                "&match=contains&type=&dateb=&owner=include&count=100")

    def index_headers(self, cik: int, accession: str) -> str:
        """The filing's SGML header as a small HTML page: its FILER blocks, no documents."""
        return f"{self._folder(cik, accession)}/{normalize_accession(accession)}-index-headers.html"

    def _folder(self, cik: int, accession: str) -> str:
        return f"{self.www}/Archives/edgar/data/{check_cik(cik)}/{accession_digits(accession)}"


def origin_of(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, effective port) so ``https://h`` and ``https://h:443`` compare equal."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.scheme, (parts.hostname or "").lower(), parts.port or default)


@dataclass(frozen=True)
class FilingRef:
    """One filing as listed in the submissions JSON: enough to fetch and to pick forms."""

    cik: int
    accession: str
    form: str
    filed_date: date
    report_date: date | None
    file_number: str
    primary_document: str


def parse_submissions(json_bytes: bytes, cik: int) -> tuple[list[FilingRef], list[str]]:
    """Read a submissions JSON or one of its older pages into (filings, older page names).

    The main file nests the columnar arrays at ``filings.recent`` and lists older pages in
    ``filings.files``; an older page carries the same columns at its top level.
    """
    doc = _load_object(json_bytes, cik)
    filings = doc.get("filings")
    if isinstance(filings, dict):
        columns, pages = filings.get("recent"), _page_names(filings.get("files", []), cik)
    else:
        columns, pages = doc, []
    if not isinstance(columns, dict):
        raise MalformedResponse(f"CIK {cik}: submissions JSON has no filings.recent object")
    return _rows(columns, cik), pages


def _load_object(json_bytes: bytes, cik: int) -> dict[str, Any]:
    try:
        doc = json.loads(json_bytes)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedResponse(f"CIK {cik}: submissions response is not JSON ({exc})") from exc
    except RecursionError:
        raise MalformedResponse(f"CIK {cik}: submissions JSON is nested too deeply to be "
                                "EDGAR's") from None
    if not isinstance(doc, dict):
        raise MalformedResponse(f"CIK {cik}: submissions JSON is not an object")
    stated = doc.get("cik")
    if stated is not None and str(stated).lstrip("0") != str(cik):
        raise MalformedResponse(f"submissions JSON for CIK {stated} served when asking for {cik}")
    return doc


def _page_names(files: Any, cik: int) -> list[str]:
    if not isinstance(files, list) or not all(isinstance(f, dict) and "name" in f for f in files):
        raise MalformedResponse(f"CIK {cik}: filings.files is not a list of {{name: ...}}")
    return [str(f["name"]) for f in files]


def _rows(columns: dict[str, Any], cik: int) -> list[FilingRef]:
    missing = [c for c in _REQUIRED_COLUMNS if not isinstance(columns.get(c), list)]
    if missing:
        raise MalformedResponse(f"CIK {cik}: submissions JSON lacks columns {missing}")
    n = len(columns["accessionNumber"])
    col = {name: _column(columns, name, n, cik) for name in _ALL_COLUMNS}
    return [
        FilingRef(
            cik=cik,
            accession=normalize_accession(col["accessionNumber"][i]),
            form=str(col["form"][i]),
            filed_date=_filing_date(col["filingDate"][i], cik),
            report_date=_report_date(col["reportDate"][i]),
            file_number=str(col["fileNumber"][i] or ""),
            primary_document=str(col["primaryDocument"][i] or ""),
        )
        for i in range(n)
    ]


_ALL_COLUMNS = (*_REQUIRED_COLUMNS, "reportDate", "fileNumber", "primaryDocument")


def _column(columns: dict[str, Any], name: str, n: int, cik: int) -> Sequence[Any]:
    """A column, or blanks when an optional one is absent; lengths must agree."""
    values = columns.get(name)
    if values is None and name not in _REQUIRED_COLUMNS:
        return [""] * n
    if not isinstance(values, list) or len(values) != n:
        raise MalformedResponse(f"CIK {cik}: column {name!r} does not have {n} entries")
    return values


def _filing_date(value: Any, cik: int) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise MalformedResponse(f"CIK {cik}: filingDate {value!r} is not YYYY-MM-DD") from exc


def _report_date(value: Any) -> date | None:
    """Blank for many forms; an unreadable one is informational only, so it becomes None."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
