"""CTSLink variants round-trip exactly: Notes wording, the market heading, several groups.

Groups are named as printed without the word "Group": the statement's ``Group 1`` column and
the ``DELINQUENCY STATUS - GROUP 1`` matrix are pool ``"1"``; the Total column and the
ungrouped matrix are ``"total"``.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.render_ctslink import Masthead, RenderOptions, printed_truth, render_report
from lab.synth.render_variants import split_groups
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report
from parsers.engine.columns import build_grid
from parsers.engine.tables import split_tables
from parsers.model import Report

MASTHEAD = Masthead(trust="ABSDW VARIANT TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01")
deals = mortgage_deals(max_months=6)
variants = st.builds(RenderOptions, extra_width=st.integers(0, 6),
                     wording=st.sampled_from(["certificates", "notes"]),
                     market_heading=st.booleans())
shares = st.decimals(Decimal("0.2"), Decimal("0.8"), places=2)


def _exact(truth: Report, options: RenderOptions) -> Report:
    result = parse_report(render_report(truth, MASTHEAD, options))
    assert (result.layout, result.status, result.error) == ("ctslink", "ok", None)
    assert result.report is not None
    matched, total, mismatches = roundtrip_fields(printed_truth(truth, options), result.report,
                                                  items=True)
    assert mismatches == [] and matched == total > 300
    return result.report


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, options=variants, grouped=st.booleans(), share=shares)
def test_variants_parse_back_to_the_truth(deal: DealSpec, options: RenderOptions,
                                          grouped: bool, share: Decimal) -> None:
    truth = simulate(deal)[-1]
    _exact(split_groups(truth, share) if grouped else truth, options)


def test_notes_wording_is_printed_and_read() -> None:
    truth = simulate(DealSpec(months=2, seed=5, collateral=CollateralParams(loan_count=150)))[-1]
    options = RenderOptions(wording="notes")
    text = render_report(truth, MASTHEAD, options)
    assert "Noteholder Distribution Summary" in text and "NOTE ACCOUNT" in text
    headers = {h for t in split_tables(text) for h in build_grid(t).headers}
    assert {"Note Rate", "Beginning Note Balance", "Note Class Description",
            "Beginning Note/Notional Balance", "Ending Note Percentage"} <= headers
    assert "Certificateholder" not in text and "Certificate Balance" not in text
    report = _exact(truth, options)
    assert {i.section for i in report.items} >= {"note account"}
    assert report.tranches[1].pass_through_rate == truth.tranches[1].pass_through_rate


def test_market_heading_is_a_ctslink_report() -> None:
    truth = simulate(DealSpec(months=1, seed=2, collateral=CollateralParams(loan_count=90)))[-1]
    options = RenderOptions(market_heading=True)
    text = render_report(truth, MASTHEAD, options)
    assert "Current Market Distribution Summary" in text
    assert "Certificateholder Distribution Summary" not in text
    _exact(truth, options)


def test_groups_become_pools_and_matrices_named_as_printed() -> None:
    truth = simulate(DealSpec(months=3, seed=11, collateral=CollateralParams(loan_count=300)))[-1]
    grouped = split_groups(truth, Decimal("0.6"))
    text = render_report(grouped, MASTHEAD)
    assert "DELINQUENCY STATUS - GROUP 2" in text and "Group 1" in text
    report = _exact(grouped, RenderOptions())
    pools = {p.pool: p for p in report.pools}
    assert sorted(pools) == ["1", "2", "total"]
    assert pools["1"].ending_balance + pools["2"].ending_balance == pools["total"].ending_balance  # type: ignore[operator]
    assert pools["1"].oc_amount is None and pools["total"].oc_amount is not None
    assert {d.pool for d in report.delinquencies} == {"1", "2", "total"}
    result = parse_report(text)
    rolled = {c.subject for c in result.checks if c.name == "pool_rollforward" and c.passed}
    assert rolled == {"1", "2", "total"}


def test_a_wrong_group_figure_is_caught() -> None:
    """Guard against a vacuous group round trip: a group's ending balance off by a cent."""
    truth = simulate(DealSpec(months=2, seed=4, collateral=CollateralParams(loan_count=200)))[-1]
    grouped = split_groups(truth)
    group = next(p for p in grouped.pools if p.pool == "1")
    printed = f"{group.ending_balance:,.2f}"
    wrong = f"{group.ending_balance + Decimal('0.01'):,.2f}"  # type: ignore[operator]
    text = render_report(grouped, MASTHEAD)
    assert text.count(printed) == 1
    result = parse_report(text.replace(printed, wrong))
    assert result.status == "quarantined"
    assert result.error is not None and "pool_rollforward" in result.error


def test_debug_trace_names_the_group_pools_a_collateral_table_sets() -> None:
    """absdw parse --debug on a grouped statement: the per-group collateral table's rows go
    to the group pools, not only the total."""
    from parsers.explain import explain_report

    truth = simulate(DealSpec(months=3, seed=11, collateral=CollateralParams(loan_count=300)))[-1]
    explanation = explain_report(render_report(split_groups(truth, Decimal("0.6")), MASTHEAD))
    assert explanation.traced and explanation.result.status == "ok"
    collateral = [t for t in explanation.tables if t.kind == "collateral"]
    assert collateral
    fields = {name for table in collateral for name in table.pool_fields}
    assert {"1.ending_balance", "2.ending_balance", "ending_balance"} <= fields, fields
