"""Find a trust's filings of interest from its submissions JSON and every older page of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from crawler.edgar import Endpoints, FilingRef, incomplete_json, parse_submissions
from foundation.defaults import FORMS

__all__ = ["Fetcher", "discover_filings"]


class Fetcher(Protocol):
    """What discovery and crawling need from a client (``EdgarClient`` in production)."""

    endpoints: Endpoints

    def get(self, url: str, *, max_bytes: int | None = None,
            complete: Callable[[bytes], str | None] | None = None) -> bytes:
        """The body at ``url`` (``max_bytes`` overrides the client's size limit; ``complete``
        refuses a cut-short body, which is then retried)."""
        ...

    def download(self, url: str, target: Path, *, max_bytes: int | None = None) -> int:
        """Stream the body at ``url`` into the file ``target``; returns its size."""
        ...


def discover_filings(
    client: Fetcher, cik: int, forms: Iterable[str] | None = FORMS
) -> list[FilingRef]:
    """All filings of ``cik`` with a form in ``forms`` (None: every form).

    Deduplicated by accession (a filing can appear on two pages while EDGAR repaginates),
    ordered by filing date then accession so crawls and reports are reproducible.
    """
    wanted = None if forms is None else frozenset(forms)
    refs, pages = parse_submissions(
        client.get(client.endpoints.submissions(cik), complete=incomplete_json), cik)
    for name in pages:
        older, _ = parse_submissions(
            client.get(client.endpoints.submissions_page(name), complete=incomplete_json), cik)
        refs.extend(older)
    unique: dict[str, FilingRef] = {}
    for ref in refs:  # first sighting wins: the recent list is the freshest
        if wanted is None or ref.form in wanted:
            unique.setdefault(ref.accession, ref)
    return sorted(unique.values(), key=lambda ref: (ref.filed_date, ref.accession))
