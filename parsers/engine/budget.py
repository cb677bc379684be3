"""A CPU budget per document: whatever a hostile or pathological document does, reading it
stops after :data:`foundation.defaults.PARSE_CPU_SECONDS` of CPU time and the filing is
quarantined as too complex, with its size, instead of blocking a sync.

``parsers.api`` opens the budget around each report (:func:`cpu_budget`); the engine's
loops call :func:`check` once per table, row or few hundred tags, which costs one clock read.
The clock is the thread's CPU time, so time spent waiting (another thread's I/O, a paused
process) does not count against the document.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from parsers.errors import ReportLayoutError

__all__ = ["TooComplex", "check", "cpu_budget"]

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("parse_deadline", default=None)


class TooComplex(ReportLayoutError):
    """Reading the document used up its CPU budget."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Within the block, :func:`check` raises :class:`TooComplex` once ``seconds`` of this
    thread's CPU time have passed."""
    token = _deadline.set((time.thread_time() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise :class:`TooComplex` if the open budget is spent (no-op outside a budget)."""
    budget = _deadline.get()
    if budget is not None and time.thread_time() > budget[0]:
        raise TooComplex(f"too complex to read within {budget[1]:g} s of CPU")
