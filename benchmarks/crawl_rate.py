"""Crawl rate: how close absdw runs to the rate limit without ever going over, vs edgartools.

Serves N synthetic filings (spread over a few trusts) from the EDGAR stand-in with SEC's
behaviours on (10 requests per 1-second window per client, 403 throttle page and block,
gzip) and a fixed server latency (150 ms by default), then:

1. absdw: ``absdw.pipeline.sync`` for those trusts (submissions JSON + every filing);
2. edgartools: the same trusts' filings listed with ``Company(cik).get_filings`` and each full
   submission read with ``Filing.full_text_submission()``, sequentially as its docs show and
   with 8 threads, in a fresh process each (edgartools reads ``EDGAR_BASE_URL`` /
   ``EDGAR_DATA_URL`` at import), rate limit ``EDGAR_RATE_LIMIT_PER_SEC=10``.

Figures come from the stand-in's own request log (arrival times on its clock) and its rate
limiter: sustained rate = (requests - 1) / (last arrival - first arrival), and the number of
1-second windows that went over the limit (each one would have started SEC's 10-minute
block). Run by hand:

    .venv/bin/python benchmarks/crawl_rate.py [--filings 300] [--latency-ms 150]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from absdw.config import load_settings  # noqa: E402
from absdw.pipeline import sync  # noqa: E402
from lab.standin.faults import Latency  # noqa: E402
from lab.standin.server import StandinServer  # noqa: E402
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling  # noqa: E402

LIMIT = 10
TRUSTS = 10
UA = "absdw bench absdw-bench@example.com"
EDGARTOOLS_UA = "absdw bench edgartools-bench@example.com"


def build_tree(root: Path, filings: int) -> list[int]:
    """``filings`` 10-D / 8-K filings over ``TRUSTS`` trusts, ~6 kB each; returns the CIKs."""
    tree = EdgarTree(root)
    ciks = [1_400_000 + n for n in range(TRUSTS)]
    for n in range(filings):
        cik = ciks[n % TRUSTS]
        filed = date(2008, 1, 25) + timedelta(days=30 * (n // TRUSTS))
        form = "10-D" if n % 3 else "8-K"
        text = f"MONTHLY DISTRIBUTION REPORT {n}\n" + "Class A1  1,000.00  2,000.00\n" * 200
        tree.add_filing(TreeFiling(
            cik=cik, company=f"BENCH TRUST 2008-{cik % 100}", accession=f"0009{cik % 1000000:06d}"
            f"-08-{n:06d}", form=form, filed=filed, file_number=f"333-140000-{cik % 100:02d}",
            documents=(TreeDocument(form, f"d{n}.txt", "cover\n"),
                       TreeDocument("EX-99.1", f"ex{n}.txt", text))))
    tree.write_submissions()
    return ciks


def serve(root: Path, latency_ms: float) -> StandinServer:
    return StandinServer.with_sec_behaviours(root, rate_limit=LIMIT, faults=[Latency(latency_ms)])


def figures(server: StandinServer, agent: str) -> dict[str, float]:
    """Rate and violations of one client, from the stand-in's own log and limiter."""
    times = sorted(r.time for r in server.requests if r.user_agent == agent)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    limiter = server.rate_limiter
    return {
        "requests": len(times),
        "seconds": round(span, 2),
        "rate": round((len(times) - 1) / span, 3) if span else 0.0,
        "violations": limiter.violations if limiter else -1,
        "refused": limiter.blocked_requests if limiter else -1,
        "errors": sum(1 for r in server.requests if r.user_agent == agent and r.status >= 400),
    }


def run_absdw(root: Path, ciks: list[int], latency_ms: float, home: Path) -> dict[str, float]:
    with serve(root, latency_ms) as server:
        settings = load_settings({"home": str(home), "user_agent": UA, "edgar_url": server.url,
                                  "edgar_data_url": server.url, "rate_limit": LIMIT},
                                 env={}, cwd=home)
        summary = sync(settings, ciks)
        result = figures(server, UA)
    result["fetched"] = summary.fetched
    return result


EDGARTOOLS_CHILD = """
import json, os, sys
from concurrent.futures import ThreadPoolExecutor
import edgar
edgar.set_identity(os.environ["EDGAR_IDENTITY"])
ciks, threads = json.loads(sys.argv[1]), int(sys.argv[2])
filings = [f for cik in ciks for f in edgar.Company(cik).get_filings(form=["8-K", "10-D"])]
def read(f):
    return len(f.full_text_submission())
if threads == 1:
    sizes = [read(f) for f in filings]
else:
    with ThreadPoolExecutor(threads) as pool:
        sizes = list(pool.map(read, filings))
print(json.dumps({"fetched": len(sizes)}))
"""


def run_edgartools(root: Path, ciks: list[int], latency_ms: float, cache: Path,
                   threads: int) -> dict[str, float]:
    with serve(root, latency_ms) as server:
        env = {**os.environ, "EDGAR_BASE_URL": server.url, "EDGAR_DATA_URL": server.url,
               "EDGAR_IDENTITY": EDGARTOOLS_UA, "EDGAR_LOCAL_DATA_DIR": str(cache),
               "EDGAR_RATE_LIMIT_PER_SEC": str(LIMIT)}
        done = subprocess.run([sys.executable, "-c", EDGARTOOLS_CHILD, json.dumps(ciks),
                               str(threads)], env=env, capture_output=True, text=True,
                              timeout=1800)
        if done.returncode != 0:
            raise SystemExit(f"edgartools failed:\n{done.stderr[-3000:]}")
        result = figures(server, EDGARTOOLS_UA)
    result["fetched"] = json.loads(done.stdout.strip().splitlines()[-1])["fetched"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--filings", type=int, default=300)
    parser.add_argument("--latency-ms", type=float, default=150.0)
    parser.add_argument("--skip-edgartools", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="absdw-crawl-rate-") as tmp:
        base = Path(tmp)
        ciks = build_tree(base / "edgar", args.filings)
        rows = {"absdw (8 in flight)": run_absdw(base / "edgar", ciks, args.latency_ms,
                                                  base / "home")}
        if not args.skip_edgartools:
            for threads in (1, 8):
                rows[f"edgartools ({threads} thread{'s' if threads > 1 else ''})"] = (
                    run_edgartools(base / "edgar", ciks, args.latency_ms,
                                   base / f"et-cache-{threads}", threads))
    _print(rows, args)


def _print(rows: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(f"{args.filings} filings, {TRUSTS} trusts, stand-in latency {args.latency_ms:g} ms, "
          f"limit {LIMIT} requests per 1-s window")
    print(f"{'client':24} {'fetched':>7} {'requests':>8} {'seconds':>8} {'req/s':>7} "
          f"{'÷limit':>7} {'windows>limit':>13} {'refused':>7}")
    for name, r in rows.items():
        print(f"{name:24} {r['fetched']:>7} {r['requests']:>8} {r['seconds']:>8} "
              f"{r['rate']:>7} {r['rate'] / LIMIT:>7.3f} {r['violations']:>13} {r['refused']:>7}")
    ours = rows["absdw (8 in flight)"]["rate"]
    for name, r in rows.items():
        if name.startswith("edgartools") and r["rate"]:
            print(f"ratio absdw / {name}: {ours / r['rate']:.2f}")


if __name__ == "__main__":
    main()
