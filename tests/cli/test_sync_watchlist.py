"""`absdw sync --all` and `--file-number` through the library API, against the stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from absdw.config import Settings, load_settings
from absdw.pipeline import sync, sync_watchlist
from crawler.syncstate import DAILY_INDEX, SyncState, load_state, save_state
from foundation.errors import ConfigError
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling
from warehouse import query

WATCHED = [1_500_000 + n for n in range(1000)]
NEW = [  # three new filings of watched trusts after the cursor (Friday 2024-01-05)
    (1_500_007, "0001500007-24-000001", "10-D", date(2024, 1, 8)),
    (1_500_500, "0001500500-24-000001", "8-K/A", date(2024, 1, 8)),
    (1_500_999, "0001500999-24-000001", "10-D/A", date(2024, 1, 9)),
]
OLD = (1_500_007, "0001500007-23-000009", "10-D", date(2023, 12, 26))
NOISE = [  # an unwatched trust, and a form that carries no report
    (1_999_001, "0001999001-24-000001", "10-D", date(2024, 1, 8)),
    (1_500_007, "0001500007-24-000002", "10-K", date(2024, 1, 9)),
]


def _filing(cik: int, accession: str, form: str, filed: date) -> TreeFiling:
    return TreeFiling(cik=cik, company=f"WATCHED TRUST {cik}", accession=accession, form=form,
                      filed=filed, file_number=f"333-150000-{cik % 1000:03d}",
                      documents=(TreeDocument(form, "r.txt", "not a report\n"),))


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandinServer]:
    tree = EdgarTree(tmp_path / "edgar")
    for row in [OLD, *NEW, *NOISE]:
        tree.add_filing(_filing(*row))
    tree.write_submissions()
    tree.write_indexes(date(2023, 12, 1), date(2024, 1, 9))
    with StandinServer.with_sec_behaviours(tree.root, tree=tree, rate_limit=10) as server:
        yield server


def _settings(home: Path, url: str, **extra: object) -> Settings:
    return load_settings({"home": str(home), "user_agent": "absdw tests tests@example.com",
                          "edgar_url": url, "edgar_data_url": url, **extra},
                         env={}, cwd=home.parent)


def test_nightly_over_1000_trusts_with_3_new_filings_makes_5_requests(
        standin: StandinServer, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", standin.url, watch_ciks=WATCHED)
    save_state(settings.sync_state_file, SyncState(
        sources={DAILY_INDEX: date(2024, 1, 5)},
        backfilled=dict.fromkeys(WATCHED, date(2024, 1, 5))))
    summary = sync_watchlist(settings, today=date(2024, 1, 9))
    paths = [r.path for r in standin.requests]
    assert len(paths) == 5 <= 10
    assert paths[:2] == ["/Archives/edgar/daily-index/2024/QTR1/form.20240108.idx",
                         "/Archives/edgar/daily-index/2024/QTR1/form.20240109.idx"]
    assert sorted(paths[2:]) == sorted(
        f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}/{acc}.txt" for cik, acc, _, _ in NEW)
    assert (summary.discovered, summary.fetched, summary.failed) == (3, 3, [])
    assert load_state(settings.sync_state_file).sources[DAILY_INDEX] == date(2024, 1, 9)
    _, forms = query(settings.warehouse_dir, "select form from filings order by form")
    assert forms == [("10-D",), ("10-D/A",), ("8-K/A",)]
    assert sorted(a for a, _ in summary.load.quarantined) == sorted(a for _, a, _, _ in NEW)

    standin.clear_requests()
    again = sync_watchlist(settings, today=date(2024, 1, 9))
    assert (standin.requests, again.fetched, again.load.loaded) == ([], 0, 0)


def test_first_run_backfills_from_submissions_then_sets_the_cursor(
        standin: StandinServer, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", standin.url, watch_ciks=[1_500_007])
    summary = sync_watchlist(settings, today=date(2024, 1, 10))
    assert standin.requests[0].path == "/submissions/CIK0001500007.json"
    assert summary.fetched == 2  # the December 10-D and the January one, not the 10-K
    state = load_state(settings.sync_state_file)
    assert state.sources[DAILY_INDEX] == date(2024, 1, 9)
    assert state.backfilled == {1_500_007: date(2024, 1, 10)}


def test_a_watched_file_number_is_resolved_once_and_cached(
        standin: StandinServer, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", standin.url, watch_file_numbers=["333-150000-500"])
    summary = sync_watchlist(settings, today=date(2024, 1, 10))
    assert summary.ciks == [1_500_500]
    assert summary.file_numbers == {"333-150000-500": (1_500_500,)}
    standin.clear_requests()
    sync_watchlist(settings, today=date(2024, 1, 10))
    assert not any("browse-edgar" in r.path for r in standin.requests)


def test_sync_by_file_number_finds_the_trust(standin: StandinServer, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", standin.url)
    summary = sync(settings, file_numbers=["333-150000-007"])
    assert summary.ciks == [1_500_007]
    assert summary.fetched == 2


def test_a_file_number_matching_nothing_says_so(standin: StandinServer, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "home", standin.url)
    with pytest.raises(ConfigError, match="333-777777-01 matches no filer on EDGAR"):
        sync(settings, file_numbers=["333-777777-01"])


def test_a_shared_file_number_needs_all_matches(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path / "edgar")
    for cik in (1_600_001, 1_600_002):
        f = _filing(cik, f"000{cik}-05-000001", "10-D", date(2005, 1, 25))
        tree.add_filing(TreeFiling(**{**f.__dict__, "file_number": "333-160000-01"}))
    tree.write_submissions()
    with StandinServer(tree.root, tree=tree) as server:
        settings = _settings(tmp_path / "home", server.url)
        with pytest.raises(ConfigError, match=r"matches 2 filers: .*1600001 WATCHED TRUST 1600001"
                                              r".*--all-matches"):
            sync(settings, file_numbers=["333-160000-01"])
        summary = sync(settings, file_numbers=["333-160000-01"], all_matches=True)
    assert sorted(summary.ciks) == [1_600_001, 1_600_002]
    assert summary.fetched == 2
