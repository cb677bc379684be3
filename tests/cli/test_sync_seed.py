"""End to end through the CLI: the real seed filing from a local EDGAR over HTTP into DuckDB."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "absdw"]


def _run(
    args: list[str], env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + args, env=env, text=True, capture_output=True, check=check)


@pytest.fixture
def cli_env(tmp_path: Path, seed_standin: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("ABSDW_")}
    env.update(
        ABSDW_HOME=str(tmp_path / "home"),
        ABSDW_USER_AGENT="absdw tests absdw-tests@example.com",
        ABSDW_EDGAR_URL=seed_standin,
        ABSDW_EDGAR_DATA_URL=seed_standin,
        ABSDW_CONFIG=str(Path(__file__).resolve().parents[2] / "config.toml"),
    )
    return env


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_sync_then_query_gives_the_seed_values(cli_env: dict[str, str]) -> None:
    _run(["sync", "--cik", "1268747"], cli_env)
    out = _run(
        [
            "query",
            "--format",
            "csv",
            "select class, ending_balance, factor from tranches order by class",
        ],
        cli_env,
    )
    rows = {r["class"]: r for r in _csv(out.stdout)}
    assert sorted(rows) == ["A1", "A2", "A3", "B", "M1", "M2", "N", "R", "RX", "X"]
    assert rows["A1"] == {"class": "A1", "ending_balance": "157824262.08", "factor": "0.98445733"}
    assert rows["N"]["ending_balance"] == "11915210.34"

    pools = _csv(
        _run(
            ["query", "-f", "csv", "select pool, ending_balance, ending_loan_count from pools"],
            cli_env,
        ).stdout
    )
    assert pools == [
        {"pool": "total", "ending_balance": "233714037.71", "ending_loan_count": "1455"}
    ]

    dq = _csv(
        _run(
            [
                "query",
                "-f",
                "csv",
                "select status, loan_count, balance from delinquencies "
                "where bucket = '30-59' and loan_count > 0 order by status",
            ],
            cli_env,
        ).stdout
    )
    assert dq == [
        {"status": "bankruptcy", "loan_count": "2", "balance": "215634.26"},
        {"status": "delinquent", "loan_count": "36", "balance": "4896139.31"},
    ]

    filing = _csv(
        _run(
            [
                "query",
                "-f",
                "csv",
                "select cik, accession, form, filed_date, "
                "file_number, exhibit_type, layout, parse_status from filings",
            ],
            cli_env,
        ).stdout
    )
    assert filing == [
        {
            "cik": "1268747",
            "accession": "0001056404-03-002432",
            "form": "8-K",
            "filed_date": "2003-12-03",
            "file_number": "333-106175-06",
            "exhibit_type": "EX-99.1",
            "layout": "ctslink",
            "parse_status": "ok",
        }
    ]


def test_seed_month_metrics_from_the_parsed_report(cli_env: dict[str, str]) -> None:
    """pool_performance over the real parsed seed: figures typed from its collateral
    statement (lines 560-570) and its delinquency matrix (30-59 days, delinquent)."""
    _run(["sync", "--cik", "1268747"], cli_env)
    row = _csv(_run(["query", "-f", "csv", "select smm, cpr, dq30_pct, pool_factor "
                     "from pool_performance where pool = 'total'"], cli_env).stdout)
    assert len(row) == 1
    beginning, scheduled = Decimal("249706282.72"), Decimal("201151.91")
    unscheduled, ending = Decimal("2891093.10"), Decimal("233714037.71")
    smm = unscheduled / (beginning - scheduled)
    expected = {"smm": smm, "cpr": 1 - (1 - smm) ** 12,
                "dq30_pct": Decimal("4896139.31") / ending,
                "pool_factor": ending / beginning}  # one month known: its beginning balance
    for name, value in expected.items():
        assert abs(Decimal(row[0][name]) - value) <= value * Decimal("1e-12"), name


def test_second_sync_adds_no_rows_and_fetches_nothing(cli_env: dict[str, str]) -> None:
    count_sql = (
        "select (select count(*) from filings) || ',' || (select count(*) from tranches)"
        " || ',' || (select count(*) from delinquencies) as n"
    )
    _run(["sync", "--cik", "1268747"], cli_env)
    first = _run(["query", "-f", "csv", count_sql], cli_env).stdout
    again = _run(["sync", "--cik", "1268747"], cli_env)
    assert "0 fetched, 1 already stored, 0 committed" in again.stderr
    assert _run(["query", "-f", "csv", count_sql], cli_env).stdout == first


def test_sync_without_user_agent_is_refused_with_remedy(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "ABSDW_USER_AGENT": "anonymous"}
    result = _run(["sync", "--cik", "1268747"], env, check=False)
    assert result.returncode == 3
    assert "ABSDW_USER_AGENT" in result.stderr
    assert result.stderr.count("\n") == 1  # one line, no traceback


def test_version() -> None:
    out = subprocess.run([*CLI, "--version"], text=True, capture_output=True, check=True)
    assert out.stdout.strip() == "absdw 0.1.0"
