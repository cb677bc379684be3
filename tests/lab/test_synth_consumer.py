"""The auto-loan simulator's truth keeps its identities exactly, and renders as documented."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lab.synth.consumer import ConsumerDealSpec, simulate_consumer
from lab.synth.consumer_pool import PoolParams
from lab.synth.cover import Masthead
from lab.synth.render_servicer_cert import CertOptions, printed_truth, render_report

MASTHEAD = Masthead(trust="ABSDW AUTO RECEIVABLES TRUST 2019-1", series="2019-1",
                    ticker="AAR", file_number="333-990004-01",
                    depositor="ABSDW Auto Finance LLC")
SPECS = [ConsumerDealSpec(seed=seed, months=24, split_a2=seed % 2 == 1,
                          pool=PoolParams(receivables=150, miss_rate=0.05))
         for seed in range(4)]


@pytest.mark.parametrize("spec", SPECS)
def test_every_month_keeps_the_pool_and_note_identities_to_the_cent(
        spec: ConsumerDealSpec) -> None:
    for report in simulate_consumer(spec):
        (pool,) = report.pools
        assert (pool.beginning_balance - pool.scheduled_principal - pool.unscheduled_principal
                - pool.realized_loss) == pool.ending_balance
        assert pool.beginning_loan_count - pool.payoff_count == pool.ending_loan_count
        notes = sum((t.ending_balance for t in report.tranches), Decimal(0))
        assert pool.oc_amount == pool.ending_balance - notes
        for t in report.tranches:
            assert t.beginning_balance - t.principal_distribution == t.ending_balance
            assert t.factor == (t.ending_balance / t.original_balance).quantize(
                Decimal("0.0000001"))


def test_notes_pay_down_sequentially_and_losses_accumulate() -> None:
    reports = simulate_consumer(SPECS[0])
    for report in reports:
        balances = [t.ending_balance for t in report.tranches]
        paying = [i for i, t in enumerate(report.tranches) if t.principal_distribution]
        assert all(b == 0 for b in balances[:min(paying, default=0)])
    cumulative = [r.pools[0].cumulative_realized_loss for r in reports]
    assert cumulative == sorted(cumulative) and cumulative[-1] > 0
    assert reports[-1].tranches[0].ending_balance == 0


def test_the_simulation_is_deterministic_and_seeded() -> None:
    assert simulate_consumer(SPECS[0]) == simulate_consumer(SPECS[0])
    assert simulate_consumer(SPECS[0]) != simulate_consumer(SPECS[2])


def test_a2_splits_into_a2a_and_a2b_and_dates_fall_on_the_15th() -> None:
    reports = simulate_consumer(SPECS[1])
    assert [t.class_name for t in reports[0].tranches] == ["A-1", "A-2a", "A-2b", "A-3", "A-4",
                                                           "B", "C"]
    assert [r.distribution_date for r in reports[:2]] == [date(2019, 2, 15), date(2019, 3, 15)]
    assert reports[0].items[0].text == "January 2019"


def test_printed_truth_follows_the_options() -> None:
    month = simulate_consumer(SPECS[0])[5]
    truth = printed_truth(month, CertOptions(open_90=True, record_date=False))
    assert truth.record_date is None and month.record_date == date(2019, 7, 14)
    assert [d.bucket for d in truth.delinquencies] == ["30-59", "60-89", "90+"]
    assert printed_truth(month) == month


def test_rendered_lines_follow_the_numbering_and_dollar_options() -> None:
    month = simulate_consumer(SPECS[0])[0]
    ending = f"{month.pools[0].ending_balance:,.2f}"
    text = render_report(month, MASTHEAD, CertOptions(numbering="line", dollars="attached"))
    assert "Line 5  Pool Balance at the end of the Collection Period" in text
    assert f"${ending}" in text
    dotted = render_report(month, MASTHEAD, CertOptions(numbering="dot", leaders=True))
    assert "5. Pool Balance at the end of the Collection Period ...." in dotted
    table = render_report(month, MASTHEAD, CertOptions(notes="table", page_break="formfeed"))
    assert "Class A-1 Notes" not in table and "\f" in table
    assert table.count("MONTHLY SERVICER'S CERTIFICATE") == 3


def test_unknown_options_are_refused() -> None:
    with pytest.raises(ValueError, match="option"):
        CertOptions(numbering="roman")
