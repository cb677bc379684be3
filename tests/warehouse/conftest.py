"""Hand-built batches with the seed's real figures (TERWIN 2003-4HE, November 2003)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

SEED_CIK = 1268747
SEED_ACCESSION = "0001056404-03-002432"
SEED_DISTRIBUTION = date(2003, 11, 25)

# class, cusip, type, rate, original, beginning, interest, principal, ending, total, factor
SEED_CLASSES = [
    ("A1", "881561BU7", "SEN", "0.0155", "160316000.00", "160316000.00", "179464.85",
     "2491737.92", "157824262.08", "2671202.77", "0.98445733"),
    ("A2", "881561BY9", "SEN", "0.0132", "23600000.00", "23600000.00", "22498.67",
     "599946.88", "23000053.12", "622445.55", "0.97457852"),
    ("M1", "881561BV5", "MEZ", "0.0187", "13617000.00", "13617000.00", "18390.51",
     "0.00", "13617000.00", "18390.51", "1.00000000"),
]

Batch = dict[str, list[dict[str, Any]]]
MakeBatch = Callable[..., Batch]


def filing_row(cik: int, accession: str, distribution: date | None,
               status: str = "ok") -> dict[str, Any]:
    return {
        "cik": cik, "accession": accession, "form": "8-K", "filed_date": date(2003, 12, 3),
        "company": "TERWIN MORTGAGE TRUST SERIES 2003-4HE", "file_number": "333-106175-06",
        "exhibit_type": "EX-99.1", "layout": "ctslink", "parse_status": status,
        "parse_warnings": [] if status == "ok" else ["tranche_rollforward: A1 off by 0.08"],
        "document": "ter034he_nov.txt", "period": distribution,
        "distribution_date": distribution, "record_date": date(2003, 10, 31),
        "parser_version": "1.0", "quality_score": 1.0 if status == "ok" else 0.4,
        "parse_error": None if status == "ok" else "cross-foot failed",
    }


def tranche_rows(cik: int, accession: str, distribution: date) -> list[dict[str, Any]]:
    rows = []
    for name, cusip, kind, rate, orig, beg, intr, prin, end, total, factor in SEED_CLASSES:
        rows.append({
            "cik": cik, "accession": accession, "distribution_date": distribution,
            "record_date": date(2003, 10, 31), "class": name, "cusip": cusip,
            "class_type": kind, "pass_through_rate": Decimal(rate),
            "original_balance": Decimal(orig), "beginning_balance": Decimal(beg),
            "interest_distribution": Decimal(intr), "principal_distribution": Decimal(prin),
            "realized_loss": Decimal("0.00"), "ending_balance": Decimal(end),
            "total_distribution": Decimal(total), "factor": Decimal(factor),
            "cumulative_realized_loss": Decimal("0.00"),
        })
    return rows


def fact_rows(cik: int, accession: str, distribution: date) -> Batch:
    keys = {"cik": cik, "accession": accession, "distribution_date": distribution}
    return {
        "tranches": tranche_rows(cik, accession, distribution),
        "pools": [{**keys, "pool": "total", "beginning_balance": Decimal("248582887.91"),
                   "ending_balance": Decimal("245629248.05"), "beginning_loan_count": 1468,
                   "ending_loan_count": 1455, "wac": Decimal("0.0712345"), "wam": 347,
                   "trigger_event": False, "oc_amount": Decimal("4617722.51")}],
        "delinquencies": [
            {**keys, "pool": "total", "status": "delinquent", "bucket": "30-59",
             "loan_count": 12, "balance": Decimal("1702381.44")},
            {**keys, "pool": "total", "status": "foreclosure", "bucket": "90+",
             "loan_count": 1, "balance": Decimal("98000.00")},
        ],
        "report_items": [
            {**keys, "section": "principal distribution factors", "subject": "A1",
             "label": "Ending Certificate Balance", "amount": Decimal("984.45733476")},
            {**keys, "section": "trustee", "label": "Trustee Fee", "amount": Decimal("1035.76")},
        ],
    }


@pytest.fixture
def make_batch() -> MakeBatch:
    """``make_batch(cik, accession, distribution, status='ok')``: one filing's batch."""

    def make(cik: int = SEED_CIK, accession: str = SEED_ACCESSION,
             distribution: date = SEED_DISTRIBUTION, status: str = "ok") -> Batch:
        batch: Batch = {"filings": [filing_row(cik, accession, distribution, status)]}
        if status == "ok":
            batch.update(fact_rows(cik, accession, distribution))
        return batch

    return make


@pytest.fixture
def seed_batch(make_batch: MakeBatch) -> Batch:
    """The seed filing's batch: 3 tranches, 1 pool, 2 delinquency cells, 2 report items."""
    return make_batch()


@pytest.fixture
def warehouse_root(tmp_path: Path) -> Path:
    """Where ``ABSDW_HOME/warehouse`` would be; not created yet."""
    return tmp_path / "home" / "warehouse"


def merge(*batches: Batch) -> Batch:
    """One batch holding the rows of several (a sync commits one per CIK)."""
    merged: Batch = {}
    for batch in batches:
        for table, rows in batch.items():
            merged.setdefault(table, []).extend(rows)
    return merged


@pytest.fixture
def merge_batches() -> Callable[..., Batch]:
    return merge
