"""``/cgi-bin/browse-edgar?action=getcompany&company=...``: EDGAR's company search pages.

The three answers copy the real captures (sec-edgar ``CIK/cik_multiple_results.html``,
``single_cik_multiple_filings_10k.html``, ``cik_not_found.html``; copies in
``tests/fixtures/edgar/company-search-*.html``): several matches give the "Companies with names
matching" page, a ``tableFile2`` table with unclosed cells and a "Next N" button when more rows
exist than ``count``; exactly one gives that company's page (``companyName`` span, then
``identInfo``); none gives "No matching company.".

Matching is a judgement where the corpus has no capture: the search text, with runs of spaces
folded, is a case-insensitive substring of the name (``match=contains``) or its start
(EDGAR's default, "begins with").
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from lab.standin.model import Filer

__all__ = ["company_page", "matching_companies", "search_results_page"]

_HEAD = ('<!doctype html><html lang=eng><title>{title}</title><body style=margin:0>'
         '<div id=contentDiv>')


def matching_companies(filers: Sequence[Filer], text: str, contains: bool) -> list[Filer]:
    """One filer per CIK whose name matches ``text``, by name as EDGAR lists them."""
    wanted = " ".join(text.split()).upper()
    found: dict[int, Filer] = {}
    for x in filers:
        name = " ".join(x.company.split()).upper()
        if (wanted in name) if contains else name.startswith(wanted):
            found.setdefault(x.cik, x)
    return sorted(found.values(), key=lambda x: (x.company.upper(), x.cik))


def _state(x: Filer) -> str:
    return x.business_address.state if x.business_address else ""


def search_results_page(text: str, matches: Sequence[Filer], start: int, count: int) -> bytes:
    """The "Companies with names matching" page for rows ``start .. start+count``."""
    shown = matches[start:start + count]
    rows = []
    for i, x in enumerate(shown):
        cls = " class=blueRow" if i % 2 else ""
        state = _state(x)
        state_cell = (f'<td valign=top scope=row><a href="/cgi-bin/browse-edgar?action='
                      f'getcompany&State={escape(state)}&owner=exclude&count=40&hidefilings=0">'
                      f"{escape(state)}</a>") if state else "<td scope=row>"
        rows.append(f'<tr{cls}><td valign=top scope=row><a href="/cgi-bin/browse-edgar?action='
                    f'getcompany&CIK={x.cik:010d}&owner=exclude&count=40&hidefilings=0">'
                    f"{x.cik:010d}</a><td scope=row>{escape(x.company)}{state_cell}")
    more = ""
    if start + count < len(matches):
        more = (f"<form><input type=button value=\"Next {count}\" onclick=\"parent.location="
                f"'/cgi-bin/browse-edgar?action=getcompany&company={escape(text)}&owner=exclude"
                f"&match=&start={start + count}&count={count}&hidefilings=0'\"></form>")
    body = (_HEAD.format(title="EDGAR Search Results")
            + f'<span class=companyMatch>Companies with names matching "{escape(text.upper())}"'
            f"</span><br><span class=items>Items {start + 1} - {start + len(shown)}</span>"
            "<div id=seriesDiv><table class=tableFile2 summary=Results><tr><th width=6% "
            'scope=col><acronym title="Central Index Key">CIK</acronym><th width=79% '
            "scope=col>Company<th width=15% scope=col>State/Country"
            + "".join(rows) + "</table></div>" + more + "</div></html>")
    return body.encode("latin-1", errors="xmlcharrefreplace")


def company_page(x: Filer) -> bytes:
    """The company page EDGAR answers when exactly one filer matches."""
    state = _state(x)
    body = (_HEAD.format(title=f"EDGAR Filing Information for {escape(x.company)}")
            + "<div class=companyInfo><span class=companyName>"
            f'{escape(x.company)} <acronym title="Central Index Key">CIK</acronym>#: '
            f'<a href="/cgi-bin/browse-edgar?action=getcompany&CIK={x.cik:010d}&owner=exclude'
            f'&count=40">{x.cik:010d} (see all company filings)</a></span>'
            f'<p class=identInfo><acronym title="Standard Industrial Code">SIC</acronym>: '
            f"{x.sic}<br>State location: {escape(state)} | State of Inc.: "
            f"<strong>{escape(x.state or '')}</strong></div></div></html>")
    return body.encode("latin-1", errors="xmlcharrefreplace")
