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
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import tenacity

from crawler.edgar import Endpoints, origin_of
from crawler.errors import (
    ForeignHostError,
    NotFound,
    RequestFailed,
    RequestRejected,
    ResponseTooLarge,
    Throttled,
    UserAgentRefused,
)
from crawler.limiter import RateLimiter
from foundation.defaults import THROTTLE_PAUSE
from foundation.errors import TransientError
from foundation.identifiers import USER_AGENT_REMEDY, check_user_agent

__all__ = ["EdgarClient", "FetchStats"]

_ERROR_BODY_LIMIT = 64_000
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
        max_bytes: int = 50_000_000,
        retry_wait: Callable[[tenacity.RetryCallState], float] = DEFAULT_RETRY_WAIT,
        max_attempts: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        throttle_pause: float = THROTTLE_PAUSE,
        max_throttles: int = 3,
        max_connections: int = 16,
    ) -> None:
        self.user_agent = check_user_agent(user_agent)
        self.endpoints = endpoints
        self.max_bytes = max_bytes
        self.stats = FetchStats()
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

    def get(self, url: str, *, max_bytes: int | None = None) -> bytes:
        """Return the body of ``url``; retry transient failures, raise terminal ones at once.

        SEC's throttle page pauses every request on the machine for ``throttle_pause`` seconds,
        then the request is tried again; after ``max_throttles`` throttles in a row ``Throttled``
        is raised (the pause stays in force, shared through the limiter's lock file).
        ``max_bytes`` overrides the client's limit for this request (quarterly indexes).
        """
        for attempt in range(1, self._max_throttles + 1):
            try:
                return self._get_retrying(url, max_bytes or self.max_bytes)
            except Throttled:
                self._limiter.pause(self.throttle_pause)
                self.stats.add(throttled=1)
                if attempt == self._max_throttles:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_retrying(self, url: str, max_bytes: int) -> bytes:
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception(_is_retryable),
            sleep=self._sleep,
            before_sleep=self._count_retry,
        )
        try:
            return retrying(self._attempt, url, max_bytes)
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

    def _attempt(self, url: str, max_bytes: int) -> bytes:
        try:
            with self._http.stream("GET", url) as response:
                _raise_for_status(response, url, self.throttle_pause)
                return self._read_body(response, url, max_bytes)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise RequestFailed(f"GET {url} failed: {exc!r}", url=url) from exc
        except httpx.TooManyRedirects as exc:
            raise RequestRejected(f"GET {url}: too many redirects", url=url) from exc

    def _read_body(self, response: httpx.Response, url: str, max_bytes: int) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_large(url, f"Content-Length {declared}", max_bytes)
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(url, f"more than {total} bytes received", max_bytes)
            chunks.append(chunk)
        self.stats.add(bytes=total)
        return b"".join(chunks)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        """Back off, but never sooner than the server's ``Retry-After``."""
        backoff = self._retry_wait(state)
        exc = state.outcome.exception() if state.outcome else None
        hint = getattr(exc, "retry_after", None) or 0.0
        return max(backoff, hint)

    def _count_retry(self, state: tenacity.RetryCallState) -> None:
        self.stats.add(retries=1)


def _too_large(url: str, seen: str, max_bytes: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"GET {url}: {seen} exceeds the limit of {max_bytes} bytes; "
        "raise max_bytes if this document is genuinely that large",
        url=url,
    )


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
