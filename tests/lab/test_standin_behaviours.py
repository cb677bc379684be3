"""SEC's behaviours on the stand-in, over real HTTP: the 10 req/s throttle and its block,
403 for unpublished indexes, gzip, Last-Modified/304, and each injectable fault."""

from __future__ import annotations

import gzip
import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest

from lab.fakes import FakeClock
from lab.standin.behaviours import RateLimit
from lab.standin.faults import ConnectionReset, Latency, ServerError, TruncatedBody
from lab.standin.messages import Behaviour
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

UA = "absdw tests absdw-tests@example.com"
DOC = "/Archives/edgar/data/1268747/000105640403000001/d1.txt"
DAILY = "/Archives/edgar/daily-index/2003/QTR4/form.20031203.idx"
REPORT = "MONTHLY REPORT\n" * 400


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = EdgarTree(tmp_path_factory.mktemp("edgar"))
    tree.add_filing(TreeFiling(
        cik=1268747, company="TERWIN MORTGAGE TRUST SERIES 2003-4HE",
        accession="0001056404-03-000001", form="8-K", filed=date(2003, 12, 3),
        documents=(TreeDocument("8-K", "d1.txt", REPORT),)))
    tree.write_indexes(date(2003, 12, 1), date(2003, 12, 5))
    return tree.root


def serve(root: Path, *behaviours: Behaviour, clock: FakeClock | None = None) -> StandinServer:
    kwargs = {"clock": clock} if clock else {}
    return StandinServer(root, behaviours=behaviours, **kwargs)  # type: ignore[arg-type]


Sec = tuple[StandinServer, httpx.Client, FakeClock]


@pytest.fixture
def sec(root: Path) -> Iterator[Sec]:
    clock = FakeClock(1000.0)
    server = StandinServer.with_sec_behaviours(root, block_seconds=2.0, clock=clock)
    with server, httpx.Client(base_url=server.url, headers={"User-Agent": UA}) as client:
        yield server, client, clock


# ------------------------------------------------------------------ throttle

def test_the_eleventh_request_in_a_second_is_throttled_and_blocks(sec: Sec) -> None:
    server, client, clock = sec
    statuses = []
    for i in range(11):
        clock.now = 1000.0 + i * 0.09  # all eleven inside one second
        statuses.append(client.get(DOC).status_code)
    assert statuses == [200] * 10 + [403]
    refused = client.get(DOC)
    assert refused.status_code == 403 and "Retry-After" not in refused.headers
    assert "<title>SEC.gov | Request Rate Threshold Exceeded</title>" in refused.text
    limiter = server.rate_limiter
    assert limiter is not None and (limiter.violations, limiter.blocked_requests) == (1, 2)


def test_requests_during_the_block_extend_it(sec: Sec) -> None:
    server, client, clock = sec
    for _ in range(11):
        client.get(DOC)  # the clock stands still: the 11th starts a 2 s block at t=1000
    clock.now = 1001.5
    assert client.get(DOC).status_code == 403  # inside the block: refused, block now ends 1003.5
    clock.now = 1003.0
    assert client.get(DOC).status_code == 403  # would have been free at 1002 without extension
    clock.now = 1005.1
    assert client.get(DOC).status_code == 200
    assert server.rate_limiter is not None and server.rate_limiter.violations == 1


def test_a_steady_ten_per_second_is_never_throttled(sec: Sec) -> None:
    server, client, clock = sec
    statuses = set()
    for i in range(40):
        clock.now = 1000.0 + i * 0.1
        statuses.add(client.get(DOC).status_code)
    assert statuses == {200}
    assert server.rate_limiter is not None
    assert (server.rate_limiter.violations, server.rate_limiter.blocked_requests) == (0, 0)


def test_clients_are_counted_apart_by_user_agent_and_429_is_an_option(root: Path) -> None:
    clock = FakeClock(1000.0)
    limiter = RateLimit(limit=2, block_seconds=5, status=429)
    with serve(root, limiter, clock=clock) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as a, httpx.Client(
            base_url=server.url, headers={"User-Agent": "other b@example.com"}) as b:
        assert [a.get(DOC).status_code for _ in range(3)] == [200, 200, 429]
        assert b.get(DOC).status_code == 200
    with pytest.raises(ValueError, match="403"):
        RateLimit(status=503)


# ------------------------------------------------------------------ unpublished index days

def test_unpublished_daily_index_is_an_access_denied_403_unlike_the_throttle(sec: Sec) -> None:
    _, client, _ = sec
    assert client.get(DAILY).status_code == 200
    saturday = client.get("/Archives/edgar/daily-index/2003/QTR4/form.20031206.idx")
    future = client.get("/Archives/edgar/daily-index/2030/QTR1/master.20300102.idx")
    for r in (saturday, future):
        assert (r.status_code, r.headers["content-type"]) == (403, "application/xml")
        assert "<Code>AccessDenied</Code>" in r.text and "Rate Threshold" not in r.text
    for _ in range(11):
        throttled = client.get(DAILY)
    assert throttled.status_code == 403 and "AccessDenied" not in throttled.text
    assert "Request Rate Threshold Exceeded" in throttled.text


# ------------------------------------------------------------------ gzip and 304

def test_gzip_when_accepted_round_trips(sec: Sec) -> None:
    server, client, _ = sec
    raw = httpx.get(server.url + DOC, headers={"User-Agent": UA, "Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert int(raw.headers["content-length"]) < len(REPORT)
    assert raw.content == REPORT.encode()  # httpx decodes the gzip body
    plain = client.get(DOC, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == REPORT.encode()
    with httpx.stream("GET", server.url + DOC,
                      headers={"User-Agent": UA, "Accept-Encoding": "gzip"}) as r:
        assert gzip.decompress(b"".join(r.iter_raw())) == REPORT.encode()


def test_last_modified_and_if_modified_since_304(sec: Sec) -> None:
    _, client, _ = sec
    first = client.get(DAILY)
    assert first.headers["last-modified"] == "Wed, 03 Dec 2003 22:00:00 GMT"
    again = client.get(DAILY, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert (again.status_code, again.content) == (304, b"")
    older = client.get(DAILY, headers={"If-Modified-Since": "Mon, 01 Dec 2003 00:00:00 GMT"})
    assert older.status_code == 200 and older.content == first.content


# ------------------------------------------------------------------ faults

def test_latency_delays_without_serialising_requests(root: Path) -> None:
    barrier = threading.Barrier(2)
    delays: list[float] = []

    def sleep(seconds: float) -> None:  # returns only once both requests are sleeping at once
        delays.append(seconds)
        barrier.wait(timeout=10)

    with serve(root, Latency(150, sleep=sleep)) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as client, ThreadPoolExecutor(
            2) as pool:
        statuses = list(pool.map(lambda _: client.get(DOC).status_code, range(2)))
    assert statuses == [200, 200] and delays == [0.15, 0.15]


def test_random_latency_is_seeded_and_scoped_by_prefix(root: Path) -> None:
    delays: list[float] = []
    latency = Latency((100, 200), prefixes=("/Archives/edgar/data/",), seed=3,
                      sleep=delays.append)
    with serve(root, latency) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as client:
        client.get(DOC), client.get(DAILY), client.get(DOC)
    expected = random.Random(3)
    assert delays == [expected.uniform(100, 200) / 1000, expected.uniform(100, 200) / 1000]


def test_server_error_on_the_nth_request_and_with_seeded_probability(root: Path) -> None:
    nth = ServerError(503, nth={2})
    chance = ServerError(500, prefixes=("/Archives/edgar/daily-index/",), p=0.5, seed=11)
    with serve(root, nth, chance) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as client:
        assert [client.get(DOC).status_code for _ in range(3)] == [200, 503, 200]
        daily = [client.get(DAILY).status_code for _ in range(8)]
    draws = random.Random(11)
    assert daily == [500 if draws.random() < 0.5 else 200 for _ in range(8)]
    assert 0 < chance.fired < 8


def test_connection_reset(root: Path) -> None:
    with serve(root, ConnectionReset(nth={1})) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as client:
        with pytest.raises(httpx.TransportError):
            client.get(DOC)
        assert client.get(DOC).status_code == 200  # only the first was hit


def test_truncated_body_announces_more_than_it_sends(root: Path) -> None:
    with serve(root, TruncatedBody(0.25, nth={1})) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(DOC)
        assert client.get(DOC).content == REPORT.encode()
