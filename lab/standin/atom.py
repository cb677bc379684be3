"""``/cgi-bin/browse-edgar?action=getcompany&...&output=atom``: company feeds by CIK or file number.

``company=NAME`` (a search by name) answers EDGAR's HTML search pages instead
(:mod:`lab.standin.company_search`).

The feed copies the real captures (edgarkit ``atom.xml``/``atom1.xml``): ISO-8859-1 declaration,
two-space indented ``<feed>``, ``<company-info>`` then one ``<entry>`` per filing, newest
first, with the same child order, hrefs on https://www.sec.gov and the ``-04:00`` offsets.

Matching (a judgement where the corpus has no capture, see the module tests):
* ``CIK=`` matches the filer's CIK (any zero padding); ``type=`` is a prefix of the form, as
  on EDGAR (``type=10-D`` also lists 10-D/A).
* ``filenum=`` matches SEC FILE NUMBER exactly, per filer: the depositor's shelf
  ``333-106175`` and the trust's ``333-106175-06`` are different numbers. One matching filer
  gives that company's feed restricted to the number; several (joint filers sharing a number)
  give one feed without ``<company-info>`` whose entries link into each filer's folder.
* Nothing matching answers 200 ``text/html`` "No matching ..." (edgarWebR's capture
  ``browse-edgar-63ab6a.html`` for an unknown company requested with ``output=atom``); clients
  detect it by the content type or the phrase, as edgarWebR and edgartools do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from urllib.parse import parse_qs

from lab.standin.company_search import company_page, matching_companies, search_results_page
from lab.standin.index_page import FORM_NAMES
from lab.standin.messages import Request, Response
from lab.standin.model import Address, Filer, TreeFiling, sic_description
from lab.standin.submissions import newest_first

__all__ = ["BrowseEdgar", "company_feed", "no_match_html"]

WWW = "https://www.sec.gov"
_BROWSE = f"{WWW}/cgi-bin/browse-edgar?action=getcompany"
Loader = Callable[[], Sequence[TreeFiling]]


def _address(kind: str, a: Address | None) -> str:
    if a is None:
        return ""
    parts = [f"          <city>{escape(a.city)}</city>"]
    if kind == "business" and a.phone:
        parts.append(f"          <phone>{escape(a.phone)}</phone>")
    parts += [f"          <state>{escape(a.state)}</state>",
              f"          <street1>{escape(a.street1)}</street1>"]
    if a.street2:
        parts.append(f"          <street2>{escape(a.street2)}</street2>")
    parts.append(f"          <zip>{escape(a.zip)}</zip>")
    return f'        <address type="{kind}">\n' + "\n".join(parts) + "\n        </address>\n"


def _company_info(x: Filer) -> str:
    cik = f"{x.cik:010d}"
    state = x.business_address.state if x.business_address else ""
    rows = [
        "      <addresses>\n" + _address("mailing", x.mail_address)
        + _address("business", x.business_address) + "      </addresses>",
        f"      <assigned-sic>{x.sic}</assigned-sic>",
        f"      <assigned-sic-desc>{escape(sic_description(x.sic).upper())}</assigned-sic-desc>",
        f"      <assigned-sic-href>{_BROWSE}&amp;SIC={x.sic}&amp;owner=exclude&amp;count=100"
        "</assigned-sic-href>",
        f"      <cik>{cik}</cik>",
        f"      <cik-href>{_BROWSE}&amp;CIK={cik}&amp;owner=exclude&amp;count=100</cik-href>",
        f"      <conformed-name>{escape(x.company)}</conformed-name>",
        f"      <fiscal-year-end>{x.fiscal_year_end or ''}</fiscal-year-end>",
        f"      <state-location>{escape(state)}</state-location>",
        f"      <state-location-href>{_BROWSE}&amp;State={escape(state)}&amp;owner=exclude"
        "&amp;count=100</state-location-href>",
    ]
    if x.state:
        rows.append(f"      <state-of-incorporation>{escape(x.state)}</state-of-incorporation>")
    return "    <company-info>\n" + "\n".join(rows) + "\n    </company-info>\n"


def _size(n: int) -> str:
    return f"{max(1, round(n / 1024))} KB" if n < 1024 * 1024 else f"{round(n / 1048576)} MB"


def _entry(f: TreeFiling, x: Filer, size: int) -> str:
    href = f"{WWW}/Archives/edgar/data/{x.cik}/{f.folder}/{f.accession}-index.htm"
    stamp = f.accepted.strftime("%Y-%m-%dT%H:%M:%S-04:00")
    content = [f"        <accession-number>{f.accession}</accession-number>",
               f"        <act>{f.act_code}</act>"]
    if x.file_number:
        content += [f"        <file-number>{x.file_number}</file-number>",
                    f"        <file-number-href>{_BROWSE}&amp;filenum={x.file_number}"
                    "&amp;owner=exclude&amp;count=100</file-number-href>"]
    content += [f"        <filing-date>{f.filed.isoformat()}</filing-date>",
                f"        <filing-href>{href}</filing-href>",
                f"        <filing-type>{escape(f.form)}</filing-type>",
                f"        <film-number>{x.film}</film-number>",
                f"        <form-name>{escape(FORM_NAMES.get(f.form, ''))}</form-name>",
                f"        <size>{_size(size)}</size>"]
    summary = (f" &lt;b&gt;Filed:&lt;/b&gt; {f.filed.isoformat()} &lt;b&gt;AccNo:&lt;/b&gt; "
               f"{f.accession} &lt;b&gt;Size:&lt;/b&gt; {_size(size)}")
    return ("    <entry>\n"
            f'      <category label="form type" scheme="{WWW}/" term="{escape(f.form)}" />\n'
            '      <content type="text/xml">\n' + "\n".join(content) + "\n      </content>\n"
            f"      <id>urn:tag:sec.gov,2008:accession-number={f.accession}</id>\n"
            f'      <link href="{href}" rel="alternate" type="text/html" />\n'
            f'      <summary type="html">{summary}</summary>\n'
            f"      <title>{escape(f.form)}  - {escape(FORM_NAMES.get(f.form, ''))}</title>\n"
            f"      <updated>{stamp}</updated>\n    </entry>\n")


def company_feed(entries: Sequence[tuple[TreeFiling, Filer]], info: Filer | None, query: str,
                 size_of: Callable[[TreeFiling], int]) -> bytes:
    """The Atom document: ``info`` is the one matching company (None for several)."""
    title = f"{info.company}  ({info.cik:010d})" if info else "EDGAR filings by file number"
    self_href = f"{WWW}/cgi-bin/browse-edgar?{escape(query)}"
    html_query = "&".join(p for p in query.split("&") if not p.lower().startswith("output="))
    html_href = f"{WWW}/cgi-bin/browse-edgar?{escape(html_query)}"
    newest = max((f.accepted for f, _ in entries), default=None)
    updated = newest.strftime("%Y-%m-%dT%H:%M:%S-04:00") if newest else ""
    body = ('<?xml version="1.0" encoding="ISO-8859-1" ?>\n'
            '  <feed xmlns="http://www.w3.org/2005/Atom">\n'
            "    <author>\n      <email>webmaster@sec.gov</email>\n"
            "      <name>Webmaster</name>\n    </author>\n"
            + (_company_info(info) if info else "")
            + "".join(_entry(f, x, size_of(f)) for f, x in entries)
            + f"    <id>{self_href}</id>\n"
            f'    <link href="{html_href}" rel="alternate" type="text/html" />\n'
            f'    <link href="{self_href}" rel="self" type="application/atom+xml" />\n'
            f"    <title>{escape(title)}</title>\n    <updated>{updated}</updated>\n"
            "  </feed>\n")
    return body.encode("iso-8859-1", errors="xmlcharrefreplace")


def no_match_html(what: str) -> bytes:
    """browse-edgar's page when nothing matches (trimmed from the real capture)."""
    return ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n'
            '<html lang="ENG">\n\n<head>\n<title>Company Information: </title>\n</head>\n\n'
            '<body style="margin: 0">\n<div style="margin-left: 10px">\n'
            f"<p><center><h1>No matching {escape(what)}.</h1></center></p>\n</table>\n"
            ).encode()


class BrowseEdgar:
    """Route handler for ``/cgi-bin/browse-edgar``; ``load`` returns every filing in the tree."""

    def __init__(self, load: Loader, size_of: Callable[[TreeFiling], int]) -> None:
        self.load, self.size_of = load, size_of

    def __call__(self, request: Request) -> Response:
        q = {k.lower(): v[0] for k, v in parse_qs(request.query).items()}
        if q.get("action", "").lower() != "getcompany":
            return Response(200, no_match_html("action"), "text/html")
        if "company" in q and not q.get("cik") and "filenum" not in q:
            return self._company_search(q)
        pairs = self._match(q)
        if not pairs:
            what = "file number" if "filenum" in q else (
                "CIK" if q.get("cik", "").isdigit() else "Ticker Symbol")
            return Response(200, no_match_html(what), "text/html")
        ciks = {x.cik for _, x in pairs}
        info = pairs[0][1] if len(ciks) == 1 else None
        form = q.get("type", "")
        shown = [(f, x) for f, x in pairs if f.form.upper().startswith(form.upper())]
        count = int(q["count"]) if q.get("count", "").isdigit() else 40
        start = int(q["start"]) if q.get("start", "").isdigit() else 0
        body = company_feed(shown[start:start + count], info, request.query, self.size_of)
        if q.get("output", "").lower() == "atom":
            return Response(200, body, "application/atom+xml")
        return Response(200, body, "application/xml")

    def _company_search(self, q: dict[str, str]) -> Response:
        """Filers by name: the results list, the one company's page, or "No matching"."""
        filers = [x for f in self.load() for x in f.filers]
        found = matching_companies(filers, q["company"], q.get("match", "") == "contains")
        if not found:
            return Response(200, no_match_html("company"), "text/html")
        if len(found) == 1:
            return Response(200, company_page(found[0]), "text/html")
        count = int(q["count"]) if q.get("count", "").isdigit() else 40
        start = int(q["start"]) if q.get("start", "").isdigit() else 0
        return Response(200, search_results_page(q["company"], found, start, count), "text/html")

    def _match(self, q: dict[str, str]) -> list[tuple[TreeFiling, Filer]]:
        filings = newest_first(self.load())
        if "filenum" in q:
            number = q["filenum"].strip()
            return [(f, x) for f in filings for x in f.filers if x.file_number == number]
        raw = q.get("cik", "").strip()
        if not raw.isdigit():
            return []
        cik = int(raw)
        return [(f, f.filer(cik)) for f in filings if cik in {x.cik for x in f.filers}]
