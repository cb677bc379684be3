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

__all__ = ["ConnectionReset", "Latency", "ServerError", "TruncatedBody"]


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
