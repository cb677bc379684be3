"""Nothing cut short is stored as whole, and no wait is unbounded (issue 11, items 1 and 3).

Over real HTTP from the stand-in: bodies cut short with the full length announced, with the cut
length announced (only the gzip stream or the document itself can tell), and with no length at
all (the body ends when the connection closes). Each is retried and never stored. With a fake
clock: a server dripping bytes, a Retry-After of years, a shared pause file far in the future
or holding garbage: each wait ends, bounded by ``throttle_pause``, and is announced.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import tenacity

from crawler import RawStore, crawl_cik
from crawler.body import BodyLimits
from crawler.edgar import Endpoints
from crawler.errors import BodyIncomplete, MalformedResponse, RequestFailed, ResponseTooLarge
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from lab.fakes import FakeClock
from lab.standin.faults import TruncatedBody
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

UA = "absdw tests absdw-tests@example.com"
CIK = 1500001
REPORT = "STATEMENT TO CERTIFICATEHOLDERS\n" + "line of a long report 1,234.56\n" * 400


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = EdgarTree(tmp_path_factory.mktemp("edgar"))
    for n in range(3):
        tree.add_filing(TreeFiling(cik=CIK, company="TRUST", accession=f"0001500001-24-{n:06d}",
                                   form="10-D", filed=date(2024, 1, 2 + n),
                                   documents=(TreeDocument("10-D", "r.txt", REPORT),)))
    tree.write_submissions()
    return tree.root


def _client(url: str, sleeps: list[float] | None = None) -> EdgarClient:
    return EdgarClient(UA, Endpoints(url, url), limiter=RateLimiter(),
                       retry_wait=tenacity.wait_fixed(0),
                       sleep=(sleeps.append if sleeps is not None else lambda s: None))


@pytest.mark.parametrize("announce", ["full", "cut", "none"])
@pytest.mark.parametrize("gzip", [True, False])
def test_a_body_cut_short_is_retried_and_never_stored(root: Path, tmp_path: Path,
                                                      announce: str, gzip: bool) -> None:
    """Every first request of each document is cut at 60%; the retries get it whole."""
    fault = TruncatedBody(0.6, announce=announce, prefixes=("/Archives/",), nth={1, 3, 5})
    server = StandinServer.with_sec_behaviours(root, rate_limit=None, gzip=gzip,
                                               faults=[fault])
    store = RawStore(tmp_path / "raw")
    with server, _client(server.url) as client:
        summary = crawl_cik(client, store, CIK, concurrency=1)
    assert fault.fired == 3 and (summary.fetched, summary.failed) == (3, [])
    for _, accession in store.list():
        assert store.get(CIK, accession).rstrip().endswith(b"</SEC-DOCUMENT>")
        assert REPORT.encode() in store.get(CIK, accession)


def test_a_body_always_cut_short_fails_the_filing_and_stores_nothing(root: Path,
                                                                      tmp_path: Path) -> None:
    fault = TruncatedBody(0.6, announce="cut", prefixes=("/Archives/",), p=1.0)
    server = StandinServer.with_sec_behaviours(root, rate_limit=None, faults=[fault])
    store = RawStore(tmp_path / "raw")
    with server, _client(server.url) as client:
        summary = crawl_cik(client, store, CIK, concurrency=1)
    assert summary.fetched == 0 and len(summary.failed) == 3
    assert "cut short" in summary.failed[0][1]
    assert store.list() == []


def test_a_download_cut_short_leaves_no_file(root: Path, tmp_path: Path) -> None:
    fault = TruncatedBody(0.5, announce="none", prefixes=("/Archives/",), p=1.0)
    server = StandinServer.with_sec_behaviours(root, rate_limit=None, gzip=True, faults=[fault])
    target = tmp_path / "doc.txt"
    with server, _client(server.url) as client:
        url = client.endpoints.full_submission(CIK, "0001500001-24-000000")
        with pytest.raises(RequestFailed, match="cut short"):
            client.download(url, target)
    assert not target.exists() and list(tmp_path.iterdir()) == []


# -- deadlines, with a fake clock (no wall time)


class Drip(httpx.SyncByteStream):
    """A body served ``size`` bytes at a time, the clock moving ``seconds`` per piece."""

    def __init__(self, data: bytes, size: int, seconds: float, clock: FakeClock) -> None:
        self.data, self.size, self.seconds, self.clock = data, size, seconds, clock

    def __iter__(self) -> Iterator[bytes]:
        for i in range(0, len(self.data), self.size):
            self.clock.now += self.seconds
            yield self.data[i:i + self.size]


def _dripping(clock: FakeClock, size: int, seconds: float, **limits: float) -> EdgarClient:
    body = b"x" * 200_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Drip(body, size, seconds, clock))

    return EdgarClient(UA, Endpoints(), limiter=RateLimiter(clock=clock, sleep=clock.sleep),
                       transport=httpx.MockTransport(handler), clock=clock, sleep=clock.sleep,
                       retry_wait=tenacity.wait_fixed(1), max_attempts=2,
                       limits=BodyLimits(**limits))  # type: ignore[arg-type]


def test_a_server_dripping_bytes_is_given_up_on_at_the_minimum_rate() -> None:
    clock = FakeClock()
    client = _dripping(clock, size=1, seconds=1.0, min_rate=2_000, grace=30)
    with pytest.raises(RequestFailed, match=r"below 2,000 bytes/s; the server is stalling"):
        client.get("https://www.sec.gov/Archives/x.txt")
    assert clock.now < 2 * 32  # two attempts of ~31 s each, not 200,000 s


def test_a_request_has_a_total_deadline_even_at_a_decent_rate() -> None:
    clock = FakeClock()
    client = _dripping(clock, size=10_000, seconds=1.0, deadline=5, min_rate=1)
    with pytest.raises(RequestFailed, match="still downloading after 6 s"):
        client.get("https://www.sec.gov/Archives/x.txt")


def test_a_fast_body_passes_the_same_limits() -> None:
    clock = FakeClock()
    client = _dripping(clock, size=50_000, seconds=0.1, deadline=5, min_rate=2_000)
    assert len(client.get("https://www.sec.gov/Archives/x.txt")) == 200_000


def test_retry_after_is_capped_at_the_throttle_pause_and_announced() -> None:
    answers = iter([httpx.Response(503, headers={"Retry-After": "999999999"}),
                    httpx.Response(200, content=b"ok")])
    sleeps: list[float] = []
    waits: list[tuple[str, float]] = []
    client = EdgarClient(UA, Endpoints(), limiter=RateLimiter(),
                         transport=httpx.MockTransport(lambda r: next(answers)),
                         sleep=sleeps.append, retry_wait=tenacity.wait_fixed(1),
                         throttle_pause=600.0, on_wait=lambda what, s: waits.append((what, s)))
    assert client.get("https://www.sec.gov/Archives/x.txt") == b"ok"
    assert sleeps == [600.0]
    assert waits[0][1] == 600.0 and "HTTP 503" in waits[0][0]


@pytest.mark.parametrize("content", ["0 1e12", "0 inf", "nan nan", "garbage", "0 1e308"])
def test_a_corrupt_or_far_future_pause_file_never_hangs_nor_crashes(
        tmp_path: Path, content: str) -> None:
    clock = FakeClock(1_000.0)
    lock = tmp_path / "ratelimit.lock"
    lock.with_name(lock.name + ".next").write_text(content)
    waits: list[tuple[str, float]] = []
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep, lock_path=lock, max_pause=600.0,
                          on_wait=lambda what, s: waits.append((what, s)))
    limiter.acquire()
    assert clock.now <= 1_000.0 + 600.0 + 1
    if content in ("0 1e12", "0 1e308"):
        assert waits and "beyond edgar.throttle_pause" in waits[0][0]


# -- what the client refuses, in one line naming the URL


def test_a_deeply_nested_submissions_json_is_one_clear_line() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    client = EdgarClient(UA, Endpoints(), limiter=RateLimiter(),
                         transport=httpx.MockTransport(lambda r: httpx.Response(200,
                                                                                content=deep)),
                         sleep=lambda s: None, max_attempts=1)
    from crawler import discover_filings

    with pytest.raises(RequestFailed, match="nested too deeply"):
        discover_filings(client, CIK)
    from crawler.edgar import parse_submissions

    with pytest.raises(MalformedResponse, match=f"CIK {CIK}: submissions JSON is nested"):
        parse_submissions(deep, CIK)
    assert json.dumps({"ok": 1})  # the standard library reads normal JSON, of course


def test_a_too_large_body_names_the_setting_that_raises_the_limit() -> None:
    client = EdgarClient(UA, Endpoints(), limiter=RateLimiter(), max_bytes=1_000,
                         transport=httpx.MockTransport(lambda r: httpx.Response(
                             200, content=b"x" * 5_000)), sleep=lambda s: None)
    with pytest.raises(ResponseTooLarge, match=r"raise edgar.max_bytes \(ABSDW_MAX_BYTES\)"):
        client.get("https://www.sec.gov/Archives/x.txt")


def test_a_submission_without_its_closing_tag_is_incomplete() -> None:
    from crawler.edgar import incomplete_submission

    whole = b"<SEC-DOCUMENT>x\n</SEC-DOCUMENT>\n"
    pem = b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\n" + whole + \
        b"-----END PRIVACY-ENHANCED MESSAGE-----\n"
    assert incomplete_submission(whole) is None and incomplete_submission(pem) is None
    assert "closing" in (incomplete_submission(whole[:-8]) or "")
    assert isinstance(BodyIncomplete("x"), RequestFailed)  # retried like any short read


def test_a_gzip_stream_without_its_end_is_incomplete_whatever_the_length_says() -> None:
    import gzip as gz
    import random

    from crawler.body import decode, stream_body

    body = random.Random(1).randbytes(20_000)  # incompressible: the gzip stream is long
    data = gz.compress(body, mtime=0)
    assert decode(data, "gzip", "u", 10**6) == body
    with pytest.raises(BodyIncomplete, match="gzip stream cut short"):
        decode(data[:-9], "gzip", "u", 10**6)  # everything but the trailer
    with pytest.raises(BodyIncomplete, match="gzip stream cut short"):
        stream_body([data[:200]], {"content-encoding": "gzip", "content-length": "200"}, "u",
                    BodyLimits(), lambda: 0.0, 0.0, lambda piece: None)


def test_fewer_bytes_than_announced_is_incomplete() -> None:
    from crawler.body import stream_body

    with pytest.raises(BodyIncomplete, match="cut short, 10 of the 20 bytes"):
        stream_body([b"0123456789"], {"content-length": "20"}, "u", BodyLimits(),
                    lambda: 0.0, 0.0, lambda piece: None)


def test_a_decompression_bomb_stops_at_the_limit() -> None:
    import gzip as gz

    from crawler.body import decode

    bomb = gz.compress(b"\0" * 50_000_000, mtime=0)
    assert len(bomb) < 100_000
    with pytest.raises(ResponseTooLarge, match="once decoded"):
        decode(bomb, "gzip", "u", 1_000_000)


def test_a_wrong_document_served_is_retried_never_stored(root: Path, tmp_path: Path) -> None:
    from lab.standin.faults import WrongDocument

    fault = WrongDocument(nth={2, 3})  # the 2nd and 3rd submissions get the 1st one's bytes
    server = StandinServer.with_sec_behaviours(root, rate_limit=None, faults=[fault])
    store = RawStore(tmp_path / "raw")
    with server, _client(server.url) as client:
        summary = crawl_cik(client, store, CIK, concurrency=1)
    assert fault.swapped >= 1 and (summary.fetched, summary.failed) == (3, [])
    for _, accession in store.list():
        assert f"ACCESSION NUMBER:\t\t{accession}".encode() in store.get(CIK, accession)[:2000]
