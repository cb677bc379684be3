"""Round trip: simulated auto-loan deals rendered as servicer's certificates parse back exactly.

Random seeds, pool sizes, speeds, loss levels, months and note structures (A-2 split or not),
with every noise option of the renderer (line numbers ``Line 9`` / ``(9)`` / ``9.`` / none,
``$`` signs attached or in a column, dotted leaders, note blocks or a note table, form-feed or
numbered page breaks, scheduled principal printed or derived, open 91+ bucket, 30-59 or 31-60
labels, record date or not, roman or plain headings). Every tranche field, pool field,
delinquency cell, both dates and every item must match :func:`printed_truth`, every check must
pass and the parse must be 'ok' under the default quality threshold.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foundation.defaults import MIN_SCORE
from lab.strategies import consumer_deals
from lab.synth.compare import roundtrip_fields
from lab.synth.consumer import ConsumerDealSpec, simulate_consumer
from lab.synth.consumer_pool import PoolParams
from lab.synth.cover import Masthead
from lab.synth.render_servicer_cert import CertOptions, printed_truth, render_report
from parsers import parse_report, parse_submission
from parsers.families import FAMILIES
from parsers.model import Report
from tests.parsers.conftest import SEED_HEADER

MASTHEAD = Masthead(trust="ABSDW AUTO RECEIVABLES TRUST 2019-1", series="2019-1",
                    ticker="AAR", file_number="333-990004-01",
                    depositor="ABSDW Auto Finance LLC")

deals = consumer_deals()
noise = st.builds(
    CertOptions,
    numbering=st.sampled_from(["line", "paren", "dot", "none"]),
    dollars=st.sampled_from(["none", "attached", "column"]),
    leaders=st.booleans(),
    notes=st.sampled_from(["blocks", "table"]),
    page_break=st.sampled_from([None, "formfeed", "numbered"]),
    split_principal=st.booleans(),
    open_90=st.booleans(),
    day_labels=st.sampled_from(["31-60", "30-59"]),
    record_date=st.booleans(),
    roman=st.booleans(),
    title=st.sampled_from(["MONTHLY SERVICER'S CERTIFICATE", "MONTHLY SERVICER REPORT",
                           "SERVICER'S CERTIFICATE"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deal=deals, options=noise, pick=st.integers(0, 9))
def test_rendered_certificates_parse_back_to_the_printed_truth(
    deal: ConsumerDealSpec, options: CertOptions, pick: int
) -> None:
    reports = simulate_consumer(deal)
    month = reports[pick % len(reports)]
    result = parse_report(render_report(month, MASTHEAD, options), min_score=MIN_SCORE)
    assert (result.layout, result.status, result.error) == ("servicer_cert", "ok", None)
    assert result.report is not None
    matched, total, mismatches = roundtrip_fields(printed_truth(month, options), result.report,
                                                  items=True)
    assert mismatches == []
    assert matched == total > 150
    assert [c.detail for c in result.checks if not c.passed] == []
    assert result.report.series == "2019-1"


def test_a_clean_certificate_compares_every_printed_field() -> None:
    month = simulate_consumer(ConsumerDealSpec(months=3))[2]
    result = parse_report(render_report(month, MASTHEAD))
    assert result.report is not None
    matched, total, _ = roundtrip_fields(month, result.report, items=True)
    # 2 dates + 6 classes x 24 tranche fields + 19 pool fields + 3 cells x (count, balance)
    # + 1 text item (collection period) + 19 amount items, each compared as (amount, text)
    expected = 2 + 6 * 24 + 19 + 3 * 2 + 20 * 2
    assert (matched, total) == (expected, expected)
    pool = result.report.pools[0]
    assert pool.unscheduled_principal == _item(result.report, "Prepayments in Full") + _item(
        result.report, "Liquidation Proceeds and Recoveries")
    assert [t.class_name for t in result.report.tranches] == ["A-1", "A-2", "A-3", "A-4", "B",
                                                              "C"]
    assert {c.name for c in result.checks} >= {"tranche_rollforward", "tranche_factor",
                                               "tranche_distribution", "pool_rollforward",
                                               "pool_loan_count", "delinquency_totals"}


def test_edgar_table_markup_around_a_text_certificate_is_not_html() -> None:
    """EDGAR text filings wrap tables in <TABLE>/<CAPTION> tags: still a text certificate,
    read line by line (only rows, cells or <html> make a document HTML)."""
    month = simulate_consumer(ConsumerDealSpec(months=3))[2]
    text = render_report(month, MASTHEAD)
    plain, wrapped = parse_report(text), parse_report(f"<TABLE>\n<CAPTION>\n{text}</TABLE>\n")
    assert (wrapped.layout, wrapped.status) == ("servicer_cert", "ok")
    assert wrapped.report == plain.report


@pytest.mark.parametrize("numbering", ["line", "paren", "dot", "none"])
def test_a_billion_dollar_pool_with_leaders_and_dollar_columns_parses_exactly(
        billion_dollar_month: Report, numbering: str) -> None:
    options = CertOptions(numbering=numbering, dollars="column", leaders=True, notes="table")
    result = parse_report(render_report(billion_dollar_month, MASTHEAD, options))
    assert result.report is not None
    assert billion_dollar_month.pools[0].beginning_balance > 10**9
    _, _, mismatches = roundtrip_fields(billion_dollar_month, result.report, items=True)
    assert (mismatches, result.status) == ([], "ok")


@pytest.fixture(scope="module")
def billion_dollar_month() -> Report:
    return simulate_consumer(ConsumerDealSpec(months=1, pool=PoolParams(receivables=45_000)))[0]


def _item(report: Report, label: str) -> Decimal:
    found = [i.amount for i in report.items if i.label == label]
    assert len(found) == 1 and found[0] is not None
    return found[0]


def test_a_misread_figure_fails_its_identity_and_quarantines() -> None:
    month = simulate_consumer(ConsumerDealSpec(months=2))[1]
    text = render_report(month, MASTHEAD)
    ending = f"{month.pools[0].ending_balance:,.2f}"
    wrong = text.replace(ending, ending[:-2] + ("99" if not ending.endswith("99") else "98"), 1)
    result = parse_report(wrong)
    assert (result.layout, result.status) == ("servicer_cert", "quarantined")
    assert result.error is not None and "pool_rollforward" in result.error


def test_certificates_are_detected_by_no_other_family(seed_report_text: str) -> None:
    month = simulate_consumer(ConsumerDealSpec(months=1, split_a2=True))[0]
    texts = [render_report(month, MASTHEAD, CertOptions(notes=notes, page_break=page))
             for notes in ("blocks", "table") for page in (None, "formfeed")]
    for family in FAMILIES[:-1]:  # the last, "generic", is the fallback: it may agree
        expected = family.layout == "servicer_cert"
        assert [family.detect(text) for text in texts] == [expected] * 4, family.layout
    servicer = next(f for f in FAMILIES if f.layout == "servicer_cert")
    assert servicer.detect(seed_report_text) is False
    assert parse_report(seed_report_text).layout == "ctslink"
    assert FAMILIES[-1].layout == "generic"
    assert {parse_report(text).layout for text in texts} == {"servicer_cert"}


def test_a_10d_with_the_certificate_as_ex_99_1_parses_as_servicer_cert() -> None:
    month = simulate_consumer(ConsumerDealSpec(months=2))[1]
    header = SEED_HEADER.format(count=2).replace("CONFORMED SUBMISSION TYPE:\t8-K",
                                                 "CONFORMED SUBMISSION TYPE:\t10-D")
    cover = "FORM 10-D\nASSET-BACKED ISSUER DISTRIBUTION REPORT\nItem 9. Exhibits: 99.1\n"
    documents = [("10-D", "d10d.txt", cover),
                 ("EX-99.1", "ex99-1.txt", render_report(month, MASTHEAD))]
    body = "".join(f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{n}\n<FILENAME>{name}\n<TEXT>\n{text}"
                   f"\n</TEXT>\n</DOCUMENT>\n" for n, (kind, name, text) in
                   enumerate(documents, 1))
    filing = parse_submission((header + body + "</SEC-DOCUMENT>\n").encode("latin-1"))
    assert (filing.header.form, filing.exhibit_type, filing.document) == (
        "10-D", "EX-99.1", "ex99-1.txt")
    assert (filing.result.layout, filing.result.status) == ("servicer_cert", "ok")
    assert filing.result.report is not None
    assert filing.result.report.distribution_date == date(2019, 3, 15)
