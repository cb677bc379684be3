"""A token bucket of capacity one: requests leave evenly spaced, at most ``rate`` per second.

SEC counts requests per machine across processes and blocks bursts for ten minutes, so the
bucket holds a single token (no bursts, ever) and, given ``lock_path``, its state lives in a
small file guarded by a file lock so every absdw process on the machine shares one schedule.

The state is "the earliest time the next request may go" plus "paused until": a caller takes
the token only when both have passed, and moves the first to ``now + 1/rate`` measured at that
moment, so the spacing holds between the real departure times, not just between reservations.
``pause()`` is how SEC's throttle page stops every thread and every process at once: while
SEC's block lasts any request extends it, so none may leave until the pause is over.

The shared file is input like any other: a value that is not a finite number is ignored (the
token is free), and a pause further ahead than ``max_pause`` (``edgar.throttle_pause``) is cut
back to it, so a corrupt or hostile lock file can neither crash nor hang every sync. Each wait
longer than a pacing slot is announced to ``on_wait`` with what absdw is waiting for.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

from foundation.defaults import SEC_MAX_RATE, THROTTLE_PAUSE
from foundation.durable import atomic_write
from foundation.errors import ConfigError

__all__ = ["RateLimiter", "WaitSink", "ignore_wait"]

#: (what absdw is waiting for, seconds): where waits are announced (progress, logs).
WaitSink = Callable[[str, float], None]


def ignore_wait(what: str, seconds: float) -> None:
    """The library default: wait silently."""



class RateLimiter:
    """Blocks in ``acquire()`` until a request may be sent.

    ``clock`` defaults to ``time.monotonic`` in-process and to ``time.time`` when
    ``lock_path`` is given, since a shared schedule needs a clock every process agrees on.
    ``jitter_allowance=0.02`` (what absdw uses) runs at 98% of ``rate``: 20 ms of uneven
    delay per window cannot push a request into the previous second.
    """

    def __init__(
        self,
        rate: float = SEC_MAX_RATE,
        *,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        lock_path: Path | None = None,
        jitter_allowance: float = 0.0,
        max_pause: float = THROTTLE_PAUSE,
        on_wait: WaitSink = ignore_wait,
    ) -> None:
        if not 0 < rate <= SEC_MAX_RATE:
            raise ConfigError(
                f"request rate {rate!r}/s is not allowed: SEC permits at most "
                f"{SEC_MAX_RATE:g} requests per second; choose 0 < rate <= {SEC_MAX_RATE:g}"
            )
        self.rate = rate
        # One microsecond of slack per slot keeps float rounding from ever fitting rate + 1
        # requests in a second; nobody can measure it, SEC's counter included.
        # ``jitter_allowance`` (seconds per 1-second window) widens every slot so that requests
        # delayed unevenly on their way (thread wake-ups, network) still arrive more than one
        # second apart at the server: SEC counts arrivals, not departures.
        self.interval = (1.0 + jitter_allowance) / rate + 1e-6
        self._sleep = sleep
        self._thread_lock = threading.Lock()
        self._state: _State = (
            _FileState(Path(lock_path)) if lock_path is not None else _MemoryState()
        )
        self._clock = clock or (time.time if lock_path is not None else time.monotonic)
        self._taken_at = float("-inf")
        self._max_pause = max_pause
        self._on_wait = on_wait
        self._where = str(lock_path) if lock_path is not None else "this process"
        self.blocked_seconds = 0.0
        """Seconds of pause this limiter added (the "time blocked" of a run's summary)."""

    def acquire(self) -> float:
        """Wait for the token, take it, and return the clock time at which it was taken."""
        announced = False
        while True:
            wait = self._try_take()
            if wait <= 0:
                return self._taken_at
            if wait > 2 * self.interval and not announced:  # a pause, not pacing
                self._on_wait(f"a pause of every absdw request, shared through {self._where}",
                              wait)
                announced = True
            self._sleep(wait)

    def pause(self, seconds: float) -> float:
        """Let no request leave for ``seconds`` from now (never shortens a longer pause).

        Returns the clock time the pause ends; other processes sharing the lock file see it.
        """
        with self._thread_lock, self._state:
            now = self._clock()
            next_free, paused = self._state.read()
            until = max(paused, now + seconds)
            self.blocked_seconds += until - max(paused, now)
            self._state.write(next_free, until)
            return until

    def paused_until(self) -> float:
        """The clock time the current pause ends (in the past when there is none)."""
        with self._thread_lock, self._state:
            return self._state.read()[1]

    def _try_take(self) -> float:
        """Take the token if free (returns 0) or return how long until it will be."""
        with self._thread_lock, self._state:
            now = self._clock()
            next_free, paused = self._state.read()
            if paused > now + self._max_pause:  # no pause is ever set that long: corrupt
                self._on_wait(f"{self._where} held a pause {paused - now:,.0f} s long, beyond "
                              f"edgar.throttle_pause; cut to {self._max_pause:g} s",
                              self._max_pause)
                paused = now + self._max_pause
                self._state.write(next_free, paused)
            if next_free > now + self.interval:
                # Only a wall clock stepped backwards puts the slot further ahead than one
                # interval: pull it back rather than stall every process for the jump.
                next_free = now + self.interval
                self._state.write(next_free, paused)
            if now < max(next_free, paused):
                return max(next_free, paused) - now
            self._state.write(now + self.interval, paused)
            self._taken_at = now
            return 0.0


_NEVER = float("-inf")


class _State:
    """Where (next-free time, paused-until time) live; entering it excludes other holders."""

    def read(self) -> tuple[float, float]:
        raise NotImplementedError

    def write(self, next_free: float, paused_until: float) -> None:
        raise NotImplementedError

    def __enter__(self) -> _State:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _MemoryState(_State):
    def __init__(self) -> None:
        self._values = (_NEVER, _NEVER)

    def read(self) -> tuple[float, float]:
        return self._values

    def write(self, next_free: float, paused_until: float) -> None:
        self._values = (next_free, paused_until)


class _FileState(_State):
    """``<lock_path>`` is the lock; ``<lock_path>.next`` holds "next-free [paused-until]"
    wall times (a file with one number, as older versions wrote, means no pause)."""

    def __init__(self, lock_path: Path) -> None:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(lock_path))
        self._path = lock_path.with_name(lock_path.name + ".next")

    def __enter__(self) -> _FileState:
        # The lock is held for microseconds, so poll it far faster than filelock's 50 ms default.
        self._lock.acquire(poll_interval=0.001)
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def read(self) -> tuple[float, float]:
        """A missing or unreadable file means nobody has sent yet: the token is free."""
        try:
            values = [float(v) for v in self._path.read_text(encoding="ascii").split()]
        except (OSError, ValueError, UnicodeDecodeError):
            return (_NEVER, _NEVER)
        if not 1 <= len(values) <= 2 or any(math.isnan(v) or v == math.inf for v in values):
            return (_NEVER, _NEVER)
        return (values[0], values[1] if len(values) == 2 else _NEVER)

    def write(self, next_free: float, paused_until: float) -> None:
        # rewritten for every request: atomic, but not worth an fsync (a lost schedule after a
        # power cut only means the next request may leave at once)
        atomic_write(self._path, f"{next_free!r} {paused_until!r}".encode("ascii"),
                     durable=False)
