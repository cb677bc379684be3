"""kill -9 in the middle of `absdw sync`, then run it again: every filing exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from absdw.errors import EXIT_CODES
from crawler.rawstore import RawStore
from lab.standin.faults import Latency
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling
from warehouse import query

ROOT = Path(__file__).resolve().parents[2]
CIK = 1_700_001
ACCESSIONS = [f"0001700001-06-{n:06d}" for n in range(24)]


def _tree(root: Path) -> EdgarTree:
    tree = EdgarTree(root)
    for n, accession in enumerate(ACCESSIONS):
        form = "8-K/A" if n % 5 == 4 else "10-D"
        tree.add_filing(TreeFiling(
            cik=CIK, company="RESUME TRUST 2006-1", accession=accession, form=form,
            filed=date(2006, 1, 25) + timedelta(days=30 * n),
            documents=(TreeDocument(form, "r.txt", f"report {n}\n" + "x" * 50_000),)))
    tree.write_submissions()
    return tree


def _env(home: Path, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ABSDW_")}
    env.update(ABSDW_HOME=str(home), ABSDW_USER_AGENT="absdw tests tests@example.com",
               ABSDW_EDGAR_URL=url, ABSDW_EDGAR_DATA_URL=url, ABSDW_CONCURRENCY="2",
               ABSDW_CONFIG=str(ROOT / "config.toml"), PYTHONPATH=str(ROOT))
    return env


def _document_requests(server: StandinServer) -> list[str]:
    return [r.path.rsplit("/", 1)[1].removesuffix(".txt") for r in server.requests
            if r.path.startswith("/Archives/")]


@pytest.mark.slow
def test_kill_9_mid_sync_then_rerun_stores_and_loads_each_filing_once(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "edgar")
    home = tmp_path / "home"
    store = RawStore(home / "raw")
    argv = [sys.executable, "-m", "absdw", "sync", "--cik", str(CIK)]
    with StandinServer(tree.root, behaviours=[Latency(150)]) as server:
        env = _env(home, server.url)
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=tmp_path)
        try:
            while len(store.list()) < 4 and proc.poll() is None:
                time.sleep(0.02)
        finally:
            proc.kill()  # SIGKILL: no cleanup of any kind
            proc.wait()
        assert proc.returncode == -9
        before = {a for _, a in store.list()}
        assert 4 <= len(before) < len(ACCESSIONS)
        time.sleep(0.5)  # the dead process's in-flight requests finish logging on the server
        server.clear_requests()
        rerun = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=tmp_path)
        # the placeholder documents carry no report: the rerun completes with every filing
        # quarantined, exit 8 ("finished, new filings quarantined")
        assert rerun.returncode == EXIT_CODES["quarantined"], rerun.stderr
        fetched_again = _document_requests(server)
    assert sorted(fetched_again) == sorted(set(ACCESSIONS) - before)  # only what was missing
    assert store.list() == [(CIK, a) for a in ACCESSIONS]
    for accession in ACCESSIONS:  # no partial file: every stored file matches its checksum
        assert store.get(CIK, accession).startswith(b"<SEC-DOCUMENT>")
    _, rows = query(home / "warehouse",
                    "select accession, count(*) from filings group by accession order by 1")
    assert rows == [(a, 1) for a in ACCESSIONS]
    assert f"{len(ACCESSIONS) - len(before)} fetched, {len(before)} already stored" in rerun.stderr
