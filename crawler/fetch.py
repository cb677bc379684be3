"""The one HTTP client of the crawler: polite, bounded, and explicit about every failure.

Every request (first tries, retries and redirect hops alike) passes the shared rate limiter in
an httpx request hook, which also refuses any host outside the configured endpoints, so a
redirect can never take the crawler, or its User-Agent, somewhere else.

The client is safe to share between threads (``crawl.fetch_filings`` runs several requests at
once): httpx's pool is thread-safe, the limiter is, and the counters take a lock.
SEC's throttle page pauses the shared limiter for ``throttle_pause`` seconds, which stops every
thread and every absdw process on the machine; the request is then tried again.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import httpx
import tenacity

from crawler.body import BodyLimits, stream_body
from crawler.edgar import Endpoints, origin_of
from crawler.errors import (
    BodyIncomplete,
    ForeignHostError,
    NotFound,
    RequestFailed,
    RequestRejected,
    Throttled,
    UserAgentRefused,
)
from crawler.limiter import RateLimiter, WaitSink, ignore_wait
from foundation.defaults import MAX_BYTES, THROTTLE_PAUSE
from foundation.durable import replacing
from foundation.errors import TransientError
from foundation.identifiers import USER_AGENT_REMEDY, check_user_agent

__all__ = ["EdgarClient", "FetchStats"]

_ERROR_BODY_LIMIT = 64_000
_T = TypeVar("_T")
#: Body -> why it is not a whole document, or None (``crawler.edgar.incomplete_*``).
Completeness = Callable[[bytes], str | None]
DEFAULT_RETRY_WAIT: Callable[[tenacity.RetryCallState], float] = (
    tenacity.wait_exponential_jitter(initial=1.0, max=60.0, jitter=1.0)
)
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


_THROTTLE_PHRASES = ("request rate threshold exceeded", "exceeded the rate")
_MISSING_KEY_CODES = (b"<Code>AccessDenied</Code>", b"<Code>NoSuchKey</Code>")


@dataclass
class FetchStats:
    """Counters for reporting and benchmarks: every request sent, and body bytes kept."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0
    throttled: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def add(self, **counts: int) -> None:
        """Add to counters from any thread."""
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


class EdgarClient:
    """GETs EDGAR URLs as bytes, with SEC's rate limit, retries and size limit applied."""

    def __init__(
        self,
        user_agent: str,
        endpoints: Endpoints,
        *,
        limiter: RateLimiter,
        transport: httpx.BaseTransport | None = None,
        max_bytes: int = MAX_BYTES,
        retry_wait: Callable[[tenacity.RetryCallState], float] = DEFAULT_RETRY_WAIT,
        max_attempts: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        limits: BodyLimits | None = None,
        throttle_pause: float = THROTTLE_PAUSE,
        max_throttles: int = 3,
        max_connections: int = 16,
        on_wait: WaitSink = ignore_wait,
    ) -> None:
        self.user_agent = check_user_agent(user_agent)
        self.endpoints = endpoints
        self.max_bytes = max_bytes
        self.limits = limits or BodyLimits(max_bytes=max_bytes)
        self.stats = FetchStats()
        self._clock = clock
        self._on_wait = on_wait
        self._limiter = limiter
        self._origins = endpoints.origins()
        self._retry_wait = retry_wait
        self._max_attempts = max_attempts
        self._sleep = sleep
        self.throttle_pause = throttle_pause
        self._max_throttles = max_throttles
        self._http = httpx.Client(
            transport=transport,
            limits=httpx.Limits(max_connections=max_connections,
                                max_keepalive_connections=max_connections),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            event_hooks={"request": [self._before_send]},
        )

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.close()

    @property
    def limiter(self) -> RateLimiter:
        """The shared limiter (its ``blocked_seconds`` is the run's time spent paused)."""
        return self._limiter

    def get(self, url: str, *, max_bytes: int | None = None,
            complete: Completeness | None = None) -> bytes:
        """Return the body of ``url``; retry transient failures, raise terminal ones at once.

        SEC's throttle page pauses every request on the machine for ``throttle_pause`` seconds,
        then the request is tried again; after ``max_throttles`` throttles in a row ``Throttled``
        is raised (the pause stays in force, shared through the limiter's lock file).
        ``max_bytes`` overrides the client's limit for this request (quarterly indexes).
        ``complete`` tells a whole document from a cut one (a submission ends with its closing
        tag, JSON parses): a body it refuses is retried like a short read, never returned.
        """
        limits = self.limits if max_bytes is None else replace(self.limits, max_bytes=max_bytes)
        return self._throttled(url, lambda: self._retrying(
            url, lambda: self._attempt(url, limits, complete)))

    def download(self, url: str, target: Path, *, max_bytes: int | None = None) -> int:
        """Stream the body of ``url`` into ``target`` (never whole in memory) with the same
        retries, limits and checks as :meth:`get`; the file appears only once the body is
        complete (a cut-short attempt leaves nothing). Returns the decoded size."""
        limits = self.limits if max_bytes is None else replace(self.limits, max_bytes=max_bytes)
        return self._throttled(url, lambda: self._retrying(
            url, lambda: self._download_attempt(url, target, limits)))

    def _throttled(self, url: str, request: Callable[[], _T]) -> _T:
        for attempt in range(1, self._max_throttles + 1):
            try:
                return request()
            except Throttled:
                self._on_wait(f"SEC's rate threshold page for {url}: every absdw request "
                              "stops", self.throttle_pause)
                self._limiter.pause(self.throttle_pause)
                self.stats.add(throttled=1)
                if attempt == self._max_throttles:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _retrying(self, url: str, attempt: Callable[[], _T]) -> _T:
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception(_is_retryable),
            sleep=self._sleep,
            before_sleep=self._count_retry,
        )
        try:
            return retrying(attempt)
        except tenacity.RetryError as exc:
            last = exc.last_attempt.exception()
            raise RequestFailed(
                f"GET {url} still failing after {self._max_attempts} attempts ({last}); "
                "EDGAR may be down or overloaded: run the crawl again later",
                url=url,
            ) from last

    def _before_send(self, request: httpx.Request) -> None:
        """Runs for every request httpx sends, redirect hops included."""
        if origin_of(str(request.url)) not in self._origins:
            raise ForeignHostError(
                f"refusing to request {request.url}: not under the configured EDGAR endpoints "
                f"({self.endpoints.www}, {self.endpoints.data}); redirects elsewhere are not "
                "followed",
                url=str(request.url),
            )
        self._limiter.acquire()
        self.stats.add(requests=1)

    def _attempt(self, url: str, limits: BodyLimits, complete: Completeness | None) -> bytes:
        parts: list[bytes] = []
        self._stream(url, limits, parts.append)
        body = b"".join(parts)
        problem = complete(body) if complete is not None else None
        if problem is not None:
            raise BodyIncomplete(f"GET {url}: {problem}; retrying", url=url)
        self.stats.add(bytes=len(body))
        return body

    def _download_attempt(self, url: str, target: Path, limits: BodyLimits) -> int:
        with replacing(target, durable=False) as temp, open(temp, "wb") as out:
            size = self._stream(url, limits, out.write)
        self.stats.add(bytes=size)
        return size

    def _stream(self, url: str, limits: BodyLimits, sink: Callable[[bytes], object]) -> int:
        """One request: status checked, body decoded into ``sink``; returns its size."""
        started = self._clock()
        try:
            with self._http.stream("GET", url) as response:
                _raise_for_status(response, url, self.throttle_pause)
                return stream_body(*_raw_body(response), url, limits, self._clock, started,
                                   sink)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise RequestFailed(f"GET {url} failed: {exc!r}", url=url) from exc
        except httpx.TooManyRedirects as exc:
            raise RequestRejected(f"GET {url}: too many redirects", url=url) from exc

    def _wait(self, state: tenacity.RetryCallState) -> float:
        """Back off, but never sooner than the server's ``Retry-After``, and never longer than
        ``throttle_pause`` (a hint of years would stall the sync)."""
        backoff = self._retry_wait(state)
        exc = state.outcome.exception() if state.outcome else None
        hint = min(getattr(exc, "retry_after", None) or 0.0, self.throttle_pause)
        wait = max(backoff, hint)
        self._on_wait(f"retrying {getattr(exc, 'url', None) or 'a request'} after: {exc}", wait)
        return wait

    def _count_retry(self, state: tenacity.RetryCallState) -> None:
        self.stats.add(retries=1)


def _raw_body(response: httpx.Response) -> tuple[Iterable[bytes], dict[str, str]]:
    """The body as it came off the wire and the headers that describe it. A response built
    whole (``httpx.MockTransport`` in tests) is already read and decoded by httpx."""
    headers = {k.lower(): v for k, v in response.headers.items()}
    if response.is_stream_consumed:
        headers.pop("content-encoding", None)
        headers["content-length"] = str(len(response.content))
        return [response.content], headers
    return response.iter_raw(), headers


def _is_retryable(exc: BaseException) -> bool:
    """Transient errors are retried, except SEC's throttle page: more requests extend it."""
    return isinstance(exc, TransientError) and not isinstance(exc, Throttled)


def _raise_for_status(response: httpx.Response, url: str, pause: float) -> None:
    """Map an HTTP status to the crawler's error tree; 2xx passes."""
    status = response.status_code
    if 200 <= status < 300:
        return
    if status in (404, 410):
        raise NotFound(
            f"HTTP {status} for {url}: EDGAR has no such document; recorded, not retried",
            url=url,
        )
    if status == 429 and _retry_after(response) is None:
        raise _throttled(status, url, pause)  # SEC's block: no hint, and it sends none
    if status == 429 or status >= 500:
        raise RequestFailed(
            f"HTTP {status} for {url}", url=url, retry_after=_retry_after(response)
        )
    if status == 403:
        _raise_for_forbidden(response, url, pause)
    raise RequestRejected(
        f"HTTP {status} for {url}: EDGAR refused the request; check the URL", url=url, status=status
    )


def _throttled(status: int, url: str, pause: float) -> Throttled:
    return Throttled(
        f"HTTP {status} for {url}: SEC's request rate threshold was exceeded; every request "
        f"from this machine stops for {pause:g} s, then resumes",
        url=url,
        retry_after=pause,
    )


def _raise_for_forbidden(response: httpx.Response, url: str, pause: float) -> None:
    """SEC answers an undeclared tool, a rate breach and a missing archive key (an index of a
    day with no filings) all with 403; only the body tells them apart."""
    raw = _read_some(response)
    if any(code in raw for code in _MISSING_KEY_CODES):
        raise NotFound(
            f"HTTP 403 AccessDenied for {url}: no such file in EDGAR's archive (an index of a "
            "weekend, holiday or a day not yet published); recorded, not retried",
            url=url,
        )
    body = raw.decode("utf-8", "replace")
    if "Undeclared Automated Tool" in body:
        raise UserAgentRefused(
            f"HTTP 403 for {url}: SEC says the request comes from an undeclared automated "
            f"tool; {USER_AGENT_REMEDY}, then wait 10 minutes before retrying",
            url=url,
        )
    if any(phrase in body.lower() for phrase in _THROTTLE_PHRASES):
        raise _throttled(403, url, pause)


def _read_some(response: httpx.Response) -> bytes:
    """Read at most ~64 kB of an error page: enough to recognise it, never a huge body."""
    data = b""
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= _ERROR_BODY_LIMIT:
            break
    return data


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds; an HTTP-date or garbage falls back to plain backoff."""
    try:
        value = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None
