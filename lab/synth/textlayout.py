"""Fixed-width text layout in the style of Wells Fargo CTSLink reports (``<TABLE>`` markup).

A table is a list of :class:`Col` slots laid side by side. Each slot's width is the seed's width
for that column, widened to fit the longest value (so billion-dollar deals stay aligned), plus
an optional extra. Values and headers are right-aligned to the slot's right edge, which is what
lets a reader (or a parser) find the column of a number by its right edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lab.synth.money import fraction

__all__ = ["Col", "count", "factor", "grid", "line", "mmddyy", "money", "pct", "per_thousand",
           "rate", "right", "widths"]

#: the space a value keeps from its left neighbour when a column has to widen
MIN_GAP = 3


def money(value: Decimal) -> str:
    """``1,234.56`` (the seed prints no currency sign; negatives with a minus)."""
    return f"{value:,.2f}"


def rate(value: Decimal) -> str:
    """A fraction as ``1.55000%``."""
    return f"{value * 100:.5f}%"


def pct(value: Decimal) -> str:
    """A fraction as ``2.474227%`` (delinquency and coupon percentages)."""
    return f"{value * 100:.6f}%"


def factor(value: Decimal) -> str:
    """A fraction with 8 places: ``0.98445733``."""
    return f"{value:.8f}"


def per_thousand(amount: Decimal, original: Decimal, commas: bool = False) -> str:
    """``amount`` per $1,000 of ``original`` with 8 places (``0.00000000`` for a zero face)."""
    value = fraction(amount * 1000 / original) if original else Decimal(0)
    return f"{value:,.8f}" if commas else f"{value:.8f}"


def count(value: int) -> str:
    return f"{value:,d}"


def mmddyy(day: date) -> str:
    """``10/31/03``."""
    return f"{day.month:02d}/{day.day:02d}/{day:%y}"


def right(text: str, edge: int, line: str = "") -> str:
    """``line`` with ``text`` placed so that it ends at column ``edge`` (0-based)."""
    used = len(line.rstrip())
    start = max(edge - len(text) + 1, used + 1 if used else 0)
    return line.ljust(start) + text


@dataclass(frozen=True)
class Col:
    """One column slot: header lines (bottom-aligned across the table), minimum width.

    ``align`` places values (``"right"`` or ``"left"``); ``head_at`` puts a left-aligned header
    that many characters into the slot (the seed's CUSIP/Description/Rate headers), else the
    header is right-aligned like the values.
    """

    head: tuple[str, ...]
    width: int
    align: str = "right"
    head_at: int | None = None


def widths(cols: Sequence[Col], rows: Sequence[Sequence[str]], extra: int = 0) -> list[int]:
    """Slot widths: the seed's, widened to fit every value and header, plus ``extra``."""
    out = []
    for i, col in enumerate(cols):
        longest = max([len(r[i]) for r in rows if i < len(r)] + [len(h) for h in col.head]
                      + [0])
        need = longest + (MIN_GAP if i else 1)
        out.append(max(col.width + (extra if i else 0), need + (extra if i else 0)))
    return out


def grid(cols: Sequence[Col], rows: Sequence[Sequence[str]], *, extra: int = 0, indent: int = 0,
         marker: tuple[str, str] = ("<s>", "<c>"), blanks_after_head: int = 1,
         measure: Sequence[Sequence[str]] = ()) -> tuple[list[str], list[str]]:
    """Header lines (+ blank lines + the ``<s> <c>`` marker line) and body lines.

    ``measure`` are extra rows (e.g. totals) that count for widths but are rendered by the
    caller with :func:`line`.
    """
    w = widths(cols, [*rows, *measure], extra)
    ends = _ends(w, indent)
    height = max(len(c.head) for c in cols)
    head = []
    for level in range(height):
        cells = [c.head[level - height + len(c.head)] if level >= height - len(c.head) else ""
                 for c in cols]
        head.append(_place(cols, ends, w, cells, indent, header=True))
    mark = " " * indent + marker[0]
    for i in range(1, len(cols)):
        mark = mark.ljust(ends[i - 1] + (1 if i == 1 else 0)) + marker[1]
    head += [""] * blanks_after_head + [mark]
    return head, [_place(cols, ends, w, row, indent) for row in rows]


def line(cols: Sequence[Col], rows_for_width: Sequence[Sequence[str]], cells: Sequence[str], *,
         extra: int = 0, indent: int = 0) -> str:
    """One extra row (Totals) on the slots :func:`grid` computed; its label starts the line."""
    w = widths(cols, rows_for_width, extra)
    first = Col(cols[0].head, cols[0].width, "left")
    return _place([first, *cols[1:]], _ends(w, indent), w, cells, indent)


def _ends(w: Sequence[int], indent: int) -> list[int]:
    ends, edge = [], indent - 1
    for width in w:
        edge += width
        ends.append(edge)
    return ends


def _place(cols: Sequence[Col], ends: Sequence[int], w: Sequence[int], cells: Sequence[str],
           indent: int, header: bool = False) -> str:
    text = " " * indent
    for col, end, width, cell in zip(cols, ends, w, cells, strict=False):
        if not cell:
            continue
        start = end - width + 1
        if header and col.head_at is not None:
            text = text.ljust(start + col.head_at) + cell
        elif col.align == "left":
            text = text.ljust(start) + cell
        else:
            text = right(cell, end, text)
    return text.rstrip()
