"""The one HTTP client of the crawler: polite, bounded, and explicit about every failure.

Every request (first tries, retries and redirect hops alike) passes the shared rate limiter in
an httpx request hook, which also refuses any host outside the configured endpoints, so a
redirect can never take the crawler, or its User-Agent, somewhere else.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import tenacity

from crawler.edgar import Endpoints, origin_of
from crawler.errors import (
    UA_REMEDY,
    ForeignHostError,
    NotFound,
    RequestRejected,
    ResponseTooLarge,
    Throttled,
    TransientError,
    UserAgentError,
)
from crawler.limiter import RateLimiter

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_ERROR_BODY_LIMIT = 64_000
DEFAULT_RETRY_WAIT: Callable[[tenacity.RetryCallState], float] = (
    tenacity.wait_exponential_jitter(initial=1.0, max=60.0, jitter=1.0)
)
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass
class FetchStats:
    """Counters for reporting and benchmarks: every request sent, and body bytes kept."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0


def check_user_agent(user_agent: str) -> str:
    """SEC blocks requests whose User-Agent lacks a contact; demand a name and an e-mail."""
    value = (user_agent or "").strip()
    if not _EMAIL.search(value):
        raise UserAgentError(f"User-Agent {value!r} has no contact e-mail: {UA_REMEDY}")
    return value


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
        self._http = httpx.Client(
            transport=transport,
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

    def get(self, url: str) -> bytes:
        """Return the body of ``url``; retry transient failures, raise terminal ones at once."""
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception(_is_retryable),
            sleep=self._sleep,
            before_sleep=self._count_retry,
        )
        try:
            return retrying(self._attempt, url)
        except tenacity.RetryError as exc:
            last = exc.last_attempt.exception()
            raise TransientError(
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
        self.stats.requests += 1

    def _attempt(self, url: str) -> bytes:
        try:
            with self._http.stream("GET", url) as response:
                _raise_for_status(response, url)
                return self._read_body(response, url)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise TransientError(f"GET {url} failed: {exc!r}", url=url) from exc
        except httpx.TooManyRedirects as exc:
            raise RequestRejected(f"GET {url}: too many redirects", url=url) from exc

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(url, f"Content-Length {declared}")
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise self._too_large(url, f"more than {total} bytes received")
            chunks.append(chunk)
        self.stats.bytes += total
        return b"".join(chunks)

    def _too_large(self, url: str, seen: str) -> ResponseTooLarge:
        return ResponseTooLarge(
            f"GET {url}: {seen} exceeds the limit of {self.max_bytes} bytes; "
            "raise max_bytes if this document is genuinely that large",
            url=url,
        )

    def _wait(self, state: tenacity.RetryCallState) -> float:
        """Back off, but never sooner than the server's ``Retry-After``."""
        backoff = self._retry_wait(state)
        exc = state.outcome.exception() if state.outcome else None
        hint = getattr(exc, "retry_after", None) or 0.0
        return max(backoff, hint)

    def _count_retry(self, state: tenacity.RetryCallState) -> None:
        self.stats.retries += 1


def _is_retryable(exc: BaseException) -> bool:
    """Transient errors are retried, except SEC's throttle page: more requests extend it."""
    return isinstance(exc, TransientError) and not isinstance(exc, Throttled)


def _raise_for_status(response: httpx.Response, url: str) -> None:
    """Map an HTTP status to the crawler's error tree; 2xx passes."""
    status = response.status_code
    if 200 <= status < 300:
        return
    if status in (404, 410):
        raise NotFound(
            f"HTTP {status} for {url}: EDGAR has no such document; recorded, not retried",
            url=url,
        )
    if status == 429 or status >= 500:
        raise TransientError(
            f"HTTP {status} for {url}", url=url, retry_after=_retry_after(response)
        )
    if status == 403:
        _raise_for_forbidden(response, url)
    raise RequestRejected(
        f"HTTP {status} for {url}: EDGAR refused the request; check the URL", url=url, status=status
    )


def _raise_for_forbidden(response: httpx.Response, url: str) -> None:
    """SEC answers both an undeclared tool and a rate breach with a 403 page; tell them apart."""
    body = _read_some(response).decode("utf-8", "replace")
    if "Undeclared Automated Tool" in body:
        raise UserAgentError(
            f"HTTP 403 for {url}: SEC says the request comes from an undeclared automated "
            f"tool; {UA_REMEDY}, then wait 10 minutes before retrying",
            url=url,
        )
    if "Request Rate Threshold Exceeded" in body:
        raise Throttled(
            f"HTTP 403 for {url}: SEC's request rate threshold was exceeded; stop all "
            "requests from this machine for 10 minutes, then resume",
            url=url,
            retry_after=Throttled.pause_seconds,
        )


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
