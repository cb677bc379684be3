"""The limiter spaces requests evenly, alone and across processes sharing a lock file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.limiter import RateLimiter
from foundation.errors import ConfigError
from lab.fakes import FakeClock

ROOT = Path(__file__).resolve().parents[2]


def most_in_any_second(times: list[float]) -> int:
    """The largest number of times inside any half-open window [t, t + 1)."""
    ordered = sorted(times)
    return max(sum(1 for u in ordered if t <= u < t + 1.0) for t in ordered)


def test_requests_leave_at_evenly_spaced_slots() -> None:
    clock = FakeClock()
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep)
    times = [limiter.acquire() for _ in range(5)]
    assert times == pytest.approx([0.0, 0.25, 0.5, 0.75, 1.0], abs=1e-5)
    assert clock.sleeps == pytest.approx([0.25] * 4, abs=1e-5)
    assert most_in_any_second(times) == 4


def test_an_idle_limiter_sends_at_once_but_never_bursts() -> None:
    clock = FakeClock()
    limiter = RateLimiter(8, clock=clock, sleep=clock.sleep)
    limiter.acquire()
    clock.now = 100.0  # long idle: capacity is one token, not 800
    assert [limiter.acquire() for _ in range(3)] == pytest.approx([100.0, 100.125, 100.25],
                                                                  abs=1e-5)


def test_default_rate_is_sec_ten_per_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    times = [limiter.acquire() for _ in range(25)]
    assert times[-1] == pytest.approx(2.4, abs=1e-4)
    assert most_in_any_second(times) == 10


@pytest.mark.parametrize("rate", [10.5, 11, 100, 0, -1])
def test_rates_sec_would_punish_or_nonsense_are_refused(rate: float) -> None:
    with pytest.raises(ConfigError, match="at most 10 requests per second"):
        RateLimiter(rate)


def test_two_limiters_sharing_a_lock_file_share_one_schedule(tmp_path: Path) -> None:
    clock = FakeClock(1_000.0)
    lock = tmp_path / "limiter.lock"
    a = RateLimiter(4, clock=clock, sleep=clock.sleep, lock_path=lock)
    b = RateLimiter(4, clock=clock, sleep=clock.sleep, lock_path=lock)
    assert [a.acquire(), b.acquire(), a.acquire(), b.acquire()] == pytest.approx(
        [1_000.0, 1_000.25, 1_000.5, 1_000.75], abs=1e-5)
    assert float((tmp_path / "limiter.lock.next").read_text().split()[0]) == pytest.approx(
        1_001.0, abs=1e-5)


def test_a_wall_clock_stepped_back_costs_one_interval_not_the_jump(tmp_path: Path) -> None:
    lock = tmp_path / "limiter.lock"
    (tmp_path / "limiter.lock.next").write_text("5000.0")  # written before the clock stepped back
    clock = FakeClock(1_000.0)
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep, lock_path=lock)
    assert limiter.acquire() == pytest.approx(1_000.25, abs=1e-5)
    assert clock.sleeps == pytest.approx([0.25], abs=1e-5)


def test_an_unreadable_state_file_means_the_token_is_free(tmp_path: Path) -> None:
    (tmp_path / "limiter.lock.next").write_text("garbage")
    clock = FakeClock(7.0)
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep, lock_path=tmp_path / "limiter.lock")
    assert limiter.acquire() == 7.0
    assert clock.sleeps == []


CHILD = """
import sys
from pathlib import Path
from crawler.limiter import RateLimiter

limiter = RateLimiter(10, lock_path=Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # the parent says go once both children are ready
for _ in range(int(sys.argv[2])):
    # The slot time the limiter granted (wall clock in lock-file mode); printing time.time()
    # after the fact would also measure this child's scheduling delays on a loaded machine.
    print(repr(limiter.acquire()), flush=True)
"""


@pytest.mark.slow
def test_two_processes_together_stay_within_ten_per_second(tmp_path: Path) -> None:
    """Two real processes, one lock file: together they keep SEC's 10/s, in wall-clock time."""
    argv = [sys.executable, "-c", CHILD, str(tmp_path / "limiter.lock"), "30"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=env, cwd=ROOT) for _ in range(2)]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=30)[0] for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert [proc.returncode for proc in procs] == [0, 0]
    times = [float(line) for out in outputs for line in out.split()]
    assert len(times) == 60
    assert most_in_any_second(times) <= 10
    # Evenly spaced means the 60 requests took ~5.9 s, not 2.9 s (each alone at 10/s).
    assert max(times) - min(times) >= 5.8
