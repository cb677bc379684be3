"""Progress sinks: silent in the library, plain log lines for a terminal or cron.

The orchestrator reports :class:`Event`s to a sink (any callable taking one event). Stages call
their own ``on_event`` callbacks; ``absdw.sync`` forwards them here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

__all__ = ["Event", "LogProgress", "ProgressSink", "silent"]


@dataclass(frozen=True)
class Event:
    """Something worth telling the user: ``kind`` is a short verb, ``data`` its details."""

    kind: str  # "crawl.start", "fetched", "loaded", "quarantined", "failed", "sync.done" ...
    data: dict[str, Any] = field(default_factory=dict)


ProgressSink = Callable[[Event], None]


def silent(event: Event) -> None:
    """The library default: say nothing."""


class LogProgress:
    """One plain line per event on ``stream`` (stderr by default): fine for cron and pipes."""

    def __init__(self, stream: TextIO | None = None, clock: Callable[[], float] = time.time):
        self._stream = stream
        self._clock = clock

    def __call__(self, event: Event) -> None:
        stream = self._stream or sys.stderr
        stamp = time.strftime("%H:%M:%S", time.localtime(self._clock()))
        details = " ".join(f"{k}={v}" for k, v in event.data.items())
        print(f"{stamp} {event.kind} {details}".rstrip(), file=stream, flush=True)
