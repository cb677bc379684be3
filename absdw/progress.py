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
    CrawlStarted,
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

__all__ = ["LogProgress", "RichProgress", "for_stream", "level_of"]

#: Per-filing outcomes: tallied, not printed one by one.
TALLIED = (FilingStored, FilingSkipped)
#: The events that grow the bar's total.
DISCOVERIES = (FilingsDiscovered, IndexScanned)
#: Per-filing outcomes that end one unit of the bar.
DONE = (FilingStored, FilingSkipped, FilingMissing, FilingFailed)
#: What a bar prints above itself at once.
NEWS = (FilingMissing, FilingFailed, TrustFailed, FilingQuarantined, IndexFailed, Waiting)
#: Events a reader must act on or know about: logged as WARNING (everything else is INFO).
WARNINGS = (FilingMissing, FilingFailed, TrustFailed, FilingQuarantined, IndexFailed)


def level_of(event: Event) -> str:
    """The log level of ``event``: WARNING for failures and quarantines, else INFO."""
    return "WARNING" if isinstance(event, WARNINGS) else "INFO"


def _line(event: Event) -> str:
    """``Kind field=value ...``; values from documents or servers are bounded and printable."""
    details = " ".join(f"{k}={printable(bounded(str(v), 500))}"
                       for k, v in fields_of(event).items())
    return f"{type(event).__name__} {details}".rstrip()


class LogProgress:
    """Plain lines on ``stream`` (stderr by default), fit for cron and pipes.

    Each line is ``HH:MM:SS LEVEL text``. Stored/skipped filings are counted and reported as
    one ``progress`` line at most every ``interval`` seconds (each one with ``verbose``);
    every other event is printed when it happens. ``quiet`` keeps only the WARNING lines.
    """

    def __init__(self, stream: TextIO | None = None, clock: Callable[[], float] = time.time,
                 interval: float = 10.0, *, quiet: bool = False, verbose: bool = False) -> None:
        self._stream = stream
        self._clock = clock
        self._interval = interval
        self._quiet, self._verbose = quiet, verbose
        self._counts: Counter[str] = Counter()
        self._last = clock()

    def __call__(self, event: Event) -> None:
        if isinstance(event, TALLIED):
            self._counts[type(event).__name__] += 1
            if self._verbose:
                self._print(_line(event), "INFO")
            elif self._clock() - self._last >= self._interval:
                self._print("progress " + self._tally(), "INFO")
            return
        if isinstance(event, SyncFinished) and self._counts:
            self._print("progress " + self._tally(), "INFO")
        self._print(_line(event), level_of(event))

    def close(self) -> None:
        """Nothing to release: every line is flushed when printed."""

    def _tally(self) -> str:
        return (f"fetched={self._counts['FilingStored']} "
                f"already_stored={self._counts['FilingSkipped']}")

    def _print(self, text: str, level: str) -> None:
        if self._quiet and level == "INFO":
            return
        self._last = self._clock()
        stamp = time.strftime("%H:%M:%S", time.localtime(self._last))
        print(f"{stamp} {level} {text}", file=self._stream or sys.stderr, flush=True)


class RichProgress:
    """A live bar on a terminal (stderr): filings done out of filings discovered, the trust
    being crawled (``trust 3/12 CIK 1268747``), elapsed time and an ETA; warnings print above
    it as ``LEVEL text`` lines (only those with ``quiet``)."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._console = Console(file=stream or sys.stderr)
        self._bar = Progress("[progress.description]{task.description}", BarColumn(),
                             MofNCompleteColumn(), TimeElapsedColumn(), "ETA",
                             TimeRemainingColumn(), console=self._console, transient=False)
        self._task = self._bar.add_task("filings", total=0)
        self._started = False
        self._quiet = quiet
        self._trusts = 0
        self._seen: list[int] = []

    def __call__(self, event: Event) -> None:
        if not self._started:
            self._bar.start()
            self._started = True
        if isinstance(event, CrawlStarted):
            self._trusts = event.ciks
        cik = getattr(event, "cik", None)
        if isinstance(cik, int) and cik not in self._seen:
            self._seen.append(cik)
            of = f"/{self._trusts}" if self._trusts else ""
            self._bar.update(self._task, description=f"trust {len(self._seen)}{of} CIK {cik}")
        if isinstance(event, DISCOVERIES):
            self._bar.update(self._task, total=(self._bar.tasks[0].total or 0) + event.count)
        elif isinstance(event, DONE):
            self._bar.advance(self._task)
        if isinstance(event, NEWS) and not (self._quiet and level_of(event) == "INFO"):
            self._bar.console.print(f"{level_of(event)} {_line(event)}", markup=False,
                                    highlight=False)
        if isinstance(event, SyncFinished):
            self.close()

    def close(self) -> None:
        """Stop the live display (also after an error, so the terminal is left clean)."""
        if self._started:
            self._bar.stop()
            self._started = False


def for_stream(stream: TextIO | None = None, *, quiet: bool = False,
               verbose: bool = False) -> LogProgress | RichProgress:
    """A bar when ``stream`` (default stderr) is a terminal, periodic log lines otherwise
    (every line with ``verbose``, only warnings with ``quiet``)."""
    target = stream or sys.stderr
    isatty = getattr(target, "isatty", None)
    if isatty is not None and isatty() and not verbose:
        return RichProgress(target, quiet=quiet)
    return LogProgress(target, quiet=quiet, verbose=verbose)
