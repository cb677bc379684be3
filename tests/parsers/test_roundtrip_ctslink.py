"""Round trip: simulated deals rendered as CTSLink reports parse back to exactly the truth.

Random seeds, pool sizes, months, pro-rata or sequential seniors, with or without N notes,
and the renderer's noise (wider columns, duplicated class rows, optional tables left out).
Every tranche field, pool field, delinquency cell, both dates and every report item must match;
the parse must be 'ok'. Thousands of deals run in ``benchmarks/parse_accuracy.py``.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.render_ctslink import (
    OPTIONAL_TABLES,
    Masthead,
    RenderOptions,
    printed_truth,
    render_document,
    render_report,
)
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report
from parsers.model import Report

MASTHEAD = Masthead(trust="ABSDW ROUND TRIP TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01", eins=("54-9900001", "54-9900002", "54-9900003"))
CLASSES = ("R", "A1", "A2", "A3", "M1", "M2", "B", "N", "X", "RX")

deals = mortgage_deals(max_loans=700)
noise = st.builds(
    RenderOptions,
    extra_width=st.integers(0, 8),
    duplicate_classes=st.lists(st.sampled_from(CLASSES), max_size=3, unique=True).map(tuple),
    omit_tables=st.frozensets(st.sampled_from(sorted(OPTIONAL_TABLES))),
)


def _check_roundtrip(truth: Report, text: str) -> None:
    result = parse_report(text)
    assert result.report is not None, result.error
    matched, total, mismatches = roundtrip_fields(truth, result.report, items=True)
    assert mismatches == []
    assert matched == total > 300
    assert (result.layout, result.status, result.error) == ("ctslink", "ok", None)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, options=noise, pick=st.integers(0, 7))
def test_rendered_reports_parse_back_to_the_truth(deal: DealSpec, options: RenderOptions,
                                                  pick: int) -> None:
    reports = simulate(deal)
    truth = reports[pick % len(reports)]
    _check_roundtrip(printed_truth(truth, options), render_report(truth, MASTHEAD, options))


@settings(max_examples=10, deadline=None)
@given(deal=deals, options=noise)
def test_the_seed_style_document_with_its_cover_parses_the_same(deal: DealSpec,
                                                                options: RenderOptions) -> None:
    truth = simulate(deal)[-1]
    text = render_document(truth, MASTHEAD, date(2005, 1, 3), options)
    _check_roundtrip(printed_truth(truth, options), text)


def test_omitted_miscellaneous_reporting_leaves_the_trigger_unknown() -> None:
    truth = simulate(DealSpec(months=2, collateral=CollateralParams(loan_count=120)))[1]
    options = RenderOptions(omit_tables=frozenset({"miscellaneous reporting"}))
    printed = printed_truth(truth, options)
    assert truth.pools[0].trigger_event is False and printed.pools[0].trigger_event is None
    assert {i.section for i in truth.items} - {i.section for i in printed.items} == {
        "miscellaneous reporting"}
    result = parse_report(render_report(truth, MASTHEAD, options))
    assert result.report is not None and result.report.pools[0].trigger_event is None


def test_the_comparison_catches_a_single_wrong_cent() -> None:
    """Guard against a vacuous round trip: one changed figure is one mismatch."""
    truth = simulate(DealSpec(months=1, collateral=CollateralParams(loan_count=120)))[0]
    parsed = parse_report(render_report(truth, MASTHEAD)).report
    assert parsed is not None
    before = roundtrip_fields(truth, parsed, items=True)
    parsed.tranches[1].ending_balance += 1  # type: ignore[operator]
    parsed.delinquencies[0].loan_count = None
    matched, total, mismatches = roundtrip_fields(truth, parsed, items=True)
    assert (matched, total) == (before[0] - 2, before[1])
    assert [m.split(":")[0] for m in mismatches] == [
        "tranche A1 ending_balance", "delinquency total/bankruptcy/current loan_count"]
