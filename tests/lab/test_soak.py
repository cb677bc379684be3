"""The soak's short form (the long one is benchmarks/soak.py): trusts synced through every
kind of injected fault with SIGKILLs end in the tables an undisturbed run gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.soak import run_soak


@pytest.mark.slow
def test_a_hostile_edgar_and_kills_leave_the_warehouse_an_undisturbed_run_gives(
        tmp_path: Path) -> None:
    result = run_soak(tmp_path, trusts=3, months=8, kills=3, seed=4, fault_scale=3.0)
    assert result.kills >= 1 and sum(result.faults.values()) >= 5, result.describe()
    assert result.tables_identical, result.describe()
    assert (result.duplicates, result.lost, result.truncated_stored,
            result.requests_during_block) == (0, 0, 0, 0), result.describe()
