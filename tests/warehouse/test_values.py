"""Refusals: money is never rounded, types are the contract, and a refusal commits nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from warehouse import InvalidBatch, RefusedValue, Warehouse, query
from warehouse.manifest import MANIFEST_NAME


def _refused(root: Path, batch, match: str) -> None:
    with pytest.raises(RefusedValue, match=match):
        Warehouse(root).append(batch)


def test_sub_cent_money_is_refused_and_nothing_committed(warehouse_root: Path, make_batch,
                                                          merge_batches) -> None:
    good = make_batch(cik=1, accession="0000000001-03-000001")
    bad = make_batch()
    bad["tranches"][0]["ending_balance"] = Decimal("157824262.085")
    _refused(warehouse_root, merge_batches(good, bad),
             r"tranches\.ending_balance = Decimal\('157824262\.085'\) for accession "
             r"0001056404-03-002432 \(cik 1268747\) has digits beyond 2 decimal places")
    assert not (warehouse_root / MANIFEST_NAME).exists()
    assert list(warehouse_root.rglob("*.parquet")) == []
    assert query(warehouse_root, "SELECT count(*) FROM filings")[1] == [(0,)]


def test_trailing_zeros_beyond_cents_are_exact_and_accepted(warehouse_root: Path,
                                                            seed_batch) -> None:
    seed_batch["tranches"][0]["ending_balance"] = Decimal("157824262.0800")
    seed_batch["tranches"][0]["realized_loss"] = 0  # an int is exact too
    Warehouse(warehouse_root).append(seed_batch)
    assert query(warehouse_root, "SELECT ending_balance, realized_loss FROM tranches "
                 "WHERE class = 'A1'")[1] == [(Decimal("157824262.08"), Decimal("0.00"))]


@pytest.mark.parametrize(("value", "match"), [
    (Decimal("10000000000000000.00"), r"overflows DECIMAL\(18,2\)"),
    (Decimal("1E+30"), r"overflows DECIMAL\(18,2\)"),
    (Decimal("NaN"), "not a finite number"),
    (157824262.08, "must be Decimal .*not float"),
    ("157824262.08", "must be Decimal .*not str"),
    (True, "must be Decimal"),
])
def test_money_values_that_cannot_be_stored_exactly(warehouse_root: Path, seed_batch,
                                                    value: object, match: str) -> None:
    seed_batch["pools"][0]["oc_target"] = value
    _refused(warehouse_root, seed_batch, r"pools\.oc_target = .*" + match)


def test_largest_money_that_fits_is_stored(warehouse_root: Path, seed_batch) -> None:
    seed_batch["pools"][0]["oc_target"] = Decimal("-9999999999999999.99")
    Warehouse(warehouse_root).append(seed_batch)
    assert query(warehouse_root, "SELECT oc_target FROM pools")[1] == \
        [(Decimal("-9999999999999999.99"),)]


def test_report_item_amount_keeps_eight_decimals_and_refuses_eleven(
    warehouse_root: Path, seed_batch
) -> None:
    seed_batch["report_items"][0]["amount"] = Decimal("984.45733476001")
    _refused(warehouse_root, seed_batch,
             r"report_items\.amount .* beyond 10 decimal places")


@pytest.mark.parametrize(("table", "column", "value", "match"), [
    ("delinquencies", "status", "late", r"is not one of \['delinquent'"),
    ("delinquencies", "bucket", "30-60", "is not one of"),
    ("filings", "parse_status", "failed", "is not one of"),
    ("tranches", "class", None, "is required"),
    ("tranches", "distribution_date", "2003-11-25", "must be datetime.date, not str"),
    ("tranches", "distribution_date", datetime(2003, 11, 25), "not datetime"),
    ("pools", "ending_loan_count", 1455.0, "must be int, not float"),
    ("pools", "ending_loan_count", 2**31, "out of range"),
    ("pools", "trigger_event", "No", "must be bool"),
    ("tranches", "factor", float("inf"), "not a finite number"),
    ("filings", "parse_warnings", "one warning", "list of str"),
])
def test_values_of_the_wrong_kind_are_refused(warehouse_root: Path, seed_batch, table: str,
                                              column: str, value: object, match: str) -> None:
    seed_batch[table][0][column] = value
    _refused(warehouse_root, seed_batch, rf"{table}\.{column} = .*{match}")


def test_unknown_column_is_refused(warehouse_root: Path, seed_batch) -> None:
    seed_batch["tranches"][0]["class_name"] = "A1"
    with pytest.raises(InvalidBatch, match=r"tranches: unknown column\(s\) \['class_name'\]"):
        Warehouse(warehouse_root).append(seed_batch)


def test_rates_arrive_as_decimal_fractions_and_are_stored_as_double(
    warehouse_root: Path, seed_batch
) -> None:
    seed_batch["tranches"][0]["pass_through_rate"] = Decimal("0.0155000")
    seed_batch["tranches"][0]["distribution_date"] = date(2003, 11, 25)
    Warehouse(warehouse_root).append(seed_batch)
    rate, = query(warehouse_root, "SELECT pass_through_rate FROM tranches "
                  "WHERE class = 'A1'")[1][0]
    assert type(rate) is float and rate == 0.0155
