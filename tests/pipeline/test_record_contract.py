"""The record contract: every warehouse column has one source, every parser field lands in a
column or is declared not stored, and the closed vocabularies are one definition."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from absdw.pipeline.rows import (
    CONTAINERS,
    KEYS,
    NOT_STORED,
    PLANS,
    RENAMED,
    SOURCES,
    filing_rows,
)
from foundation import vocabulary
from parsers import parse_submission
from parsers.model import Delinquency, ParseResult, Report
from warehouse.schema import MAINTAINED, SCHEMAS, TABLES, VOCABULARIES

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
AAMES = REAL / "aames-1998-c-0001011438-98-000429.txt"
RECORDS = sorted({kind for kinds in SOURCES.values() for kind in kinds}, key=lambda k: k.__name__)


@pytest.mark.parametrize("table", TABLES)
def test_every_column_has_exactly_one_source(table: str) -> None:
    planned = [column for column, _, _ in PLANS[table]]
    own = [*KEYS[table], *MAINTAINED.get(table, ())]
    assert sorted(planned + own) == sorted(SCHEMAS[table].names)
    assert not set(planned) & set(own)


def _used() -> set[tuple[type, str]]:
    return {(SOURCES[table][index], name) for table in TABLES for _, index, name in PLANS[table]}


@pytest.mark.parametrize("kind", RECORDS, ids=lambda k: k.__name__)
def test_every_field_of_a_parser_record_is_stored_or_declared_not_stored(kind: type) -> None:
    used = _used()
    for field in dataclasses.fields(kind):
        key = (kind, field.name)
        declared = key in CONTAINERS or key in NOT_STORED
        assert key in used or declared, (
            f"{kind.__name__}.{field.name} reaches no warehouse column: add the column to "
            "warehouse/schema.py, or declare it in NOT_STORED with the reason")


def test_declarations_are_not_stale() -> None:
    used = _used()
    for kind, name in [*CONTAINERS, *NOT_STORED]:
        assert name in {f.name for f in dataclasses.fields(kind)}, (kind, name)
        assert (kind, name) not in used, f"{kind.__name__}.{name} is declared and also stored"
    for (table, column), name in RENAMED.items():
        assert column in SCHEMAS[table].names and (table, column) in {
            (table, c) for c, _, _ in PLANS[table]}, (table, column, name)


def test_the_vocabularies_are_one_definition() -> None:
    hints = typing.get_type_hints(Delinquency)
    assert hints["status"] is vocabulary.DelinquencyStatus
    assert hints["bucket"] is vocabulary.DelinquencyBucket
    assert typing.get_type_hints(ParseResult)["status"] is vocabulary.ParseStatus
    assert {
        ("filings", "parse_status"): typing.get_args(vocabulary.ParseStatus),
        ("filings", "delinquency_method"): typing.get_args(vocabulary.DelinquencyMethod),
        ("delinquencies", "status"): typing.get_args(vocabulary.DelinquencyStatus),
        ("delinquencies", "bucket"): typing.get_args(vocabulary.DelinquencyBucket),
    } == VOCABULARIES


def test_a_real_filing_lands_with_every_printed_field() -> None:
    """Aames 1998-C (Bankers Trust, 1998): the report's series and dates reach ``filings``;
    each record's every field reaches its row under its column."""
    raw = AAMES.read_bytes()
    parsed = parse_submission(raw)
    report = parsed.result.report
    assert parsed.result.status == "ok" and report is not None
    rows = filing_rows(913951, "0001011438-98-000429", parsed)
    [filing] = rows["filings"]
    assert (filing["series"], filing["distribution_date"], filing["company"],
            filing["file_number"], filing["form"]) == (
        "1998-C", date(1998, 12, 15), "AAMES CAPITAL CORP", "033-70636", "8-K")
    assert filing["parse_status"] == "ok" and "loaded_at" not in filing
    assert len(rows["tranches"]) == len(report.tranches) > 5
    for tranche, row in zip(report.tranches, rows["tranches"], strict=True):
        assert row["class"] == tranche.class_name
        assert row["record_date"] == report.record_date
        for field in dataclasses.fields(tranche):
            column = next((c for (t, c), n in RENAMED.items()
                           if t == "tranches" and n == field.name), field.name)
            assert row[column] == getattr(tranche, field.name)
    assert [r["pool"] for r in rows["pools"]] == [p.pool for p in report.pools]
    assert len(rows["report_items"]) == len(report.items)
    assert all(r["distribution_date"] == date(1998, 12, 15) and r["cik"] == 913951
               for table in TABLES[1:] for r in rows[table])


def test_a_quarantined_filing_gives_only_its_filings_row() -> None:
    parsed = parse_submission(AAMES.read_bytes())
    bad = dataclasses.replace(parsed, result=dataclasses.replace(
        parsed.result, status="quarantined", error="failed checks: x"))
    rows = filing_rows(913951, "0001011438-98-000429", bad)
    assert [len(rows[t]) for t in TABLES] == [1, 0, 0, 0, 0]
    assert rows["filings"][0]["parse_error"] == "failed checks: x"


def test_the_filing_row_names_the_crawled_trust_not_the_first_filer() -> None:
    parsed = parse_submission(AAMES.read_bytes())
    report = parsed.result.report
    assert isinstance(report, Report)
    rows = filing_rows(1, "0001011438-98-000429", parsed)
    assert rows["filings"][0]["cik"] == 1  # the trust crawled; its company: the first filer's
    assert isinstance(rows["tranches"][0]["original_balance"], Decimal)
