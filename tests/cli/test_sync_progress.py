"""Progress of a sync: periodic tally lines under cron, a bar only on a terminal."""

from __future__ import annotations

import io

from absdw.progress import Event, LogProgress, RichProgress, for_stream


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_filings_are_tallied_every_interval_and_failures_printed_at_once() -> None:
    out, clock = io.StringIO(), Clock()
    sink = LogProgress(out, clock=clock, interval=10.0)
    for n in range(30):
        clock.now = n  # one filing per second
        sink(Event("FilingStored", {"cik": 1, "accession": f"a{n}", "size": 1}))
    sink(Event("FilingFailed", {"cik": 1, "accession": "bad", "reason": "HTTP 500"}))
    sink(Event("sync.done", {"fetched": 30}))
    lines = [line.split(" ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines == [
        "progress fetched=11 already_stored=0",
        "progress fetched=21 already_stored=0",
        "FilingFailed cik=1 accession=bad reason=HTTP 500",
        "progress fetched=30 already_stored=0",
        "sync.done fetched=30",
    ]


def test_a_pipe_gets_log_lines_and_a_terminal_gets_the_bar() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(for_stream(io.StringIO()), LogProgress)
    bar = for_stream(Terminal())
    assert isinstance(bar, RichProgress)
    bar(Event("FilingsDiscovered", {"cik": 1, "count": 2}))
    bar(Event("FilingStored", {"cik": 1, "accession": "a", "size": 1}))
    bar.close()
