"""The generic fallback: an unknown text layout with a report's vocabulary is read exactly or
quarantined with a reason; a document that is no report is not claimed at all.

"Unknown" layouts are generated CTSLink reports with every CTSLink marker reworded (captions
to synonyms, no "CTSLink" or "Certificateholder Distribution Summary"), with and without the
``<TABLE>`` markup.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth import render_generic
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.cover import render_cover
from lab.synth.render_ctslink import Masthead, RenderOptions
from lab.synth.render_variants import split_groups
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report
from parsers.engine.groups import group_name
from parsers.families import FAMILIES, generic
from parsers.model import Report

MASTHEAD = Masthead(trust="ABSDW GENERIC TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01")
deals = mortgage_deals(max_months=6)


def reworded(truth: Report, options: RenderOptions | None = None,
             markup: bool = True) -> tuple[str, Report]:
    """The report with no CTSLink marker left, and its truth with the renamed section."""
    generic_options = render_generic.RenderOptions(options or RenderOptions(), markup)
    return (render_generic.render_report(truth, MASTHEAD, generic_options),
            render_generic.printed_truth(truth, generic_options))


def test_the_generic_family_is_tried_last() -> None:
    assert FAMILIES[-1].layout == "generic" and FAMILIES[-1].parse is generic.parse
    assert [f.layout for f in FAMILIES].count("generic") == 1


def test_a_reworded_ctslink_report_parses_exactly_as_generic() -> None:
    truth = simulate(DealSpec(months=3, seed=11, collateral=CollateralParams(loan_count=300)))[-1]
    text, expected = reworded(truth)
    assert "ctslink" not in text.lower() and "certificateholder distribution" not in text.lower()
    result = parse_report(text)
    assert (result.layout, result.status, result.error) == ("generic", "ok", None)
    assert result.score == 1.0
    assert result.report is not None
    matched, total, mismatches = roundtrip_fields(expected, result.report, items=True)
    assert mismatches == [] and matched == total > 300
    assert {c.subject for c in result.checks if c.name == "tranche_rollforward" and c.passed} \
        == {t.class_name for t in truth.tranches}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, pick=st.integers(0, 5), markup=st.booleans(),
       duplicates=st.lists(st.sampled_from(["R", "A1", "X"]), max_size=1).map(tuple))
def test_a_reworded_report_is_exact_or_quarantined(deal: DealSpec, pick: int, markup: bool,
                                                   duplicates: tuple[str, ...]) -> None:
    reports = simulate(deal)
    truth = reports[pick % len(reports)]
    text, expected = reworded(truth, RenderOptions(duplicate_classes=duplicates), markup)
    result = parse_report(text)
    assert result.layout == "generic"
    if result.status == "quarantined":
        assert result.error and len(result.error) > 20
        return
    assert result.report is not None
    assert roundtrip_fields(expected, result.report, items=True)[2] == []
    assert markup and not duplicates  # the only shapes the strict rule can verify


def test_a_class_printed_twice_is_not_excused_in_a_generic_layout() -> None:
    """CTSLink accepts the seed's R/RX quirk (Totals off by the rows printed twice); an
    unknown layout gets no benefit of the doubt."""
    truth = simulate(DealSpec(months=2, seed=3, collateral=CollateralParams(loan_count=200)))[-1]
    text, _ = reworded(truth, RenderOptions(duplicate_classes=("A1",)))
    result = parse_report(text)
    assert (result.layout, result.status) == ("generic", "quarantined")
    assert result.error is not None and "class_totals" in result.error
    assert "rows printed twice: A1" in result.error


def test_the_report_without_table_markup_is_quarantined_with_the_tables_it_could_not_read(
) -> None:
    truth = simulate(DealSpec(months=3, seed=11, collateral=CollateralParams(loan_count=300)))[-1]
    text, _ = reworded(truth, markup=False)
    result = parse_report(text)
    assert (result.layout, result.status) == ("generic", "quarantined")
    assert result.error is not None
    assert "unmapped_table: table 'Principal Payments' lists classes" in result.error


def test_a_cover_letter_is_no_report() -> None:
    cover = render_cover(MASTHEAD, date(2004, 3, 25), date(2004, 3, 30))
    result = parse_report(cover)
    assert (result.layout, result.status, result.report) == ("unknown", "quarantined", None)
    assert result.error is not None
    assert result.error.startswith("no known report layout detected (tried: ctslink, ")
    assert result.error.endswith("html_tables, generic)")


PROSPECTUS = """\
                    PROSPECTUS SUPPLEMENT DATED JANUARY 22, 2004

                    ABSDW Home Equity Loan Trust 2004-1
               Asset-Backed Certificates, Series 2004-1

The trust will issue the classes of certificates below. Distributions will be made on the
25th day of each month (each, a Distribution Date), beginning in February 2004.

     Class          Original Balance       Pass-Through Rate       Class Type
     A-1            $160,316,000           Variable (1)            SEN
     A-2            $ 23,598,000           Variable (1)            SEN
     M-1            $ 13,611,000           Variable (1)            MEZ

(1) One-month LIBOR plus the margin set out in this prospectus supplement.
Investing in the certificates involves risks. See "Risk Factors" on page S-12.
"""


def test_prospectus_text_with_a_class_table_but_no_distribution_date_is_no_report() -> None:
    assert not generic.detect(PROSPECTUS)
    result = parse_report(PROSPECTUS)
    assert (result.layout, result.status) == ("unknown", "quarantined")
    assert result.error is not None and "no known report layout" in result.error


def test_group_names_come_from_the_heading() -> None:
    assert group_name("DELINQUENCY STATUS - GROUP 2") == "2"
    assert group_name("Loan Group II Collateral") == "II"
    assert group_name("DELINQUENCY STATUS") is None


def test_the_seed_still_parses_as_ctslink(seed_report_text: str) -> None:
    result = parse_report(seed_report_text)
    assert (result.layout, result.status) == ("ctslink", "ok")


def test_a_reworded_two_group_report_parses_exactly_as_generic() -> None:
    truth = simulate(DealSpec(months=2, seed=8, collateral=CollateralParams(loan_count=240)))[-1]
    text, expected = reworded(split_groups(truth, Decimal("0.45")))
    result = parse_report(text)
    assert (result.layout, result.status, result.error) == ("generic", "ok", None)
    assert result.report is not None
    assert sorted(p.pool for p in result.report.pools) == ["1", "2", "total"]
    matched, total, mismatches = roundtrip_fields(expected, result.report, items=True)
    assert mismatches == [] and matched == total > 400
