"""Discovery from EDGAR's daily / quarterly index files, against the stand-in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crawler.edgar import Endpoints
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from crawler.watch import plan_reads, scan_indexes, weekdays
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

UA = "absdw tests absdw-tests@example.com"
TRUST, OTHER = 1400001, 1400002
FORMS = {"8-K", "8-K/A", "10-D", "10-D/A"}
FILINGS = [  # (cik, accession, form, filed)
    (TRUST, "0001400001-23-000001", "10-D", date(2023, 12, 15)),
    (TRUST, "0001400001-24-000001", "10-D", date(2024, 1, 5)),
    (TRUST, "0001400001-24-000002", "8-K/A", date(2024, 1, 8)),
    (TRUST, "0001400001-24-000003", "10-K", date(2024, 1, 8)),
    (OTHER, "0001400002-24-000001", "10-D", date(2024, 1, 9)),
]


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandinServer]:
    tree = EdgarTree(tmp_path / "edgar")
    for cik, accession, form, filed in FILINGS:
        tree.add_filing(TreeFiling(cik=cik, company=f"TRUST {cik}", accession=accession,
                                   form=form, filed=filed,
                                   documents=(TreeDocument(form, "r.txt", "report\n"),)))
    tree.write_indexes(date(2023, 12, 1), date(2024, 1, 9))
    with StandinServer.with_sec_behaviours(tree.root, rate_limit=None) as server:
        yield server


def _scan(server: StandinServer, after: date, today: date, **kw: int):  # type: ignore[no-untyped-def]
    with EdgarClient(UA, Endpoints(server.url, server.url), limiter=RateLimiter()) as client:
        return scan_indexes(client, after, today, {TRUST}, FORMS, **kw)


def _paths(server: StandinServer) -> list[str]:
    return [r.path.removeprefix("/Archives/edgar/") for r in server.requests]


def test_weekdays_skip_saturday_and_sunday() -> None:
    assert weekdays(date(2024, 1, 5), date(2024, 1, 8)) == [date(2024, 1, 5), date(2024, 1, 8)]


def test_nightly_reads_one_index_per_weekday_and_finds_the_10d_and_the_8ka(
        standin: StandinServer) -> None:
    scan = _scan(standin, after=date(2024, 1, 4), today=date(2024, 1, 10))
    assert _paths(standin) == [
        "daily-index/2024/QTR1/form.20240105.idx",
        "daily-index/2024/QTR1/form.20240108.idx",
        "daily-index/2024/QTR1/form.20240109.idx",
        "daily-index/2024/QTR1/form.20240110.idx",  # not published yet: 403 AccessDenied
    ]
    assert [(r.accession, r.form) for r in scan.refs] == [
        ("0001400001-24-000001", "10-D"), ("0001400001-24-000002", "8-K/A")]
    assert scan.cursor == date(2024, 1, 9)  # today's index is read again next run
    assert (scan.reads, scan.unpublished, scan.failed) == (4, [], [])


def test_a_holiday_without_index_is_passed_once_a_later_index_exists(
        standin: StandinServer) -> None:
    scan = _scan(standin, after=date(2023, 12, 29), today=date(2024, 1, 2))
    assert _paths(standin) == ["daily-index/2024/QTR1/form.20240101.idx",
                               "daily-index/2024/QTR1/form.20240102.idx"]
    assert (scan.unpublished, scan.cursor) == ([date(2024, 1, 1)], date(2024, 1, 2))


def test_a_long_gap_is_caught_up_with_the_quarterly_full_indexes(
        standin: StandinServer) -> None:
    scan = _scan(standin, after=date(2023, 11, 30), today=date(2024, 1, 10), catchup_days=3)
    assert _paths(standin) == [
        "full-index/2023/QTR4/form.idx",
        "full-index/2024/QTR1/form.idx",  # "Last Data Received" January 9
        "daily-index/2024/QTR1/form.20240110.idx",
    ]
    assert [r.accession for r in scan.refs] == [
        "0001400001-23-000001", "0001400001-24-000001", "0001400001-24-000002"]
    assert scan.cursor == date(2024, 1, 9)


def test_plan_uses_daily_files_for_short_gaps_and_full_index_for_long_ones() -> None:
    plan = plan_reads(Endpoints(), date(2024, 3, 28), date(2024, 4, 2), catchup_days=10)
    assert [(r.quarterly, r.first) for r in plan] == [
        (False, date(2024, 3, 29)), (False, date(2024, 4, 1)), (False, date(2024, 4, 2))]
    long = plan_reads(Endpoints(), date(2024, 1, 1), date(2024, 4, 2), catchup_days=10)
    assert [r.url.rsplit("edgar/", 1)[1] for r in long] == [
        "full-index/2024/QTR1/form.idx", "daily-index/2024/QTR2/form.20240401.idx",
        "daily-index/2024/QTR2/form.20240402.idx"]


def test_a_quarterly_index_is_streamed_to_disk_not_read_into_memory(
        standin: StandinServer, monkeypatch: pytest.MonkeyPatch) -> None:
    with EdgarClient(UA, Endpoints(standin.url, standin.url), limiter=RateLimiter()) as client:
        got: list[str] = []
        real_get = client.get

        def get(url: str, **kwargs: object) -> bytes:
            got.append(url)
            return real_get(url, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(client, "get", get)
        scan = scan_indexes(client, date(2023, 9, 30), date(2024, 1, 9), {TRUST}, FORMS)
    assert not any("full-index" in url for url in got)  # downloaded, never held whole
    assert [r.accession for r in scan.refs] == [
        "0001400001-23-000001", "0001400001-24-000001", "0001400001-24-000002"]
