"""Hand-written servicer-certificate snippets, one per quirk of the layout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parsers import parse_report
from parsers.errors import ReportLayoutError
from parsers.families import servicer_cert
from parsers.families.servicer_lines import (
    class_header,
    class_name,
    delinquency_bucket,
    heading,
    read_line,
)
from parsers.model import Delinquency, ReportItem

HEAD = """\
                 ABSDW EQUIPMENT RECEIVABLES TRUST 1998-A
                  MONTHLY SERVICER'S CERTIFICATE
Collection Period: March 2019           Distribution Date: April 15, 2019
"""


def _parse(body: str) -> servicer_cert.Report:
    report, _ = servicer_cert.parse(HEAD + body)
    return report


@pytest.mark.parametrize("line", [
    "Line 9  Pool Balance at the end of the Collection Period     $1,234,567.89",
    "(9) Pool Balance at the end of the Collection Period ......... 1,234,567.89",
    "9. Pool Balance at the end of the Collection Period   $      1,234,567.89",
    "   Pool Balance at the end of the Collection Period          1,234,567.89",
    "Pool Balance at the end of the Collection Period . . . . . . $ 1,234,567.89",
    # a lettered sub-item and a formula note (CarMax-style certificates)
    "a.  Pool Balance at the end of the Collection Period  $  1,234,567.89",
    "5.  Pool Balance at the end of the Collection Period (Ln1 - Ln2 - Ln3)  1,234,567.89",
    "Pool Balance at the end of the Collection Period (Ln 1 - Ln 2)  $ 1,234,567.89",
    "Pool Balance at the end of the Collection Period (sum a - c)   1,234,567.89",
    "Pool Balance at the end of the Collection Period (Line 4 + Line 5)  1,234,567.89",
])
def test_line_numbers_dollar_signs_and_leaders_are_not_part_of_the_line(line: str) -> None:
    found = read_line(line)
    assert found is not None
    assert (found.label, found.values) == ("Pool Balance at the end of the Collection Period",
                                           ("1,234,567.89",))


def test_a_count_and_balance_line_keeps_both_values_and_text_lines_have_none() -> None:
    found = read_line("(24) 31-60 Days Delinquent            11      $323,691.91")
    assert found is not None and found.values == ("11", "323,691.91")
    assert read_line("I. POOL BALANCE AND PORTFOLIO INFORMATION") is None
    assert read_line("Class A-1 Notes") is None


def test_headings_drop_their_roman_numeral_and_class_headers_name_the_class() -> None:
    assert heading("  IV. AVAILABLE FUNDS AND DISTRIBUTIONS") == "available funds and distributions"
    assert heading("RESERVE ACCOUNT:") == "reserve account"
    assert heading("Pool Balance information") is None
    assert heading("CLASS A-1 NOTES") is None
    assert (class_header("Class A-2a Notes"), class_header("CLASS B NOTES")) == ("A-2a", "B")
    assert class_header("Class A-1 Notes paid in full") is None
    assert (class_name("Class A-1"), class_name("A-4 Notes"), class_name("C")) == (
        "A-1", "A-4", "C")


@pytest.mark.parametrize(("label", "bucket"), [
    ("31-60 Days Delinquent", "30-59"), ("30-59 days", "30-59"), ("61 to 90 Days", "60-89"),
    ("91-120 Days Delinquent", "90-119"), ("121-150 Days", "120-149"),
    ("151-180 Days", "150-179"), ("91+ Days Delinquent", "90+"), ("Over 90 Days", "90+"),
    ("181+ Days", "180+"), ("121+ Days", "120+"), ("151+ Days", None),
    ("Delinquency Ratio", None),
])
def test_delinquency_buckets_map_by_their_printed_start_day(label: str,
                                                            bucket: str | None) -> None:
    assert delinquency_bucket(label) == bucket


def test_printed_bounds_are_kept_and_a_lumped_121_plus_bucket_is_120_plus() -> None:
    report = _parse("""
(0) Ending Pool Balance                       1,000,000.00
V. DELINQUENT RECEIVABLES
(1) 31-60 Days Delinquent          12        150,000.00
(2) 121+ Days Delinquent            2         20,000.00
""")
    assert report.delinquencies == [
        Delinquency("total", "delinquent", "30-59", 12, Decimal("150000.00"),
                    "31-60 Days Delinquent", 31, 60),
        Delinquency("total", "delinquent", "120+", 2, Decimal("20000.00"),
                    "121+ Days Delinquent", 121, None)]
    assert [i.label for i in report.items if i.section == "delinquent receivables"] == []


def test_header_dates_and_collection_period_on_one_line() -> None:
    report = _parse("(1) Pool Balance at the beginning of the Collection Period  1,000.00\n")
    assert report.distribution_date == date(2019, 4, 15)
    assert report.record_date is None
    assert report.series == "1998-A"
    assert report.items[0] == ReportItem("report dates", "Collection Period", text="March 2019")


def test_scheduled_principal_is_derived_from_the_total_when_not_printed() -> None:
    report = _parse("""
I. COLLECTIONS
(1) Pool Balance at the beginning of the Collection Period     10,000.00
(2) Total Principal Collections                                  900.00
(3) Prepayments in Full                                          300.00
(4) Liquidation Proceeds and Recoveries                           40.00
(5) Gross Charge-Offs                                            100.00
(6) Pool Balance at the end of the Collection Period           9,000.00
(7) Number of Receivables Paid in Full                                 5
(8) Number of Defaulted Receivables                                    1
""")
    pool = report.pools[0]
    assert (pool.scheduled_principal, pool.unscheduled_principal, pool.realized_loss,
            pool.payoff_count) == (Decimal("600.00"), Decimal("340.00"), Decimal("60.00"), 6)
    assert [i.label for i in report.items if i.section == "collections"] == [
        "Total Principal Collections", "Prepayments in Full",
        "Liquidation Proceeds and Recoveries", "Gross Charge-Offs",
        "Number of Receivables Paid in Full", "Number of Defaulted Receivables"]


def test_class_blocks_set_note_fields_and_keep_unknown_lines_as_class_items() -> None:
    report = _parse("""
VI. NOTE INFORMATION
Class A-2a Notes
(30) Note Rate                                 2.810%
(31) Note Balance (beginning)          $ 1,638,108.79
(32) Principal Distributable Amount    $   100,000.00
(33) Interest Distributable Amount     $     3,835.90
(34) Note Balance (ending)             $ 1,538,108.79
(35) Interest Carryover Shortfall      $         0.00
VII. RESERVE ACCOUNT
(36) Ending Reserve Account Balance    $    26,117.81
""")
    (note,) = report.tranches
    assert (note.class_name, note.pass_through_rate, note.beginning_balance,
            note.principal_distribution, note.ending_balance) == (
        "A-2a", Decimal("0.0281"), Decimal("1638108.79"), Decimal("100000.00"),
        Decimal("1538108.79"))
    assert [(i.section, i.subject, i.label) for i in report.items[1:]] == [
        ("note information", "A-2a", "Interest Carryover Shortfall"),
        ("reserve account", None, "Ending Reserve Account Balance")]


def test_a_note_table_with_a_total_row_is_checked() -> None:
    text = HEAD + """
Beginning Pool Balance                                 800,000.00
Ending Pool Balance                                    690,000.00

NOTE INFORMATION
                 Note      Beginning    Principal    Interest       Ending
Class            Rate        Balance      Payment     Payment      Balance
Class A-1      2.450%     500,000.00   100,000.00    1,000.00   400,000.00
Class B        3.550%     200,000.00         0.00      591.67   200,000.00
Total                     700,000.00   100,000.00    1,591.67   600,000.00

RESERVE ACCOUNT
Ending Reserve Account Balance                        26,117.81
"""
    result = parse_report(text)
    assert result.report is not None
    assert [(t.class_name, t.ending_balance) for t in result.report.tranches] == [
        ("A-1", Decimal("400000.00")), ("B", Decimal("200000.00"))]
    totals = [c for c in result.checks if c.name == "class_totals"]
    assert len(totals) == 4 and all(c.passed for c in totals)
    assert (result.layout, result.status) == ("servicer_cert", "ok")


def test_a_note_table_may_print_class_on_its_top_header_line() -> None:
    report = _parse("""
Ending Pool Balance                                    690,000.00
Class              Note      Beginning       Ending
                   Rate        Balance      Balance
Class A-1        2.450%     500,000.00   400,000.00
""")
    (note,) = report.tranches
    assert (note.class_name, note.pass_through_rate, note.beginning_balance,
            note.ending_balance) == ("A-1", Decimal("0.0245"), Decimal("500000.00"),
                                     Decimal("400000.00"))


def test_a_total_delinquent_line_that_does_not_foot_fails_its_check() -> None:
    result = parse_report(HEAD + """
(1) Pool Balance at the beginning of the Collection Period     1,000,000.00
(2) Pool Balance at the end of the Collection Period             990,000.00
(3) 31-60 Days Delinquent                   3          30,000.00
(4) 61-90 Days Delinquent                   1          10,000.00
(5) Total Delinquent Receivables            4          41,000.00
""")
    (check,) = [c for c in result.checks if c.name == "delinquency_totals"]
    assert check.passed is False
    assert result.status == "quarantined"


def test_page_breaks_and_repeated_mastheads_are_furniture() -> None:
    report = _parse("""I. POOL
(1) Pool Balance at the beginning of the Collection Period     10,000.00
\f                 ABSDW EQUIPMENT RECEIVABLES TRUST 1998-A
                  MONTHLY SERVICER'S CERTIFICATE
II. RESERVE ACCOUNT
(2) Ending Reserve Account Balance                                 50.00
""")
    assert report.pools[0].beginning_balance == Decimal("10000.00")
    assert report.items[1:] == [ReportItem("reserve account", "Ending Reserve Account Balance",
                                           amount=Decimal("50.00"))]


def test_detection_wants_a_title_and_a_collection_period_in_text_or_html() -> None:
    assert servicer_cert.detect(HEAD) is True
    assert servicer_cert.detect(HEAD.replace("Collection Period", "Due Period")) is False
    assert servicer_cert.detect(HEAD.replace("SERVICER'S", "TRUSTEE'S")) is False
    html = "<html><body><p>MONTHLY SERVICER&#146;S CERTIFICATE</p><table><tr><td>" \
           "Collection Period</td><td>05/01/25-05/31/25</td></tr></table></body></html>"
    assert servicer_cert.detect(html.replace("&#146;", "&#8217;")) is True
    assert servicer_cert.detect(html.replace("SERVICER&#146;S", "TRUSTEE&#146;S")) is False
    # an HTML trustee report naming the servicer report on a later page is not claimed
    trustee = ("<html><body><p>CERTIFICATE PAYMENT REPORT</p><table>"
               + "<tr><td>Class A-1</td><td>1,000.00</td></tr>" * 200
               + "<tr><td>Servicer Report</td><td>Collection Period</td></tr></table>")
    assert servicer_cert.detect(trustee) is False


def test_a_certificate_without_a_distribution_date_is_quarantined() -> None:
    text = HEAD.replace("Distribution Date: April 15, 2019", "")
    with pytest.raises(ReportLayoutError, match="Distribution Date"):
        servicer_cert.parse(text)
    result = parse_report(text + "(1) Ending Pool Balance   1,000.00\n")
    assert (result.layout, result.status, result.report) == ("servicer_cert", "quarantined",
                                                             None)


# -- printed or proven: the period's losses (issue 11)

POOL = """\
POOL INFORMATION
Line 1  Pool Balance at the beginning of the Collection Period  $  4,164,946.92
Line 5  Pool Balance at the end of the Collection Period ....   $  3,865,207.82
"""
PERIOD_LOSSES = """\
CHARGE-OFFS AND LOSSES
Line 14  Gross Charge-Offs ..................................  $     37,105.26
Line 13  Liquidation Proceeds and Recoveries ................  $     11,187.24
Line 15  Net Losses for the Collection Period ...............  $     25,918.02
"""
CUMULATIVE_FIRST = """\
CUMULATIVE LOSSES SINCE THE CUTOFF DATE
Line 10  Gross Charge-Offs ..................................  $ 10,235,606.78
Line 11  Liquidation Proceeds and Recoveries ................  $     11,187.24
Line 12  Net Losses .........................................  $ 10,224,419.54
"""


def test_a_cumulative_block_above_the_period_block_never_feeds_the_period_figures() -> None:
    report = parse_report(HEAD + POOL + CUMULATIVE_FIRST + PERIOD_LOSSES)
    assert report.report is not None
    [pool] = report.report.pools
    assert pool.realized_loss == Decimal("25918.02")  # the period's, as printed
    assert pool.cumulative_realized_loss == Decimal("10224419.54")
    assert {c.name: c.passed for c in report.checks}["net_loss"] is True


def test_without_a_printed_net_loss_the_cumulative_parts_are_not_used_either() -> None:
    body = POOL + CUMULATIVE_FIRST.replace("Line 12  Net Losses ....", "Line 12  Other .......")
    report, _ = servicer_cert.parse(HEAD + body)
    [pool] = report.pools
    assert pool.realized_loss is None  # nothing of the period printed: nothing derived


def test_a_printed_net_loss_that_gross_minus_recoveries_contradicts_quarantines() -> None:
    wrong = PERIOD_LOSSES.replace("25,918.02", "52,918.02")
    result = parse_report(HEAD + POOL + wrong)
    assert result.status == "quarantined"
    assert "net_loss: gross charge-offs 37105.26 - recoveries 11187.24" in (result.error or "")


def test_a_recoveries_count_is_not_subtracted_as_money() -> None:
    body = POOL + PERIOD_LOSSES.replace("$     11,187.24", "          7").replace(
        "Line 15  Net Losses for the Collection Period ...............  $     25,918.02\n", "")
    report, evidence = servicer_cert.parse(HEAD + body)
    [pool] = report.pools
    assert pool.realized_loss == Decimal("37105.26")  # gross less no recoveries, not less 7
    assert all(c.name != "net_loss" for c in evidence.notes)
