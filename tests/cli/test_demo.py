"""The offline demo: sample EDGAR content served locally, synced over HTTP, reported."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from absdw.demo import SHOWN_MONTHS, demo_home, run_demo
from foundation.errors import ConfigError
from lab.samples import write_sample_tree
from warehouse import query


def test_demo_syncs_every_sample_trust_and_reports_month_over_month(tmp_path: Path) -> None:
    columns, rows, home = run_demo(tmp_path / "home", months=3)
    assert columns == ["trust", "cik", "distribution_date", "ending_balance", "pool_factor",
                       "dq60plus_pct", "senior_factor"]  # named as in the views
    by_trust: dict[str, list[tuple]] = {}
    for row in rows:
        by_trust.setdefault(row[0], []).append(row)
    assert len(by_trust) == 3 and sum(len(v) for v in by_trust.values()) == 7
    terwin = by_trust["TERWIN MORTGAGE TRUST SERIES 2003-4HE"]
    assert [(str(r[2]), r[3]) for r in terwin] == [("2003-11-25", Decimal("233714037.71"))]
    # pool factor = ending / earliest beginning balance; senior = largest SEN class (A1)
    assert terwin[0][4] == Decimal("0.935956")
    assert terwin[0][6] == Decimal("0.98445733")
    # 60+ = 7 loans 60-89 days delinquent, 690,565.95, over the ending pool balance: a fraction
    assert terwin[0][5] == (Decimal("690565.95") / Decimal("233714037.71")).quantize(
        Decimal("0.000001"))
    for trust_rows in by_trust.values():
        dates = [r[2] for r in trust_rows]
        assert dates == sorted(set(dates)), "one row per month, amendments resolved"
        factors = [r[4] for r in trust_rows]
        assert factors == sorted(factors, reverse=True) and all(0 < f <= 1 for f in factors)
    _, filings = query(home / "warehouse", "select count(*), count(distinct cik) from filings")
    assert filings == [(3 * 2 + 2 + 1, 3)]  # 3 months x 2 trusts + 2 amendments + the seed


def test_demo_shows_each_trusts_last_months_and_keeps_all(tmp_path: Path) -> None:
    _, rows, home = run_demo(tmp_path / "home", months=SHOWN_MONTHS + 2)
    per_trust = {r[1]: 0 for r in rows}
    for r in rows:
        per_trust[r[1]] += 1
    assert sorted(per_trust.values()) == [1, SHOWN_MONTHS, SHOWN_MONTHS]  # the seed has one
    _, [(months,)] = query(home / "warehouse", "select count(*) from pool_performance "
                           "where pool = 'total'")
    assert months == 2 * (SHOWN_MONTHS + 2) + 1


def test_demo_honours_absdw_home_and_refuses_a_real_warehouse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABSDW_HOME", str(tmp_path / "my home (demo)"))
    assert demo_home(None) == tmp_path / "my home (demo)"
    real = tmp_path / "real"
    (real / "warehouse").mkdir(parents=True)
    with pytest.raises(ConfigError, match="did not make"):
        demo_home(real)
    monkeypatch.delenv("ABSDW_HOME")
    default = demo_home(None)  # the user's data dir (a temp dir here: tests/conftest.py)
    assert default == Path(os.environ["XDG_DATA_HOME"]) / "absdw" / "demo"
    assert demo_home(default) == default  # a demo home is reused


def test_sample_tree_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert write_sample_tree(first, months=2) == write_sample_tree(second, months=2)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(second) for p in second.rglob("*")
                                     if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
