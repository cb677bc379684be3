"""Progress sinks: silent in the library, a rich bar on a terminal, periodic lines under cron.

The orchestrator reports :class:`Event`s to a sink (any callable taking one event). Stages call
their own ``on_event`` callbacks; ``absdw.pipeline`` forwards them here. Per-filing events are
many (a backfill can fetch thousands), so the log sink folds them into one tally line every
``interval`` seconds and prints only what a reader must see at once (failures, quarantines,
throttling, phase ends); a terminal gets a live bar instead.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

__all__ = ["Event", "LogProgress", "ProgressSink", "RichProgress", "for_stream", "silent"]

#: Per-filing outcomes: tallied, not printed one by one.
FILING_KINDS = frozenset({"FilingStored", "FilingSkipped"})
#: The events that grow the bar's total.
DISCOVERY_KINDS = frozenset({"FilingsDiscovered"})
#: Per-filing outcomes that end one unit of the bar.
DONE_KINDS = frozenset({"FilingStored", "FilingSkipped", "FilingMissing", "FilingFailed"})


@dataclass(frozen=True)
class Event:
    """Something worth telling the user: ``kind`` is a short verb, ``data`` its details."""

    kind: str  # "crawl.start", "FilingStored", "quarantined", "sync.done" ...
    data: dict[str, Any] = field(default_factory=dict)


ProgressSink = Callable[[Event], None]


def silent(event: Event) -> None:
    """The library default: say nothing."""


def _line(event: Event) -> str:
    details = " ".join(f"{k}={v}" for k, v in event.data.items())
    return f"{event.kind} {details}".rstrip()


class LogProgress:
    """Plain lines on ``stream`` (stderr by default), fit for cron and pipes.

    Stored/skipped filings are counted and reported as one ``progress`` line at most every
    ``interval`` seconds; every other event is printed when it happens.
    """

    def __init__(self, stream: TextIO | None = None, clock: Callable[[], float] = time.time,
                 interval: float = 10.0) -> None:
        self._stream = stream
        self._clock = clock
        self._interval = interval
        self._counts: Counter[str] = Counter()
        self._last = clock()

    def __call__(self, event: Event) -> None:
        if event.kind in FILING_KINDS:
            self._counts[event.kind] += 1
            if self._clock() - self._last >= self._interval:
                self._print("progress " + self._tally())
            return
        if event.kind == "sync.done" and self._counts:
            self._print("progress " + self._tally())
        self._print(_line(event))

    def close(self) -> None:
        """Nothing to release: every line is flushed when printed."""

    def _tally(self) -> str:
        return (f"fetched={self._counts['FilingStored']} "
                f"already_stored={self._counts['FilingSkipped']}")

    def _print(self, text: str) -> None:
        self._last = self._clock()
        stamp = time.strftime("%H:%M:%S", time.localtime(self._last))
        print(f"{stamp} {text}", file=self._stream or sys.stderr, flush=True)


class RichProgress:
    """A live bar of filings done out of filings discovered, for a terminal (stderr)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self._console = Console(file=stream or sys.stderr)
        self._bar = Progress("[progress.description]{task.description}", BarColumn(),
                             MofNCompleteColumn(), TimeElapsedColumn(), console=self._console,
                             transient=False)
        self._task = self._bar.add_task("filings", total=0)
        self._started = False

    def __call__(self, event: Event) -> None:
        if not self._started:
            self._bar.start()
            self._started = True
        if event.kind in DISCOVERY_KINDS:
            self._bar.update(self._task, total=(self._bar.tasks[0].total or 0)
                             + int(event.data.get("count", 0)))
        elif event.kind in DONE_KINDS:
            self._bar.advance(self._task)
            if event.kind in ("FilingMissing", "FilingFailed"):
                self._bar.console.print(_line(event))
        elif event.kind in ("quarantined", "throttled", "index.failed"):
            self._bar.console.print(_line(event))
        if event.kind == "sync.done":
            self.close()

    def close(self) -> None:
        """Stop the live display (also after an error, so the terminal is left clean)."""
        if self._started:
            self._bar.stop()
            self._started = False


def for_stream(stream: TextIO | None = None) -> LogProgress | RichProgress:
    """A bar when ``stream`` (default stderr) is a terminal, periodic log lines otherwise."""
    target = stream or sys.stderr
    isatty = getattr(target, "isatty", None)
    return RichProgress(target) if isatty is not None and isatty() else LogProgress(target)
