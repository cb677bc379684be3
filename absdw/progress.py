"""Progress sinks: silent in the library, a rich bar on a terminal, periodic lines under cron.

The orchestrator reports typed events (:mod:`absdw.pipeline.events`) to a sink: any callable taking
one event. Stages call their own ``on_event`` callbacks; ``absdw.pipeline`` forwards them, and
``absdw.pipeline.events.silent`` is the library default. Per-filing events are
many (a backfill can fetch thousands), so the log sink folds them into one tally line every
``interval`` seconds and prints only what a reader must see at once (failures, quarantines,
throttling, phase ends); a terminal gets a live bar instead.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import TextIO

from absdw.pipeline.events import (
    Event,
    FilingQuarantined,
    IndexFailed,
    IndexScanned,
    SyncFinished,
    Waiting,
    fields_of,
)
from crawler import (
    FilingFailed,
    FilingMissing,
    FilingsDiscovered,
    FilingSkipped,
    FilingStored,
    TrustFailed,
)
from foundation.text import bounded, printable

__all__ = ["LogProgress", "RichProgress", "for_stream"]

#: Per-filing outcomes: tallied, not printed one by one.
TALLIED = (FilingStored, FilingSkipped)
#: The events that grow the bar's total.
DISCOVERIES = (FilingsDiscovered, IndexScanned)
#: Per-filing outcomes that end one unit of the bar.
DONE = (FilingStored, FilingSkipped, FilingMissing, FilingFailed)
#: What a bar prints above itself at once.
NEWS = (FilingMissing, FilingFailed, TrustFailed, FilingQuarantined, IndexFailed, Waiting)


def _line(event: Event) -> str:
    """``Kind field=value ...``; values from documents or servers are bounded and printable."""
    details = " ".join(f"{k}={printable(bounded(str(v), 500))}"
                       for k, v in fields_of(event).items())
    return f"{type(event).__name__} {details}".rstrip()


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
        if isinstance(event, TALLIED):
            self._counts[type(event).__name__] += 1
            if self._clock() - self._last >= self._interval:
                self._print("progress " + self._tally())
            return
        if isinstance(event, SyncFinished) and self._counts:
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
        if isinstance(event, DISCOVERIES):
            self._bar.update(self._task, total=(self._bar.tasks[0].total or 0) + event.count)
        elif isinstance(event, DONE):
            self._bar.advance(self._task)
        if isinstance(event, NEWS):
            self._bar.console.print(_line(event))
        if isinstance(event, SyncFinished):
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
