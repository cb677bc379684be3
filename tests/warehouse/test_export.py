"""``export``: current versions as one sorted file per table and year, readable back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from warehouse import InvalidBatch, Warehouse, connect, export


@pytest.fixture
def filled_root(warehouse_root: Path, make_batch, merge_batches) -> Path:
    """Two trusts over 2003-2004, and an amendment of the seed month."""
    warehouse = Warehouse(warehouse_root)
    warehouse.append(merge_batches(
        make_batch(), make_batch(cik=42, accession="0000000042-03-000001"),
        make_batch(accession="0001056404-04-000001", distribution=date(2004, 1, 26))))
    amended = make_batch(accession="0001056404-04-000100")
    amended["filings"][0]["filed_date"] = date(2004, 1, 15)
    amended["tranches"][0]["ending_balance"] -= 1
    warehouse.append(amended)
    return warehouse_root


def _view(root: Path, sql: str) -> list[tuple]:
    con = connect(root)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_round_trips_the_current_views(filled_root: Path, tmp_path: Path,
                                              fmt: str) -> None:
    out = tmp_path / "bi"
    result = export(filled_root, out, fmt=fmt, tables=["tranches", "pools", "pool_performance"])
    assert sorted(result.files) == sorted(
        f"{t}/{t}_{y}.{fmt}" for t in ("tranches", "pools", "pool_performance")
        for y in (2003, 2004))
    assert result.rows == {"tranches": 9, "pools": 3, "pool_performance": 3}
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    columns = "cik, class, distribution_date, accession, ending_balance"
    exported = duckdb.sql(  # CSV types are inferred: read the money back as DECIMAL
        f"SELECT * REPLACE (ending_balance::DECIMAL(18,2) AS ending_balance) FROM (SELECT "
        f"{columns}, year FROM {reader}('{out}/tranches/*.{fmt}')) "
        "ORDER BY year, cik, class, distribution_date").fetchall()
    current = _view(filled_root, f"SELECT {columns}, year(distribution_date) FROM tranches "
                    "ORDER BY 6, cik, class, distribution_date")
    assert [tuple(str(v) for v in row) for row in exported] == \
        [tuple(str(v) for v in row) for row in current]
    assert "0001056404-03-002432" not in {row[3] for row in exported}  # superseded: left out


def test_export_one_trust_and_current_filings(filled_root: Path, tmp_path: Path) -> None:
    result = export(filled_root, tmp_path / "bi", tables=["filings", "pools"], ciks=[42])
    assert result.rows == {"filings": 1, "pools": 1}
    assert duckdb.sql(f"SELECT cik, year FROM '{tmp_path}/bi/filings/filings_2003.parquet'"
                      ).fetchall() == [(42, 2003)]


def test_export_refuses_unknown_tables(filled_root: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidBatch, match="cannot export"):
        export(filled_root, tmp_path, tables=["fees"])
