"""A real HTML servicer's certificate (CarMax Auto Owner Trust 2024-1, June 16, 2025
distribution; 10-D EX-99.1), never seen while the family was built from its text generator:
numbered line items in HTML table cells, sub-items lettered, each class named inside its own
lines. Values typed by hand from the document (tests/fixtures/PROVENANCE.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from parsers import parse_report
from parsers.model import ParseResult

DOCUMENT = Path(__file__).parents[1] / "fixtures" / "real" / "carmax-2024-1-ex991-2025-06.htm"


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return parse_report(DOCUMENT.read_text(encoding="latin-1"))


def test_read_and_loaded(result: ParseResult) -> None:
    assert (result.layout, result.status, result.error) == ("servicer_cert", "ok", None)
    assert result.report is not None
    assert result.report.distribution_date == date(2025, 6, 16)
    assert result.report.series == "2024-1"


def test_every_note_class(result: ParseResult) -> None:
    assert result.report is not None
    notes = {t.class_name: t for t in result.report.tranches}
    assert list(notes) == ["A-1", "A-2a", "A-2b", "A-3", "A-4", "B", "C", "D"]
    a2a = notes["A-2a"]  # lines 8b, 9b, 45b, 45j, 46b
    assert (a2a.beginning_balance, a2a.ending_balance, a2a.factor, a2a.interest_distribution,
            a2a.principal_distribution, a2a.total_distribution) == (
        D("97028984.23"), D("76913848.48"), D("0.2366580"), D("428544.68"),
        D("20115135.75"), D("20543680.43"))
    a2b = notes["A-2b"]  # "Floating Rate Note Balance"
    assert (a2b.beginning_balance, a2b.ending_balance) == (D("70965506.35"), D("56253605.53"))
    assert (notes["D"].beginning_balance, notes["D"].interest_distribution) == (
        D("33700000.00"), D("168500.00"))


def test_pool_and_losses(result: ParseResult) -> None:
    assert result.report is not None
    (pool,) = result.report.pools
    assert (pool.beginning_balance, pool.ending_balance, pool.ending_loan_count) == (
        D("895851061.26"), D("861024024.69"), 51124)
    assert (pool.wac, pool.oc_amount, pool.oc_target) == (
        D("0.1122"), D("15656570.68"), D("15656570.68"))
    # Ln 78 "Net Losses (Ln 76 - Ln 77)" and Ln 82 cumulative
    assert (pool.realized_loss, pool.cumulative_realized_loss) == (
        D("1458980.43"), D("22857349.22"))
    # principal collections are printed without a prepayment split: no CPR is derived
    assert (pool.scheduled_principal, pool.unscheduled_principal) == (None, None)


def test_delinquency_lines(result: ParseResult) -> None:
    assert result.report is not None
    cells = {d.bucket: (d.loan_count, d.balance) for d in result.report.delinquencies}
    assert cells == {"30-59": (1280, D("26821453.72")), "60-89": (553, D("12244951.03")),
                     "90-119": (169, D("3440809.32")), "120+": (0, D("0.00"))}
    printed = [(d.printed_bucket, d.days_from, d.days_to) for d in result.report.delinquencies]
    assert printed == [("31 to 60 days past due", 31, 60), ("61 to 90 days past due", 61, 90),
                       ("91 to 120 days past due", 91, 120),
                       ("121 or more days past due", 121, None)]  # as the certificate prints
    totals = [c for c in result.checks if c.name == "delinquency_totals"]
    assert [c.passed for c in totals] == [True]  # "Total Past Due (sum a - d)": 2,002


def test_checks_that_prove_the_reading(result: ParseResult) -> None:
    rolled = {c.subject for c in result.checks if c.name == "tranche_rollforward" and c.passed}
    assert rolled == {"A-1", "A-2a", "A-2b", "A-3", "A-4", "B", "C", "D"}
    assert not [c for c in result.checks if not c.passed]
