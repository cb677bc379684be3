"""A token bucket of capacity one: requests leave evenly spaced, at most ``rate`` per second.

SEC counts requests per machine across processes and blocks bursts for ten minutes, so the
bucket holds a single token (no bursts, ever) and, given ``lock_path``, its state lives in a
small file guarded by a file lock so every absdw process on the machine shares one schedule.

The state is "the earliest time the next request may go". A caller takes the token only when
that time has come, and moves it to ``now + 1/rate`` measured at that moment, so the spacing
holds between the real departure times, not just between reservations.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

from crawler.errors import ConfigError

SEC_MAX_RATE = 10.0
"""SEC's published ceiling: no more than 10 requests per second, all machines of a user."""


class RateLimiter:
    """Blocks in ``acquire()`` until a request may be sent.

    ``clock`` defaults to ``time.monotonic`` in-process and to ``time.time`` when
    ``lock_path`` is given, since a shared schedule needs a clock every process agrees on.
    """

    def __init__(
        self,
        rate: float = SEC_MAX_RATE,
        *,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        lock_path: Path | None = None,
    ) -> None:
        if not 0 < rate <= SEC_MAX_RATE:
            raise ConfigError(
                f"request rate {rate!r}/s is not allowed: SEC permits at most "
                f"{SEC_MAX_RATE:g} requests per second; choose 0 < rate <= {SEC_MAX_RATE:g}"
            )
        self.rate = rate
        # One microsecond of slack per slot keeps float rounding from ever fitting rate + 1
        # requests in a second; nobody can measure it, SEC's counter included.
        self.interval = 1.0 / rate + 1e-6
        self._sleep = sleep
        self._thread_lock = threading.Lock()
        self._state: _State = (
            _FileState(Path(lock_path)) if lock_path is not None else _MemoryState()
        )
        self._clock = clock or (time.time if lock_path is not None else time.monotonic)
        self._taken_at = float("-inf")

    def acquire(self) -> float:
        """Wait for the token, take it, and return the clock time at which it was taken."""
        while True:
            wait = self._try_take()
            if wait <= 0:
                return self._taken_at
            self._sleep(wait)

    def _try_take(self) -> float:
        """Take the token if free (returns 0) or return how long until it will be."""
        with self._thread_lock, self._state:
            now = self._clock()
            next_free = self._state.read()
            if next_free > now + self.interval:
                # Only a wall clock stepped backwards puts the slot further ahead than one
                # interval: pull it back rather than stall every process for the jump.
                next_free = now + self.interval
                self._state.write(next_free)
            if now < next_free:
                return next_free - now
            self._state.write(now + self.interval)
            self._taken_at = now
            return 0.0


class _State:
    """Where the next-free time lives; entering it excludes the other holders."""

    def read(self) -> float:
        raise NotImplementedError

    def write(self, value: float) -> None:
        raise NotImplementedError

    def __enter__(self) -> _State:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _MemoryState(_State):
    def __init__(self) -> None:
        self._next = float("-inf")

    def read(self) -> float:
        return self._next

    def write(self, value: float) -> None:
        self._next = value


class _FileState(_State):
    """``<lock_path>`` is the lock; ``<lock_path>.next`` holds the next-free wall time."""

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

    def read(self) -> float:
        """A missing or unreadable file means nobody has sent yet: the token is free."""
        try:
            return float(self._path.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return float("-inf")

    def write(self, value: float) -> None:
        tmp = self._path.with_name(f"{self._path.name}.{os.getpid()}.tmp")
        tmp.write_text(repr(value), encoding="ascii")
        os.replace(tmp, self._path)
