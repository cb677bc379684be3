"""HTML table reports, one quirk at a time: hand-written snippets in the shapes real trustee
HTML takes (split ``$`` and parenthesis cells, colspans, nested layout tables, unclosed and
upper-case tags, transposed delinquency matrices, an unsplit 90+ bucket)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from parsers import parse_report
from parsers.engine.html import read_html
from parsers.engine.html_grid import HtmlGrid, build_html_grid, canonical_figure
from parsers.families import FAMILIES, html_tables
from parsers.model import Delinquency

HEAD = ("<html><body><p><b>Certificate Payment Report</b></p>"
        "<p>Distribution Date: December 27, 2004<br>Record Date: 11/30/2004</p>")
CLASSES = """
<table>
<tr><td colspan="3"></td><td colspan="6">Distribution in Dollars</td></tr>
<tr><th>Class</th><th>CUSIP</th><th colspan="2">Beginning Balance</th>
    <th colspan="2">Principal</th><th colspan="3">Realized Loss</th><th>Ending Balance</th></tr>
<tr><td>A-1<sup>(1)</sup></td><td>07384YAA4</td><td>$</td><td>1,000.00</td><td>$</td>
    <td>100.00</td><td></td><td>0.00</td><td></td><td>900.00</td></tr>
<tr><td>M-1*</td><td>07384YAB2</td><td>$</td><td>500.00</td><td>$</td><td>0.00</td>
    <td>(</td><td>20.00</td><td>)</td><td>520.00</td></tr>
<tr><td>Total</td><td></td><td>$</td><td>1,500.00</td><td>$</td><td>100.00</td>
    <td>(</td><td>20.00</td><td>)</td><td>1,420.00</td></tr>
</table>"""


def _grid(html: str) -> list[HtmlGrid]:
    tables = read_html(html).tables
    return [g for t in tables if (g := build_html_grid(t)) is not None]


def test_split_dollar_and_parenthesis_cells_join_their_figure() -> None:
    grid = _grid(CLASSES)[0]
    assert grid.leaf == ["Class", "CUSIP", "Beginning Balance", "Principal", "Realized Loss",
                         "Ending Balance"]
    assert grid.group == ["", "", "Distribution in Dollars", "Distribution in Dollars",
                          "Distribution in Dollars", ""]
    assert grid.rows[1] == ["M-1*", "07384YAB2", "500.00", "0.00", "(20.00)", "520.00"]


def test_parenthesised_negatives_become_negative_decimals_and_footnotes_drop() -> None:
    result = parse_report(HEAD + CLASSES + "</body></html>")
    assert result.report is not None
    a1, m1 = result.report.tranches
    assert (a1.class_name, m1.class_name) == ("A-1", "M-1")
    assert m1.realized_loss == Decimal("-20.00")
    assert (a1.beginning_balance, a1.principal_distribution, a1.ending_balance) == (
        Decimal("1000.00"), Decimal("100.00"), Decimal("900.00"))
    assert result.report.distribution_date == date(2004, 12, 27)
    assert result.report.record_date == date(2004, 11, 30)
    assert result.layout == "html_tables"


def test_canonical_figures() -> None:
    assert canonical_figure("$(1,234.56)") == "(1,234.56)"
    assert canonical_figure("($ 1,234.56)") == "(1,234.56)"
    assert canonical_figure("1,234.56 (2)") == "1,234.56"
    assert canonical_figure("5.25 %") == "5.25%"
    assert canonical_figure("(1,2") == "(1,2"
    assert canonical_figure("A-1") == "A-1"


def test_percent_in_the_next_cell_reads_as_a_rate() -> None:
    html = ("<table><tr><th>Class</th><th colspan=2>Pass-Through Rate</th>"
            "<th>Ending Balance</th><th>Beginning Balance</th></tr>"
            "<tr><td>A1</td><td>2.45000</td><td>%</td><td>10.00</td><td>10.00</td></tr></table>")
    result = parse_report(HEAD + html)
    assert result.report is not None
    assert result.report.tranches[0].pass_through_rate == Decimal("0.0245")


def test_uppercase_unclosed_tags_and_nbsp() -> None:
    html = ("<TABLE BORDER=1><TR><TH>Class<TH>Beginning&nbsp;Balance<TH>Ending&nbsp;Balance"
            "<TR><TD>&nbsp;A1&nbsp;<TD><FONT SIZE=1><B>1,000.00</B></FONT><TD>&nbsp;900.00"
            "<TR><TD>A2<TD>50.00<TD>50.00</TABLE>")
    grid = _grid(html)[0]
    assert grid.leaf == ["Class", "Beginning Balance", "Ending Balance"]
    assert grid.rows == [["A1", "1,000.00", "900.00"], ["A2", "50.00", "50.00"]]


def test_nested_layout_tables_give_the_outer_cell_heading_to_the_inner_table() -> None:
    html = ("<table width=100%><tr><td><b>Collateral Summary</b><br>"
            "<table><tr><td>Beginning Pool Balance</td><td>$</td><td>1,000.00</td></tr>"
            "<tr><td>Ending Pool Balance</td><td>$</td><td>990.00</td></tr>"
            "<tr><td>Scheduled Principal</td><td></td><td>10.00</td></tr></table>"
            "</td></tr></table>")
    grids = _grid(html)
    assert len(grids) == 1
    assert grids[0].title == "Collateral Summary"
    assert grids[0].rows[0] == ["Beginning Pool Balance", "1,000.00"]


def test_rowspan_and_colspan_expand() -> None:
    html = ("<table><tr><th rowspan=2>Class</th><th colspan=2>Balance</th></tr>"
            "<tr><th>Beginning</th><th>Ending</th></tr>"
            "<tr><td>A1</td><td>5.00</td><td>4.00</td></tr></table>")
    grid = _grid(html)[0]
    assert grid.leaf == ["Class", "Beginning", "Ending"]
    assert grid.group[1:] == ["Balance", "Balance"]
    assert grid.header(1) == "Balance Beginning"


def test_a_page_split_class_table_without_headers_joins_the_first_part() -> None:
    second = ("<p>Distribution Summary (continued)</p><table>"
              "<tr><td>M-2</td><td>07384YAC0</td><td>$</td><td>50.00</td><td>$</td><td>0.00</td>"
              "<td></td><td>0.00</td><td></td><td>50.00</td></tr></table>")
    result = parse_report(HEAD + CLASSES.replace("<tr><td>Total</td>", "<tr><td>X</td>")
                          + second)
    assert result.report is not None
    assert [t.class_name for t in result.report.tranches] == ["A-1", "M-1", "X", "M-2"]
    assert result.report.tranches[-1].cusip == "07384YAC0"


MATRIX = """
<p>Delinquency Information</p>
<table>
<tr><td></td><td colspan=2>Delinquent</td><td colspan=2>Bankruptcy</td>
    <td colspan=2>Foreclosure</td><td colspan=2>REO</td><td colspan=2>Total</td></tr>
<tr><td>Days</td><td>#</td><td>Balance</td><td>#</td><td>Balance</td><td>#</td><td>Balance</td>
    <td>#</td><td>Balance</td><td>#</td><td>Balance</td></tr>
<tr><td>30-59 Days</td><td>3</td><td>300.00</td><td>1</td><td>10.00</td><td>0</td><td>0.00</td>
    <td>0</td><td>0.00</td><td>4</td><td>310.00</td></tr>
<tr><td>60-89 Days</td><td>2</td><td>200.00</td><td>0</td><td>0.00</td><td>1</td><td>50.00</td>
    <td>0</td><td>0.00</td><td>3</td><td>250.00</td></tr>
<tr><td>90+ Days</td><td>1</td><td>100.00</td><td>0</td><td>0.00</td><td>2</td><td>80.00</td>
    <td>1</td><td>70.00</td><td>4</td><td>250.00</td></tr>
<tr><td>Total</td><td>6</td><td>600.00</td><td>1</td><td>10.00</td><td>3</td><td>130.00</td>
    <td>1</td><td>70.00</td><td>11</td><td>810.00</td></tr>
</table>"""

TRANSPOSED = """
<p>Delinquency Information</p>
<table>
<tr><td></td><td colspan=2>30-59 Days</td><td colspan=2>60-89 Days</td>
    <td colspan=2>90+ Days</td><td colspan=2>Total</td></tr>
<tr><td>Status</td><td>Count</td><td>Balance</td><td>Count</td><td>Balance</td>
    <td>Count</td><td>Balance</td><td>Count</td><td>Balance</td></tr>
<tr><td>Delinquent</td><td>3</td><td>300.00</td><td>2</td><td>200.00</td><td>1</td>
    <td>100.00</td><td>6</td><td>600.00</td></tr>
<tr><td>Bankruptcy</td><td>1</td><td>10.00</td><td>0</td><td>0.00</td><td>0</td><td>0.00</td>
    <td>1</td><td>10.00</td></tr>
<tr><td>Foreclosure</td><td>0</td><td>0.00</td><td>1</td><td>50.00</td><td>2</td><td>80.00</td>
    <td>3</td><td>130.00</td></tr>
<tr><td>REO</td><td>0</td><td>0.00</td><td>0</td><td>0.00</td><td>1</td><td>70.00</td>
    <td>1</td><td>70.00</td></tr>
<tr><td>Total</td><td>4</td><td>310.00</td><td>3</td><td>250.00</td><td>4</td><td>250.00</td>
    <td>11</td><td>810.00</td></tr>
</table>"""


POOL = ("<p>Collateral Summary</p><table>"
        "<tr><td>Beginning Pool Balance</td><td>$</td><td>1,000.00</td></tr>"
        "<tr><td>Ending Pool Balance</td><td>$</td><td>990.00</td></tr>"
        "<tr><td>Ending Loan Count</td><td></td><td>20</td></tr></table>")


def _cells(html: str) -> dict[tuple[str, str], tuple[int | None, Decimal | None]]:
    result = parse_report(HEAD + CLASSES + POOL + html)
    assert result.report is not None, result.error
    failed = [c for c in result.checks if c.name == "delinquency_totals" and not c.passed]
    assert failed == []
    assert sum(c.name == "delinquency_totals" for c in result.checks) == 7
    return {(d.status, d.bucket): (d.loan_count, d.balance)
            for d in result.report.delinquencies}


def test_delinquency_matrix_in_either_orientation_reads_the_same_cells() -> None:
    across, down = _cells(MATRIX), _cells(TRANSPOSED)
    assert across == down
    assert len(across) == 12
    assert across[("foreclosure", "90+")] == (2, Decimal("80.00"))
    assert across[("delinquent", "30-59")] == (3, Decimal("300.00"))


def test_an_unsplit_90_plus_bucket_stays_90_plus() -> None:
    assert {bucket for _, bucket in _cells(MATRIX)} == {"30-59", "60-89", "90+"}


def test_a_stacked_count_over_balance_matrix_reads_counts_then_balances() -> None:
    html = ("<p>Delinquency</p><table><tr><td></td><td>Delinquent</td><td>Foreclosure</td>"
            "<td>REO</td></tr><tr><td>30 Days</td><td>2</td><td>1</td><td>0</td></tr>"
            "<tr><td></td><td>20.00</td><td>10.00</td><td>0.00</td></tr>"
            "<tr><td>60 Days</td><td>1</td><td>0</td><td>1</td></tr>"
            "<tr><td></td><td>5.00</td><td>0.00</td><td>7.00</td></tr></table>")
    result = parse_report(HEAD + CLASSES + html)
    assert result.report is not None
    assert Delinquency("total", "reo", "60+", 1, Decimal("7.00"), "60 Days", 60,
                       None) in result.report.delinquencies
    assert Delinquency("total", "delinquent", "30-59", 2, Decimal("20.00"), "30 Days", 30,
                       None) in result.report.delinquencies


def test_collateral_summary_sets_pool_fields_and_keeps_the_rest_as_items() -> None:
    html = ("<p>Collateral Summary</p><table>"
            "<tr><td>Collateral Description</td><td>Fixed &amp; ARM</td></tr>"
            "<tr><td>Beginning Pool Balance</td><td>$</td><td>1,000.00</td></tr>"
            "<tr><td>Scheduled Principal</td><td></td><td>10.00</td></tr>"
            "<tr><td>Unscheduled Principal</td><td></td><td>0.00</td></tr>"
            "<tr><td>Ending Pool Balance</td><td>$</td><td>990.00</td></tr>"
            "<tr><td>Weighted Average Gross Coupon</td><td>7.25</td><td>%</td></tr>"
            "<tr><td>Excess Cash Amount<sup>(3)</sup></td><td></td><td>12.00</td></tr></table>")
    result = parse_report(HEAD + CLASSES + html)
    assert result.report is not None
    (pool,) = result.report.pools
    assert (pool.pool, pool.collateral_description, pool.ending_balance, pool.wac) == (
        "total", "Fixed & ARM", Decimal("990.00"), Decimal("0.0725"))
    excess = [i for i in result.report.items if i.label == "Excess Cash Amount"]
    assert [(i.section, i.amount) for i in excess] == [("collateral summary", Decimal("12.00"))]
    assert any(c.name == "pool_rollforward" and c.passed for c in result.checks)


def test_a_class_table_with_an_unknown_header_is_flagged_not_dropped() -> None:
    unknown = CLASSES.replace("<th>Class</th>", "<th>Tranche</th>")
    result = parse_report(HEAD + CLASSES.replace("A-1", "A-9").replace("M-1", "M-9")
                          + "<p>Other</p>" + unknown.replace("A-1<sup>(1)</sup>", "A-9")
                          .replace("M-1*", "M-9"))
    assert result.status == "quarantined"
    assert "unmapped_table" in (result.error or "")


def test_detection_needs_html_cells_and_report_vocabulary() -> None:
    assert html_tables.detect(HEAD + CLASSES)
    assert not html_tables.detect("<TABLE>\n<S> <C>\nDistribution Date 11/25/03\n</TABLE>")
    assert not html_tables.detect("<html><table><tr><td>Menu</td></tr></table></html>")
    layouts = [f.layout for f in FAMILIES]
    assert layouts.index("html_tables") > layouts.index("ctslink")


def test_no_class_table_is_quarantined_with_the_reason() -> None:
    result = parse_report(HEAD + "<table><tr><td>Fee</td><td>1.00</td></tr></table>")
    assert (result.layout, result.status) == ("html_tables", "quarantined")
    assert "no class table" in (result.error or "")
