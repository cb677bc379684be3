"""Fakes for the seams absdw injects: a clock that moves only when told or slept on."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FakeClock"]


@dataclass
class FakeClock:
    """``clock()`` is the time; ``clock.sleep(s)`` moves it on by ``s`` and records the sleep;
    a test may also set ``clock.now``. Pass ``clock`` as a clock and ``clock.sleep`` as a sleep
    (the rate limiter, the HTTP client's retries, the stand-in's throttle, progress sinks)."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
