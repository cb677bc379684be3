"""Bankers Trust statements: a hand-typed statement and one variant per printed quirk.

The statement below is fictitious (made-up trust, figures and CUSIPs) but typed in the layout
of 1990s Bankers Trust home-equity statements: wrapped column headers, a TOTALS label touching
its first figure, rates printed ``6.750000 %`` and ``8.250000%``, two groups, and delinquency
counted in missed payments. Each variant adds one quirk and must read exactly the same.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from parsers import parse_report, parse_submission
from parsers.families import FAMILIES, bankers_trust, ctslink
from parsers.model import Delinquency, ParseResult, Report

STATEMENT = """\
                               BANKERS TRUST COMPANY
                          STATEMENT TO CERTIFICATEHOLDERS
                     EXAMPLE HOME EQUITY LOAN TRUST, SERIES 1997-2
 DISTRIBUTION DATE:  July 25, 1997                      RECORD DATE:  06/30/1997

                              DISTRIBUTIONS IN DOLLARS

              ORIGINAL       BEGINNING                                                                    ENDING
                  FACE       PRINCIPAL                                                  REALIZED       PRINCIPAL
 CLASS           VALUE         BALANCE     PRINCIPAL     INTEREST          TOTAL          LOSSES         BALANCE
 ---------------------------------------------------------------------------------------------------------------
 A-1    100,000,000.00   90,000,000.00  1,000,000.00   506,250.00   1,506,250.00            0.00   89,000,000.00
 M-1     20,000,000.00   20,000,000.00          0.00   120,000.00     120,000.00            0.00   20,000,000.00
 R                0.00            0.00          0.00         0.00           0.00            0.00            0.00
 TOTALS 120,000,000.00  110,000,000.00  1,000,000.00   626,250.00   1,626,250.00            0.00  109,000,000.00

                   FACTOR INFORMATION PER $1000 OF ORIGINAL FACE

                            BEGINNING                                               ENDING          CURRENT
 CLASS    CUSIP             PRINCIPAL    PRINCIPAL     INTEREST        TOTAL     PRINCIPAL   PASS-THRU RATE
 A-1      24702RAA4      900.00000000  10.00000000   5.06250000  15.06250000  890.00000000       6.750000 %
 M-1      24702RAB2     1000.00000000   0.00000000   6.00000000   6.00000000 1000.00000000       7.200000 %
 R                         0.00000000   0.00000000   0.00000000   0.00000000    0.00000000

                                COLLATERAL INFORMATION

 GROUP I (FIXED)

 BEGINNING BALANCE                     70,000,000.00
 SCHEDULED PRINCIPAL                      100,000.00
 PREPAYMENTS                              500,000.00
 LIQUIDATION PROCEEDS                      50,000.00
 REALIZED LOSSES                           10,000.00
 ENDING BALANCE                        69,340,000.00
 LOAN COUNT                                    1,000
 WEIGHTED AVERAGE COUPON                  9.500000 %

 GROUP II (ADJUSTABLE)

 BEGINNING BALANCE                     40,000,000.00
 SCHEDULED PRINCIPAL                       40,000.00
 PREPAYMENTS                              300,000.00
 LIQUIDATION PROCEEDS                           0.00
 REALIZED LOSSES                                0.00
 ENDING BALANCE                        39,660,000.00
 LOAN COUNT                                      400
 WEIGHTED AVERAGE COUPON                   8.250000%

                                DELINQUENCY INFORMATION

 GROUP I (FIXED)
                                    NUMBER OF       PRINCIPAL
                                        LOANS         BALANCE
 DELINQUENT      1 PAYMENT                 10    1,000,000.00
                 2 PAYMENTS                 3      300,000.00
                 3+ PAYMENTS                2      200,000.00
                 TOTAL                     15    1,500,000.00
 FORECLOSURE     3+ PAYMENTS                4      400,000.00
 REO             3+ PAYMENTS                1       90,000.00
 BANKRUPTCY      CURRENT                    2      150,000.00
                 1 PAYMENT                  1       80,000.00
                 TOTAL                      3      230,000.00
"""
MASTHEAD = "\n".join(STATEMENT.splitlines()[:4])
CLASS_HEADERS = "\n".join(STATEMENT.splitlines()[5:11])


def parsed(text: str) -> Report:
    result = parse_report(text)
    assert (result.layout, result.status, result.error) == ("bankers_trust", "ok", None)
    assert result.report is not None
    return result.report


def insert_after(text: str, anchor: str, lines: str) -> str:
    """``text`` with ``lines`` inserted after the (unique) line starting with ``anchor``."""
    head, sep, tail = text.partition("\n" + anchor)
    assert sep and anchor not in tail, anchor
    line, _, rest = tail.partition("\n")
    return f"{head}{sep}{line}\n{lines}\n{rest}"


@pytest.fixture(scope="module")
def base() -> Report:
    return parsed(STATEMENT)


def test_the_statement_reads_every_printed_figure(base: Report) -> None:
    assert (str(base.distribution_date), str(base.record_date)) == ("1997-07-25", "1997-06-30")
    assert (base.series, base.delinquency_method) == ("1997-2", "missed_payments")
    assert [t.class_name for t in base.tranches] == ["A-1", "M-1", "R"]
    a1 = base.tranches[0]
    assert (a1.cusip, a1.pass_through_rate, a1.original_balance) == (
        "24702RAA4", Decimal("0.0675"), Decimal("100000000.00"))
    assert (a1.beginning_balance, a1.principal_distribution, a1.interest_distribution,
            a1.total_distribution, a1.realized_loss, a1.ending_balance) == (
        Decimal("90000000.00"), Decimal("1000000.00"), Decimal("506250.00"),
        Decimal("1506250.00"), Decimal("0"), Decimal("89000000.00"))
    assert base.tranches[2].cusip is None and base.tranches[2].pass_through_rate is None


def test_each_group_is_a_pool_named_as_printed(base: Report) -> None:
    one, two = base.pools
    assert (one.pool, one.collateral_description, two.pool, two.collateral_description) == (
        "GROUP I", "FIXED", "GROUP II", "ADJUSTABLE")
    assert (one.beginning_balance, one.scheduled_principal, one.unscheduled_principal,
            one.realized_loss, one.ending_balance, one.ending_loan_count, one.wac) == (
        Decimal("70000000.00"), Decimal("100000.00"), Decimal("550000.00"),
        Decimal("10000.00"), Decimal("69340000.00"), 1000, Decimal("0.095"))
    assert (two.unscheduled_principal, two.wac) == (Decimal("300000.00"), Decimal("0.0825"))
    prepaid = [(i.subject, i.label, i.amount) for i in base.items
               if i.section == bankers_trust.COLLATERAL_SECTION]
    assert prepaid == [("GROUP I", "PREPAYMENTS", Decimal("500000.00")),
                       ("GROUP I", "LIQUIDATION PROCEEDS", Decimal("50000.00")),
                       ("GROUP II", "PREPAYMENTS", Decimal("300000.00")),
                       ("GROUP II", "LIQUIDATION PROCEEDS", Decimal("0.00"))]


def test_missed_payments_map_to_day_buckets(base: Report) -> None:
    d = Decimal
    assert base.delinquencies == [
        Delinquency("GROUP I", "delinquent", "30-59", 10, d("1000000.00")),
        Delinquency("GROUP I", "delinquent", "60-89", 3, d("300000.00")),
        Delinquency("GROUP I", "delinquent", "90+", 2, d("200000.00")),
        Delinquency("GROUP I", "foreclosure", "90+", 4, d("400000.00")),
        Delinquency("GROUP I", "reo", "90+", 1, d("90000.00")),
        Delinquency("GROUP I", "bankruptcy", "current", 2, d("150000.00")),
        Delinquency("GROUP I", "bankruptcy", "30-59", 1, d("80000.00")),
    ]


def test_every_identity_is_checked_and_holds() -> None:
    result: ParseResult = parse_report(STATEMENT)
    names = {c.name for c in result.checks}
    assert {"tranche_rollforward", "tranche_distribution", "class_totals", "factor_per_1000",
            "pool_rollforward", "delinquency_totals"} <= names
    assert [c for c in result.checks if not c.passed] == []


def test_markup_around_the_tables_reads_the_same(base: Report) -> None:
    text = STATEMENT.replace("                              DISTRIBUTIONS IN DOLLARS",
                             "<TABLE>\n<CAPTION>\n                              "
                             "DISTRIBUTIONS IN DOLLARS", 1)
    text = insert_after(text, " -----", "<S>     <C>            <C>")
    text = insert_after(text, " TOTALS", "</TABLE>")
    assert "<TABLE>" in text and "</TABLE>" in text
    assert parsed(text) == base


def test_form_feed_page_break_repeating_the_headers_mid_class_table(base: Report) -> None:
    text = insert_after(STATEMENT, " A-1    100", f"\f{MASTHEAD}\n{CLASS_HEADERS}")
    assert text.count("DISTRIBUTIONS IN DOLLARS") == 2
    assert parsed(text) == base


def test_numbered_pages_repeating_only_the_column_headers(base: Report) -> None:
    headers = "\n".join(CLASS_HEADERS.splitlines()[2:])
    text = insert_after(STATEMENT, " M-1     20",
                        f"\n{'Page 1 of 2':>100}\n{MASTHEAD}\n\n{headers}")
    text = text.rstrip("\n") + f"\n\n{'Page 2 of 2':>100}\n"
    assert parsed(text) == base


def test_remic_tier_rows_are_classes_of_their_own() -> None:
    """A lower-tier REMIC row ("LT-R"; the generator also prints "REMIC I" / "REMIC II" in a
    wider class column) is a class like any other, in both class tables."""
    text = insert_after(STATEMENT, " R                0.00",
                        " LT-R             0.00            0.00          0.00         0.00"
                        "           0.00            0.00            0.00")
    text = insert_after(text, " R                         0.00",
                        " LT-R                     0.00000000   0.00000000   0.00000000"
                        "   0.00000000    0.00000000")
    report = parsed(text)
    assert [t.class_name for t in report.tranches] == ["A-1", "M-1", "R", "LT-R"]
    assert report.tranches[3].ending_balance == Decimal("0.00")
    assert report.tranches[3].pass_through_rate is None


def test_a_named_method_is_recorded_and_mba_or_ots_is_never_guessed() -> None:
    """Buckets printed as missed payments say only that; MBA or OTS needs the text to say."""
    text = STATEMENT + "\n DELINQUENCIES ARE REPORTED ON AN OTS BASIS.\n"
    assert parsed(text).delinquency_method == "OTS"
    assert parsed(STATEMENT).delinquency_method == "missed_payments"


@pytest.mark.parametrize(("label", "bucket"), [
    ("1 PAYMENT", "30-59"), ("2 PAYMENTS", "60-89"), ("3+ PAYMENTS", "90+"),
    ("3 PAYMENTS", "90-119"), ("6+ PAYMENTS", "180+"), ("CURRENT", "current"),
    ("4+ PAYMENTS", None), ("30 DAYS", None),
])
def test_missed_payment_buckets(label: str, bucket: str | None) -> None:
    from parsers.engine.missed_payments import missed_payment_bucket

    assert missed_payment_bucket(label) == bucket


def test_families_never_claim_each_other(seed_report_text: str) -> None:
    assert [f.layout for f in FAMILIES][:2] == ["ctslink", "bankers_trust"]
    assert not bankers_trust.detect(seed_report_text)
    assert not ctslink.detect(STATEMENT)
    marked = STATEMENT.replace(" CLASS    CUSIP", "<TABLE>\n<S>  <C>\n CLASS    CUSIP")
    assert not ctslink.detect(marked) and bankers_trust.detect(marked)
    assert parse_report(seed_report_text).layout == "ctslink"


def test_statement_without_a_distribution_date_is_quarantined() -> None:
    result = parse_report(STATEMENT.replace("DISTRIBUTION DATE:", "PAID ON:"))
    assert (result.layout, result.status) == ("bankers_trust", "quarantined")
    assert result.error == "no readable 'DISTRIBUTION DATE:' in the statement"


def test_old_8k_with_the_statement_as_ex20(make_submission: Callable[..., bytes],
                                           base: Report) -> None:
    cover = "FORM 8-K\nItem 7. Exhibits\n  20. Statement to Certificateholders\n"
    filing = parse_submission(make_submission([("8-K", "bt9707.txt", cover),
                                               ("EX-20", "bt9707ex20.txt", STATEMENT)]))
    assert (filing.exhibit_type, filing.document) == ("EX-20", "bt9707ex20.txt")
    assert (filing.result.layout, filing.result.status) == ("bankers_trust", "ok")
    assert filing.result.report == base
