"""A real filing through the real pipeline: the stand-in serves the recorded Aames 1998-C
submission byte for byte, ``sync`` crawls, stores, parses and commits it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from absdw.config import load_settings
from absdw.pipeline import sync
from crawler import RawStore
from lab.samples import recorded_filing
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree
from warehouse import query

AAMES = Path(__file__).resolve().parents[1] / "fixtures" / "real" / \
    "aames-1998-c-0001011438-98-000429.txt"
CIK, ACCESSION = 913951, "0001011438-98-000429"
UA = "absdw tests absdw-tests@example.com"


def test_the_real_aames_filing_lands_with_its_series_and_delinquency_method(
        tmp_path: Path) -> None:
    raw = AAMES.read_bytes()
    tree = EdgarTree(tmp_path / "edgar")
    tree.add_filing(recorded_filing(raw), recorded=raw)
    tree.write_submissions()
    with StandinServer(tree.root) as server:
        settings = load_settings(dict(home=tmp_path / "home", user_agent=UA,
                                      edgar_url=server.url, edgar_data_url=server.url),
                                 env={}, cwd=tmp_path)
        summary = sync(settings, [CIK])
    assert (summary.fetched, summary.load.loaded, summary.load.quarantined) == (1, 1, [])
    assert RawStore(settings.raw_dir).get(CIK, ACCESSION) == raw
    _, rows = query(settings.warehouse_dir,
                    "SELECT accession, form, company, file_number, series, delinquency_method, "
                    "distribution_date, layout, parse_status FROM filings")
    assert rows == [(ACCESSION, "8-K", "AAMES CAPITAL CORP", "033-70636", "1998-C",
                     "missed_payments", date(1998, 12, 15), "bankers_trust", "ok")]
    _, dq = query(settings.warehouse_dir,
                  "SELECT pool, status, bucket, loan_count, balance::VARCHAR FROM delinquencies "
                  "WHERE pool = 'FIXED GROUP' AND status = 'delinquent' ORDER BY bucket")
    assert dq == [("FIXED GROUP", "delinquent", "30-59", 158, "8802302.47"),
                  ("FIXED GROUP", "delinquent", "60-89", 28, "1920506.60"),
                  ("FIXED GROUP", "delinquent", "90+", 2, "54600.00")]
