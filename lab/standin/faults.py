"""Injectable faults for tests and benchmarks: latency, 5xx, connection resets, short bodies.

Each fault applies to requests whose path starts with one of its ``prefixes`` ("/" = all) and
fires either on given request numbers (``nth``: 1-based counts of matching requests) or with a
probability ``p`` from a seeded generator, so a failing run can be replayed exactly.
Latency sleeps on the request's own server thread, so concurrent requests overlap (the server
is threaded) and a client's parallelism, not the stand-in, decides the crawl rate.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Collection, Sequence

from lab.standin.messages import Behaviour, Request, Response
from lab.standin.pages import rate_limited_html

__all__ = ["ConnectionReset", "Garbage", "Latency", "ServerError", "ThrottleEpisode",
           "TruncatedBody", "WrongDocument"]


class _Trigger(Behaviour):
    """Counts matching requests and decides, thread-safely, whether this one is hit."""

    def __init__(self, *, prefixes: Sequence[str] = ("/",), nth: Collection[int] = (),
                 p: float = 0.0, seed: int | None = 0) -> None:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be within 0..1, got {p}")
        self.prefixes, self.nth, self.p = tuple(prefixes), frozenset(nth), p
        self._random = random.Random(seed)
        self._count = 0
        self._lock = threading.Lock()
        self.fired = 0  # how many requests this fault hit

    def matches(self, request: Request) -> bool:
        return request.path.startswith(self.prefixes)

    def hit(self, request: Request) -> bool:
        if not self.matches(request):
            return False
        with self._lock:
            self._count += 1
            chosen = self._count in self.nth or (self.p > 0 and self._random.random() < self.p)
            self.fired += chosen
        return chosen


class Latency(Behaviour):
    """Delay every matching request by ``ms`` (or uniformly within ``ms=(low, high)``)."""

    def __init__(self, ms: float | tuple[float, float], prefixes: Sequence[str] = ("/",),
                 seed: int | None = 0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.ms, self.prefixes, self.sleep = ms, tuple(prefixes), sleep
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def before(self, request: Request) -> Response | None:
        if request.path.startswith(self.prefixes):
            if isinstance(self.ms, tuple):
                with self._lock:
                    delay = self._random.uniform(*self.ms)
            else:
                delay = self.ms
            self.sleep(delay / 1000.0)
        return None


class ServerError(_Trigger):
    """Answer ``status`` (5xx) instead of the file, like an overloaded SEC front end."""

    def __init__(self, status: int = 503, *, prefixes: Sequence[str] = ("/",),
                 nth: Collection[int] = (), p: float = 0.0, seed: int | None = 0) -> None:
        if not 500 <= status <= 599:
            raise ValueError(f"status must be a 5xx, got {status}")
        super().__init__(prefixes=prefixes, nth=nth, p=p, seed=seed)
        self.status = status

    def before(self, request: Request) -> Response | None:
        if not self.hit(request):
            return None
        body = f"<html><body><h1>{self.status} Server Error</h1></body></html>\n".encode()
        return Response(self.status, body, "text/html")


class ConnectionReset(_Trigger):
    """Reset the TCP connection without answering (the client sees ECONNRESET)."""

    def before(self, request: Request) -> Response | None:
        return Response(0, b"", "text/plain", reset=True) if self.hit(request) else None


class TruncatedBody(_Trigger):
    """Send the real headers and only ``fraction`` of the body, then close the connection.

    ``announce`` says what Content-Length tells the client: ``"full"`` the whole size (a
    client must notice the short read), ``"cut"`` the size actually sent (only the body itself
    can tell: a gzip stream without its end, an SGML submission without its closing tag), or
    ``"none"`` no length at all (the body ends when the connection closes).
    """

    def __init__(self, fraction: float = 0.5, *, announce: str = "full",
                 prefixes: Sequence[str] = ("/",), nth: Collection[int] = (), p: float = 0.0,
                 seed: int | None = 0) -> None:
        if announce not in ("full", "cut", "none"):
            raise ValueError(f"announce must be full, cut or none, got {announce!r}")
        super().__init__(prefixes=prefixes, nth=nth, p=p, seed=seed)
        self.fraction, self.announce = fraction, announce

    def after(self, request: Request, response: Response) -> Response:
        if response.status != 200 or not response.body or not self.hit(request):
            return response
        cut = int(len(response.body) * self.fraction)
        declared = {"full": len(response.body), "cut": cut, "none": None}[self.announce]
        return Response(response.status, response.body[:cut], response.content_type,
                        dict(response.headers), declared_length=declared, truncated=True)


class WrongDocument(_Trigger):
    """Serve another submission than the one asked for (a mis-routed CDN object): the body is
    whole, so only its header's ACCESSION NUMBER tells the client it is not the filing."""

    def __init__(self, *, nth: Collection[int] = (), p: float = 0.0, seed: int | None = 0) -> None:
        super().__init__(prefixes=("/Archives/edgar/data/",), nth=nth, p=p, seed=seed)
        self._previous: bytes | None = None
        self.swapped = 0

    def after(self, request: Request, response: Response) -> Response:
        if response.status != 200 or not request.path.endswith(".txt"):
            return response
        previous, self._previous = self._previous, response.body
        if previous is None or previous == response.body or not self.hit(request):
            return response
        self.swapped += 1
        return Response(200, previous, response.content_type, dict(response.headers))


class Garbage(_Trigger):
    """Replace a body with bytes that are no EDGAR document (a proxy's error page, a junk
    JSON): the client must refuse it, and retry or record it."""

    def __init__(self, *, prefixes: Sequence[str] = ("/submissions/",), nth: Collection[int] = (),
                 p: float = 0.0, seed: int | None = 0) -> None:
        super().__init__(prefixes=prefixes, nth=nth, p=p, seed=seed)

    def after(self, request: Request, response: Response) -> Response:
        if response.status != 200 or not self.hit(request):
            return response
        return Response(200, b'{"cik": "0000000001", "filings": {"rec' + b"\x00" * 64,
                        response.content_type, dict(response.headers))


class ThrottleEpisode(_Trigger):
    """SEC's throttle starting at random (another program behind the same IP): the chosen
    request gets the "Request Rate Threshold Exceeded" page and a block of ``block_seconds``
    starts; every request during the block is refused too and counted in ``during_block``
    (a polite client sends none)."""

    def __init__(self, block_seconds: float = 2.0, *, nth: Collection[int] = (), p: float = 0.0,
                 seed: int | None = 0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(nth=nth, p=p, seed=seed)
        self.block_seconds, self.clock = block_seconds, clock
        self._until = float("-inf")
        self.episodes = 0
        self.during_block = 0

    def before(self, request: Request) -> Response | None:
        now = self.clock()
        with self._lock:
            if now < self._until:
                self.during_block += 1
                return Response(403, rate_limited_html("0.soak"), "text/html")
        if not self.hit(request):
            return None
        with self._lock:
            self._until = now + self.block_seconds
            self.episodes += 1
        return Response(403, rate_limited_html("0.soak"), "text/html")
