"""The seed report parsed against values typed by hand from the document itself."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal as D

import pytest

from parsers import PARSER_VERSION, parse_report
from parsers.model import Delinquency, ParseResult, Pool, ReportItem, Tranche

# Typed from ter034he_nov.txt, one line per class, four tables of the document's columns.
IDS = ("cusip class_type pass_through_rate original_balance beginning_balance ending_balance",
       """
R  TER034HER SEN 1.55000% 100.00         100.00         0.00
A1 881561BU7 SEN 1.55000% 160,316,000.00 160,316,000.00 157,824,262.08
A2 881561BY9 SEN 1.32000% 23,600,000.00  23,600,000.00  23,000,053.12
A3 881561CB8 SEN 1.55000% 15,000,000.00  15,000,000.00  15,000,000.00
M1 881561BV5 MEZ 1.87000% 13,617,000.00  13,617,000.00  13,617,000.00
M2 881561BW3 MEZ 2.87000% 11,248,000.00  11,248,000.00  11,248,000.00
B  881561BX1 SUB 6.50000% 8,407,000.00   8,407,000.00   8,407,000.00
N  TER034HEN SEN 8.50000% 12,900,000.00  12,900,000.00  11,915,210.34
X  TER034HEX SEN 0.00000% 4,618,182.72   4,618,182.72   4,617,722.51
RX TER34HERX SEN 0.00000% 0.00           0.00           0.00
""")
FLOWS = ("interest_distribution principal_distribution realized_loss total_distribution "
         "cumulative_realized_loss", """
R  0.11       100.00       0.00 100.11       0.00
A1 179,464.85 2,491,737.92 0.00 2,671,202.77 0.00
A2 22,498.67  599,946.88   0.00 622,445.55   0.00
A3 16,791.67  0.00         0.00 16,791.67    0.00
M1 18,390.51  0.00         0.00 18,390.51    0.00
M2 23,314.60  0.00         0.00 23,314.60    0.00
B  45,537.91  0.00         0.00 45,537.91    0.00
N  91,375.00  984,789.66   0.00 1,076,164.66 0.00
X  0.00       0.00         0.00 0.00         0.00
RX 0.00       0.00         0.00 0.00         0.00
""")
PRINCIPAL = ("scheduled_principal unscheduled_principal accretion total_principal_reduction "
             "factor", """
R  0.00 100.00       0.00 100.00       0.00000000
A1 0.00 2,491,737.92 0.00 2,491,737.92 0.98445733
A2 0.00 599,946.88   0.00 599,946.88   0.97457852
A3 0.00 0.00         0.00 0.00         1.00000000
M1 0.00 0.00         0.00 0.00         1.00000000
M2 0.00 0.00         0.00 0.00         1.00000000
B  0.00 0.00         0.00 0.00         1.00000000
N  0.00 984,789.66   0.00 984,789.66   0.92365972
X  0.00 0.00         0.00 0.00         0.99990035
RX 0.00 0.00         0.00 0.00         0.00000000
""")
INTEREST = ("beginning_notional accrued_interest unpaid_interest_shortfall_paid "
            "current_interest_shortfall non_supported_interest_shortfall interest_realized_loss "
            "remaining_unpaid_interest_shortfall ending_notional", """
R  100.00         0.11       0.00 0.00 0.00 0.00 0.00 0.00
A1 160,316,000.00 179,464.86 0.00 0.00 0.00 0.00 0.00 157,824,262.08
A2 23,600,000.00  22,498.67  0.00 0.00 0.00 0.00 0.00 23,000,053.12
A3 15,000,000.00  16,791.67  0.00 0.00 0.00 0.00 0.00 15,000,000.00
M1 13,617,000.00  18,390.52  0.00 0.00 0.00 0.00 0.00 13,617,000.00
M2 11,248,000.00  23,314.60  0.00 0.00 0.00 0.00 0.00 11,248,000.00
B  8,407,000.00   45,537.92  0.00 0.00 0.00 0.00 0.00 8,407,000.00
N  12,900,000.00  91,375.00  0.00 0.00 0.00 0.00 0.00 11,915,210.34
X  4,618,182.72   0.00       0.00 0.00 0.00 0.00 0.00 4,617,722.51
RX 0.00           0.00       0.00 0.00 0.00 0.00 0.00 0.00
""")


def _typed(text: str) -> D | str:
    if text.endswith("%"):
        return D(text[:-1]) / 100
    try:
        return D(text.replace(",", ""))
    except ArithmeticError:
        return text


def _expected_tranches() -> list[Tranche]:
    values: dict[str, dict[str, D | str]] = {}
    for columns, table in (IDS, FLOWS, PRINCIPAL, INTEREST):
        names = columns.split()
        for line in table.strip().splitlines():
            name, *cells = line.split()
            assert len(cells) == len(names)
            values.setdefault(name, {}).update(
                {k: _typed(v) for k, v in zip(names, cells, strict=True)})
    covered = {k for row in values.values() for k in row}
    assert covered == {f.name for f in fields(Tranche)} - {"class_name"}  # every field typed
    return [Tranche(class_name=name, **row) for name, row in values.items()]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def result(seed_report_text: str) -> ParseResult:
    return parse_report(seed_report_text)


def test_seed_parses_ok_as_ctslink(result: ParseResult) -> None:
    assert (result.layout, result.status, result.error) == ("ctslink", "ok", None)
    assert result.parser_version == PARSER_VERSION
    assert result.report is not None


def test_report_dates_and_series(result: ParseResult) -> None:
    assert result.report is not None
    assert str(result.report.record_date) == "2003-10-31"
    assert str(result.report.distribution_date) == "2003-11-25"
    assert result.report.series == "2003-4HE"


def test_every_tranche_field_of_every_class(result: ParseResult) -> None:
    assert result.report is not None
    expected = _expected_tranches()
    assert [t.class_name for t in result.report.tranches] == [t.class_name for t in expected]
    for got, want in zip(result.report.tranches, expected, strict=True):
        for f in fields(Tranche):
            assert getattr(got, f.name) == getattr(want, f.name), (want.class_name, f.name)


def test_a1_spot_values_including_accrued_vs_distributed(result: ParseResult) -> None:
    assert result.report is not None
    a1 = result.report.tranches[1]
    assert a1.pass_through_rate == D("0.0155")
    assert a1.factor == D("0.98445733")
    assert (a1.accrued_interest, a1.interest_distribution) == (D("179464.86"), D("179464.85"))


def test_pool(result: ParseResult) -> None:
    assert result.report is not None
    assert result.report.pools == [Pool(
        pool="total", beginning_balance=D("249706282.72"), ending_balance=D("233714037.71"),
        beginning_loan_count=1468, ending_loan_count=1455, scheduled_principal=D("201151.91"),
        unscheduled_principal=D("2891093.10"), payoff_count=13,
        prepayment_penalties=D("26790.84"), realized_loss=D("0.00"),
        cumulative_realized_loss=D("0.00"), wac=D("0.07406815"), net_wac=D("0.06878426"),
        wam=344, oc_amount=D("4618182.72"), oc_target=D("4617722.51"), oc_deficiency=D("0"),
        trigger_event=False, ending_actual_balance=D("233914321.09"),
        collateral_description="Mixed Fixed & Arm",
    )]


# status -> bucket -> (count, balance), typed from the DELINQUENCY STATUS table
MATRIX = {
    "delinquent": {"30-59": (36, "4896139.31"), "60-89": (7, "690565.95")},
    "bankruptcy": {"current": (0, "0"), "30-59": (2, "215634.26"), "60-89": (0, "0")},
    "foreclosure": {"current": (0, "0"), "30-59": (0, "0"), "60-89": (0, "0")},
    "reo": {"current": (0, "0"), "30-59": (0, "0"), "60-89": (0, "0")},
}
ZERO_BUCKETS = ("90-119", "120-149", "150-179", "180+")
#: Each bucket's label as the report prints it (lines 475-493), and the days it names.
PRINTED = {"current": ("0-29 Days", 0, 29), "30-59": ("30 Days", 30, None),
           "60-89": ("60 Days", 60, None), "90-119": ("90 Days", 90, None),
           "120-149": ("120 Days", 120, None), "150-179": ("150 Days", 150, None),
           "180+": ("180+ Days", 180, None)}


def test_whole_delinquency_matrix(result: ParseResult) -> None:
    assert result.report is not None
    expected = [
        Delinquency("total", status, bucket, count, D(balance), *PRINTED[bucket])  # type: ignore[arg-type]
        for status, cells in MATRIX.items()
        for bucket, (count, balance) in {**cells, **dict.fromkeys(ZERO_BUCKETS, (0, "0"))}.items()
    ]
    key = lambda d: (d.status, d.bucket)  # noqa: E731
    assert sorted(result.report.delinquencies, key=key) == sorted(expected, key=key)
    assert len(expected) == 27  # 4 statuses x 7 buckets, no delinquent "current"


@pytest.mark.parametrize(("section", "label", "subject", "amount"), [
    ("certificate account", "Payments of Interest and Principal", None, "4513296.15"),
    ("certificate account", "Other Amounts (Servicer Advances)", None, "40599.02"),
    ("certificate account", "Total Deposits", None, "4580686.01"),
    ("certificate account", "Payment of Service Fee", None, "106738.23"),
    ("servicing fees", "Gross Servicing Fee", None, "98669.27"),
    ("servicing fees", "LPMI Fee", None, "5602.28"),
    ("servicing fees", "Trustee Fee", None, "2466.68"),
    ("servicing fees", "Net Servicing Fee", None, "106738.23"),
    ("prepayment/curtailment interest shortfall", "Servicing Fee Support", None, "0.00"),
    ("other accounts", "Beginning Balance", "Cap Contract", "0.00"),
    ("other accounts", "Ending Balance", "Cap Contract", "0.00"),
    ("other information", "Periodic Advance", None, "40599.02"),
    ("collateral statement", "Excess Cash Amount", None, "1048913.61"),
    ("collateral statement", "Weighted Average Pass-Through Rate", None, "0.06865926"),
    ("collateral statement", "Monthly P &I Constant", None, "1662802.15"),
    ("collateral statement", "Overcollateralized reduction Amount", None, "460.21"),
    ("collateral statement", "Ending Scheduled Balance for Premium Loans", None, "233714037.71"),
    ("miscellaneous reporting", "Cumulative Pre-Payment Penalties", None, "26790.84"),
    ("miscellaneous reporting", "# of Loans with Pre-Payment Penalties", None, "4"),
    ("principal distribution factors statement", "Unscheduled Principal Distribution", "A1",
     "15.54266524"),
    ("interest distribution factors statement", "Current Accrued Interest", "B", "5.41666706"),
    ("principal distribution statement", "Original Face Amount", "Totals", "249706382.72"),
])
def test_key_report_items(
    result: ParseResult, section: str, label: str, subject: str | None, amount: str
) -> None:
    assert result.report is not None
    assert ReportItem(section, label, amount=D(amount), subject=subject) in result.report.items


def test_no_collateral_line_is_both_typed_and_an_item(result: ParseResult) -> None:
    assert result.report is not None
    labels = {i.label for i in result.report.items if i.section == "collateral statement"}
    assert "Scheduled Principal" not in labels and "Trigger Event" not in labels
    assert "Collateral Description" not in labels


def test_exactly_the_known_quirks_fail(result: ParseResult) -> None:
    failed = sorted((c.name, c.subject or "") for c in result.checks if not c.passed)
    assert failed == sorted([
        ("pool_rollforward", "total"),
        ("tranche_rollforward", "X"),  # X's balance falls by the OC reduction, 460.21
        ("tranche_reduction", "X"),  # ... which its total principal reduction (0.00) omits
        *[("class_totals", "Totals")] * 5,  # principal statement: R printed twice
        ("duplicate_class_row", "R"), ("duplicate_class_row", "R"),
        ("duplicate_class_row", "RX"), ("duplicate_class_row", "RX"),
    ])
    pool = next(c for c in result.checks if c.name == "pool_rollforward")
    assert "off by 12900000.00" in pool.detail and "class N original_balance" in pool.detail
    totals = [c.detail for c in result.checks if c.name == "class_totals" and not c.passed]
    assert all("off by 100.00 = rows printed twice: R" in d for d in totals)
    assert any("printed 249706382.72, classes sum 249706282.72" in d for d in totals)


def test_score_weighs_identities_over_notes(result: ParseResult) -> None:
    """Explained failures count half, duplicate-row notes a quarter of an identity's 3."""
    failed = [c for c in result.checks if not c.passed]
    assert {(c.name, c.explained) for c in failed} == {
        ("class_totals", True), ("tranche_rollforward", True), ("tranche_reduction", True),
        ("pool_rollforward", True), ("duplicate_class_row", False)}
    assert 0.95 < result.score < 0.97
