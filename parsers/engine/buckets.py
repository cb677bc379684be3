"""Delinquency bucket labels: the day bounds a report prints, read exactly.

A report prints its buckets in its own convention: ``30 Days`` / ``60 Days`` / ``90+ Days``
(CTSLink: the start of each), ``31-60 Days`` (consumer ABS), ``Over 90 Days``, ``121 days or
more``. The model's ``bucket`` (``30-59`` ...) is how the buckets compare across reports;
:func:`printed_bounds` keeps what the report said: the first and last day it names
(``days_to`` None when the label names no end), so ``31-60`` and ``30-59`` stay apart in
``delinquencies.days_from`` / ``days_to``. "Over 90" names 91 as its first day.
"""

from __future__ import annotations

import re

__all__ = ["printed_bounds"]

_RANGE = re.compile(r"(\d+)\s*(?:-|\u2013|to|through|thru)\s*(\d+)\s*(?:days?|$)")
_OVER = re.compile(r"(?:over|more than|greater than|in excess of)\s+(\d+)")
_PLUS = re.compile(r"(\d+)\s*(?:\+|days?\s*\+|(?:days?\s+)?(?:or more|and over|or greater|plus))")
_START = re.compile(r"^(\d+)\s*days?\b")


def printed_bounds(label: str) -> tuple[int | None, int | None]:
    """(first day, last day) a bucket label prints; (None, None) when it prints no day."""
    text = " ".join(label.lower().replace("past due", "").split())
    if text.startswith("current"):
        return (0, None) if not (m := _RANGE.search(text)) else (int(m[1]), int(m[2]))
    if m := _RANGE.search(text):
        return int(m[1]), int(m[2])
    if m := _OVER.search(text):
        return int(m[1]) + 1, None
    if m := _PLUS.search(text):
        return int(m[1]), None
    if m := _START.match(text):
        return int(m[1]), None
    return None, None
