"""Write an EDGAR-shaped directory that ``StandinServer`` serves verbatim.

Paths under ``root`` are EDGAR's URL paths, for both hosts at once (they never collide):

* ``Archives/edgar/data/{cik}/{folder}/{accession}.txt``   full SGML submission
* ``Archives/edgar/data/{cik}/{folder}/{document}``        each document alone
* ``Archives/edgar/data/{cik}/{folder}/index.json``        folder listing
* ``Archives/edgar/data/{cik}/{folder}/{accession}-index.htm`` (and ``.html``) filing index page
* ``Archives/edgar/data/{cik}/index.json``                 the CIK's accession folders
* ``Archives/edgar/data/{cik}/{folder}/{accession}-index-headers.html``  header page
* ``submissions/CIK##########.json`` (+ ``-submissions-NNN.json`` pages)   data.sec.gov
* ``Archives/edgar/daily-index/...`` and ``full-index/...``  (``write_indexes``)

A joint submission (``TreeFiling.co_filers``) is written under every filer's CIK, as EDGAR
serves it from each filer's folder.

Archive files are written when a filing is added; the per-CIK files need every filing of the
CIK, so they are (re)written by ``write_submissions``. Every write is atomic (temp file +
rename) so a server running over the same root never serves half a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from foundation.durable import replacing
from lab.standin.headers_page import index_headers_html
from lab.standin.index_page import filing_index_html
from lab.standin.index_tree import write_index_tree
from lab.standin.indexes import index_rows
from lab.standin.listings import cik_index_json, filing_index_json
from lab.standin.model import DEFAULT_ADDRESS, Address, CoFiler, TreeDocument, TreeFiling
from lab.standin.sgml import full_submission_text
from lab.standin.submissions import submission_pages, submissions_json

__all__ = [
    "DEFAULT_ADDRESS",
    "Address",
    "CoFiler",
    "EdgarTree",
    "TreeDocument",
    "TreeFiling",
    "full_submission_text",
]

ENCODING = "utf-8"


def _write_atomic(path: Path, data: bytes, modified: datetime | None = None) -> None:
    """Write via temp file + rename; ``modified`` becomes the mtime (served as Last-Modified).
    No fsync: the tree is rebuilt by whoever needs it after a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, durable=False) as tmp:
        tmp.write_bytes(data)
        if modified is not None:  # naive times are UTC, so Last-Modified is machine-independent
            stamp = (modified if modified.tzinfo else modified.replace(tzinfo=UTC)).timestamp()
            os.utime(tmp, (stamp, stamp))


def _check_filename(f: TreeFiling, name: str) -> None:
    """A document name is one path segment that cannot shadow a file EDGAR generates."""
    generated = {"index.json", f"{f.accession}.txt", f"{f.accession}-index.htm",
                 f"{f.accession}-index.html"}
    if not name or "/" in name or "\\" in name or name in (".", "..") or name in generated:
        raise ValueError(f"document name {name!r} of {f.accession} is not a plain file name "
                         "distinct from EDGAR's generated files")


class EdgarTree:
    """An EDGAR-shaped directory under ``root``, built one filing at a time."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._filings: dict[int, dict[str, TreeFiling]] = {}
        self._sizes: dict[str, int] = {}  # recorded submissions' sizes, by accession

    def archive_dir(self, cik: int, accession: str) -> Path:
        """The filing's folder: ``Archives/edgar/data/{cik}/{accession without dashes}``."""
        return self.root / "Archives" / "edgar" / "data" / str(cik) / accession.replace("-", "")

    def filings(self, cik: int) -> list[TreeFiling]:
        """The filings added for ``cik`` so far, in the order they were added."""
        return list(self._filings.get(cik, {}).values())

    @property
    def ciks(self) -> list[int]:
        """Every CIK with at least one added filing."""
        return sorted(self._filings)

    def add_filing(self, f: TreeFiling, *, recorded: bytes | None = None) -> None:
        """Write the filing's Archives files now (under each filer's CIK); re-adding replaces.
        ``recorded``: a real submission's bytes, served verbatim as ``{accession}.txt``
        (``f`` then describes it for the listings, :func:`lab.samples.recorded_filing`)."""
        for doc in f.documents:
            _check_filename(f, doc.filename)
        if len({d.filename for d in f.documents}) != len(f.documents):
            raise ValueError(f"filing {f.accession} names one document file twice")
        for filer in f.filers:
            self._write_archive(f, self.archive_dir(filer.cik, f.accession), recorded)
            self._filings.setdefault(filer.cik, {})[f.accession] = f
            if recorded is not None:
                self._sizes[f.accession] = len(recorded)

    def _write_archive(self, f: TreeFiling, folder: Path, recorded: bytes | None) -> None:
        when = f.accepted
        sizes = {}
        for doc in f.documents:
            data = doc.text.encode(ENCODING)
            sizes[doc.filename] = len(data)
            _write_atomic(folder / doc.filename, data, when)
        full = recorded if recorded is not None else full_submission_text(f).encode(ENCODING)
        _write_atomic(folder / f"{f.accession}.txt", full, when)
        _write_atomic(folder / "index.json", filing_index_json(f, sizes), when)
        page = filing_index_html(f, sizes, len(full))
        _write_atomic(folder / f"{f.accession}-index.htm", page, when)
        _write_atomic(folder / f"{f.accession}-index.html", page, when)
        _write_atomic(folder / f"{f.accession}-index-headers.html", index_headers_html(f), when)

    def all_filings(self) -> list[TreeFiling]:
        """Every distinct filing added, in filing-date order."""
        unique = {f.accession: f for by_acc in self._filings.values() for f in by_acc.values()}
        return sorted(unique.values(), key=lambda f: (f.filed, f.accession))

    def write_indexes(self, start: date | None = None, end: date | None = None, *,
                      wrapped: bool | None = None,
                      extra_closed: Iterable[date] = ()) -> list[date]:
        """Write daily indexes for every business day ``start..end`` and the quarterly ones.

        Defaults span the first to the last filing date. ``wrapped`` forces the company/crawler
        column-title layout (default: wrapped, as every recent daily index in the corpus).
        Returns the days written; any other day's index is "unpublished" (403 when served).
        """
        filings = self.all_filings()
        if not filings and (start is None or end is None):
            raise ValueError("no filings yet: pass start and end to write empty indexes")
        first = start or filings[0].filed
        last = end or filings[-1].filed
        return write_index_tree(self.root, index_rows(filings), first, last, _write_atomic,
                                wrapped=wrapped, extra_closed=extra_closed)

    def full_size(self, f: TreeFiling) -> int:
        """Bytes of the filing's complete submission text file (the submissions ``size``)."""
        if f.accession in self._sizes:
            return self._sizes[f.accession]
        return len(full_submission_text(f).encode(ENCODING))

    def write_submissions(self, page_size: int = 1000) -> None:
        """(Re)write each CIK's submissions JSON (paged past ``page_size``) and folder listing."""
        for cik, by_accession in self._filings.items():
            filings = list(by_accession.values())
            pages = submission_pages(filings, self.full_size, page_size, cik=cik)
            directory = self.root / "submissions"
            for stale in directory.glob(f"CIK{cik:010d}-submissions-*.json"):
                if stale.name not in pages:
                    stale.unlink()
            for name, obj in pages.items():
                _write_atomic(directory / name, submissions_json(obj))
            _write_atomic(self.root / "Archives" / "edgar" / "data" / str(cik) / "index.json",
                          cik_index_json(cik, filings))
