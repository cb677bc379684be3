"""Which days EDGAR publishes a daily index for: weekdays that are not federal holidays.

EDGAR does not accept filings on weekends and federal holidays, so no daily index exists for
them (a request gets a 403, see ``behaviours.UnpublishedIndex``). The holiday rules are the
federal ones (5 U.S.C. 6103) with Saturday holidays observed on Friday and Sunday ones on Monday;
one-off closures (national days of mourning) can be passed as ``extra_closed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

__all__ = ["business_days", "federal_holidays", "is_business_day", "quarter_of"]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ``weekday`` (Mon=0) of the month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(d: date) -> date:
    return d - timedelta(days=1) if d.weekday() == 5 else (
        d + timedelta(days=1) if d.weekday() == 6 else d)


def federal_holidays(year: int) -> set[date]:
    """The days federal offices (and so EDGAR) are closed in ``year``."""
    fixed = [date(year, 1, 1), date(year, 7, 4), date(year, 11, 11), date(year, 12, 25)]
    if year >= 2021:  # Juneteenth, first observed 2021-06-18
        fixed.append(date(year, 6, 19))
    days = {_observed(d) for d in fixed}
    days |= {
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving
    }
    if year >= 1986:
        days.add(_nth_weekday(year, 1, 0, 3))  # Martin Luther King Jr. Day
    return days


def is_business_day(d: date, extra_closed: Iterable[date] = ()) -> bool:
    """True if EDGAR accepted filings (and so published a daily index) on ``d``."""
    return d.weekday() < 5 and d not in federal_holidays(d.year) and d not in set(extra_closed)


def business_days(start: date, end: date, extra_closed: Iterable[date] = ()) -> Iterator[date]:
    """Every business day from ``start`` to ``end`` inclusive."""
    closed = set(extra_closed)
    d = start
    while d <= end:
        if is_business_day(d, closed):
            yield d
        d += timedelta(days=1)


def quarter_of(d: date) -> int:
    """1..4, EDGAR's ``QTR{n}`` folder of the date."""
    return (d.month - 1) // 3 + 1
