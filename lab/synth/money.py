"""Exact money helpers shared by the simulator and the renderer.

Every amount of the synthetic truth is a ``Decimal`` quantized to cents with ``ROUND_HALF_UP``
(what trustee spreadsheets do), and every split of an amount into parts uses
:func:`allocate`, so parts always sum to the whole to the cent: that is what lets the truth
satisfy the report identities *exactly* rather than within a tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "ZERO", "allocate", "cents", "fraction"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    """Round to cents, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fraction(value: Decimal, places: int = 8) -> Decimal:
    """Round a ratio (rate, factor) to ``places`` decimals, half up."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``total`` cents in proportion to ``weights``; the parts sum to ``total`` exactly.

    Largest-remainder method on whole cents, ties to the earlier weight, so the result is
    deterministic. All-zero weights put everything on the first part.
    """
    if not weights:
        return []
    units = int(total / CENT)
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        return [total] + [ZERO] * (len(weights) - 1)
    exact = [Decimal(units) * w / weight_sum for w in weights]
    floors = [int(e) for e in exact]
    short = units - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:short]:
        floors[i] += 1
    return [Decimal(u) * CENT for u in floors]
