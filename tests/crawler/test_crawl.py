"""crawl_cik: fetch what the store lacks, record per-filing failures, never refetch."""

import json
from datetime import date
from pathlib import Path

import httpx
import pytest
import tenacity

from crawler.crawl import (
    CrawlEvent,
    FilingFailed,
    FilingMissing,
    FilingsDiscovered,
    FilingSkipped,
    FilingStored,
    crawl_cik,
)
from crawler.edgar import Endpoints
from crawler.errors import UserAgentRefused
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from crawler.rawstore import RawStore
from lab.fakes import FakeClock

UA = "Jane Analyst jane@example.com"
CIK = 1268747
ROWS = [  # (accession, form, filed) as EDGAR lists them: newest first
    ("0001056404-04-000030", "10-K", "2004-03-30"),
    ("0001056404-04-000020", "8-K/A", "2004-01-05"),
    ("0001056404-03-002432", "8-K", "2003-12-01"),
    ("0001056404-03-002000", "10-D", "2003-11-25"),
]
PAGE_ROWS = [("0001056404-03-001000", "10-D/A", "2003-10-27")]
WANTED = sorted(a for a, form, _ in ROWS + PAGE_ROWS if form != "10-K")
SUBMISSIONS = f"/submissions/CIK{CIK:010d}.json"
PAGE = f"/submissions/CIK{CIK:010d}-submissions-001.json"


def _columns(rows: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    return {"accessionNumber": [r[0] for r in rows], "form": [r[1] for r in rows],
            "filingDate": [r[2] for r in rows], "reportDate": ["" for _ in rows]}


def whole(accession: str) -> bytes:
    """A (tiny) full submission: what matters to the crawler is that it ends as one does."""
    return (f"<SEC-DOCUMENT>{accession}.txt\nACCESSION NUMBER:\t{accession}\n"
            "</SEC-DOCUMENT>\n").encode()


def document_path(accession: str) -> str:
    return f"/Archives/edgar/data/{CIK}/{accession.replace('-', '')}/{accession}.txt"


class FakeEdgar:
    """An EDGAR for one trust; ``statuses`` overrides the answer for chosen paths."""

    def __init__(self) -> None:
        main = {"cik": f"{CIK:010d}", "name": "TERWIN MORTGAGE TRUST 2003-4HE",
                "filings": {"recent": _columns(ROWS),
                            "files": [{"name": PAGE.rsplit("/", 1)[1], "filingCount": 1}]}}
        self.files = {SUBMISSIONS: json.dumps(main).encode(),
                      PAGE: json.dumps(_columns(PAGE_ROWS)).encode()}
        for accession, _, _ in ROWS + PAGE_ROWS:
            self.files[document_path(accession)] = whole(accession)
        self.statuses: dict[str, httpx.Response] = {}
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path in self.statuses:
            return self.statuses[request.url.path]
        body = self.files.get(request.url.path)
        return httpx.Response(200, content=body) if body is not None else httpx.Response(404)

    def document_requests(self) -> list[str]:
        return [p for p in self.paths if p.startswith("/Archives/")]


def make_client(transport: httpx.BaseTransport, endpoints: Endpoints | None = None) -> EdgarClient:
    clock = FakeClock()
    return EdgarClient(UA, endpoints or Endpoints(), transport=transport,
                       limiter=RateLimiter(clock=clock, sleep=clock.sleep), sleep=clock.sleep,
                       retry_wait=tenacity.wait_fixed(1))


def test_crawl_stores_exactly_the_wanted_forms(tmp_path: Path) -> None:
    edgar, store = FakeEdgar(), RawStore(tmp_path / "raw")
    summary = crawl_cik(make_client(httpx.MockTransport(edgar)), store, CIK)
    assert store.list() == [(CIK, a) for a in WANTED]
    assert store.get(CIK, "0001056404-03-002432") == whole("0001056404-03-002432")
    assert document_path("0001056404-04-000030") not in edgar.paths  # the 10-K
    assert (summary.discovered, summary.fetched, summary.skipped_existing) == (4, 4, 0)
    assert (summary.not_found, summary.failed) == ([], [])
    assert summary.requests == 2 + 4
    assert summary.bytes == len(edgar.files[SUBMISSIONS]) + len(edgar.files[PAGE]) + 4 * len(
        whole(WANTED[0]))


def test_a_second_crawl_makes_only_the_submissions_requests(tmp_path: Path) -> None:
    store = RawStore(tmp_path / "raw")
    crawl_cik(make_client(httpx.MockTransport(FakeEdgar())), store, CIK)
    again = FakeEdgar()
    summary = crawl_cik(make_client(httpx.MockTransport(again)), store, CIK)
    assert again.paths == [SUBMISSIONS, PAGE]
    assert again.document_requests() == []
    assert (summary.fetched, summary.skipped_existing, summary.requests) == (0, 4, 2)


def test_only_the_missing_filings_are_fetched(tmp_path: Path) -> None:
    store = RawStore(tmp_path / "raw")
    store.put(CIK, "0001056404-03-002432", whole("0001056404-03-002432"))
    edgar = FakeEdgar()
    summary = crawl_cik(make_client(httpx.MockTransport(edgar)), store, CIK)
    assert sorted(edgar.document_requests()) == sorted(
        document_path(a) for a in WANTED if a != "0001056404-03-002432")
    assert (summary.fetched, summary.skipped_existing) == (3, 1)


def test_one_failing_filing_is_recorded_and_the_rest_continue(tmp_path: Path) -> None:
    edgar, store = FakeEdgar(), RawStore(tmp_path / "raw")
    missing, broken = "0001056404-03-002000", "0001056404-04-000020"
    edgar.statuses[document_path(missing)] = httpx.Response(404)
    edgar.statuses[document_path(broken)] = httpx.Response(500)
    events: list[CrawlEvent] = []
    summary = crawl_cik(make_client(httpx.MockTransport(edgar)), store, CIK, on_event=events.append)
    assert summary.not_found == [missing]
    assert [a for a, _ in summary.failed] == [broken]
    assert "after 5 attempts" in summary.failed[0][1]
    assert store.list() == [(CIK, "0001056404-03-001000"), (CIK, "0001056404-03-002432")]
    assert events == [
        FilingsDiscovered(CIK, 4),
        FilingStored(CIK, "0001056404-03-001000", len(whole(WANTED[0]))),
        FilingMissing(CIK, missing),
        FilingStored(CIK, "0001056404-03-002432", len(whole(WANTED[0]))),
        FilingFailed(CIK, broken, summary.failed[0][1]),
    ]
    assert edgar.document_requests().count(document_path(missing)) == 1
    assert edgar.document_requests().count(document_path(broken)) == 5


def test_sec_refusing_the_user_agent_aborts_the_whole_crawl(tmp_path: Path) -> None:
    edgar, store = FakeEdgar(), RawStore(tmp_path / "raw")
    page = b"<h1>Your Request Originates from an Undeclared Automated Tool</h1>"
    edgar.statuses[document_path("0001056404-03-001000")] = httpx.Response(403, content=page)
    with pytest.raises(UserAgentRefused):  # one at a time, so "nothing after it" is exact
        crawl_cik(make_client(httpx.MockTransport(edgar)), store, CIK, concurrency=1)
    assert edgar.document_requests() == [document_path("0001056404-03-001000")]
    assert store.list() == []


def test_skips_are_reported_to_the_progress_sink(tmp_path: Path) -> None:
    store = RawStore(tmp_path / "raw")
    crawl_cik(make_client(httpx.MockTransport(FakeEdgar())), store, CIK)
    events: list[CrawlEvent] = []
    crawl_cik(make_client(httpx.MockTransport(FakeEdgar())), store, CIK, on_event=events.append)
    assert events == [FilingsDiscovered(CIK, 4)] + [FilingSkipped(CIK, a) for a in WANTED]


def test_crawl_over_real_http_against_the_standin(tmp_path: Path) -> None:
    from lab.standin.server import StandinServer
    from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

    tree = EdgarTree(tmp_path / "edgar")
    filings = [
        TreeFiling(cik=CIK, company="TERWIN MORTGAGE TRUST 2003-4HE", accession=acc, form=form,
                   filed=filed, documents=(TreeDocument(form, f"doc{n}.txt", f"report {n}\n"),))
        for n, (acc, form, filed) in enumerate([
            ("0001056404-03-002432", "8-K", date(2003, 12, 1)),
            ("0001056404-04-000101", "10-D", date(2004, 1, 26)),
            ("0001056404-04-000300", "10-K", date(2004, 3, 30)),
        ])
    ]
    for filing in filings:
        tree.add_filing(filing)
    tree.write_submissions(page_size=2)  # the oldest filing lands on an older page
    store = RawStore(tmp_path / "raw")
    with StandinServer(tree.root) as server:
        endpoints = Endpoints(www=server.url, data=server.url)
        with make_client(httpx.HTTPTransport(), endpoints) as client:
            first = crawl_cik(client, store, CIK)
            server.clear_requests()
            second = crawl_cik(client, store, CIK)
            paths = [r.path for r in server.requests]
    assert store.list() == [(CIK, "0001056404-03-002432"), (CIK, "0001056404-04-000101")]
    for filing in filings[:2]:
        served = tree.archive_dir(CIK, filing.accession) / f"{filing.accession}.txt"
        assert store.get(CIK, filing.accession) == served.read_bytes()
    assert (first.discovered, first.fetched, first.requests) == (2, 2, 4)
    assert (second.fetched, second.skipped_existing) == (0, 2)
    assert paths == [SUBMISSIONS, PAGE]
