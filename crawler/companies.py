"""EDGAR's company search (``browse-edgar?action=getcompany&company=...``) read into matches:
pure, tested on real pages (``corpus/edgar-samples/secedgar/CIK``).

EDGAR answers a name search with one of three HTML pages, none of them machine formats:

* "Companies with names matching ..." - a ``tableFile2`` table, one row per filer: CIK (a
  link), company name (former names after ``<br>`` as ``formerly: NAME (filings through
  ...)``), state. Cells are not closed; a "Next" button means more rows than were asked for.
* One company's own page, when exactly one filer matches: ``<span class=companyName>NAME
  <acronym>CIK</acronym>#: <a>0000320193 (see all company filings)</a></span>``, then its
  ``formerly:`` lines.
* "No matching ..." when nothing does.

Anything else (a changed layout, an error page) is :class:`UnexpectedSearchPage`, never an
empty result: "no trust by that name" must mean EDGAR said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

__all__ = ["CompanyMatch", "CompanySearch", "UnexpectedSearchPage", "parse_company_search"]


class UnexpectedSearchPage(ValueError):
    """The page is none of the three shapes EDGAR's company search answers with."""


@dataclass(frozen=True)
class CompanyMatch:
    """One filer whose name matched: its CIK, current name, former names, state."""

    cik: int
    name: str
    former_names: tuple[str, ...] = ()
    state: str | None = None


@dataclass
class CompanySearch:
    """What one search page said: the matches, and whether EDGAR has more than it showed."""

    matches: list[CompanyMatch] = field(default_factory=list)
    more: bool = False


_FORMERLY = re.compile(r"formerly:\s*(?P<name>.+?)\s*(?:\(filings through [^)]*\))?\s*$", re.I)
_CIK_IN_HREF = re.compile(r"[?&]CIK=(\d{1,10})(?:&|$)", re.I)
_COMPANY_PAGE = re.compile(
    r"<span class=\"?companyName\"?>(?P<name>.*?)<acronym[^>]*>CIK</acronym>#:\s*"
    r"<a [^>]*>(?P<cik>\d{1,10})", re.I | re.S)
_IDENT = re.compile(r"<p class=\"?identInfo\"?>(?P<body>.*?)</div>", re.I | re.S)
_NO_MATCH = re.compile(r"<h1>\s*No matching [^<]*</h1>", re.I)


class _ResultRows(HTMLParser):
    """Cells of the ``tableFile2`` table; ``<br>`` inside a cell kept as a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.hrefs: list[list[str]] = []
        self._in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and "tablefile2" in (a.get("class") or "").lower():
            self._in_table = True
        elif not self._in_table:
            return
        elif tag == "tr":
            self.rows.append([])
            self.hrefs.append([])
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
        elif tag == "br" and self.rows and self.rows[-1]:
            self.rows[-1][-1] += "\n"
        elif tag == "a" and self.hrefs:
            self.hrefs[-1].append(a.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False

    def handle_data(self, data: str) -> None:
        if self._in_table and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def _names(text: str) -> tuple[str, tuple[str, ...]]:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    former = tuple(m["name"] for line in lines[1:] if (m := _FORMERLY.match(line)))
    return (lines[0] if lines else ""), former


def _list_page(html: str) -> CompanySearch | None:
    table = _ResultRows()
    table.feed(html)
    if not table.rows:
        return None
    found = CompanySearch(more=bool(re.search(r"value=\"?Next \d+", html)))
    for cells, hrefs in zip(table.rows, table.hrefs, strict=True):
        if len(cells) < 2 or not cells[0].strip().isdigit():
            continue  # the header row
        ciks = [m[1] for h in hrefs if (m := _CIK_IN_HREF.search(h))]
        cik = int(ciks[0]) if ciks else int(cells[0])
        name, former = _names(cells[1])
        state = cells[2].strip() if len(cells) > 2 and cells[2].strip() else None
        found.matches.append(CompanyMatch(cik, name, former, state))
    return found


def _company_page(html: str) -> CompanySearch | None:
    m = _COMPANY_PAGE.search(html)
    if m is None:
        return None
    name = " ".join(unescape(re.sub(r"<[^>]+>", " ", m["name"])).split())
    former: tuple[str, ...] = ()
    state = None
    ident = _IDENT.search(html, m.end())
    if ident:
        lines = unescape(re.sub(r"<(?!br)[^>]+>", "", ident["body"])).split("<br>")
        former = tuple(f["name"] for line in lines if (f := _FORMERLY.match(line.strip())))
        st = re.search(r"State location:\s*(\w{2})", " ".join(lines))
        state = st[1] if st else None
    return CompanySearch([CompanyMatch(int(m["cik"]), name, former, state)])


def parse_company_search(data: bytes) -> CompanySearch:
    """The matches on one company-search page; :class:`UnexpectedSearchPage` if it is none
    of the shapes EDGAR answers with."""
    html = data.decode("latin-1")
    for read in (_list_page, _company_page):
        found = read(html)
        if found is not None and found.matches:
            return found
    if _NO_MATCH.search(html):
        return CompanySearch()
    title = re.search(r"<title>(.*?)</title>", html, re.I | re.S)
    raise UnexpectedSearchPage(
        "EDGAR's company search answered a page absdw cannot read"
        + (f" (title {' '.join(title[1].split())!r})" if title else "")
        + ": no result table, company page or 'No matching' heading")
