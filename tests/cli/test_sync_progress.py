"""Progress of a sync: periodic tally lines under cron, a bar only on a terminal."""

from __future__ import annotations

import io
import re

from absdw.pipeline.events import FilingQuarantined, SyncFinished
from absdw.progress import LogProgress, RichProgress, for_stream
from crawler import FilingFailed, FilingsDiscovered, FilingSkipped, FilingStored
from lab.fakes import FakeClock


def _finished(fetched: int) -> SyncFinished:
    return SyncFinished(ciks=1, discovered=fetched, fetched=fetched, skipped=0, failed=1,
                        loaded=fetched, quarantined=0, requests=fetched + 1, bytes=0,
                        rate=1.0, blocked_s=0.0)


def test_filings_are_tallied_every_interval_and_failures_printed_at_once() -> None:
    out, clock = io.StringIO(), FakeClock()
    sink = LogProgress(out, clock=clock, interval=10.0)
    for n in range(30):
        clock.now = n  # one filing per second
        sink(FilingStored(1, f"a{n}", 1))
    sink(FilingFailed(1, "bad", "HTTP 500"))
    sink(_finished(30))
    lines = [line.split(" ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines == [
        "INFO progress fetched=11 already_stored=0",
        "INFO progress fetched=21 already_stored=0",
        "WARNING FilingFailed cik=1 accession=bad reason=HTTP 500",
        "INFO progress fetched=30 already_stored=0",
        "INFO SyncFinished ciks=1 discovered=30 fetched=30 skipped=0 failed=1 loaded=30 "
        "quarantined=0 requests=31 bytes=0 rate=1.0 blocked_s=0.0",
    ]


def test_quiet_keeps_only_warnings_and_verbose_prints_every_filing() -> None:
    quiet, verbose = io.StringIO(), io.StringIO()
    for out, flags in ((quiet, {"quiet": True}), (verbose, {"verbose": True})):
        sink = LogProgress(out, clock=FakeClock(), **flags)
        sink(FilingStored(1, "a1", 10))
        sink(FilingQuarantined(1, "a2", "no report"))
        sink(_finished(1))
    assert [line.split(" ", 1)[1] for line in quiet.getvalue().splitlines()] == [
        "WARNING FilingQuarantined cik=1 accession=a2 reason=no report"]
    assert [line.split(" ", 2)[1:] for line in verbose.getvalue().splitlines()][:2] == [
        ["INFO", "FilingStored cik=1 accession=a1 size=10"],
        ["WARNING", "FilingQuarantined cik=1 accession=a2 reason=no report"]]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_log_lines_and_a_terminal_gets_the_bar() -> None:
    assert isinstance(for_stream(io.StringIO()), LogProgress)
    assert isinstance(for_stream(Terminal()), RichProgress)


def test_the_bar_counts_filings_done_of_discovered_and_prints_news_above_it() -> None:
    screen = Terminal()
    bar = RichProgress(screen)
    bar(FilingsDiscovered(1, 3))
    bar(FilingStored(1, "a", 1))
    bar(FilingSkipped(1, "b"))
    bar(FilingQuarantined(1, "b", "no EX-99/EX-20 report found"))
    task = bar._bar.tasks[0]
    assert (task.completed, task.total) == (2, 3)
    bar(_finished(1))  # stops the live display
    shown = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue()).split())
    assert "FilingQuarantined cik=1 accession=b reason=no EX-99/EX-20 report found" in shown
    assert "2/3" in shown
