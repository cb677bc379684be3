"""The read-side commands over a synced warehouse: query --as-of, export, compact, status,
config show. One module-scoped warehouse keeps this fast."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from absdw.cli import app
from absdw.demo import run_demo
from foundation.errors import ConfigError

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


def test_status_warehouse_counts_filings(home: Path) -> None:
    out = _ok(["status", "--warehouse", "--home", str(home), "-f", "csv"])
    info = {r["item"]: r["value"] for r in _csv(out)}
    assert "ok=11" in info["filings_by_status"]  # 4 months x 2 trusts + 2 amendments + seed


def test_status_per_trust(home: Path) -> None:
    rows = {r["cik"]: r for r in _csv(_ok(["status", "--home", str(home), "-f", "csv"]))}
    assert set(rows) == {"1268747", "1900001", "1900002"}
    terwin = rows["1268747"]
    assert terwin["name"] == "TERWIN MORTGAGE TRUST SERIES 2003-4HE"
    assert (terwin["last_distribution_date"], terwin["loaded"], terwin["quarantined"]) == (
        "2003-11-25", "1", "0")
    assert terwin["last_sync"].startswith("20") and terwin["failure"] == ""  # the demo's sync
    assert int(rows["1900001"]["loaded"]) == 5  # 4 months + an amendment


def test_query_reads_a_file_stdin_and_several_statements(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "monthly.sql"
    script.write_text("SET threads = 1;\n"
                      "CREATE TEMP VIEW t AS SELECT cik, name FROM trusts;\n"
                      "SELECT count(*) AS n FROM t;\n"
                      "SELECT name FROM t WHERE cik = 1268747;\n")
    out = _ok(["query", "--home", str(home), "-f", "csv", "--file", str(script)])
    assert out == "n\n3\n\nname\nTERWIN MORTGAGE TRUST SERIES 2003-4HE\n"  # blank between
    doc = json.loads(_ok(["query", "--home", str(home), "-f", "json", "--file", str(script)]))
    assert doc == [[{"n": 3}], [{"name": "TERWIN MORTGAGE TRUST SERIES 2003-4HE"}]]
    piped = runner.invoke(app, ["query", "--home", str(home), "-f", "csv"],
                          input="select count(*) as n from trusts")
    assert piped.exit_code == 0 and piped.stdout == "n\n3\n"


def test_query_without_sql_is_a_clear_config_error(home: Path) -> None:
    result = runner.invoke(app, ["query", "--home", str(home), ""])
    assert result.exit_code == 1 or result.exception is not None
    assert isinstance(result.exception, ConfigError) and "no SQL given" in str(result.exception)


def test_query_json_is_valid_for_decimals_nan_and_lists(home: Path) -> None:
    sql = ("select amount, 'nan'::double as x, file_numbers, 0::decimal(18,10) as z "
           "from report_items, trusts where report_items.cik = trusts.cik limit 3")
    doc = json.loads(_ok(["query", "--home", str(home), "-f", "json", sql]),
                     parse_float=Decimal)
    assert len(doc) == 3 and all(r["x"] is None and r["z"] == Decimal("0.00") for r in doc)
    assert all(isinstance(r["file_numbers"], list) for r in doc)
    table = _ok(["query", "--home", str(home), "select 0::decimal(18,10) as z"])
    assert "0E-10" not in table and "0.00" in table


def test_config_show_json_is_valid(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ABSDW_HOME", str(tmp_path))
    doc = json.loads(_ok(["config", "show", "-f", "json"]))
    home = next(r for r in doc if r["setting"] == "home")
    assert home["value"] == str(tmp_path)


def test_a_home_whose_path_has_spaces_and_parentheses_queries(tmp_path: Path) -> None:
    """The issue's "control (30 KB index)": file paths reached DuckDB URL-quoted."""
    odd = tmp_path / "control (30 KB index) é" / "home"
    run_demo(odd, months=1)
    out = _ok(["query", "--home", str(odd), "-f", "csv", "select count(*) n from tranches"])
    assert int(out.splitlines()[1]) > 0


def test_export_duckdb_file_opens_as_views(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "bi" / "absdw.duckdb"
    _ok(["export", "--home", str(home), "--to", str(tmp_path / "bi"), "--duckdb", str(db)])
    con = duckdb.connect(str(db), read_only=True)
    try:
        views = {r[0] for r in con.execute(
            "select view_name from duckdb_views() where not internal").fetchall()}
        assert {"tranches", "pools", "pool_performance", "delinquency_transitions"} <= views
        exported = con.execute("select sum(ending_balance) from pools").fetchone()
    finally:
        con.close()
    [(expected,)] = _rows(home, "select sum(ending_balance) from pools")
    assert exported == (expected,) and isinstance(expected, Decimal)


def _rows(home: Path, sql: str) -> list[tuple]:
    from warehouse import query

    return query(home / "warehouse", sql)[1]


def test_export_opens_in_pandas_and_polars_with_exact_money(home: Path, tmp_path: Path) -> None:
    """As docs/warehouse.md says: the folder reads as one table, money stays decimal."""
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    out = tmp_path / "bi"
    _ok(["export", "--home", str(home), "--to", str(out)])
    [(total, months)] = _rows(home, "select sum(ending_balance), count(*) from pools")
    frame = pd.read_parquet(out / "pools", dtype_backend="pyarrow")
    assert len(frame) == months
    assert str(frame["ending_balance"].dtype).startswith("decimal128(18, 2)")
    assert frame["ending_balance"].sum() == total  # exact, not a float
    assert sorted(frame["year"].unique().tolist()) == sorted(
        {r[0] for r in _rows(home, "select distinct year(distribution_date) from pools")})
    lazy = pl.scan_parquet(out / "pools" / "*.parquet")
    polars = lazy.select(pl.col("ending_balance").sum(), pl.len()).collect()
    assert polars.schema["ending_balance"] == pl.Decimal(precision=None, scale=2) or \
        polars.schema["ending_balance"].is_decimal()
    assert polars.item(0, 0) == total and polars.item(0, 1) == months
    csv_out = tmp_path / "csv"
    _ok(["export", "--home", str(home), "--to", str(csv_out), "-f", "csv", "--table", "pools"])
    from_csv = pd.concat(pd.read_csv(f, dtype={"ending_balance": str})
                         for f in sorted((csv_out / "pools").glob("*.csv")))
    assert sum(Decimal(v) for v in from_csv["ending_balance"]) == total


def test_config_show_names_each_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ABSDW_HOME", str(tmp_path))
    monkeypatch.delenv("ABSDW_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    rows = {r["setting"]: r for r in _csv(_ok(["config", "show", "-f", "csv"]))}
    assert rows["home"]["value"] == str(tmp_path)
    assert rows["home"]["source"] == "environment ABSDW_HOME"
    assert rows["edgar_url"]["source"] == "default"
