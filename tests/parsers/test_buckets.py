"""A delinquency bucket's printed day bounds, read exactly (issue 10)."""

from __future__ import annotations

import pytest

from parsers.engine.buckets import printed_bounds


@pytest.mark.parametrize(("label", "bounds"), [
    ("30 Days", (30, None)),  # CTSLink prints each bucket's start only
    ("31-60 Days", (31, 60)), ("61 - 90 days", (61, 90)), ("91 to 120 Days", (91, 120)),
    ("30-59 Days Past Due", (30, 59)), ("Delinquent 31-60 Days", (31, 60)),
    ("90+ Days", (90, None)), ("121+", (121, None)), ("121 days or more", (121, None)),
    ("Over 90 Days", (91, None)), ("more than 180 days", (181, None)),
    ("Current", (0, None)), ("0-29 Days", (0, 29)),
    ("1 Payment", (None, None)), ("Total", (None, None)),
])
def test_printed_bounds(label: str, bounds: tuple[int | None, int | None]) -> None:
    assert printed_bounds(label) == bounds
