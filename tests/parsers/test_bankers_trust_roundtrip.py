"""Round trip: simulated deals rendered as Bankers Trust statements parse back exactly.

Random seeds, pool sizes, months and structures, with every noise option of the renderer
(wrapped headers, markup or none, form-feed or numbered page breaks that repeat the headers
mid-table, REMIC tier rows, ``6.75 %`` or ``6.75%``, one or two groups, a printed total). Every
tranche field, pool field, delinquency cell, both dates and the collateral items must match
:func:`printed_truth`, every check must pass, and the parse must be 'ok'.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.cover import Masthead
from lab.synth.render_bankers_trust import RenderOptions, printed_truth, render_report
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report

MASTHEAD = Masthead(trust="ABSDW ROUND TRIP HOME EQUITY LOAN TRUST", series="1998-2",
                    ticker="ABT", file_number="333-990002-01",
                    product="Home Equity Loan Asset-Backed Certificates")

deals = mortgage_deals()
noise = st.builds(
    RenderOptions,
    header_lines=st.integers(1, 3),
    markup=st.booleans(),
    page_break=st.sampled_from([None, "formfeed", "numbered"]),
    break_after=st.integers(1, 12),
    remic_tiers=st.booleans(),
    rate_space=st.booleans(),
    groups=st.integers(1, 2),
    print_total=st.booleans(),
    deutsche=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, options=noise, pick=st.integers(0, 7))
def test_rendered_statements_parse_back_to_the_printed_truth(
    deal: DealSpec, options: RenderOptions, pick: int
) -> None:
    reports = simulate(deal)
    month = reports[pick % len(reports)]
    result = parse_report(render_report(month, MASTHEAD, options))
    assert (result.layout, result.status, result.error) == ("bankers_trust", "ok", None)
    assert result.report is not None
    matched, total, mismatches = roundtrip_fields(printed_truth(month, options), result.report,
                                                  items=True)
    assert mismatches == []
    assert matched == total > 250
    assert [c.detail for c in result.checks if not c.passed] == []


def test_a_clean_statement_compares_every_printed_field() -> None:
    month = simulate(DealSpec(months=3, collateral=CollateralParams(loan_count=150)))[2]
    truth = printed_truth(month)
    result = parse_report(render_report(month, MASTHEAD))
    assert result.report is not None
    matched, total, _ = roundtrip_fields(truth, result.report, items=True)
    # 2 dates + 10 classes x 24 fields + 2 groups x 19 pool fields
    # + 2 groups x 15 cells x (count, balance) + 2 groups x 2 items x (amount, text)
    expected = 2 + 10 * 24 + 2 * 19 + 2 * 15 * 2 + 2 * 2 * 2
    assert (matched, total) == (expected, expected)
