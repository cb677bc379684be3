"""``Warehouse.replace``: a re-parse rewrites a filing's rows in place, in one commit per
table, and moves the current version of its month either way (ok <-> quarantined)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from foundation.errors import StorageError
from tests.warehouse.test_crash import CrashOnManifest
from warehouse import Warehouse, query
from warehouse.manifest import read_manifest

ORIGINAL = "0001056404-03-002432"  # filed 2003-12-03 (conftest)
AMENDMENT = "0001056404-04-000100"
A1_ORIGINAL = Decimal("157824262.08")
A1_REPARSED = Decimal("157824262.00")

_COUNTS = ("SELECT (SELECT count(*) FROM filings), (SELECT count(*) FROM tranches_history), "
           "(SELECT count(*) FROM pools_history), (SELECT count(*) FROM report_items_history)")


def _amendment(make_batch, status: str = "ok"):
    batch = make_batch(accession=AMENDMENT, status=status)
    batch["filings"][0].update(form="8-K/A", filed_date=date(2004, 1, 15))
    return batch


def _current(root: Path) -> list[tuple]:
    return query(root, "SELECT accession, ending_balance FROM tranches WHERE class = 'A1'")[1]


def test_replace_rewrites_rows_and_keeps_counts(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    before = query(warehouse_root, _COUNTS)[1]
    batch = make_batch()
    batch["filings"][0]["parser_version"] = "2.0"
    batch["tranches"][0]["ending_balance"] = A1_REPARSED
    result = warehouse.replace(batch)
    assert result.rows_removed == {"filings": 1, "tranches": 3, "pools": 1,
                                   "delinquencies": 2, "report_items": 2}
    assert result.rows_added == result.rows_removed
    assert query(warehouse_root, _COUNTS)[1] == before == [(1, 3, 1, 2)]
    assert _current(warehouse_root) == [(ORIGINAL, A1_REPARSED)]
    assert query(warehouse_root, "SELECT parser_version, is_current FROM filings")[1] == [
        ("2.0", True)]
    assert read_manifest(warehouse_root).rows == {"filings": 1, "tranches": 3, "pools": 1,
                                                  "delinquencies": 2, "report_items": 2}


def test_a_quarantined_amendment_hands_the_month_back(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    warehouse.append(_amendment(make_batch))
    assert _current(warehouse_root) == [(AMENDMENT, A1_ORIGINAL)]
    warehouse.replace(_amendment(make_batch, status="quarantined"))
    assert _current(warehouse_root) == [(ORIGINAL, A1_ORIGINAL)]
    assert query(warehouse_root, "SELECT accession, parse_status, is_current FROM filings "
                 "ORDER BY accession")[1] == [(ORIGINAL, "ok", True),
                                              (AMENDMENT, "quarantined", False)]
    assert query(warehouse_root, "SELECT count(*) FROM tranches_history")[1] == [(3,)]


def test_a_repaired_amendment_takes_the_month_over(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    warehouse.append(_amendment(make_batch, status="quarantined"))
    assert _current(warehouse_root) == [(ORIGINAL, A1_ORIGINAL)]
    warehouse.replace(_amendment(make_batch))
    assert _current(warehouse_root) == [(AMENDMENT, A1_ORIGINAL)]
    assert query(warehouse_root, "SELECT accession, is_current FROM tranches_history "
                 "WHERE class = 'A1' ORDER BY accession")[1] == [(ORIGINAL, False),
                                                                 (AMENDMENT, True)]


def test_replace_is_one_commit_per_table(warehouse_root: Path, make_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    pinned = read_manifest(warehouse_root).tables
    warehouse.replace(make_batch())
    after = read_manifest(warehouse_root)
    assert after.version == 2
    assert {t: after.tables[t] - pinned[t] for t in pinned} == dict.fromkeys(pinned, 1)


def test_a_crash_before_the_manifest_leaves_the_old_rows(warehouse_root: Path,
                                                         make_batch) -> None:
    Warehouse(warehouse_root).append(make_batch())
    quarantined = make_batch(status="quarantined")
    with pytest.raises(StorageError, match="simulated crash"):
        Warehouse(warehouse_root, replace_file=CrashOnManifest()).replace(quarantined)
    assert _current(warehouse_root) == [(ORIGINAL, A1_ORIGINAL)]  # readers see the old state
    assert query(warehouse_root, "SELECT parse_status FROM filings")[1] == [("ok",)]
    Warehouse(warehouse_root).replace(quarantined)  # the next writer rolls back, then commits
    assert _current(warehouse_root) == []
    assert query(warehouse_root, _COUNTS)[1] == [(1, 0, 0, 0)]
