"""A real Bankers Trust statement (Aames Capital 1998-C, December 1998; 8-K with the report as
EX-20.1), never seen while the family was built from its generator: values typed by hand from
the document (tests/fixtures/PROVENANCE.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from parsers import parse_submission
from parsers.model import ParsedFiling

DOCUMENT = Path(__file__).parents[1] / "fixtures" / "real" / "aames-1998-c-0001011438-98-000429.txt"


@pytest.fixture(scope="module")
def parsed() -> ParsedFiling:
    return parse_submission(DOCUMENT.read_bytes())


def test_found_read_and_loaded(parsed: ParsedFiling) -> None:
    result = parsed.result
    assert (parsed.exhibit_type, result.layout, result.status) == ("EX-20.1", "bankers_trust", "ok")
    report = result.report
    assert report is not None
    # "DISTRIBUTION DATE:" also occurs in prose ("... before each distribution date.")
    assert (report.distribution_date, report.record_date) == (date(1998, 12, 15),
                                                              date(1998, 11, 30))
    assert report.series == "1998-C"


def test_both_remic_tiers_every_class(parsed: ParsedFiling) -> None:
    report = parsed.result.report
    assert report is not None
    by_class = {t.class_name: t for t in report.tranches}
    assert list(by_class) == ["I-1F", "I-2F", "I-3F", "I-4F", "I-5F", "I-6F", "I-MF", "I-1A",
                              "I-2A", "I-MA", "R-I", "A-1F", "A-2F", "A-3F", "A-4F", "A-5F",
                              "A-6F", "A-1A", "A-2A", "C", "R-II"]
    a1f = by_class["A-1F"]
    assert (a1f.cusip, a1f.pass_through_rate) == ("00253CFD4", D("0.06239"))
    assert (a1f.original_balance, a1f.beginning_balance, a1f.interest_distribution,
            a1f.principal_distribution, a1f.total_distribution, a1f.realized_loss,
            a1f.accretion, a1f.ending_balance) == (
        D("118400000.00"), D("113781143.26"), D("591567.13"), D("3600398.47"),
        D("4191965.60"), D("0.00"), D("0.00"), D("110180744.79"))
    imf = by_class["I-MF"]
    assert (imf.cusip, imf.pass_through_rate, imf.beginning_balance, imf.ending_balance) == (
        None, D("0.09507526"), D("383371981.77"), D("380823724.03"))
    c = by_class["C"]  # the OC class grows by its deferred interest
    assert (c.beginning_balance, c.accretion, c.ending_balance) == (
        D("3532291.89"), D("1833007.72"), D("5365299.61"))


def test_pools_from_the_per_group_columns(parsed: ParsedFiling) -> None:
    report = parsed.result.report
    assert report is not None
    pools = {p.pool: p for p in report.pools}
    assert set(pools) == {"FIXED GROUP", "ADJ GROUP", "total"}
    fixed = pools["FIXED GROUP"]
    assert (fixed.beginning_balance, fixed.scheduled_principal, fixed.unscheduled_principal,
            fixed.ending_balance) == (D("387244426.03"), D("425326.69"), D("2148671.03"),
                                      D("384670428.31"))
    assert (fixed.beginning_loan_count, fixed.payoff_count, fixed.ending_loan_count,
            fixed.wac, fixed.wam) == (5831, 35, 5796, D("0.1000753"), 306)
    assert (fixed.oc_amount, fixed.oc_target) == (D("2889683.52"), D("10335000.00"))
    total = pools["total"]
    assert (total.beginning_balance, total.ending_balance, total.ending_loan_count) == (
        D("645008411.46"), D("640191948.34"), 8345)


def test_delinquency_printed_one_status_per_table(parsed: ParsedFiling) -> None:
    report = parsed.result.report
    assert report is not None
    cells = {(d.pool, d.status, d.bucket): (d.loan_count, d.balance)
             for d in report.delinquencies}
    assert len(cells) == 2 * 4 * 3  # groups x statuses x (1, 2, 3+ payments)
    assert cells[("FIXED GROUP", "delinquent", "30-59")] == (158, D("8802302.47"))
    assert cells[("FIXED GROUP", "delinquent", "90+")] == (2, D("54600.00"))
    assert cells[("ADJ GROUP", "foreclosure", "90+")] == (27, D("2998918.01"))
    assert cells[("FIXED GROUP", "bankruptcy", "30-59")] == (2, D("82876.56"))
    assert cells[("ADJ GROUP", "bankruptcy", "90+")] == (1, D("35973.90"))


def test_the_missed_payment_buckets_are_recorded_as_the_method(parsed: ParsedFiling) -> None:
    """Headed "1 Payment / 2 Payments / 3+ Payments" and naming neither MBA nor OTS."""
    assert parsed.result.report is not None
    assert parsed.result.report.delinquency_method == "missed_payments"
    assert parsed.result.report.series == "1998-C"


def test_cross_foot_checks_and_the_one_real_inconsistency(parsed: ParsedFiling) -> None:
    checks = parsed.result.checks
    passed = {c.name for c in checks if c.passed}
    assert {"tranche_rollforward", "class_totals", "factor_per_1000", "pool_rollforward",
            "pool_loan_count", "delinquency_totals"} <= passed
    failed = [c for c in checks if not c.passed]
    # REMIC II prints principal 6,590,606.96 where its classes sum to 6,590,606.97
    assert [(c.name, c.explained) for c in failed] == [("class_totals", True)] * 2
    assert "off by -0.01" in failed[0].detail


def test_debug_trace_of_the_one_status_per_table_delinquency() -> None:
    """absdw parse --debug: each status table's count and balance rows go to that status's
    records per group; its printed percentages are derived, not read."""
    from parsers.explain import explain_submission

    tables = [t for t in explain_submission(DOCUMENT.read_bytes()).tables
              if t.kind == "delinquency"]
    assert len(tables) == 4  # delinquent, foreclosure, REO, bankruptcy (the TOTAL one: items)
    foreclosure = tables[1]
    assert [c.field for c in foreclosure.columns] == [
        "status foreclosure", "bucket 30-59", "bucket 60-89", "bucket 90+",
        "checks (printed totals)"]
    assert [r.destination for r in foreclosure.rows] == [
        "delinquencies[foreclosure FIXED GROUP] (balance)", "dropped (no value read)",
        "delinquencies[foreclosure FIXED GROUP] (count)", "dropped (no value read)",
        "delinquencies[foreclosure ADJ GROUP] (balance)", "dropped (no value read)",
        "delinquencies[foreclosure ADJ GROUP] (count)", "dropped (no value read)"]


def test_the_estimated_next_rates_are_kept_as_items(parsed: ParsedFiling) -> None:
    """A factor column no field holds ("ESTIMATED NEXT" pass-through rate) is still kept."""
    assert parsed.result.report is not None
    nexts = {i.subject: i.amount for i in parsed.result.report.items
             if i.label == "ESTIMATED NEXT"}
    assert nexts["I-1F"] == D("0.09504372") and nexts["I-MA"] == D("0.09081353")
    assert len(nexts) == 20  # every class of both tiers' factor tables


def test_figures_split_by_spaces_in_the_factor_table_quarantine_not_lose_rates() -> None:
    """Spaces inside two figures ran the table's columns together: the rates and CUSIPs
    came back empty with status ok. The factor table must be read whole or flagged."""
    text = DOCUMENT.read_bytes().decode("latin-1")
    split = text.replace("29.478393     954.986726", "2   9.478393     954   .986726", 1)
    assert split != text
    result = parse_submission(split.encode("latin-1")).result
    assert result.status == "quarantined"
    assert "factor table: columns ['pass_through_rate'" in (result.error or "")
