"""The sync pipeline wired end to end over real HTTP: idempotence, isolation, quarantine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from absdw.config import Settings, load_settings
from absdw.pipeline import load_stored, sync
from lab.samples import seed_filing, trust_filings
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling
from lab.synth.deals import synthetic_trusts
from warehouse import query

BROKEN_CIK = 1999999


def _broken_filing() -> TreeFiling:
    """An 8-K whose only document is a letter, not a distribution report."""
    return TreeFiling(
        cik=BROKEN_CIK, company="ABSDW BROKEN TRUST 2005-1", accession="0009999999-05-000001",
        form="8-K", filed=date(2005, 3, 1), period=date(2005, 2, 25),
        file_number="333-999999-01",
        documents=(TreeDocument("8-K", "letter.txt", "Dear holders,\nNo report this month.\n"),),
    )


@pytest.fixture
def edgar(tmp_path: Path):  # type: ignore[no-untyped-def]
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(seed_filing())
    (trust,) = synthetic_trusts(1, months=3)
    for filing in trust_filings(trust):
        tree.add_filing(filing)
    tree.add_filing(_broken_filing())
    tree.write_submissions()
    with StandinServer(tmp_path / "edgar") as server:
        yield server, trust


def _settings(home: Path, url: str) -> Settings:
    return load_settings(
        {"home": str(home), "user_agent": "absdw tests tests@example.com",
         "edgar_url": url, "edgar_data_url": url},
        env={}, cwd=home.parent,
    )


def _files(home: Path) -> dict[Path, bytes]:
    root = home / "warehouse"
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*.parquet")}


def test_second_cik_adds_rows_without_touching_the_first(edgar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, trust = edgar
    settings = _settings(tmp_path / "home", server.url)
    sync(settings, [1268747])
    before = _files(settings.home)
    _, seed_rows = query(settings.warehouse_dir, "select count(*) from tranches")
    summary = sync(settings, [trust.cik])
    assert summary.fetched == len(trust.filings) and summary.load.loaded == len(trust.filings)
    after = _files(settings.home)
    assert {k: after[k] for k in before} == before  # first CIK's files untouched, byte for byte
    _, counts = query(settings.warehouse_dir,
                      "select cik, count(distinct accession) from filings group by cik order by cik")
    assert counts == [(1268747, 1), (trust.cik, len(trust.filings))]
    _, seed_again = query(settings.warehouse_dir,
                          "select count(*) from tranches where cik = 1268747")
    assert seed_again == seed_rows


def test_same_sync_twice_adds_nothing_and_requests_only_discovery(edgar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, trust = edgar
    settings = _settings(tmp_path / "home", server.url)
    sync(settings, [1268747, trust.cik])
    sql = "select (select count(*) from filings), (select count(*) from tranches), " \
          "(select count(*) from delinquencies), (select count(*) from report_items)"
    _, first = query(settings.warehouse_dir, sql)
    server.clear_requests()
    again = sync(settings, [1268747, trust.cik])
    assert (again.fetched, again.load.loaded) == (0, 0)
    assert [r.path for r in server.requests] == ["/submissions/CIK0001268747.json",
                                                 f"/submissions/CIK{trust.cik:010d}.json"]
    _, second = query(settings.warehouse_dir, sql)
    assert second == first


def test_unreadable_filing_is_quarantined_with_reason_and_raw_kept(edgar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, _ = edgar
    settings = _settings(tmp_path / "home", server.url)
    summary = sync(settings, [BROKEN_CIK])
    assert summary.load.loaded == 0
    (accession, reason), = summary.load.quarantined
    assert accession == "0009999999-05-000001" and "no EX-99/EX-20 report found" in reason
    _, rows = query(settings.warehouse_dir,
                    "select parse_status, parse_error, company from filings")
    assert rows == [("quarantined", reason, "ABSDW BROKEN TRUST 2005-1")]
    _, facts = query(settings.warehouse_dir, f"select count(*) from tranches where cik = {BROKEN_CIK}")
    assert facts == [(0,)]
    assert (settings.raw_dir / str(BROKEN_CIK) / f"{accession}.txt").is_file()


def test_crash_between_crawl_and_load_is_completed_offline(edgar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, trust = edgar
    settings = _settings(tmp_path / "home", server.url)
    from absdw.pipeline.crawl import open_client
    from crawler import RawStore, crawl_cik

    with open_client(settings) as client:  # the crawl finished, then the process died
        crawl_cik(client, RawStore(settings.raw_dir), trust.cik)
    assert load_stored(settings).loaded == len(trust.filings)  # no network needed
    _, rows = query(settings.warehouse_dir,
                    "select count(distinct accession) from tranches_history")
    assert rows == [(len(trust.filings),)]  # every version, the amended month's original too
