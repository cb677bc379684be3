"""SEC file number -> the CIK(s) filing under it, asked of EDGAR once and cached under ABSDW_HOME.

A trust's monthly reports are filed under its own number (``333-106175-06``: the depositor's
shelf ``333-106175`` plus the series), which is what prospectuses and trustee sites print; the
CIK is what EDGAR's APIs want. EDGAR's browse-edgar Atom feed for ``filenum=`` lists the
filings under that number with links into each filer's folder; when it does not name a company
(several filers share the number) the FILER blocks of one filing header per CIK supply the
name and confirm which filer holds the number. Reading those blocks is parsing, so the caller
hands over the reader (``read_filers``: ``parsers.read_filers`` in absdw). Every submission
parsed later teaches the cache too (``FileNumberCache.learn`` with its header's filers), at no
request cost.

Resolution never decides for the user: ``FileNumberMatch`` lists what EDGAR says and the caller
chooses (absdw refuses several matches unless told ``--all-matches``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from crawler.atom import AtomFeed, parse_company_feed
from crawler.discover import Fetcher
from crawler.errors import MalformedResponse, NotFound
from crawler.statefile import read_json, write_json
from foundation.identifiers import check_file_number

__all__ = ["FileNumberCache", "FileNumberMatch", "FilerBlock", "ReadFilers",
           "resolve_file_number"]

_REMEDY = "delete it: absdw asks EDGAR again (one request per file number)"


class FilerBlock(Protocol):
    """What a FILER block says (``parsers.model.Filer`` in absdw)."""

    @property
    def cik(self) -> int: ...
    @property
    def company(self) -> str: ...
    @property
    def file_number(self) -> str | None: ...


#: Header text (a filing's ``-index-headers.html`` page) -> its FILER blocks.
ReadFilers = Callable[[str], Iterable[FilerBlock]]


@dataclass(frozen=True)
class FileNumberMatch:
    """What EDGAR says files under ``file_number``; ``names`` maps CIK to company name."""

    file_number: str
    ciks: tuple[int, ...]
    names: dict[int, str] = field(default_factory=dict)
    cached: bool = False

    def describe(self) -> str:
        """``1268747 TERWIN MORTGAGE TRUST ..., 1300001 ...`` for messages."""
        return ", ".join(f"{cik} {self.names.get(cik, '(name unknown)')}" for cik in self.ciks)


class FileNumberCache:
    """``{file number: {"ciks": [...], "names": {cik: name}}}`` in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def get(self, file_number: str) -> FileNumberMatch | None:
        entry = self._load().get(check_file_number(file_number))
        if not entry:
            return None
        names = {int(k): str(v) for k, v in entry.get("names", {}).items()}
        return FileNumberMatch(file_number, tuple(int(c) for c in entry["ciks"]), names, True)

    def put(self, match: FileNumberMatch) -> None:
        """Remember a non-empty match (an empty one may become a match tomorrow)."""
        if not match.ciks:
            return
        doc = self._load()
        doc[match.file_number] = {
            "ciks": list(match.ciks),
            "names": {str(c): n for c, n in match.names.items()},
        }
        write_json(self.path, {"version": 1, "file_numbers": doc})

    def learn(self, filers: Iterable[FilerBlock]) -> int:
        """Add the (file number, CIK) pairs of FILER blocks; returns how many were new."""
        doc, added = self._load(), 0
        for filer in filers:
            if not filer.file_number:
                continue
            entry = doc.setdefault(filer.file_number, {"ciks": [], "names": {}})
            if filer.cik not in entry["ciks"]:
                entry["ciks"].append(filer.cik)
                added += 1
            entry["names"].setdefault(str(filer.cik), filer.company)
        if added:
            write_json(self.path, {"version": 1, "file_numbers": doc})
        return added

    def _load(self) -> dict[str, dict]:
        numbers = read_json(self.path, f"{self.path} caches file-number lookups; {_REMEDY}")
        table = numbers.get("file_numbers", {})
        if not isinstance(table, dict):
            raise MalformedResponse(f"{self.path}: 'file_numbers' is not an object; {_REMEDY}")
        return table


def resolve_file_number(
    client: Fetcher, file_number: str, cache: FileNumberCache | None = None, *,
    read_filers: ReadFilers,
) -> FileNumberMatch:
    """The CIKs filing under ``file_number`` (cached, else one browse-edgar request, plus one
    header request per CIK the feed does not name, read with ``read_filers``)."""
    number = check_file_number(file_number)
    if cache is not None and (hit := cache.get(number)) is not None:
        return hit
    url = client.endpoints.browse_file_number(number)
    feed = parse_company_feed(client.get(url), url)
    match = _match_from_feed(client, number, feed, read_filers)
    if cache is not None:
        cache.put(match)
    return match


def _match_from_feed(client: Fetcher, number: str, feed: AtomFeed,
                     read_filers: ReadFilers) -> FileNumberMatch:
    entries = [e for e in feed.entries if e.file_number in ("", number)]
    ciks = list(dict.fromkeys([*feed.companies, *(e.cik for e in entries)]))
    names = dict(feed.companies)
    for cik in list(ciks):
        if cik in names:
            continue
        sample = next(e for e in entries if e.cik == cik)
        filer = _filer_in_header(client, cik, sample.accession, read_filers)
        if filer is not None:
            names[cik] = filer.company
            if filer.file_number and filer.file_number != number:
                ciks.remove(cik)  # a co-filer listed by the feed under another number
    return FileNumberMatch(number, tuple(ciks), {c: names[c] for c in ciks if c in names})


def _filer_in_header(client: Fetcher, cik: int, accession: str,
                     read_filers: ReadFilers) -> FilerBlock | None:
    """The FILER block of ``cik`` in the filing's header page (None if unavailable)."""
    try:
        page = client.get(client.endpoints.index_headers(cik, accession))
    except (NotFound, MalformedResponse):
        return None
    return next((f for f in read_filers(page.decode("latin-1")) if f.cik == cik), None)
