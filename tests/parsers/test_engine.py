"""Engine units: numbers, tables, column inference, vocabulary, delinquency buckets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from parsers import parse_report
from parsers.engine import build_grid, parse_amount, parse_count, parse_date, parse_rate
from parsers.engine.delinquency import bucket_names
from parsers.engine.tables import split_tables
from parsers.engine.vocabulary import POOL_FIELDS, TRANCHE_FIELDS, section_name


@pytest.mark.parametrize(("text", "value"), [
    ("1,234.56", D("1234.56")), ("(1,234.56)", D("-1234.56")), ("-1,234.56", D("-1234.56")),
    ("-", D("0")), ("0.00", D("0.00")), ("160,316,000.00", D("160316000.00")),
    ("1000.00000000", D("1000.00000000")), ("$5.00", D("5.00")), ("26790.84", D("26790.84")),
    ("1.55000%", None), ("NO", None), ("1,23,4.00", None), ("31-Oct-2003", None), ("", None),
])
def test_parse_amount(text: str, value: D | None) -> None:
    assert parse_amount(text) == value


def test_percent_becomes_an_exact_fraction() -> None:
    assert parse_rate("1.55000%") == D("0.0155")
    assert str(parse_rate("7.406815%")) == "0.07406815"
    assert parse_rate("(0.50%)") == D("-0.005")
    assert parse_rate("0.98445733") == D("0.98445733")  # no % sign: already a fraction
    assert parse_rate("n/a") is None


def test_counts_and_dates() -> None:
    assert parse_count("1,468") == 1468
    assert parse_count("1.5") is None
    assert parse_date("10/31/03") == date(2003, 10, 31)
    assert parse_date("31-Oct-2003") == date(2003, 10, 31)
    assert parse_date("November 25, 2003") == date(2003, 11, 25)
    assert parse_date("20031203") == date(2003, 12, 3)
    assert parse_date("13/45/03") is None


def _line(label: str, cusip: str, balance: str, interest: str) -> str:
    return f"{label:<9}{cusip:<10}{balance:>10}{interest:>14}"


TABLE = "\n".join([
    "<TABLE>", "<CAPTION>", "            Example Distribution Summary", "",
    _line("", "", "Beginning", "Interest"),
    _line("Class", "CUSIP", "Balance", "Distribution"),
    "<S>      <C>       <C>       <C>",
    _line("1-A1", "123ABC45", "1,000.00", "(5.00)"),
    _line("", "", "900.00", "1.00"),
    _line("M-3", "123ABC47", "2,500.00", "-"),
    _line("Totals", "", "4,400.00", "-4.00"),
    "<FN>", "(1) A footnote that spans far wider than any column of the table above it.",
    "</FN>", "</TABLE>", "",
])


def test_table_parts_and_grid() -> None:
    [table] = split_tables("cover text\n" + TABLE + "trailing text")
    assert table.footnotes == [
        "(1) A footnote that spans far wider than any column of the table above it."]
    grid = build_grid(table)
    assert grid.title == "Example Distribution Summary"
    assert grid.headers == ["Class", "CUSIP", "Beginning Balance", "Interest Distribution"]
    assert [row.cells for row in grid.rows] == [
        ["1-A1", "123ABC45", "1,000.00", "(5.00)"],
        [None, None, "900.00", "1.00"],
        ["M-3", "123ABC47", "2,500.00", "-"],
        ["Totals", None, "4,400.00", "-4.00"],
    ]


def test_label_touching_its_first_value_splits_but_phrases_do_not() -> None:
    text = ("<TABLE>\n<CAPTION>\n        STATUS          OTHER\n<S>   <C>\n"
            "30 Days   36       Cap Contract\n180+ Days 0        1.00\n</TABLE>\n")
    grid = build_grid(split_tables(text)[0])
    assert [row.cells for row in grid.rows] == [
        ["30 Days", "36", "Cap Contract"], ["180+ Days", "0", "1.00"]]


def test_vocabulary_exact_prefix_and_unknown() -> None:
    assert TRANCHE_FIELDS.lookup("Realized Loss (1)").name == "realized_loss"  # type: ignore[union-attr]
    assert TRANCHE_FIELDS.lookup("Beginning Certificate/Notional Balance").name == (  # type: ignore[union-attr]
        "beginning_notional")
    actual = POOL_FIELDS.lookup("Ending Actual Collateral Balance at 31-Oct-2003")
    assert actual is not None and actual.name == "ending_actual_balance"
    wam = POOL_FIELDS.lookup("Weighted Average Maturity(Stepdown Calculation )")
    assert wam is not None and (wam.name, wam.kind) == ("wam", "count")
    assert POOL_FIELDS.lookup("Base Overcollateralized Amount") is None
    assert POOL_FIELDS.lookup("Scheduled Principalities") is None  # prefix needs a word break
    assert section_name("Principal Distribution Statement (continued)") == (
        "principal distribution statement")


def test_bucket_names_follow_the_printed_starts() -> None:
    assert bucket_names(["0-29 Days", "30 Days", "60 Days", "90+ Days", "Totals"]) == {
        "0-29 Days": "current", "30 Days": "30-59", "60 Days": "60-89", "90+ Days": "90+"}


OTHER_DEAL = "\n".join([
    "<TABLE>", "<CAPTION>", "Other Depositor Inc.",
    "Record Date:        06/30/05", "Distribution Date:  07/25/05", "",
    "                 Certificateholder Distribution Summary", "",
    "                         Certificate   Certificate          Beginning",
    "                               Class  Pass-Through        Certificate"
    "        Interest       Principal",
    "Class         CUSIP      Description          Rate            Balance"
    "    Distribution    Distribution",
    "<s>        <c>         <c>           <c>             <c>                <c>             <c>",
    "1-A1       12345AAA1          SEN      5.12500%   1,234,567,890.12"
    "    5,272,633.30   10,000,000.00",
    "M-3        12345AAB9          MEZ      6.00000%      50,000,000.00"
    "      250,000.00            0.00",
    "CE         12345AAC7          SUB      0.00000%       5,000,000.00"
    "    1,000,000.00            0.00",
    "P          12345AAD5          SEN      0.00000%             100.00"
    "       12,345.67            0.00",
    "Totals                                            1,289,567,990.12"
    "    6,534,978.97   10,000,000.00",
    "</TABLE>", "",
])


def test_structure_not_seed_specifics_drives_the_parse() -> None:
    """Different widths, class names, longer numbers and most tables missing."""
    result = parse_report(OTHER_DEAL)
    assert (result.layout, result.status) == ("ctslink", "ok")
    report = result.report
    assert report is not None
    assert (report.record_date, report.distribution_date) == (date(2005, 6, 30), date(2005, 7, 25))
    assert [(t.class_name, t.cusip, t.class_type) for t in report.tranches] == [
        ("1-A1", "12345AAA1", "SEN"), ("M-3", "12345AAB9", "MEZ"),
        ("CE", "12345AAC7", "SUB"), ("P", "12345AAD5", "SEN")]
    a1 = report.tranches[0]
    assert (a1.pass_through_rate, a1.beginning_balance, a1.interest_distribution) == (
        D("0.05125"), D("1234567890.12"), D("5272633.30"))
    assert [c.name for c in result.checks] == ["class_totals"] * 3 + ["value_shape"]
    assert all(c.passed for c in result.checks)
