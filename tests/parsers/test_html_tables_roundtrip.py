"""Round trip: simulated deals rendered as HTML "Certificate Payment Reports" parse back to
exactly the printed truth, whatever the markup noise (split ``$``/``(``/``)``/``%`` cells,
colspan group headers, footnote marks, page-split and repeated headers, nested layout tables,
``&nbsp;``, upper-case and unclosed tags, a transposed or 90+-collapsed delinquency matrix).
Thousands of deals run in ``benchmarks/parse_accuracy.py``; here a small, fast sample.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.cover import Masthead
from lab.synth.htmlcells import HtmlNoise
from lab.synth.render_html import RenderOptions, printed_truth, render_report
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report, parse_submission
from tests.parsers.conftest import build_submission

MASTHEAD = Masthead(trust="ABSDW ROUND TRIP HOME EQUITY TRUST", series="2005-2", ticker="AHT",
                    file_number="333-990003-01")

deals = mortgage_deals(max_loans=500)
noise = st.builds(
    HtmlNoise,
    split_dollar=st.booleans(),
    negatives=st.sampled_from(["minus", "parens", "split"]),
    percent_cell=st.booleans(),
    nbsp=st.booleans(),
    uppercase=st.booleans(),
    unclosed=st.booleans(),
    font_soup=st.booleans(),
)
options = st.builds(
    RenderOptions,
    noise=noise,
    group_headers=st.booleans(),
    footnotes=st.booleans(),
    page_break_after=st.none() | st.integers(1, 9),
    repeat_header=st.booleans(),
    repeat_header_every=st.none() | st.integers(1, 5),
    nested_layout=st.booleans(),
    transpose_delinquency=st.booleans(),
    collapse_90=st.booleans(),
    per_thousand=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, opts=options, pick=st.integers(0, 7))
def test_rendered_html_reports_parse_back_to_the_printed_truth(
        deal: DealSpec, opts: RenderOptions, pick: int) -> None:
    reports = simulate(deal)
    truth = reports[pick % len(reports)]
    result = parse_report(render_report(truth, MASTHEAD, opts))
    assert result.report is not None, result.error
    matched, total, mismatches = roundtrip_fields(printed_truth(truth, opts), result.report,
                                                  items=True)
    assert mismatches == []
    assert matched == total > 250
    assert (result.layout, result.status, result.error) == ("html_tables", "ok", None)
    assert [c for c in result.checks if not c.passed] == []


def test_a_10d_with_the_html_report_as_ex_99_1_is_found_and_parsed() -> None:
    truth = simulate(DealSpec(months=3, collateral=CollateralParams(loan_count=150)))[-1]
    html = render_report(truth, MASTHEAD, RenderOptions(group_headers=True))
    raw = build_submission([("10-D", "d10d.htm", "<html><body>FORM 10-D ASSET-BACKED ISSUER "
                             "DISTRIBUTION REPORT</body></html>"),
                            ("EX-99.1", "ex99-1.htm", html)])
    filing = parse_submission(raw)
    assert (filing.exhibit_type, filing.document) == ("EX-99.1", "ex99-1.htm")
    assert (filing.result.layout, filing.result.status) == ("html_tables", "ok")
    assert filing.result.report is not None
    assert filing.result.report.distribution_date == truth.distribution_date
    matched, total, _ = roundtrip_fields(printed_truth(truth), filing.result.report)
    assert matched == total


def test_printed_truth_leaves_out_what_the_layout_does_not_print() -> None:
    truth = simulate(DealSpec(months=2, collateral=CollateralParams(loan_count=80)))[-1]
    printed = printed_truth(truth, RenderOptions(collapse_90=True))
    assert printed.tranches[1].accrued_interest is None
    assert printed.tranches[1].beginning_balance == truth.tranches[1].beginning_balance
    assert {d.bucket for d in printed.delinquencies} == {"current", "30-59", "60-89", "90+"}
    open_cells = [d for d in truth.delinquencies
                  if d.status == "foreclosure" and d.bucket in ("90-119", "120-149", "150-179",
                                                                "180+")]
    collapsed = next(d for d in printed.delinquencies
                     if (d.status, d.bucket) == ("foreclosure", "90+"))
    assert collapsed.loan_count == sum(d.loan_count or 0 for d in open_cells)
    assert {i.section for i in printed.items} == {"collateral summary", "servicing fees"}
