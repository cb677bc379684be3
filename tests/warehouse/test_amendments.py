"""Amendments restate a month: the default views show the latest filed version, ``as_of``
shows what was known on a date, and the *_history views keep every version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from warehouse import Warehouse, connect, query

ORIGINAL = "0001056404-03-002432"  # filed 2003-12-03 (conftest)
AMENDMENT = "0001056404-04-000100"
A1_ORIGINAL = Decimal("157824262.08")
A1_AMENDED = Decimal("157824000.00")


@pytest.fixture
def amendment(make_batch):
    """An 8-K/A for the seed month, filed 2004-01-15, restating A1's ending balance."""
    batch = make_batch(accession=AMENDMENT)
    batch["filings"][0].update(form="8-K/A", filed_date=date(2004, 1, 15))
    batch["tranches"][0]["ending_balance"] = A1_AMENDED
    return batch


def _a1(root: Path, view: str = "tranches", as_of: date | None = None) -> list[tuple]:
    sql = f"SELECT accession, ending_balance FROM {view} WHERE class = 'A1' ORDER BY accession"
    return query(root, sql, as_of=as_of)[1]


def test_amendment_replaces_the_month_and_keeps_the_original(
    warehouse_root: Path, seed_batch, amendment
) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(seed_batch)
    result = warehouse.append(amendment)
    assert result.accessions_added == (AMENDMENT,)
    assert _a1(warehouse_root) == [(AMENDMENT, A1_AMENDED)]
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(3,)]
    assert _a1(warehouse_root, as_of=date(2003, 12, 31)) == [(ORIGINAL, A1_ORIGINAL)]
    assert _a1(warehouse_root, as_of=date(2004, 1, 15)) == [(AMENDMENT, A1_AMENDED)]
    assert query(warehouse_root, "SELECT accession, filed_date, ending_balance, is_current "
                 "FROM tranches_history WHERE class = 'A1' ORDER BY filed_date")[1] == [
        (ORIGINAL, date(2003, 12, 3), A1_ORIGINAL, False),
        (AMENDMENT, date(2004, 1, 15), A1_AMENDED, True)]
    assert query(warehouse_root, "SELECT accession, form, is_current FROM filings "
                 "ORDER BY filed_date")[1] == [(ORIGINAL, "8-K", False),
                                               (AMENDMENT, "8-K/A", True)]


def test_as_of_before_any_filing_shows_nothing(warehouse_root: Path, seed_batch) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    con = connect(warehouse_root, as_of=date(2003, 12, 2))
    try:
        for view in ("filings", "tranches", "pools_history", "pool_performance"):
            assert con.execute(f"SELECT count(*) FROM {view}").fetchall() == [(0,)], view
    finally:
        con.close()


def test_every_history_view_holds_both_versions(warehouse_root: Path, seed_batch,
                                                amendment) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    Warehouse(warehouse_root).append(amendment)
    for view, per_version in (("tranches", 3), ("pools", 1), ("delinquencies", 2),
                              ("report_items", 2)):
        assert query(warehouse_root, f"SELECT accession, count(*) FROM {view}_history "
                     "GROUP BY 1 ORDER BY 1")[1] == \
            [(ORIGINAL, per_version), (AMENDMENT, per_version)], view
        assert query(warehouse_root, f"SELECT DISTINCT accession FROM {view}")[1] == \
            [(AMENDMENT,)], view


def test_amendment_and_original_in_one_batch(warehouse_root: Path, seed_batch, amendment,
                                             merge_batches) -> None:
    Warehouse(warehouse_root).append(merge_batches(amendment, seed_batch))
    assert _a1(warehouse_root) == [(AMENDMENT, A1_AMENDED)]
    assert _a1(warehouse_root, as_of=date(2004, 1, 1)) == [(ORIGINAL, A1_ORIGINAL)]


def test_late_loaded_older_filing_does_not_take_over(warehouse_root: Path, seed_batch,
                                                     amendment) -> None:
    """Loading order is not filing order: the original arriving second stays superseded."""
    warehouse = Warehouse(warehouse_root)
    warehouse.append(amendment)
    warehouse.append(seed_batch)
    assert _a1(warehouse_root) == [(AMENDMENT, A1_AMENDED)]
    assert len(_a1(warehouse_root, "tranches_history")) == 2


def test_same_filing_date_breaks_ties_by_accession(warehouse_root: Path, seed_batch,
                                                   amendment) -> None:
    amendment["filings"][0]["filed_date"] = date(2003, 12, 3)
    Warehouse(warehouse_root).append(seed_batch)
    Warehouse(warehouse_root).append(amendment)
    assert _a1(warehouse_root) == [(AMENDMENT, A1_AMENDED)]  # "...-04-..." > "...-03-..."


def test_quarantined_amendment_does_not_supersede(warehouse_root: Path, seed_batch,
                                                  make_batch) -> None:
    bad = make_batch(accession=AMENDMENT, status="quarantined")
    bad["filings"][0]["filed_date"] = date(2004, 1, 15)
    Warehouse(warehouse_root).append(seed_batch)
    Warehouse(warehouse_root).append(bad)
    assert _a1(warehouse_root) == [(ORIGINAL, A1_ORIGINAL)]
    assert query(warehouse_root, "SELECT accession, is_current FROM filings "
                 "ORDER BY 1")[1] == [(ORIGINAL, True), (AMENDMENT, False)]


def test_reingesting_an_amendment_is_a_no_op(warehouse_root: Path, seed_batch,
                                             amendment) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(seed_batch)
    first = warehouse.append(amendment)
    again = warehouse.append(amendment)
    assert again.version == first.version == 2
    assert again.accessions_skipped == (AMENDMENT,) and again.accessions_added == ()
    assert len(_a1(warehouse_root, "tranches_history")) == 2


def test_other_months_and_trusts_are_not_touched(warehouse_root: Path, seed_batch, amendment,
                                                 make_batch, merge_batches) -> None:
    december = make_batch(accession="0001056404-03-002700", distribution=date(2003, 12, 26))
    other = make_batch(cik=42, accession="0000000042-03-000001")
    Warehouse(warehouse_root).append(merge_batches(seed_batch, december, other))
    Warehouse(warehouse_root).append(amendment)
    assert query(warehouse_root, "SELECT cik, distribution_date, accession FROM pools "
                 "ORDER BY 1, 2")[1] == [
        (42, date(2003, 11, 25), "0000000042-03-000001"),
        (1268747, date(2003, 11, 25), AMENDMENT),
        (1268747, date(2003, 12, 26), "0001056404-03-002700")]
