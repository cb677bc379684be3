"""The two-group truth: groups add up to the deal and each rolls forward on its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lab.synth.collateral import CollateralParams
from lab.synth.render_ctslink import RenderOptions
from lab.synth.render_variants import split_groups
from lab.synth.simulate import DealSpec, simulate


def test_groups_add_up_to_the_deal_and_roll_forward() -> None:
    truth = simulate(DealSpec(months=4, seed=9, collateral=CollateralParams(loan_count=250)))[-1]
    grouped = split_groups(truth, Decimal("0.3"))
    total, first, second = grouped.pools
    assert (first.pool, second.pool) == ("1", "2") and total is truth.pools[0]
    for field in ("beginning_balance", "ending_balance", "scheduled_principal",
                  "unscheduled_principal", "beginning_loan_count", "ending_loan_count"):
        assert getattr(first, field) + getattr(second, field) == getattr(total, field), field
    for p in (first, second):
        assert p.beginning_balance - p.scheduled_principal - p.unscheduled_principal - (
            p.realized_loss or 0) == p.ending_balance
        assert p.beginning_loan_count - p.payoff_count == p.ending_loan_count
    for status_bucket in {(d.status, d.bucket) for d in truth.delinquencies}:
        cells = [d for d in grouped.delinquencies if (d.status, d.bucket) == status_bucket]
        whole = next(d for d in cells if d.pool == "total")
        parts = [d for d in cells if d.pool != "total"]
        assert sum(d.loan_count for d in parts) == whole.loan_count  # type: ignore[misc]
        assert sum(d.balance for d in parts) == whole.balance  # type: ignore[misc]


def test_unknown_wording_is_refused() -> None:
    with pytest.raises(ValueError, match="wording 'bonds'"):
        RenderOptions(wording="bonds")
