"""browse-edgar's Atom company feed read into (companies, filings): pure, tested on real feeds.

``action=getcompany&filenum=...&output=atom`` is how EDGAR answers "who files under this SEC
file number". One matching company gives a feed with ``<company-info>``; the filings' links
(``/Archives/edgar/data/{cik}/...``) name the filer of each entry, so a feed covering several
companies is still readable. When nothing matches EDGAR answers 200 with an HTML "No matching
..." page instead of a feed: that is an empty result, not an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date

from crawler.errors import MalformedResponse
from foundation.identifiers import normalize_accession

__all__ = ["AtomEntry", "AtomFeed", "parse_company_feed"]

_NS = "{http://www.w3.org/2005/Atom}"
_CIK_IN_HREF = re.compile(r"/Archives/edgar/data/(\d{1,10})/")


@dataclass(frozen=True)
class AtomEntry:
    """One filing of the feed, under the filer its link points into."""

    cik: int
    accession: str
    form: str
    filed: date
    file_number: str


@dataclass
class AtomFeed:
    """``companies`` maps CIK to conformed name where the feed states it."""

    companies: dict[int, str] = field(default_factory=dict)
    entries: list[AtomEntry] = field(default_factory=list)

    @property
    def ciks(self) -> list[int]:
        """Every CIK the feed names, in first-seen order."""
        seen = dict.fromkeys(self.companies)
        seen.update(dict.fromkeys(e.cik for e in self.entries))
        return list(seen)


def parse_company_feed(data: bytes, source: str = "browse-edgar") -> AtomFeed:
    """The feed's companies and filings; an HTML "No matching" page gives an empty feed."""
    head = data[:2048].lstrip().lower()
    if not head.startswith(b"<?xml") and b"<feed" not in head:
        if b"no matching" in data.lower():
            return AtomFeed()
        raise MalformedResponse(f"{source}: neither an Atom feed nor EDGAR's 'No matching' page")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MalformedResponse(f"{source}: Atom feed is not well-formed XML ({exc})") from exc
    feed = AtomFeed()
    info = root.find(f"{_NS}company-info")
    if info is not None:
        cik, name = _text(info, "cik"), _text(info, "conformed-name")
        if cik.isdigit():
            feed.companies[int(cik)] = name
    for node in root.iter(f"{_NS}entry"):
        entry = _entry(node)
        if entry is not None:
            feed.entries.append(entry)
    return feed


def _text(node: ET.Element, tag: str) -> str:
    child = node.find(f"{_NS}{tag}")
    return (child.text or "").strip() if child is not None else ""


def _entry(node: ET.Element) -> AtomEntry | None:
    """An entry without a readable accession, date or filer link is not a filing we can use."""
    content = node.find(f"{_NS}content")
    if content is None:
        return None
    href = _CIK_IN_HREF.search(_text(content, "filing-href"))
    try:
        accession = normalize_accession(_text(content, "accession-number"))
        filed = date.fromisoformat(_text(content, "filing-date"))
    except ValueError:  # InvalidIdentifier too
        return None
    if href is None:
        return None
    return AtomEntry(int(href.group(1)), accession, _text(content, "filing-type"), filed,
                     _text(content, "file-number"))
