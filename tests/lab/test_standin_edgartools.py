"""Fidelity: edgartools, an independent EDGAR client, reads a trust served by the stand-in.

edgartools reads its base URLs from the environment at import time and may warn, so it runs in
a child process (``benchmarks/edgartools_fidelity.py --observe``) against a server started here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "edgartools_fidelity.py"

pytestmark = pytest.mark.slow


def test_edgartools_lists_and_reads_the_trust(tmp_path: Path) -> None:
    pytest.importorskip("edgar")
    sys.path.insert(0, str(BENCH.parent))
    try:
        import edgartools_fidelity as bench
    finally:
        sys.path.remove(str(BENCH.parent))
    from lab.standin.server import StandinServer

    tree = bench.build_tree(tmp_path / "edgar")
    server = StandinServer.with_sec_behaviours(tree.root, tree=tree)
    with server:
        run = subprocess.run(
            [sys.executable, str(BENCH), "--observe", server.url, str(tmp_path / "cache")],
            capture_output=True, text=True, timeout=240, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert (seen["name"], seen["cik"]) == (bench.TRUST, bench.TRUST_CIK)
    assert [tuple(f) for f in seen["filings"]] == [
        ("10-D", "0000950123-07-000005", "2007-05-25"),
        ("10-D", "0000950123-07-000004", "2007-04-25"),
        ("10-D", "0000950123-07-000003", "2007-03-26"),
        ("8-K", "0000950123-07-000002", "2007-02-26"),
        ("8-K", "0000950123-07-000001", "2007-01-26")]
    assert [tuple(a) for a in seen["attachments"]] == [
        ("10-D", "d10d_05.htm"), ("EX-99.1", "ex991_05.txt")]
    assert seen["exhibit_text"] == bench._report(5).rstrip("\n")  # EDGAR's wrapping newline
    assert seen["header_filers"] == [bench.TRUST, "TEST DEPOSITOR LLC"]
    assert [tuple(r) for r in seen["quarter_index"]] == [
        ("10-D", "TEST DEPOSITOR LLC", bench.DEPOSITOR_CIK, "0000950123-07-000005"),
        ("10-D", bench.TRUST, bench.TRUST_CIK, "0000950123-07-000005"),
        ("10-D", bench.TRUST, bench.TRUST_CIK, "0000950123-07-000004")]
    assert {r.status for r in server.requests} == {200}
    assert server.rate_limiter is not None and server.rate_limiter.violations == 0
