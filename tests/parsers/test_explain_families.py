"""``explain_report`` beyond CTSLink: the Bankers Trust, HTML and generic families record, from
their own parse run, how each table was read (class headers -> tranche fields, class rows ->
tranches, the delinquency table, the collateral statement), and tracing changes nothing the
parse returns.

Reports are rendered from simulated deals; expectations come from the renderer's printed
truth (class names, pools, delinquency cells), never from the parse being explained.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from lab.synth import render_bankers_trust, render_generic, render_html
from lab.synth.collateral import CollateralParams
from lab.synth.cover import Masthead
from lab.synth.render_variants import split_groups
from lab.synth.simulate import DealSpec, simulate
from parsers.engine.evidence import Evidence
from parsers.engine.trace import TableTrace, Trace
from parsers.explain import explain_report
from parsers.families import FAMILIES, bankers_trust, generic, html_tables
from parsers.model import Report

BT_MASTHEAD = Masthead(trust="ABSDW EXPLAIN HOME EQUITY LOAN TRUST", series="1998-2",
                       ticker="ABT", file_number="333-990002-01",
                       product="Home Equity Loan Asset-Backed Certificates")
HTML_MASTHEAD = Masthead(trust="ABSDW EXPLAIN HOME EQUITY TRUST", series="2005-2", ticker="AHT",
                         file_number="333-990003-01")
GENERIC_MASTHEAD = Masthead(trust="ABSDW GENERIC TRUST", series="2004-1", ticker="ASH",
                            file_number="333-990001-01")
TOTALS = "checks (printed totals)"


@pytest.fixture(scope="module")
def month() -> Report:
    """The third month of a small two-group deal."""
    return simulate(DealSpec(months=3, collateral=CollateralParams(loan_count=150)))[2]


def _fields(table: TableTrace) -> dict[str, str]:
    return {c.header: c.field for c in table.columns}


def _rows(table: TableTrace) -> dict[str, str]:
    return {r.label: r.destination for r in table.rows}


def _one(tables: list[TableTrace], heading: str, kind: str | None = None) -> TableTrace:
    found = [t for t in tables if t.heading == heading and kind in (None, t.kind)]
    assert len(found) == 1, [(t.heading, t.kind) for t in tables]
    return found[0]


def test_every_table_family_is_traceable() -> None:
    assert {f.layout for f in FAMILIES if f.traced} == {f.layout for f in FAMILIES} - {
        "servicer_cert"}


# -- Bankers Trust


def test_bankers_trust_trace_maps_the_class_and_factor_tables(month: Report) -> None:
    truth = render_bankers_trust.printed_truth(month)
    explanation = explain_report(render_bankers_trust.render_report(month, BT_MASTHEAD))
    assert (explanation.result.layout, explanation.result.status) == ("bankers_trust", "ok")
    assert explanation.traced is True
    classes = _one(explanation.tables, "DISTRIBUTIONS IN DOLLARS")
    assert classes.kind == "class"
    assert _fields(classes) == {
        "ORIGINAL FACE VALUE": "original_balance",
        "BEGINNING PRINCIPAL BALANCE": "beginning_balance",
        "PRINCIPAL": "principal_distribution", "INTEREST": "interest_distribution",
        "TOTAL": "total_distribution", "REALIZED LOSSES": "realized_loss",
        "DEFERRED INTEREST": "accretion", "ENDING PRINCIPAL BALANCE": "ending_balance",
    }
    names = [t.class_name for t in truth.tranches]
    assert names[:3] == ["R", "A-1", "A-2"]
    assert _rows(classes) == {**{n: f"tranches[{n}]" for n in names}, "TOTALS": TOTALS}
    factors = _one(explanation.tables, "FACTOR INFORMATION PER $1000 OF ORIGINAL FACE")
    assert factors.kind == "factors"
    assert _fields(factors)["CUSIP"] == "cusip"
    assert _fields(factors)["CURRENT PASS-THRU RATE"] == "pass_through_rate"
    assert _fields(factors)["BEGINNING PRINCIPAL"] == \
        "beginning_balance per $1,000 (checked, kept as item)"
    assert _rows(factors) == {n: f"tranches[{n}]" for n in names}  # CUSIP and rate


def test_bankers_trust_trace_names_each_group_block(month: Report) -> None:
    truth = render_bankers_trust.printed_truth(month)
    explanation = explain_report(render_bankers_trust.render_report(month, BT_MASTHEAD))
    first = _one(explanation.tables, "COLLATERAL INFORMATION / GROUP I (FIXED)")
    second = _one(explanation.tables, "GROUP II (ADJUSTABLE)", "collateral")
    assert first.kind == "collateral"
    assert _rows(first)["BEGINNING BALANCE"] == "pools[GROUP I]"
    assert _rows(second)["LOAN COUNT"] == "pools[GROUP II]"
    assert _rows(first)["PREPAYMENTS"] == "report_items"  # summed into unscheduled_principal
    assert {"GROUP I.beginning_balance", "GROUP I.unscheduled_principal",
            "GROUP I.ending_loan_count"} <= set(first.pool_fields)
    assert [p.pool for p in truth.pools] == ["GROUP I", "GROUP II"]

    blocks = [t for t in explanation.tables if t.kind == "delinquency"]
    assert [t.heading for t in blocks] == ["DELINQUENCY INFORMATION / GROUP I (FIXED)",
                                           "GROUP II (ADJUSTABLE)"]
    assert _fields(blocks[0]) == {"(no header)": "bucket (missed payments)",
                                  "NUMBER OF LOANS": "count", "PRINCIPAL BALANCE": "balance"}
    for block, pool in zip(blocks, ("GROUP I", "GROUP II"), strict=True):
        went = [r.destination for r in block.rows if r.destination.startswith("delinq")]
        assert sorted(went) == sorted(f"delinquencies[{d.status} {d.bucket}]"
                                      for d in truth.delinquencies if d.pool == pool)
        assert [r.destination for r in block.rows if r.label == "TOTAL"] == [TOTALS] * 4
    rows = blocks[0].rows
    assert (rows[0].label, rows[0].destination) == ("DELINQUENT 1 PAYMENT",
                                                    "delinquencies[delinquent 30-59]")
    assert (rows[1].label, rows[1].destination) == ("2 PAYMENTS",
                                                    "delinquencies[delinquent 60-89]")
    assert ("BANKRUPTCY CURRENT", "delinquencies[bankruptcy current]") in [
        (r.label, r.destination) for r in rows]


# -- HTML tables


def test_html_trace_maps_the_class_table_as_read(month: Report) -> None:
    """Group headers, footnote marks, per-$1,000 columns and a page-split class table."""
    options = render_html.RenderOptions(group_headers=True, footnotes=True, per_thousand=True,
                                        page_break_after=4)
    explanation = explain_report(render_html.render_report(month, HTML_MASTHEAD, options))
    assert (explanation.result.layout, explanation.result.status) == ("html_tables", "ok")
    assert explanation.traced is True
    classes = _one(explanation.tables, "Distribution Summary")
    assert [t.kind for t in explanation.tables].count("class") == 1  # continuation joined
    assert classes.kind == "class"
    fields = _fields(classes)
    assert fields["Beginning Balance"] == "beginning_balance"
    assert fields["Interest"] == "interest_distribution"  # under "Distribution in Dollars"
    assert fields["Ending Balance"] == "ending_balance"
    assert fields["Pass-Through Rate"] == "pass_through_rate"  # its "(2)" dropped
    assert fields["Principal per $1,000"] == \
        "principal_distribution per $1,000 (checked, kept as item)"
    names = [t.class_name for t in render_html.printed_truth(month, options).tranches]
    assert _rows(classes) == {**{n: f"tranches[{n}]" for n in names}, "Total": TOTALS}
    collateral = _one(explanation.tables, "Collateral Summary")
    assert collateral.kind == "collateral"
    assert _rows(collateral)["Beginning Loan Count"] == "pools[total]"
    assert _rows(collateral)["Excess Cash Amount"] == "report_items"
    assert {"beginning_loan_count", "ending_balance", "wac"} <= set(collateral.pool_fields)


@pytest.mark.parametrize("transposed", [False, True])
def test_html_trace_records_the_delinquency_matrix(month: Report, transposed: bool) -> None:
    options = render_html.RenderOptions(transpose_delinquency=transposed)
    truth = render_html.printed_truth(month, options)
    explanation = explain_report(render_html.render_report(month, HTML_MASTHEAD, options))
    matrix = _one(explanation.tables, "Delinquency Information")
    assert matrix.kind == "delinquency"
    went = {r.destination for r in matrix.rows} - {TOTALS}
    fields = _fields(matrix)
    if transposed:
        assert went == {f"delinquencies[{d.status}]" for d in truth.delinquencies}
        assert _rows(matrix)["Bankruptcy"] == "delinquencies[bankruptcy]"
        assert fields["30-59 Days #"] == "bucket 30-59 (count)"
        assert fields["Current Balance"] == "bucket current (balance)"
    else:
        assert went == {f"delinquencies[{d.bucket}]" for d in truth.delinquencies}
        assert _rows(matrix)["30-59 Days"] == "delinquencies[30-59]"
        assert _rows(matrix)["Current"] == "delinquencies[current]"
        assert fields["Delinquent #"] == "status delinquent (count)"
        assert fields["REO Balance"] == "status reo (balance)"
    assert _rows(matrix)["Total"] == TOTALS


# -- generic


def test_generic_trace_maps_an_unknown_layout(month: Report) -> None:
    text, truth = _reworded(month)
    explanation = explain_report(text)
    assert (explanation.result.layout, explanation.result.status) == ("generic", "ok")
    assert explanation.traced is True
    summary = _one(explanation.tables, "Holder Payment Summary")
    assert summary.kind == "class"
    assert _fields(summary)["Beginning Certificate Balance"] == "beginning_balance"
    assert _fields(summary)["CUSIP"] == "cusip"
    names = [t.class_name for t in truth.tranches]
    assert _rows(summary) == {**{n: f"tranches[{n}]" for n in names}, "Totals": TOTALS}
    ending = _one(explanation.tables, "Principal Payments (continued)")
    assert _fields(ending)["Ending Certificate Balance"] == "ending_balance"
    assert _one(explanation.tables, "Principal Distribution Factors Statement").kind == "factors"
    matrix = _one(explanation.tables, "PERFORMANCE / DELINQUENCY STATUS")
    assert matrix.kind == "delinquency"
    assert _fields(matrix)["BANKRUPTCY"] == "status bankruptcy"
    assert _rows(matrix)["30 Days"] == "delinquencies[30-59]"
    pool = _one(explanation.tables, "MORTGAGE POOL INFORMATION")
    assert pool.kind == "collateral"
    assert _rows(pool)["Beginning Scheduled Collateral Loan Count"] == "pools[total]"
    assert {"beginning_balance", "ending_loan_count"} <= set(pool.pool_fields)


def test_generic_trace_names_each_group_pool_a_statement_sets(month: Report) -> None:
    text, _ = _reworded(split_groups(month, Decimal("0.45")))
    explanation = explain_report(text)
    assert explanation.result.layout == "generic"
    pool = _one(explanation.tables, "MORTGAGE POOL INFORMATION")
    assert [c.header for c in pool.columns] == ["Group 1", "Group 2", "Total"]
    assert _rows(pool)["Ending Scheduled Collateral Balance"] == "pools[total, 1, 2]"
    assert {"ending_balance", "1.ending_balance", "2.ending_balance"} <= set(pool.pool_fields)
    groups = [t.heading for t in explanation.tables if t.kind == "delinquency"]
    assert groups == ["PERFORMANCE / DELINQUENCY STATUS - GROUP 1",
                      "PERFORMANCE / DELINQUENCY STATUS - GROUP 2",
                      "PERFORMANCE / DELINQUENCY STATUS"]


# -- a trace never changes the parse


def _bankers_trust(month: Report) -> str:
    options = render_bankers_trust.RenderOptions(markup=True, page_break="numbered",
                                                 break_after=3, print_total=True)
    return render_bankers_trust.render_report(month, BT_MASTHEAD, options)


def _html(month: Report) -> str:
    options = render_html.RenderOptions(group_headers=True, per_thousand=True, footnotes=True,
                                        page_break_after=3, transpose_delinquency=True)
    return render_html.render_report(month, HTML_MASTHEAD, options)


def _reworded(month: Report) -> tuple[str, Report]:
    return (render_generic.render_report(month, GENERIC_MASTHEAD),
            render_generic.printed_truth(month))


def _generic(month: Report) -> str:
    return _reworded(split_groups(month, Decimal("0.45")))[0]


@pytest.mark.parametrize(("parse", "render"), [
    (bankers_trust.parse, _bankers_trust), (html_tables.parse, _html), (generic.parse, _generic),
], ids=["bankers_trust", "html_tables", "generic"])
def test_tracing_leaves_the_parse_unchanged(
        month: Report, parse: Callable[..., object], render: Callable[[Report], str]) -> None:
    text = render(month)
    trace = Trace()
    assert parse(text, trace) == parse(text)
    assert {"class", "delinquency", "collateral"} <= {t.kind for t in trace.tables}


def test_explaining_a_report_runs_its_family_once_with_the_trace(
        monkeypatch: pytest.MonkeyPatch, seed_report_text: str) -> None:
    import parsers.api

    calls: list[bool] = []
    ctslink = FAMILIES[0]

    def counting(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
        calls.append(trace is not None)
        return ctslink.parse(text, trace)

    monkeypatch.setattr(parsers.api, "FAMILIES", (ctslink._replace(parse=counting),
                                                  *FAMILIES[1:]))
    explanation = explain_report(seed_report_text)
    assert calls == [True]
    assert explanation.traced and explanation.result.status == "ok"
    assert {t.kind for t in explanation.tables} >= {"class", "factors", "delinquency"}
