"""EDGAR's index files read into rows: pure, so every layout SEC ever served is unit-tested.

One parser for every layout in the corpus, told apart by the column title above the dashes:

* ``form`` (daily ``form.YYYYMMDD.idx``, quarterly ``full-index/.../form.idx``): fixed width,
  form type first;
* ``company`` / ``crawler``: company name first, the title wrapped over two lines in recent
  daily files (``... Form Type   CIK`` then ``Date Filed  File Name``), URL last in crawler;
* ``master``: ``CIK|Company Name|Form Type|Date Filed|File Name`` pipe rows.

Fixed-width rows are read from the right (file, date, CIK are single tokens) because real
company names overflow their 62-character column (e.g. "... A LIMITED PARTNER  820694").
Dates are ``YYYYMMDD`` in daily files and ``YYYY-MM-DD`` in quarterly ones. A line that matches
no layout is counted in ``IndexFile.unreadable``, never silently turned into a filing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.errors import MalformedResponse
from foundation.identifiers import ACCESSION_PATTERN, normalize_accession

__all__ = ["IndexEntry", "IndexFile", "parse_index"]

_DASHES = re.compile(r"-{40,}\s*")
_TAIL = re.compile(
    r"^(?P<left>.*?)\s+(?P<cik>\d{1,10})\s+(?P<date>\d{8}|\d{4}-\d{2}-\d{2})\s+"
    r"(?P<file>\S+)\s*$"
)
_ACCESSION_IN = re.compile(f"({ACCESSION_PATTERN})" + r"(?:-index\.html?|\.txt)$")
_FORM_WIDTH = 12
#: Lines an index prints above its dashes (title, "Last Data Received", column titles).
_MAX_HEAD_LINES = 200


@dataclass(frozen=True)
class IndexEntry:
    """One line of an index: one filer (``cik``) of one submission (``accession``)."""

    form: str
    company: str
    cik: int
    filed: date
    accession: str


@dataclass
class IndexFile:
    """The rows of one index file and the count of lines no layout could read."""

    layout: str  # "form", "company" or "master"
    entries: list[IndexEntry] = field(default_factory=list)
    unreadable: int = 0
    received: date | None = None  # "Last Data Received": the last day the file covers


def parse_index(data: bytes | Iterable[bytes], source: str = "index",
                keep: Callable[[IndexEntry], bool] | None = None) -> IndexFile:
    """Read any EDGAR index file (its bytes, or its lines: an open file streams it);
    ``source`` (its URL) names it in error messages. With ``keep``, only the entries it
    accepts are kept, so a quarterly index of half a million rows costs memory for the few
    that matter, not for every row."""
    lines = iter(io.BytesIO(data) if isinstance(data, bytes) else data)
    head: list[str] = []
    dashes = False
    for raw in lines:
        line = raw.decode("latin-1").rstrip("\r\n")
        if (dashes := _DASHES.fullmatch(line) is not None) or len(head) >= _MAX_HEAD_LINES:
            break
        head.append(line)
    if not dashes:
        raise MalformedResponse(
            f"{source}: no line of dashes under a column title; not an EDGAR index file "
            "(an error page served as 200?)"
        )
    layout = _layout(head, source)
    result = IndexFile(layout, received=_received(head))
    for raw in lines:
        line = raw.decode("latin-1").rstrip("\r\n")
        if not line.strip():
            continue
        entry = _row(layout, line)
        if entry is None:
            result.unreadable += 1
        elif keep is None or keep(entry):
            result.entries.append(entry)
    return result


def _layout(head: list[str], source: str) -> str:
    """The layout named by the column title: the last non-blank line(s) above the dashes."""
    titles = [line.strip() for line in head if line.strip()]
    for title in reversed(titles[-2:]):
        if title.startswith("CIK|"):
            return "master"
        if title.startswith("Form Type"):
            return "form"
        if title.startswith("Company Name"):
            return "company"
    raise MalformedResponse(f"{source}: unknown column title {titles[-1:]!r}")


def _received(head: list[str]) -> date | None:
    """``Last Data Received:    Jul  3, 2023`` (daily) or ``March 31, 2021`` (quarterly)."""
    for line in head:
        label, _, value = line.partition(":")
        if label.strip() == "Last Data Received":
            for pattern in ("%b %d, %Y", "%B %d, %Y"):
                try:
                    return datetime.strptime(" ".join(value.split()), pattern).date()
                except ValueError:
                    continue
    return None


def _row(layout: str, line: str) -> IndexEntry | None:
    if layout == "master":
        parts = line.split("|")
        if len(parts) != 5:
            return None
        cik, company, form, filed, name = parts
        return _entry(form, company, cik, filed, name)
    match = _TAIL.match(line)
    if match is None:
        return None
    form, company = _split_left(layout, match["left"])
    return _entry(form, company, match["cik"], match["date"], match["file"])


def _split_left(layout: str, left: str) -> tuple[str, str]:
    """(form, company) from the text before the CIK column."""
    if layout == "form":
        if len(left) > _FORM_WIDTH and left[_FORM_WIDTH - 1] == " ":
            return left[:_FORM_WIDTH].strip(), left[_FORM_WIDTH:].strip()
        form, _, company = left.strip().partition("  ")
        return form, company.strip()
    company, _, form = left.rstrip().rpartition("  ")
    return form.strip(), company.strip()


def _entry(form: str, company: str, cik: str, filed: str, name: str) -> IndexEntry | None:
    match = _ACCESSION_IN.search(name.strip())
    if not form.strip() or not cik.strip().isdigit() or match is None:
        return None
    try:
        day = date.fromisoformat(filed.strip()) if "-" in filed else _yyyymmdd(filed.strip())
        accession = normalize_accession(match.group(1))
    except ValueError:  # InvalidIdentifier too
        return None
    return IndexEntry(form.strip(), company.strip(), int(cik), day, accession)


def _yyyymmdd(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
