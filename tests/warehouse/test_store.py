"""Appends: exact values through DuckDB, idempotency, isolation of trusts, quarantine."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from warehouse import InvalidBatch, Warehouse, connect, query
from warehouse.delta import committed_files
from warehouse.manifest import MANIFEST_NAME, read_manifest
from warehouse.schema import TABLES


def test_seed_a1_row_reads_back_exactly(warehouse_root: Path, seed_batch) -> None:
    Warehouse(warehouse_root).append(seed_batch)
    columns, rows = query(
        warehouse_root,
        "SELECT cik, accession, distribution_date, cusip, pass_through_rate, original_balance,"
        " ending_balance, factor FROM tranches WHERE class = 'A1'",
    )
    assert columns[:3] == ["cik", "accession", "distribution_date"]
    assert rows == [(1268747, "0001056404-03-002432", date(2003, 11, 25), "881561BU7", 0.0155,
                     Decimal("160316000.00"), Decimal("157824262.08"), 0.98445733)]


def test_append_reports_rows_per_table(warehouse_root: Path, seed_batch) -> None:
    result = Warehouse(warehouse_root).append(seed_batch)
    assert result.version == 1
    assert result.rows_added == {"filings": 1, "tranches": 3, "pools": 1, "delinquencies": 2,
                                 "report_items": 2}
    assert result.accessions_added == ("0001056404-03-002432",)
    assert result.accessions_skipped == ()


def test_every_table_round_trips_its_values(warehouse_root: Path, seed_batch) -> None:
    Warehouse(warehouse_root, now=lambda: datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
              ).append(seed_batch)
    con = connect(warehouse_root)
    try:
        pool = con.execute("SELECT ending_balance, ending_loan_count, wac, wam, trigger_event, "
                           "oc_amount, net_wac FROM pools").fetchall()
        dq = con.execute("SELECT status, bucket, loan_count, balance FROM delinquencies "
                         "ORDER BY status").fetchall()
        items = con.execute("SELECT subject, amount FROM report_items ORDER BY label").fetchall()
        filing = con.execute("SELECT filed_date, parse_warnings, quality_score, loaded_at::VARCHAR"
                             " FROM filings").fetchall()
    finally:
        con.close()
    assert pool == [(Decimal("245629248.05"), 1455, 0.0712345, 347, False,
                     Decimal("4617722.51"), None)]
    assert dq == [("delinquent", "30-59", 12, Decimal("1702381.44")),
                  ("foreclosure", "90+", 1, Decimal("98000.00"))]
    assert items == [("A1", Decimal("984.4573347600")), (None, Decimal("1035.7600000000"))]
    assert filing == [(date(2003, 12, 3), [], 1.0, "2024-01-02 03:04:05")]


def test_same_batch_twice_adds_nothing(warehouse_root: Path, seed_batch) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(seed_batch)
    manifest_before = (warehouse_root / MANIFEST_NAME).read_bytes()
    again = warehouse.append(seed_batch)
    assert again.version == 1  # nothing new: no commit, the manifest is untouched
    assert again.rows_added == dict.fromkeys(again.rows_added, 0)
    assert again.accessions_skipped == ("0001056404-03-002432",)
    assert (warehouse_root / MANIFEST_NAME).read_bytes() == manifest_before
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(3,)]


def test_batch_mixing_old_and_new_filings_adds_only_the_new(
    warehouse_root: Path, make_batch, merge_batches
) -> None:
    warehouse = Warehouse(warehouse_root)
    november = make_batch()
    december = make_batch(accession="0001056404-03-002700", distribution=date(2003, 12, 26))
    warehouse.append(november)
    result = warehouse.append(merge_batches(november, december))
    assert result.accessions_added == ("0001056404-03-002700",)
    assert result.accessions_skipped == ("0001056404-03-002432",)
    assert result.rows_added["tranches"] == 3
    assert query(warehouse_root, "SELECT distribution_date, count(*) FROM tranches GROUP BY 1 "
                 "ORDER BY 1")[1] == [(date(2003, 11, 25), 3), (date(2003, 12, 26), 3)]


def _fingerprint(root: Path, paths: list[str]) -> dict[str, tuple[int, str]]:
    return {p: ((root / p).stat().st_mtime_ns, hashlib.sha256((root / p).read_bytes()).hexdigest())
            for p in paths}


def _files(root: Path) -> list[str]:
    """Committed data files of every table at the pinned versions, relative to ``root``."""
    manifest = read_manifest(root)
    return [Path(f).relative_to(root).as_posix() for t in TABLES
            for f in committed_files(root, t, manifest.tables[t])[0]]


def test_second_trust_leaves_first_trusts_files_untouched(
    warehouse_root: Path, make_batch
) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(make_batch())
    first = _files(warehouse_root)
    before = _fingerprint(warehouse_root, first)
    warehouse.append(make_batch(cik=1300000, accession="0001300000-03-000001"))
    after = _files(warehouse_root)
    assert len(first) == 5 and set(first) < set(after)
    assert len(after) == 10
    assert _fingerprint(warehouse_root, first) == before
    assert query(warehouse_root, "SELECT cik, count(*) FROM tranches GROUP BY 1 ORDER BY 1")[1] \
        == [(1268747, 3), (1300000, 3)]


def test_files_are_year_partitioned_sorted_zstd(warehouse_root: Path, make_batch,
                                                merge_batches) -> None:
    batch = merge_batches(
        make_batch(accession="0001056404-04-000001", distribution=date(2004, 1, 26)),
        make_batch(cik=999, accession="0000000999-03-000001"),
        make_batch(),
    )
    Warehouse(warehouse_root).append(batch)
    paths = sorted(p for p in _files(warehouse_root) if p.startswith("tranches/"))
    assert sorted(p.split("/")[1] for p in paths) == ["year=2003", "year=2004"]
    paths.sort(key=lambda p: p.split("/")[1])
    data = pq.read_table(warehouse_root / paths[0])
    assert data.column("cik").to_pylist() == [999] * 3 + [1268747] * 3
    assert data.column("class").to_pylist() == ["A1", "A2", "M1"] * 2
    meta = pq.ParquetFile(warehouse_root / paths[0]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    # filings are partitioned by filing year, not distribution year
    assert {p.split("/")[1] for p in _files(warehouse_root) if p.startswith("filings/")} \
        == {"year=2003"}


def test_quarantined_filing_has_a_filings_row_and_no_facts(
    warehouse_root: Path, make_batch
) -> None:
    batch = make_batch(accession="0001056404-03-009999", status="quarantined")
    result = Warehouse(warehouse_root).append(batch)
    assert result.rows_added["tranches"] == 0
    _, rows = query(warehouse_root, "SELECT accession, parse_status, parse_error, parse_warnings "
                    "FROM filings")
    assert rows == [("0001056404-03-009999", "quarantined", "cross-foot failed",
                     ["tranche_rollforward: A1 off by 0.08"])]
    assert query(warehouse_root, "SELECT count(*) FROM tranches")[1] == [(0,)]
    assert Warehouse(warehouse_root).loaded_accessions() == {"0001056404-03-009999"}


def test_fact_views_hide_rows_of_filings_not_ok(warehouse_root: Path, make_batch) -> None:
    """Defence in depth: even if a caller sends facts with a quarantined filing row."""
    batch = make_batch()
    batch["filings"][0]["parse_status"] = "quarantined"
    Warehouse(warehouse_root).append(batch)
    assert query(warehouse_root, "SELECT count(*), count(*) FILTER (is_current) "
                 "FROM _absdw.tranches")[1] == [(3, 0)]
    for view in ("tranches", "pools", "delinquencies", "report_items"):
        assert query(warehouse_root, f"SELECT count(*) FROM {view}")[1] == [(0,)], view


def test_unreadable_filing_with_no_dates_goes_to_unknown_year(warehouse_root: Path) -> None:
    row = {"cik": 5, "accession": "0000000005-05-000005", "parse_status": "quarantined",
           "parse_error": "no SGML header", "parse_warnings": []}
    Warehouse(warehouse_root).append({"filings": [row]})
    assert _files(warehouse_root)[0].startswith("filings/year=__HIVE_DEFAULT_PARTITION__/")
    _, rows = query(warehouse_root, "SELECT cik, form, loaded_at IS NOT NULL FROM filings")
    assert rows == [(5, None, True)]


def test_fact_rows_without_their_filing_are_refused(warehouse_root: Path, seed_batch) -> None:
    del seed_batch["filings"]
    with pytest.raises(InvalidBatch, match=r"0001056404-03-002432.*no filings row"):
        Warehouse(warehouse_root).append(seed_batch)
    assert not (warehouse_root / MANIFEST_NAME).exists()


def test_repeated_accession_in_one_batch_is_refused(warehouse_root: Path, seed_batch) -> None:
    seed_batch["filings"].append(dict(seed_batch["filings"][0]))
    with pytest.raises(InvalidBatch, match="repeated"):
        Warehouse(warehouse_root).append(seed_batch)


def test_unknown_table_is_refused(warehouse_root: Path, seed_batch) -> None:
    seed_batch["fees"] = []
    with pytest.raises(InvalidBatch, match=r"unknown table\(s\) \['fees'\]"):
        Warehouse(warehouse_root).append(seed_batch)


def test_status_counts(warehouse_root: Path, make_batch, merge_batches) -> None:
    warehouse = Warehouse(warehouse_root)
    warehouse.append(merge_batches(
        make_batch(), make_batch(cik=42, accession="0000000042-03-000001", status="quarantined")))
    info = warehouse.status()
    assert info["version"] == 1
    assert info["rows"] == {"filings": 2, "tranches": 3, "pools": 1, "delinquencies": 2,
                            "report_items": 2}
    assert info["filings_by_status"] == {"ok": 1, "quarantined": 1}
    assert info["ciks"] == [42, 1268747]
    assert info["last_commit"] is not None and info["last_commit"].endswith("+00:00")


def test_status_of_empty_warehouse(warehouse_root: Path) -> None:
    info = Warehouse(warehouse_root).status()
    assert info["version"] == 0 and info["last_commit"] is None
    assert info["rows"]["tranches"] == 0 and info["ciks"] == [] and info["filings_by_status"] == {}
    assert not warehouse_root.exists()  # reading never creates the warehouse


def test_loaded_at_is_stamped_by_the_warehouse_clock_and_refused_from_a_batch(
        warehouse_root: Path, seed_batch) -> None:
    stamped = {**seed_batch, "filings": [{**seed_batch["filings"][0],
                                           "loaded_at": datetime(1999, 1, 1)}]}
    with pytest.raises(InvalidBatch, match=r"loaded_at.*stamped by the warehouse"):
        Warehouse(warehouse_root).append(stamped)
    Warehouse(warehouse_root, now=lambda: datetime(2025, 6, 30, 23, 0, tzinfo=UTC)
              ).append(seed_batch)
    assert query(warehouse_root, "SELECT loaded_at FROM filings")[1] == [
        (datetime(2025, 6, 30, 23, 0),)]
