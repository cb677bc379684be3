"""Request/response values and the behaviour hook of the stand-in, free of any socket code.

A request passes through the behaviours' ``before`` hooks in order (the first that returns a
response answers it: the User-Agent gate now; a rate limiter, fault injection later), then the
routing table, then every ``after`` hook (later: gzip, Last-Modified). Keeping these plain
values lets a behaviour be unit-tested without a server.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lab.standin.pages import undeclared_tool_html

__all__ = ["Behaviour", "Request", "RequestRecord", "Response", "UserAgentGate"]

# SEC's rule: the User-Agent must declare a contact, "Sample Company Name admin@company.com".
_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z0-9-]+")


@dataclass(frozen=True)
class Request:
    """One HTTP request as the routing and behaviours see it."""

    method: str  # "GET" or "HEAD"
    path: str  # raw path, still percent-encoded, without the query
    query: str
    headers: Mapping[str, str]  # lower-case names
    time: float  # the server clock (monotonic) when the request arrived
    client: str = "127.0.0.1"  # the peer's IP address (SEC counts requests per IP + agent)

    @property
    def user_agent(self) -> str | None:
        return self.headers.get("user-agent")


@dataclass
class Response:
    """What the server writes back; HEAD drops the body but keeps its length."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    # Faults (``faults.py``): announce this Content-Length (none when ``truncated`` and None)
    # but send only ``body`` and close; or reset the connection instead of answering at all.
    declared_length: int | None = None
    reset: bool = False
    truncated: bool = False


@dataclass(frozen=True)
class RequestRecord:
    """One line of the server's request log (tests count and time requests with it)."""

    time: float
    method: str
    path: str  # as requested, including any query string
    status: int
    user_agent: str | None


class Behaviour:
    """A hook around routing. Override ``before`` to answer early, ``after`` to rewrite."""

    def before(self, request: Request) -> Response | None:
        """Return a response to answer the request without routing it; None to go on."""
        return None

    def after(self, request: Request, response: Response) -> Response:
        """Return the response to send (the routed one, or a replacement)."""
        return response


class UserAgentGate(Behaviour):
    """SEC's 403 for requests that do not declare who is asking (no e-mail in User-Agent)."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def before(self, request: Request) -> Response | None:
        if request.user_agent and _EMAIL.search(request.user_agent):
            return None
        reference = f"0.{next(self._ids):x}.{int(request.time * 1000) & 0xFFFFFFFF:x}"
        return Response(403, undeclared_tool_html(reference), "text/html",
                        {"Cache-Control": "no-cache, no-store, must-revalidate"})
