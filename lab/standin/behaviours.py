"""SEC's server behaviours as ``Behaviour`` hooks: rate limit, unpublished indexes, gzip, 304.

Each is off unless added to a server (``StandinServer(behaviours=...)`` or
``StandinServer.with_sec_behaviours``); the User-Agent gate is the only default. They are
thread-safe because the server answers requests on many threads at once.
"""

from __future__ import annotations

import gzip
import itertools
import threading
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from pathlib import Path

from lab.standin.messages import Behaviour, Request, Response
from lab.standin.pages import rate_limited_html
from lab.standin.static import resolve_under

__all__ = ["ConditionalGet", "Gzip", "RateLimit", "UnpublishedIndex", "access_denied_xml"]

_NO_STORE = {"Cache-Control": "no-cache, no-store, must-revalidate"}


class RateLimit(Behaviour):
    """SEC's fair-access rule: at most ``limit`` requests in any 1-second window per client.

    A client is (IP address, User-Agent). The request that would be the ``limit+1``-th within a
    second gets the "Request Rate Threshold Exceeded" page (``status`` 403 as SEC sends it, or
    429) with no Retry-After, and starts a block of ``block_seconds``; every request during the
    block is refused the same way and restarts the block from its own arrival.
    ``violations`` counts windows that went over the limit (one per block started);
    ``blocked_requests`` counts refused requests. Benchmarks assert both stay zero.
    """

    def __init__(self, limit: int = 10, block_seconds: float = 600.0, status: int = 403,
                 window: float = 1.0) -> None:
        if status not in (403, 429):
            raise ValueError(f"status must be 403 (SEC's) or 429, got {status}")
        self.limit, self.block_seconds, self.status, self.window = (
            limit, block_seconds, status, window)
        self.violations = 0
        self.blocked_requests = 0
        self._recent: dict[tuple[str, str], deque[float]] = {}
        self._blocked_until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def before(self, request: Request) -> Response | None:
        key = (request.client, request.user_agent or "")
        now = request.time
        with self._lock:
            if now < self._blocked_until.get(key, float("-inf")):
                self._blocked_until[key] = now + self.block_seconds
                self.blocked_requests += 1
                return self._refuse(now)
            recent = self._recent.setdefault(key, deque())
            while recent and recent[0] <= now - self.window:
                recent.popleft()
            if len(recent) >= self.limit:
                self.violations += 1
                self.blocked_requests += 1
                self._blocked_until[key] = now + self.block_seconds
                recent.clear()
                return self._refuse(now)
            recent.append(now)
        return None

    def _refuse(self, now: float) -> Response:
        reference = f"0.{next(self._ids):x}.{int(now * 1000) & 0xFFFFFFFF:x}"
        return Response(self.status, rate_limited_html(reference), "text/html", dict(_NO_STORE))


def access_denied_xml(request_id: str) -> bytes:
    """The S3-style 403 www.sec.gov answers for an index file that does not exist.

    Archives sit in an object store that denies listing, so a missing key answers
    ``AccessDenied`` (403), not ``NoSuchKey``; edgartools already recognises that store's XML
    errors (``sgml_parser.py`` checks ``<Code>NoSuchKey</Code>``). The body shares nothing with
    the throttle page, so a client can tell "no index that day" from "slow down".
    """
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
            f"<Message>Access Denied</Message><RequestId>{escape(request_id)}</RequestId>"
            "</Error>").encode()


class UnpublishedIndex(Behaviour):
    """403 ``AccessDenied`` for daily/quarterly index files EDGAR never published.

    ``EdgarTree.write_indexes`` writes an index for every business day it covers, so a missing
    file under ``prefixes`` is a weekend, holiday, future or not-yet-published day.
    """

    def __init__(self, root: Path, prefixes: Sequence[str] = (
            "/Archives/edgar/daily-index/", "/Archives/edgar/full-index/")) -> None:
        self.root, self.prefixes = Path(root), tuple(prefixes)
        self._ids = itertools.count(1)

    def before(self, request: Request) -> Response | None:
        if not request.path.startswith(self.prefixes) or not request.path.endswith(".idx"):
            return None
        try:
            target = resolve_under(self.root, request.path)
        except UnicodeDecodeError:
            target = None
        if target is not None and target.is_file():
            return None
        body = access_denied_xml(f"{next(self._ids):016X}")
        return Response(403, body, "application/xml")


class Gzip(Behaviour):
    """``Content-Encoding: gzip`` for text bodies when the client accepts it, as SEC does."""

    TEXT_TYPES = ("text/", "application/json", "application/xml", "application/atom+xml")

    def __init__(self, min_size: int = 0) -> None:
        self.min_size = min_size

    def after(self, request: Request, response: Response) -> Response:
        accepts = request.headers.get("accept-encoding", "")
        if ("gzip" not in [p.split(";")[0].strip() for p in accepts.split(",")]
                or not response.content_type.startswith(self.TEXT_TYPES)
                or "Content-Encoding" in response.headers or len(response.body) < self.min_size
                or response.status in (204, 304)):
            return response
        headers = {**response.headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(response.status, gzip.compress(response.body, mtime=0),
                        response.content_type, headers, response.declared_length, response.reset)


class ConditionalGet(Behaviour):
    """``Last-Modified`` on Archives files (their mtime) and 304 for ``If-Modified-Since``."""

    def __init__(self, root: Path, prefix: str = "/Archives/") -> None:
        self.root, self.prefix = Path(root), prefix

    def _modified(self, request: Request) -> datetime | None:
        if not request.path.startswith(self.prefix):
            return None
        try:
            target = resolve_under(self.root, request.path)
        except UnicodeDecodeError:
            return None
        if target is None or not target.is_file():
            return None
        return datetime.fromtimestamp(int(target.stat().st_mtime), UTC)

    def after(self, request: Request, response: Response) -> Response:
        modified = self._modified(request) if response.status == 200 else None
        if modified is None:
            return response
        stamp = format_datetime(modified, usegmt=True)
        since = _parse_http_date(request.headers.get("if-modified-since"))
        if since is not None and modified <= since:
            return Response(304, b"", response.content_type, {"Last-Modified": stamp})
        return Response(response.status, response.body, response.content_type,
                        {**response.headers, "Last-Modified": stamp},
                        response.declared_length, response.reset)


def _parse_http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
