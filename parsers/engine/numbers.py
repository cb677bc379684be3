"""Printed numbers and dates -> exact values.

Trustee reports print money as ``1,234.56``, negatives as ``(1,234.56)`` or ``-1,234.56``,
nil as ``-``, rates as ``1.55000%`` and dates as ``10/31/03`` or ``31-Oct-2003``. Everything is
parsed to ``Decimal`` (never float) so that printed values survive exactly; percentages become
fractions by moving the decimal point (``Decimal.scaleb``), which is exact.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from re import Pattern

__all__ = [
    "DATE_TEXT",
    "find_date",
    "is_number",
    "parse_amount",
    "parse_count",
    "parse_date",
    "parse_number",
    "parse_rate",
]

_AMOUNT = re.compile(r"^\$?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_NIL = {"-", "--", "—"}
_DATE_FORMATS = (
    "%m/%d/%y", "%m/%d/%Y", "%d-%b-%Y", "%d-%b-%y", "%B %d, %Y", "%b %d, %Y", "%Y-%m-%d",
    "%Y%m%d",
)


def _signed(text: str) -> tuple[bool, str]:
    """Split a sign off: ``(x)`` and ``-x`` are negative (accounting and plain notation)."""
    text = text.strip()
    if len(text) > 2 and text.startswith("(") and text.endswith(")"):
        return True, text[1:-1].strip()
    if len(text) > 1 and text[0] == "-":
        return True, text[1:].strip()
    return False, text


@lru_cache(maxsize=1 << 16)  # reports repeat the same tokens ("0.00") thousands of times
def parse_amount(text: str | None) -> Decimal | None:
    """``"1,234.56"`` -> ``Decimal("1234.56")``; ``"(5.00)"`` -> ``-5.00``; ``"-"`` -> ``0``.

    Returns None for anything that is not a plain printed number (percentages included), so
    callers can tell text from figures.
    """
    if text is None:
        return None
    text = text.strip()
    if text in _NIL:
        return Decimal(0)
    negative, body = _signed(text)
    if not body or not _AMOUNT.match(body) or not any(ch.isdigit() for ch in body):
        return None
    try:
        value = Decimal(body.lstrip("$").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None
    return -value if negative else value


@lru_cache(maxsize=1 << 16)
def parse_rate(text: str | None) -> Decimal | None:
    """``"1.55000%"`` -> ``Decimal("0.0155000")`` (== ``Decimal("0.0155")``), exactly.

    A value printed without ``%`` is taken as already being a fraction.
    """
    if text is None:
        return None
    negative, body = _signed(text)
    if not body.endswith("%"):
        return parse_amount(text)
    value = parse_amount(body[:-1])
    if value is None:
        return None
    return -value.scaleb(-2) if negative else value.scaleb(-2)


@lru_cache(maxsize=1 << 16)
def parse_number(text: str | None) -> Decimal | None:
    """An amount, or a percentage as a fraction; None for text."""
    if text is not None and text.strip().endswith("%"):
        return parse_rate(text)
    return parse_amount(text)


@lru_cache(maxsize=1 << 16)
def is_number(text: str) -> bool:
    """True for anything :func:`parse_number` reads (``"-"`` included)."""
    return parse_number(text) is not None


def parse_count(text: str | None) -> int | None:
    """``"1,468"`` -> ``1468``; None when the text is not a whole number."""
    value = parse_amount(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def parse_date(text: str | None) -> date | None:
    """``"10/31/03"``, ``"31-Oct-2003"``, ``"November 25, 2003"``, ``"20031031"`` -> date."""
    if not text:
        return None
    cleaned = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


#: A printed date after its label, as group 1: ``December 15, 1998``, ``12/15/98``,
#: ``15-Dec-1998``, ``1998-12-15``, else the next word (``20031031``).
DATE_TEXT = (r"([A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}/\d{1,2}/\d{2,4}"
             r"|\d{1,2}-[A-Za-z]{3}-\d{2,4}|\d{4}-\d{2}-\d{2}|\S+)")


def find_date(pattern: Pattern[str], text: str, start: int = 0) -> date | None:
    """The first match of ``pattern`` (the date text as group 1) that reads as a date. A
    label also occurs in prose ("posted the business day before each distribution date."),
    so a match that is no date is skipped, not taken as the answer."""
    for found in pattern.finditer(text, start):
        if (when := parse_date(found.group(1).strip())) is not None:
            return when
    return None
