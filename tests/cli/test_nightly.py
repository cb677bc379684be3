"""The nightly job a scheduler can trust (issue 12): one bad trust does not stop the others,
every outcome has its exit code, two syncs of one home never crawl together."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from absdw.config import load_settings
from absdw.errors import EXIT_CODES
from absdw.pipeline import sync
from absdw.pipeline.runs import load_runs
from lab.samples import SEED_CIK, seed_filing
from lab.standin.faults import Latency
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree
from warehouse import query

UA = "absdw tests absdw-tests@example.com"
MISSING = 1_999_999  # no submissions JSON: EDGAR answers 404


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandinServer]:
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(seed_filing())
    tree.write_submissions()
    with StandinServer(tree.root) as server:
        yield server


def _env(tmp_path: Path, url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "ABSDW_HOME": str(tmp_path / "home"), "ABSDW_USER_AGENT": UA,
            "ABSDW_EDGAR_URL": url, "ABSDW_EDGAR_DATA_URL": url, **extra}


def _absdw(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "absdw", *args], env=env, text=True,
                          capture_output=True, cwd=tmp_path, check=False, timeout=120)


def test_a_bad_trust_is_reported_the_good_one_loaded_and_the_run_exits_5(
        standin: StandinServer, tmp_path: Path) -> None:
    env = _env(tmp_path, standin.url, ABSDW_WATCH_CIKS=f"{MISSING},{SEED_CIK}")
    done = _absdw(tmp_path, env, "sync", "--all")
    assert done.returncode == EXIT_CODES["partial"], done.stderr
    assert f"CIK {MISSING}: HTTP 404" in done.stderr
    assert "1 committed" in done.stderr
    settings = load_settings(env={k: v for k, v in env.items() if k.startswith("ABSDW_")})
    assert query(settings.warehouse_dir, "SELECT cik, parse_status FROM filings")[1] == [
        (SEED_CIK, "ok")]
    runs = load_runs(settings.runs_file)
    assert runs[SEED_CIK].failure is None
    assert runs[MISSING].failure is not None and "404" in runs[MISSING].failure
    again = _absdw(tmp_path, env, "sync", "--all")  # the bad trust is tried again
    assert again.returncode == EXIT_CODES["partial"] and f"CIK {MISSING}" in again.stderr


def test_an_empty_watch_list_is_nothing_to_do(standin: StandinServer, tmp_path: Path) -> None:
    done = _absdw(tmp_path, _env(tmp_path, standin.url), "sync", "--all")
    assert done.returncode == EXIT_CODES["nothing_to_do"]
    assert "the watch list is empty" in done.stderr and "absdw watch add" in done.stderr


def test_new_quarantined_filings_exit_8(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path / "edgar")
    broken = seed_filing()
    from dataclasses import replace

    from lab.standin.tree import TreeDocument

    tree.add_filing(replace(broken, documents=(TreeDocument("8-K", "x.txt", "no report\n"),)))
    tree.write_submissions()
    with StandinServer(tree.root) as server:
        done = _absdw(tmp_path, _env(tmp_path, server.url), "sync", "--cik", str(SEED_CIK))
    assert done.returncode == EXIT_CODES["quarantined"], done.stderr
    assert "quarantine list" in done.stderr


def test_two_syncs_of_one_home_never_crawl_together(tmp_path: Path) -> None:
    """The second exits 10 naming the first; with --wait it waits and then finds nothing to
    fetch. The first loads everything (nothing lost, nothing fetched twice)."""
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(seed_filing())
    tree.write_submissions()
    slow = Latency(400.0, prefixes=("/Archives/",))
    with StandinServer(tree.root, behaviours=[slow]) as server:
        env = _env(tmp_path, server.url)
        first = subprocess.Popen([sys.executable, "-m", "absdw", "sync", "--cik",
                                  str(SEED_CIK)], env=env, text=True, cwd=tmp_path,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        lock = tmp_path / "home" / "sync.pid"
        for _ in range(200):
            if lock.exists():
                break
            time.sleep(0.02)
        second = _absdw(tmp_path, env, "sync", "--cik", str(SEED_CIK))
        waited = _absdw(tmp_path, env, "sync", "--cik", str(SEED_CIK), "--wait")
        _, first_err = first.communicate(timeout=60)
    assert second.returncode == EXIT_CODES["locked"], second.stderr
    assert "another absdw sync of" in second.stderr and "pid" in second.stderr
    assert first.returncode == 0, first_err
    assert "1 fetched" in first_err and "1 committed" in first_err
    assert waited.returncode == 0 and "0 fetched, 1 already stored, 0 committed" in waited.stderr
    archive = [r for r in server.requests if r.path.startswith("/Archives/")]
    assert len(archive) == 1  # the document was fetched once


def test_the_summary_counts_what_was_committed(standin: StandinServer, tmp_path: Path) -> None:
    settings = load_settings({"home": tmp_path / "home", "user_agent": UA,
                              "edgar_url": standin.url, "edgar_data_url": standin.url},
                             env={}, config_files=False)
    assert sync(settings, [SEED_CIK]).load.loaded == 1
    from absdw.pipeline.load import tally
    from absdw.pipeline.summary import LoadSummary

    counted = LoadSummary()
    rows = {"filings": [{"accession": "a", "parse_status": "ok", "parse_error": None}]}
    tally(counted, rows, committed=set())  # another process committed it first
    assert (counted.loaded, counted.quarantined) == (0, [])


@pytest.mark.slow  # ~20 s: the junk is retried with backoff before the trust is given up
def test_an_error_page_or_junk_json_fails_only_its_own_trust(tmp_path: Path) -> None:
    """EDGAR answering an HTML page with status 200, or cut-off JSON, for one trust's
    submissions: that trust is reported and recorded, the others load."""
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(seed_filing())
    tree.write_submissions()
    html_cik, junk_cik = 1_999_001, 1_999_002
    subs = tree.root / "submissions"
    (subs / f"CIK{html_cik:010d}.json").write_text(
        "<html><body><h1>Service Unavailable</h1></body></html>")
    (subs / f"CIK{junk_cik:010d}.json").write_text('{"cik": "1999002", "filings": {"rec')
    with StandinServer(tree.root) as server:
        env = _env(tmp_path, server.url, ABSDW_WATCH_CIKS=f"{html_cik},{junk_cik},{SEED_CIK}")
        done = _absdw(tmp_path, env, "sync", "--all")
    assert done.returncode == EXIT_CODES["partial"], done.stderr
    assert f"WARNING TrustFailed cik={html_cik}" in done.stderr
    assert f"WARNING TrustFailed cik={junk_cik}" in done.stderr
    settings = load_settings(env={k: v for k, v in env.items() if k.startswith("ABSDW_")})
    assert query(settings.warehouse_dir, "SELECT cik FROM filings")[1] == [(SEED_CIK,)]
    runs = load_runs(settings.runs_file)
    assert runs[html_cik].failure and runs[junk_cik].failure and runs[SEED_CIK].failure is None


def test_two_nightly_syncs_started_together_one_syncs_the_other_reports_the_lock(
        tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(seed_filing())
    tree.write_submissions()
    slow = Latency(400.0, prefixes=("/Archives/",))
    with StandinServer(tree.root, behaviours=[slow]) as server:
        env = _env(tmp_path, server.url, ABSDW_WATCH_CIKS=str(SEED_CIK))
        procs = [subprocess.Popen([sys.executable, "-m", "absdw", "sync", "--all"], env=env,
                                  text=True, cwd=tmp_path, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(2)]
        outcomes = sorted((p.wait(timeout=60), p.communicate()[1]) for p in procs)
    (first, first_err), (second, second_err) = outcomes
    assert (first, second) == (EXIT_CODES["ok"], EXIT_CODES["locked"]), (first_err, second_err)
    assert "another absdw sync of" in second_err
    settings = load_settings(env={k: v for k, v in env.items() if k.startswith("ABSDW_")})
    assert query(settings.warehouse_dir, "SELECT cik, count(*) FROM filings GROUP BY cik")[
        1] == [(SEED_CIK, 1)]  # loaded once, nothing lost
