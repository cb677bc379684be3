"""The soak: many trusts synced through a hostile EDGAR, with random SIGKILLs, must end in the
very tables an undisturbed run gives.

:func:`run_soak` writes synthetic trusts (and the real seed filing) into a stand-in tree, syncs
them once undisturbed (the reference), then again into a fresh home through a stand-in that
injects 5xx bursts, connection resets, latency, bodies cut short three ways (length announced,
length of the cut, no length), gzip, throttle episodes, garbage JSON and wrong documents, while
``absdw sync`` runs as a child process that is killed at random moments and started again until
it finishes cleanly. It then compares: every table's canonical checksum, each raw document
stored once and whole, nothing lost, no request sent during a throttle block.

Used by ``benchmarks/soak.py`` (long form) and ``tests/lab/test_soak.py`` (short form, in CI).
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from absdw.config import load_settings
from absdw.pipeline import sync
from crawler import RawStore
from crawler.edgar import submission_check
from lab.samples import SEED_CIK, seed_filing, trust_filings
from lab.standin.faults import (
    ConnectionReset,
    Garbage,
    Latency,
    ServerError,
    ThrottleEpisode,
    TruncatedBody,
    WrongDocument,
)
from lab.standin.messages import Behaviour
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree
from lab.synth.deals import synthetic_trusts
from warehouse import TABLES, connect

__all__ = ["SoakResult", "run_soak", "table_checksums"]

USER_AGENT = "absdw soak absdw-soak@example.com"
#: Seconds a throttle episode blocks; the client pauses a little longer.
BLOCK_SECONDS = 1.0


@dataclass
class SoakResult:
    filings: int
    ciks: int
    faults: dict[str, int] = field(default_factory=dict)
    kills: int = 0
    runs: int = 0
    requests: int = 0
    seconds: float = 0.0
    tables_identical: bool = False
    differing: list[str] = field(default_factory=list)
    duplicates: int = 0
    lost: int = 0
    truncated_stored: int = 0
    requests_during_block: int = 0

    def describe(self) -> str:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        return "\n".join([
            f"filings: {self.filings} ({self.ciks} trusts)",
            f"injected faults: {faults}",
            f"kills: {self.kills}; sync runs: {self.runs}",
            f"requests: {self.requests}; seconds: {self.seconds:.1f}",
            f"tables identical: {'yes' if self.tables_identical else 'no ' + str(self.differing)}",
            f"duplicates: {self.duplicates}",
            f"lost: {self.lost}",
            f"truncated stored: {self.truncated_stored}",
            f"requests during block: {self.requests_during_block}",
        ])


def table_checksums(warehouse_dir: Path) -> dict[str, str]:
    """A checksum per table over every row ever committed (history views, quarantined
    filings included), the commit time left out: equal warehouses, equal checksums."""
    con = connect(warehouse_dir)
    try:
        out = {}
        for table in TABLES:
            view = "filings" if table == "filings" else f"{table}_history"
            rows = con.execute(f"SELECT * EXCLUDE (loaded_at) FROM {view} ORDER BY ALL"
                               if table == "filings" else
                               f"SELECT * FROM {view} ORDER BY ALL").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def _tree(root: Path, trusts: int, months: int) -> tuple[list[int], dict[int, list[str]]]:
    tree = EdgarTree(root)
    expected: dict[int, list[str]] = {SEED_CIK: [seed_filing().accession]}
    tree.add_filing(seed_filing())
    for trust in synthetic_trusts(trusts, months=months):
        for filing in trust_filings(trust):
            tree.add_filing(filing)
            expected.setdefault(trust.cik, []).append(filing.accession)
    tree.write_submissions()
    return sorted(expected), expected


def _faults(rng: random.Random, scale: float) -> list[Behaviour]:
    seed = rng.randrange(10**6)
    return [
        ServerError(503, p=0.04 * scale, seed=seed),
        ConnectionReset(p=0.03 * scale, seed=seed + 1),
        Latency((0.0, 30.0), seed=seed + 2),
        ThrottleEpisode(BLOCK_SECONDS, p=0.01 * scale, seed=seed + 3),
        Garbage(p=0.05 * scale, seed=seed + 4),
        WrongDocument(p=0.03 * scale, seed=seed + 5),
        TruncatedBody(0.5, announce="full", prefixes=("/Archives/",), p=0.03 * scale,
                      seed=seed + 6),
        TruncatedBody(0.7, announce="cut", prefixes=("/Archives/",), p=0.03 * scale,
                      seed=seed + 7),
        TruncatedBody(0.3, announce="none", prefixes=("/Archives/",), p=0.03 * scale,
                      seed=seed + 8),
    ]


def _fired(faults: list[Behaviour]) -> dict[str, int]:
    out: dict[str, int] = {}
    for fault in faults:
        if isinstance(fault, ThrottleEpisode):
            out["throttle episodes"] = fault.episodes
        elif isinstance(fault, TruncatedBody):
            name = f"truncated ({fault.announce} length)"
            out[name] = out.get(name, 0) + fault.fired
        elif isinstance(fault, ServerError):
            out["5xx"] = fault.fired
        elif isinstance(fault, ConnectionReset):
            out["resets"] = fault.fired
        elif isinstance(fault, Garbage):
            out["garbage json"] = fault.fired
        elif isinstance(fault, WrongDocument):
            out["wrong documents"] = fault.swapped
    return out


def _child_sync(home: Path, url: str, ciks: list[int], lock: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ABSDW_HOME": str(home), "ABSDW_EDGAR_URL": url,
           "ABSDW_EDGAR_DATA_URL": url, "ABSDW_USER_AGENT": USER_AGENT,
           "ABSDW_RATE_LOCK": str(lock), "ABSDW_THROTTLE_PAUSE": str(BLOCK_SECONDS + 0.5)}
    argv = [sys.executable, "-m", "absdw", "sync", *(a for c in ciks for a in ("--cik", str(c)))]
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=home.parent)


def run_soak(work: Path, *, trusts: int = 50, months: int = 60, kills: int = 10,
             seed: int = 1, fault_scale: float = 1.0, max_runs: int = 40,
             log: Callable[[str], None] = lambda line: None) -> SoakResult:
    """The whole soak under ``work`` (a fresh directory); see the module docstring."""
    rng = random.Random(seed)
    ciks, expected = _tree(work / "edgar", trusts, months)
    result = SoakResult(filings=sum(map(len, expected.values())), ciks=len(ciks))
    reference = load_settings({"home": work / "reference", "user_agent": USER_AGENT},
                              env={}, config_files=False)
    with StandinServer(work / "edgar") as plain:
        settings = load_settings({"home": work / "reference", "user_agent": USER_AGENT,
                                  "edgar_url": plain.url, "edgar_data_url": plain.url,
                                  "rate_lock": str(work / "reference.lock")},
                                 env={}, config_files=False)
        sync(settings, ciks)
    log(f"reference synced: {result.filings} filings")
    faults = _faults(rng, fault_scale)
    home, lock = work / "soaked", work / "soaked.lock"
    home.mkdir()
    started = time.monotonic()
    server = StandinServer.with_sec_behaviours(work / "edgar", rate_limit=None, faults=faults)
    with server:
        for _ in range(kills):
            child = _child_sync(home, server.url, ciks, lock)
            time.sleep(rng.uniform(0.3, 3.0))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                result.kills += 1
            child.communicate()
            result.runs += 1
        for _ in range(max_runs):
            child = _child_sync(home, server.url, ciks, lock)
            _, err = child.communicate()
            result.runs += 1
            log(f"run {result.runs}: exit {child.returncode} {err.decode()[-200:].strip()}")
            if child.returncode == 0:
                break
        result.requests = len(server.requests)
    result.seconds = time.monotonic() - started
    result.faults = _fired(faults)
    throttles = [f for f in faults if isinstance(f, ThrottleEpisode)]
    result.requests_during_block = sum(f.during_block for f in throttles)
    _compare(result, reference.warehouse_dir, home / "warehouse", home / "raw", expected)
    return result


def _compare(result: SoakResult, reference: Path, soaked: Path, raw: Path,
             expected: dict[int, list[str]]) -> None:
    want, got = table_checksums(reference), table_checksums(soaked)
    result.differing = [t for t in TABLES if want[t] != got[t]]
    result.tables_identical = not result.differing
    store = RawStore(raw)
    stored = store.list()
    result.duplicates = len(stored) - len(set(stored))
    present = set(stored)
    result.lost = sum((cik, a) not in present for cik, accessions in expected.items()
                      for a in accessions)
    for cik, accession in stored:
        if submission_check(accession)(store.path_for(cik, accession).read_bytes()):
            result.truncated_stored += 1
    con = connect(soaked)
    try:
        [(rows, distinct)] = con.execute(
            "SELECT count(*), count(DISTINCT accession) FROM filings").fetchall()
    finally:
        con.close()
    result.duplicates += rows - distinct
