"""The read-side commands over a synced warehouse: query --as-of, export, compact, status,
config show. One module-scoped warehouse keeps this fast."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.demo import run_demo

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli") / "home"
    run_demo(home, months=4)
    return home


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _amendment(home: Path) -> dict[str, str]:
    sql = ("select a.accession, a.filed_date, a.distribution_date, a.cik from filings a "
           "where a.form = '8-K/A' order by a.cik limit 1")
    return _csv(_ok(["query", "--home", str(home), "-f", "csv", sql]))[0]


def test_query_as_of_shows_the_original_before_the_amendment(home: Path) -> None:
    amended = _amendment(home)
    sql = ("select accession from pools where cik = {cik} and distribution_date = '{d}'"
           .format(cik=amended["cik"], d=amended["distribution_date"]))
    now = _csv(_ok(["query", "--home", str(home), "-f", "csv", sql]))
    assert now == [{"accession": amended["accession"]}]
    from datetime import date, timedelta
    before = (date.fromisoformat(amended["filed_date"]) - timedelta(days=1)).isoformat()
    then = _csv(_ok(["query", "--home", str(home), "-f", "csv", "--as-of", before, sql]))
    assert len(then) == 1 and then[0]["accession"] != amended["accession"]
    history = _csv(_ok(["query", "--home", str(home), "-f", "csv",
                        sql.replace("from pools", "from pools_history")]))
    assert {r["accession"] for r in history} == {amended["accession"], then[0]["accession"]}


def test_export_writes_parquet_matching_the_views(home: Path, tmp_path: Path) -> None:
    out = _ok(["export", "--home", str(home), "--to", str(tmp_path), "--table", "pools",
               "--cik", "1268747"])
    assert "pools" in out
    (file,) = sorted((tmp_path / "pools").rglob("*.parquet"))
    table = pq.read_table(file)
    assert table.num_rows == 1
    row = table.to_pylist()[0]
    assert str(row["ending_balance"]) == "233714037.71" and row["ending_loan_count"] == 1455


def test_export_csv(home: Path, tmp_path: Path) -> None:
    _ok(["export", "--home", str(home), "--to", str(tmp_path), "-f", "csv", "--table",
         "tranches", "--cik", "1268747"])
    (file,) = sorted((tmp_path / "tranches").rglob("*.csv"))
    with file.open(newline="") as handle:
        rows = {r["class"]: r for r in csv.DictReader(handle)}
    assert rows["A1"]["ending_balance"] == "157824262.08"


def test_compact_keeps_results_and_reports_file_counts(home: Path) -> None:
    sql = "select count(*) n, sum(ending_balance) s from tranches"
    before = _ok(["query", "--home", str(home), "-f", "csv", sql])
    out = _ok(["compact", "--home", str(home)])
    lines = out.splitlines()
    assert lines[0].split() == ["table", "files_before", "files_after"]
    assert _ok(["query", "--home", str(home), "-f", "csv", sql]) == before


def test_status_counts_filings(home: Path) -> None:
    out = _ok(["status", "--home", str(home), "-f", "csv"])
    info = {r["item"]: r["value"] for r in _csv(out)}
    assert "ok=11" in info["filings_by_status"]  # 4 months x 2 trusts + 2 amendments + seed


def test_config_show_names_each_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ABSDW_HOME", str(tmp_path))
    monkeypatch.delenv("ABSDW_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    rows = {r["setting"]: r for r in _csv(_ok(["config", "show", "-f", "csv"]))}
    assert rows["home"]["value"] == str(tmp_path)
    assert rows["home"]["source"] == "environment ABSDW_HOME"
    assert rows["edgar_url"]["source"] == "default"
