"""SEC file number -> CIK: browse-edgar Atom (real captures + the stand-in), FILER blocks of
header pages (read with the parser's one reader, ``parsers.read_filers``), the cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crawler.atom import AtomEntry, parse_company_feed
from crawler.edgar import Endpoints
from crawler.fetch import EdgarClient
from crawler.filenumbers import FileNumberCache, resolve_file_number
from crawler.limiter import RateLimiter
from foundation.errors import ConfigError
from lab.standin.model import CoFiler
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling
from parsers import read_filers

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"
UA = "absdw tests absdw-tests@example.com"


def test_real_company_feed_gives_company_and_filings() -> None:
    feed = parse_company_feed((EDGAR / "atom-getcompany-8k.xml").read_bytes())
    assert feed.companies == {1889983: "Keen Vision Acquisition Corp."}
    assert len(feed.entries) == 55
    assert feed.entries[0] == AtomEntry(1889983, "0001213900-25-006497", "8-K",
                                        date(2025, 1, 24), "001-41753")
    assert feed.ciks == [1889983]


def test_no_matching_page_is_an_empty_feed() -> None:
    feed = parse_company_feed((EDGAR / "browse-edgar-no-match.html").read_bytes())
    assert (feed.companies, feed.entries, feed.ciks) == ({}, [], [])


def _filing(cik: int, company: str, n: int, number: str, **kw: object) -> TreeFiling:
    return TreeFiling(cik=cik, company=company, accession=f"0001056404-05-{n:06d}", form="10-D",
                      filed=date(2005, 1, 25 + n % 3), file_number=number,
                      documents=(TreeDocument("10-D", f"d{n}.txt", "report\n"),), **kw)  # type: ignore[arg-type]


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandinServer]:
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(_filing(1268747, "TERWIN MORTGAGE TRUST SERIES 2003-4HE", 1, "333-106175-06"))
    tree.add_filing(_filing(1300001, "TWIN TRUST 2005-A", 2, "333-200000-01"))
    tree.add_filing(_filing(1300002, "TWIN TRUST 2005-B", 3, "333-200000-01"))
    tree.add_filing(_filing(1396730, "FIRST NATIONAL MASTER NOTE TRUST", 4, "333-140273-01",
                            co_filers=(CoFiler(1171040, "FIRST NATIONAL FUNDING LLC",
                                               file_number="000-50139"),)))
    tree.write_submissions()
    with StandinServer(tree.root, tree=tree) as server:
        yield server


def _client(server: StandinServer) -> EdgarClient:
    return EdgarClient(UA, Endpoints(server.url, server.url), limiter=RateLimiter())


def test_a_trust_file_number_resolves_to_its_cik_and_is_cached(
        standin: StandinServer, tmp_path: Path) -> None:
    cache = FileNumberCache(tmp_path / "home" / "file-numbers.json")
    with _client(standin) as client:
        match = resolve_file_number(client, "333-106175-06", cache, read_filers=read_filers)
        assert (match.ciks, match.cached) == ((1268747,), False)
        assert match.names == {1268747: "TERWIN MORTGAGE TRUST SERIES 2003-4HE"}
        assert [r.path for r in standin.requests] == [
            "/cgi-bin/browse-edgar?action=getcompany&filenum=333-106175-06&type=&dateb="
            "&owner=include&count=40&output=atom"]
        standin.clear_requests()
        again = resolve_file_number(client, "333-106175-06", cache, read_filers=read_filers)
    assert (again.ciks, again.cached, standin.requests) == ((1268747,), True, [])


def test_a_number_nobody_files_under_matches_nothing_and_is_not_cached(
        standin: StandinServer, tmp_path: Path) -> None:
    cache = FileNumberCache(tmp_path / "file-numbers.json")
    with _client(standin) as client:
        match = resolve_file_number(client, "333-999999-99", cache, read_filers=read_filers)
    assert match.ciks == ()
    assert cache.get("333-999999-99") is None


def test_a_shared_number_lists_every_filer_with_names_from_their_headers(
        standin: StandinServer) -> None:
    with _client(standin) as client:
        match = resolve_file_number(client, "333-200000-01", read_filers=read_filers)
    assert set(match.ciks) == {1300001, 1300002}
    assert match.names == {1300001: "TWIN TRUST 2005-A", 1300002: "TWIN TRUST 2005-B"}
    assert "1300001 TWIN TRUST 2005-A" in match.describe()
    header_pages = [r.path for r in standin.requests if r.path.endswith("-index-headers.html")]
    assert len(header_pages) == 2


def test_the_co_filing_depositor_is_not_taken_for_the_trust(standin: StandinServer) -> None:
    with _client(standin) as client:
        assert resolve_file_number(client, "333-140273-01", read_filers=read_filers).ciks == (1396730,)
        assert resolve_file_number(client, "000-50139", read_filers=read_filers).ciks == (1171040,)


def test_stored_headers_teach_the_cache_without_requests(tmp_path: Path) -> None:
    cache = FileNumberCache(tmp_path / "file-numbers.json")
    filers = read_filers((EDGAR / "MultipleFilersHeader.txt").read_text())
    assert cache.learn(filers) == 2
    assert cache.learn(filers) == 0
    hit = cache.get("333-140273-01")
    assert hit is not None and (hit.ciks, hit.cached) == ((1396730,), True)


@pytest.mark.parametrize("bad", ["", "333", "abc-def", "333-106175-06; rm -rf /", "../333-1"])
def test_malformed_file_numbers_are_refused_before_any_request(bad: str) -> None:
    with pytest.raises(ConfigError, match="invalid SEC file number"):
        Endpoints().browse_file_number(bad)
