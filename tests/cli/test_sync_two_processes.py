"""Two `absdw sync` processes at once, each with its own ABSDW_HOME, against a stand-in that
enforces SEC's 10-per-second window: through the shared rate lock they keep one schedule
(10 requests in any second at most as the limiter hands out slots, tests/crawler/
test_limiter.py); here the arrivals are counted at the server, where the time between a
slot and its arrival varies a little (one request of jitter is allowed under a loaded CI
machine). The control run gives each its own lock: about twice the rate arrives, so the
test can tell the difference."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from absdw.errors import EXIT_CODES
from crawler.rawstore import RawStore
from lab.standin.behaviours import RateLimit
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

ROOT = Path(__file__).resolve().parents[2]
TRUSTS = (1_800_001, 1_800_002)
FILINGS = 30  # per trust: 31 requests per sync (submissions + documents)


def _tree(root: Path) -> EdgarTree:
    tree = EdgarTree(root)
    for cik in TRUSTS:
        for n in range(FILINGS):
            accession = f"{cik:010d}-06-{n:06d}"
            tree.add_filing(TreeFiling(
                cik=cik, company=f"PAIR TRUST {cik}", accession=accession, form="10-D",
                filed=date(2006, 1, 25) + timedelta(days=30 * n),
                documents=(TreeDocument("10-D", "r.txt", f"report {n}\n"),)))
    tree.write_submissions()
    return tree


def _env(home: Path, url: str, lock: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ABSDW_")}
    env.update(ABSDW_HOME=str(home), ABSDW_USER_AGENT="absdw tests tests@example.com",
               ABSDW_EDGAR_URL=url, ABSDW_EDGAR_DATA_URL=url, ABSDW_RATE_LOCK=str(lock),
               ABSDW_THROTTLE_PAUSE="1", ABSDW_CONFIG=str(ROOT / "config.toml"),
               PYTHONPATH=str(ROOT))
    return env


def most_in_any_second(times: list[float]) -> int:
    ordered = sorted(times)
    return max(sum(1 for u in ordered if t <= u < t + 1.0) for t in ordered)


def _sync_both(tmp_path: Path, run: str, locks: tuple[Path, Path], *,
               server_limit: int = 10) -> tuple[RateLimit, list[float]]:
    """Both trusts synced by two processes started together: the stand-in's window counter
    and the arrival time of every request."""
    tree = _tree(tmp_path / run / "edgar")
    window = RateLimit(limit=server_limit, block_seconds=1.0)
    with StandinServer(tree.root, behaviours=[window]) as server:
        procs = [subprocess.Popen(
            [sys.executable, "-m", "absdw", "sync", "--cik", str(cik)],
            env=_env(tmp_path / run / f"home{i}", server.url, lock),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
            for i, (cik, lock) in enumerate(zip(TRUSTS, locks, strict=True))]
        errors = [proc.communicate(timeout=120)[1] for proc in procs]
        arrivals = [r.time for r in server.requests]
    for i, (cik, proc) in enumerate(zip(TRUSTS, procs, strict=True)):
        # placeholder documents without a report: each sync completes with its filings
        # quarantined, exit 8
        assert proc.returncode == EXIT_CODES["quarantined"], errors[i]
        assert len(RawStore(tmp_path / run / f"home{i}" / "raw").list()) == FILINGS, cik
    return window, arrivals


@pytest.mark.slow
def test_two_syncs_with_different_homes_share_the_limit(tmp_path: Path) -> None:
    shared = tmp_path / "user-cache" / "ratelimit.lock"
    window, arrivals = _sync_both(tmp_path, "shared", (shared, shared))
    assert len(arrivals) >= 2 * (FILINGS + 1)
    assert most_in_any_second(arrivals) <= 11
    assert window.violations <= 1  # that one jitter, which the throttle pause then absorbs


@pytest.mark.slow
def test_control_two_syncs_with_their_own_locks_go_over(tmp_path: Path) -> None:
    """The same two syncs each on a lock of its own, against a stand-in that lets everything
    through: about twice the limit arrives."""
    _, arrivals = _sync_both(tmp_path, "apart", (tmp_path / "a.lock", tmp_path / "b.lock"),
                             server_limit=1_000)
    assert most_in_any_second(arrivals) >= 15
