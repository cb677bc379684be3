"""The offline demo: sample EDGAR content served locally, synced over HTTP, reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from absdw.demo import run_demo
from lab.samples import write_sample_tree
from warehouse import query


def test_demo_syncs_every_sample_trust_and_reports_month_over_month(tmp_path: Path) -> None:
    columns, rows, home = run_demo(tmp_path / "home", months=3)
    assert columns == ["trust", "distribution_date", "pool_balance", "pool_factor", "dq60_pct",
                       "senior_factor"]
    by_trust: dict[str, list[tuple]] = {}
    for row in rows:
        by_trust.setdefault(row[0], []).append(row)
    assert len(by_trust) == 3 and sum(len(v) for v in by_trust.values()) == 7
    terwin = by_trust["TERWIN MORTGAGE TRUST SERIES 2003-4HE"]
    assert [(str(r[1]), r[2]) for r in terwin] == [("2003-11-25", Decimal("233714037.71"))]
    # pool factor = ending / earliest beginning balance; senior = largest SEN class (A1)
    assert terwin[0][3] == Decimal("0.935956")
    assert terwin[0][5] == Decimal("0.98445733")
    # 60+ = 7 loans 60-89 days delinquent, 690,565.95, over the ending pool balance
    assert terwin[0][4] == (100 * Decimal("690565.95") / Decimal("233714037.71")).quantize(
        Decimal("0.01"))
    for trust_rows in by_trust.values():
        dates = [r[1] for r in trust_rows]
        assert dates == sorted(set(dates)), "one row per month, amendments resolved"
        factors = [r[3] for r in trust_rows]
        assert factors == sorted(factors, reverse=True) and all(0 < f <= 1 for f in factors)
    _, filings = query(home / "warehouse", "select count(*), count(distinct cik) from filings")
    assert filings == [(3 * 2 + 2 + 1, 3)]  # 3 months x 2 trusts + 2 amendments + the seed


def test_sample_tree_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert write_sample_tree(first, months=2) == write_sample_tree(second, months=2)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(second) for p in second.rglob("*")
                                     if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
