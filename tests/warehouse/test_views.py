"""The public views: names and DuckDB types are the contract, also before the first commit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from warehouse import SCHEMAS, Warehouse, connect, query
from warehouse.connect import same_columns, source_view_sql
from warehouse.convert import to_arrow

TRANCHE_TYPES = {
    "cik": "BIGINT", "accession": "VARCHAR", "distribution_date": "DATE",
    "record_date": "DATE", "class": "VARCHAR", "pass_through_rate": "DOUBLE",
    "original_balance": "DECIMAL(18,2)", "ending_balance": "DECIMAL(18,2)",
    "factor": "DOUBLE", "remaining_unpaid_interest_shortfall": "DECIMAL(18,2)",
}
OTHER_TYPES = {
    "filings": {"cik": "BIGINT", "filed_date": "DATE", "parse_warnings": "VARCHAR[]",
                "quality_score": "DOUBLE", "loaded_at": "TIMESTAMP", "period": "DATE"},
    "pools": {"ending_loan_count": "INTEGER", "wac": "DOUBLE", "wam": "INTEGER",
              "trigger_event": "BOOLEAN", "oc_amount": "DECIMAL(18,2)"},
    "delinquencies": {"loan_count": "INTEGER", "balance": "DECIMAL(18,2)"},
    "report_items": {"amount": "DECIMAL(38,10)", "text": "VARCHAR", "subject": "VARCHAR"},
}


def _describe(root: Path, view: str) -> dict[str, str]:
    return {name: kind for name, kind, *_ in query(root, f"DESCRIBE {view}")[1]}


@pytest.mark.parametrize("committed", [False, True], ids=["empty", "after-append"])
def test_view_types(warehouse_root: Path, seed_batch, committed: bool) -> None:
    if committed:
        Warehouse(warehouse_root).append(seed_batch)
    tranches = _describe(warehouse_root, "tranches")
    assert {k: tranches[k] for k in TRANCHE_TYPES} == TRANCHE_TYPES
    for view, expected in OTHER_TYPES.items():
        described = _describe(warehouse_root, view)
        assert {k: described[k] for k in expected} == expected, view


@pytest.mark.parametrize("view", list(SCHEMAS))
def test_view_columns_follow_the_schema_in_order(warehouse_root: Path, view: str) -> None:
    extra = ["is_current"] if view == "filings" else []  # filings lists every version
    assert list(_describe(warehouse_root, view)) == SCHEMAS[view].names + extra


@pytest.mark.parametrize("view", [t for t in SCHEMAS if t != "filings"])
def test_history_views_add_filed_date_and_is_current(warehouse_root: Path, view: str) -> None:
    assert list(_describe(warehouse_root, f"{view}_history")) == \
        [*SCHEMAS[view].names, "filed_date", "is_current"]


def test_public_contract_columns_exist(warehouse_root: Path) -> None:
    """The issue's column lists; renaming any of them breaks users' SQL."""
    contract = {
        "filings": "cik accession form filed_date company file_number exhibit_type layout "
                   "parse_status parse_warnings",
        "tranches": "cik accession distribution_date record_date class cusip class_type "
                    "pass_through_rate original_balance beginning_balance interest_distribution "
                    "principal_distribution realized_loss ending_balance total_distribution factor",
        "pools": "cik accession distribution_date pool beginning_balance ending_balance "
                 "beginning_loan_count ending_loan_count scheduled_principal "
                 "unscheduled_principal payoff_count prepayment_penalties realized_loss "
                 "cumulative_realized_loss wac wam oc_amount oc_target trigger_event",
        "delinquencies": "cik accession distribution_date pool status bucket loan_count balance",
        "report_items": "cik accession distribution_date section subject label amount text",
    }
    for view, names in contract.items():
        assert set(names.split()) <= set(_describe(warehouse_root, view)), view


def test_empty_views_return_no_rows(warehouse_root: Path) -> None:
    for view in SCHEMAS:
        assert query(warehouse_root, f"SELECT count(*) FROM {view}")[1] == [(0,)]


def test_column_added_after_files_were_written_reads_as_null(tmp_path: Path,
                                                             seed_batch) -> None:
    """A file from an older schema lacks a newer column: the view still has it, NULL."""
    old = to_arrow("tranches", seed_batch["tranches"]).drop_columns(["accretion"])
    pq.write_table(old, tmp_path / "old.parquet")
    con = duckdb.connect()
    try:
        present = [n for n in SCHEMAS["tranches"].names if n != "accretion"]
        con.execute("CREATE SCHEMA _absdw")
        con.execute(source_view_sql("tranches", [str(tmp_path / "old.parquet")], present))
        assert con.execute("SELECT count(*), count(accretion), sum(ending_balance) "
                           "FROM _absdw.tranches").fetchall() \
            == [(3, 0, Decimal("194441315.20"))]
    finally:
        con.close()


def test_union_by_name_only_when_the_files_differ(tmp_path: Path, seed_batch) -> None:
    """Files that all hold the whole schema are read as they are (no per-query schema
    union); one older file lacking a column switches the table back to union_by_name,
    and the view still reads both files' rows."""
    full = to_arrow("tranches", seed_batch["tranches"])
    pq.write_table(full, tmp_path / "a.parquet")
    pq.write_table(full, tmp_path / "b.parquet")
    pq.write_table(full.drop_columns(["accretion"]), tmp_path / "old.parquet")
    present = SCHEMAS["tranches"].names  # the table schema, partition column included
    con = duckdb.connect()
    try:
        con.execute("CREATE SCHEMA _absdw")
        same = [str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet")]
        mixed = [*same, str(tmp_path / "old.parquet")]
        assert same_columns(con, same, present) is True
        assert same_columns(con, mixed, present) is False
        assert same_columns(con, same, [*present, "added_later"]) is False
        for files, unions in ((same, False), (mixed, True)):
            sql = source_view_sql("tranches", files, present,
                                  uniform=same_columns(con, files, present))
            assert ("union_by_name = true" in sql) == unions  # (the tmp path names the test)
            con.execute(sql)
            assert con.execute("SELECT count(*), sum(ending_balance) FROM _absdw.tranches"
                               ).fetchall() == [(len(files) * 3,
                                                 len(files) * Decimal("194441315.20"))]
    finally:
        con.close()


def test_connection_is_a_snapshot(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    con = connect(warehouse_root)
    try:
        warehouse.append(make_batch(cik=7, accession="0000000007-03-000001"))
        assert con.execute("SELECT count(*) FROM tranches").fetchall() == [(3,)]
    finally:
        con.close()
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(6,)]


def test_persistent_database_gets_the_views(warehouse_root: Path, seed_batch,
                                            tmp_path: Path) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    con = connect(warehouse_root, database=str(tmp_path / "user.duckdb"))
    try:
        assert con.execute("SELECT sum(ending_balance) FROM tranches").fetchall() \
            == [(Decimal("194441315.20"),)]
    finally:
        con.close()

