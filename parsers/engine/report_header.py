"""A report's own header facts: distribution date, record date and series, one reader for all.

Trustees print ``Distribution Date: 11/25/03``, ``PAYMENT DATE  December 15, 1998``, ``Record
Date:`` and ``Series 2003-4HE`` (``Trust 2024-1`` on consumer certificates) in the first lines
or beside the first table. Each is the *first labelled match that reads as a value*: a label
also occurs in prose ("... the business day before each distribution date."), so a match that
is no date is skipped, not taken as the answer. Families differ only in which words label the
distribution date and where the header may start (a CTSLink cover letter before the first
table names other dates); they pass those, and raise their own error when a date is missing.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from parsers.engine.numbers import DATE_TEXT, find_date
from parsers.model import Report

__all__ = ["DISTRIBUTION_WORDS", "SERIES_WORDS", "distribution_date", "read_header",
           "record_date", "series"]

#: Words that label the distribution date ("Distribution Date", "Payment Date").
DISTRIBUTION_WORDS = ("Distribution", "Payment")
#: Words a series designation follows ("Series 2003-4HE").
SERIES_WORDS = ("Series",)


@lru_cache(maxsize=32)
def _date_label(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(words)})\s+Date\s*:?\s*" + DATE_TEXT, re.IGNORECASE)


@lru_cache(maxsize=32)
def _series_label(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(words)})\s*:?\s*(\d{{4}}-[A-Z0-9]+)\b", re.IGNORECASE)


def distribution_date(text: str, *, words: tuple[str, ...] = DISTRIBUTION_WORDS,
                      start: int = 0) -> date | None:
    """The first ``<word> Date`` (``words``) from ``start`` that reads as a date."""
    return find_date(_date_label(words), text, start)


def record_date(text: str, *, start: int = 0) -> date | None:
    """The first ``Record Date`` from ``start`` that reads as a date."""
    return find_date(_date_label(("Record",)), text, start)


def series(text: str, *, words: tuple[str, ...] = SERIES_WORDS, start: int = 0,
           end: int | None = None) -> str | None:
    """The first ``Series 2003-4HE`` designation in ``text[start:end]``."""
    found = _series_label(words).search(text, start, len(text) if end is None else end)
    return found.group(1) if found else None


def read_header(report: Report, text: str, *, words: tuple[str, ...] = DISTRIBUTION_WORDS,
                start: int = 0) -> None:
    """Set ``report``'s distribution date, record date and series from ``text[start:]``."""
    report.distribution_date = distribution_date(text, words=words, start=start)
    report.record_date = record_date(text, start=start)
    report.series = series(text, start=start)
