"""The Bankers Trust truth: two groups that add up to the simulated pool, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lab.synth.collateral import CollateralParams
from lab.synth.cover import Masthead
from lab.synth.render_bankers_trust import RenderOptions, printed_truth, render_report
from lab.synth.simulate import DealSpec, simulate
from parsers.model import Pool, Report

MASTHEAD = Masthead("ABSDW SYNTHETIC HOME EQUITY TRUST", "2004-1", "ASH", "333-990001-01")
SUMMED = ("beginning_balance", "ending_balance", "scheduled_principal", "unscheduled_principal",
          "realized_loss", "beginning_loan_count", "ending_loan_count")


@pytest.fixture(scope="module")
def month() -> Report:
    return simulate(DealSpec(seed=11, months=9, collateral=CollateralParams(loan_count=400)))[8]


def test_groups_add_up_to_the_simulated_pool(month: Report) -> None:
    total = month.pools[0]
    one, two = printed_truth(month).pools
    assert (one.pool, two.pool) == ("GROUP I", "GROUP II")
    for name in SUMMED:
        assert getattr(one, name) + getattr(two, name) == getattr(total, name), name
    assert Decimal("0.35") < two.ending_balance / total.ending_balance < Decimal("0.45")  # type: ignore[operator]


def test_each_group_rolls_forward_exactly(month: Report) -> None:
    for pool in printed_truth(month, RenderOptions(print_total=True)).pools:
        assert _rolled(pool) == pool.ending_balance, pool.pool


def _rolled(p: Pool) -> Decimal:
    return (p.beginning_balance - p.scheduled_principal  # type: ignore[operator]
            - p.unscheduled_principal - p.realized_loss)


def test_missed_payment_buckets_keep_every_delinquent_loan(month: Report) -> None:
    truth = printed_truth(month, RenderOptions(groups=1))
    assert {d.bucket for d in truth.delinquencies} == {"current", "30-59", "60-89", "90+"}
    simulated = sum(d.loan_count or 0 for d in month.delinquencies)
    assert sum(d.loan_count or 0 for d in truth.delinquencies) == simulated > 0
    assert sum((d.balance or Decimal(0) for d in truth.delinquencies), Decimal(0)) == sum(
        (d.balance or Decimal(0) for d in month.delinquencies), Decimal(0))


def test_noise_changes_the_text_but_not_the_truth(month: Report) -> None:
    plain = render_report(month, MASTHEAD)
    noisy = render_report(month, MASTHEAD, RenderOptions(markup=True, page_break="numbered",
                                                         rate_space=False, header_lines=1))
    assert "<TABLE>" in noisy and "Page 4 of 4" in noisy and " %" not in noisy
    assert "<TABLE>" not in plain and "\f" not in plain and " %" in plain
    assert printed_truth(month) == printed_truth(
        month, RenderOptions(markup=True, page_break="numbered", rate_space=False))
    assert [t.class_name for t in printed_truth(month).tranches][:3] == ["R", "A-1", "A-2"]


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="header_lines"):
        RenderOptions(header_lines=4)
    with pytest.raises(ValueError, match="page_break"):
        RenderOptions(page_break="ruled")
