"""Hypothesis strategies for generated deals (tests only: hypothesis is a test dependency).

One definition of "a random deal" per simulator, so every round-trip test draws from the same
space; render noise stays with each family's tests, since it is specific to the layout.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lab.synth.collateral import CollateralParams
from lab.synth.consumer import ConsumerDealSpec
from lab.synth.consumer_pool import PoolParams
from lab.synth.simulate import DealSpec

__all__ = ["consumer_deals", "mortgage_deals"]


def mortgage_deals(*, max_months: int = 8, max_loans: int = 600) -> st.SearchStrategy[DealSpec]:
    """A home-equity trust of 60..``max_loans`` loans over 1..``max_months`` months, pro-rata or
    sequential seniors, with or without N notes."""
    return st.builds(DealSpec, seed=st.integers(0, 10**6), months=st.integers(1, max_months),
                     senior_pro_rata=st.booleans(), with_nim=st.booleans(),
                     collateral=st.builds(CollateralParams,
                                          loan_count=st.integers(60, max_loans)))


def consumer_deals(*, max_months: int = 10) -> st.SearchStrategy[ConsumerDealSpec]:
    """An auto-loan trust of 60..500 receivables, slow to fast prepayment, no to high misses."""
    return st.builds(ConsumerDealSpec, seed=st.integers(0, 10**6),
                     months=st.integers(1, max_months), split_a2=st.booleans(),
                     pool=st.builds(PoolParams, receivables=st.integers(60, 500),
                                    abs_speed=st.sampled_from([0.008, 0.015, 0.025]),
                                    miss_rate=st.sampled_from([0.0, 0.02, 0.06])))
