"""SEC's throttle page over real HTTP: nothing is sent during the block, then the crawl ends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx

from crawler.crawl import crawl_cik
from crawler.edgar import Endpoints
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from crawler.rawstore import RawStore
from lab.fakes import FakeClock
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

UA = "absdw tests absdw-tests@example.com"
CIK = 1400001


def _tree(root: Path) -> EdgarTree:
    tree = EdgarTree(root)
    for n in range(5):
        tree.add_filing(TreeFiling(cik=CIK, company="TRUST", accession=f"0001400001-24-{n:06d}",
                                   form="10-D", filed=date(2024, 1, 2 + n),
                                   documents=(TreeDocument("10-D", "r.txt", f"report {n}\n"),)))
    tree.write_submissions()
    return tree


def test_throttle_page_stops_every_request_for_the_pause_then_the_crawl_completes(
        tmp_path: Path) -> None:
    tree = _tree(tmp_path / "edgar")
    store = RawStore(tmp_path / "raw")
    server = StandinServer.with_sec_behaviours(tree.root, rate_limit=10, block_seconds=0.5)
    with server:
        with httpx.Client(headers={"User-Agent": UA}) as burst:  # someone on this machine
            for _ in range(11):                                   # sends 11 in a second
                burst.get(f"{server.url}/submissions/CIK{CIK:010d}.json")
        assert server.rate_limiter is not None and server.rate_limiter.blocked_requests == 1
        server.clear_requests()
        limiter = RateLimiter(10, lock_path=tmp_path / "home" / ".ratelimit")
        with EdgarClient(UA, Endpoints(server.url, server.url), limiter=limiter,
                         throttle_pause=0.8) as client:
            summary = crawl_cik(client, store, CIK)
        log = server.requests
    # Only the crawl's first request met the block (it extended it by 0.5 s from its arrival);
    # the stand-in refused nothing else, so nothing else was sent before the block ended.
    assert server.rate_limiter.blocked_requests == 2
    assert server.rate_limiter.violations == 1  # the burst's, none of ours
    assert [r.status for r in log] == [403] + [200] * 6  # submissions again, 5 filings
    assert log[1].time - log[0].time >= 0.8  # the pause, measured on the stand-in's clock
    assert (summary.fetched, client.stats.throttled) == (5, 1)
    assert limiter.blocked_seconds > 0.79
    assert len(store.list()) == 5


def test_a_pause_in_the_lock_file_holds_back_another_process_limiter(tmp_path: Path) -> None:
    clock = FakeClock(1_000.0)
    lock = tmp_path / ".ratelimit"
    throttled = RateLimiter(10, clock=clock, sleep=clock.sleep, lock_path=lock)
    other = RateLimiter(10, clock=clock, sleep=clock.sleep, lock_path=lock)
    assert throttled.pause(600.0) == 1_600.0
    assert other.paused_until() == 1_600.0
    assert throttled.pause(10.0) == 1_600.0  # a shorter pause never shortens a longer one
    assert throttled.blocked_seconds == 600.0
    assert other.acquire() == 1_600.0  # the other process's next request waits for the end
