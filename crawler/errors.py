"""The crawler's exceptions, under the project's root and its transient / terminal split.

Callers decide what to do from the class alone, never from message text (``foundation.errors``
holds the root and the two markers)::

    CrawlerError (AbsdwError)     root of everything the crawler raises on purpose; ``url``
    ├── RequestFailed             transient: network failure, HTTP 5xx, HTTP 429; ``retry_after``
    │   ├── BodyIncomplete        a body cut short (Content-Length, gzip end, the document's own
    │   │                         end): retried, never stored
    │   └── Throttled             SEC's "Request Rate Threshold Exceeded" page: every request
    │                             stops for ``throttle_pause`` (never retried inside a crawl)
    ├── UserAgentRefused          terminal: SEC answered "Undeclared Automated Tool" (exit 4)
    ├── NotFound                  terminal: HTTP 404/410, recorded, not retried
    ├── RequestRejected           terminal: any other HTTP 4xx, or too many redirects
    ├── ForeignHostError          terminal: a request or redirect outside the endpoints
    ├── ResponseTooLarge          terminal: body above the configured ``max_bytes``
    ├── MalformedResponse         terminal: a response that does not have EDGAR's shape
    ├── UnsafePathError           terminal: a raw-store name that could escape the store's root
    ├── ImmutableViolation        terminal: different bytes offered for a stored accession
    ├── CorruptRawFile            terminal: stored bytes no longer match their ``.sha256``
    └── CorruptStateFile          terminal: the sync-state or file-number cache is unreadable

Invalid settings and identifiers (a rate above 10/s, a malformed CIK, accession or User-Agent)
are ``foundation.errors.ConfigError`` / ``InvalidIdentifier``: the same class whichever stage
checks them. Every message names the URL, CIK or accession involved and what to do next.
"""

from __future__ import annotations

from foundation.errors import AbsdwError, TerminalError, TransientError

__all__ = [
    "BodyIncomplete",
    "CorruptRawFile",
    "CorruptStateFile",
    "CrawlerError",
    "ForeignHostError",
    "ImmutableViolation",
    "MalformedResponse",
    "NotFound",
    "RequestFailed",
    "RequestRejected",
    "ResponseTooLarge",
    "Throttled",
    "UnsafePathError",
    "UserAgentRefused",
]


class CrawlerError(AbsdwError):
    """Root of the crawler's exceptions; ``url`` is set when a request was involved."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class RequestFailed(CrawlerError, TransientError):
    """The request may succeed later. ``retry_after`` is the server's hint in seconds."""

    def __init__(
        self, message: str, *, url: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.retry_after = retry_after


class BodyIncomplete(RequestFailed):
    """The body ended before its end: fewer bytes than announced, a gzip stream without its
    end marker, or a document without its closing tag."""


class Throttled(RequestFailed):
    """SEC has blocked this machine for exceeding 10 requests/s; every request waits."""


class UserAgentRefused(CrawlerError, TerminalError):
    """SEC refused the declared User-Agent as an undeclared automated tool (HTTP 403)."""


class NotFound(CrawlerError, TerminalError):
    """EDGAR has no document at the URL (HTTP 404/410)."""


class RequestRejected(CrawlerError, TerminalError):
    """EDGAR refused the request with a 4xx other than 404/429, or redirected too often."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class ForeignHostError(CrawlerError, TerminalError):
    """A request or redirect pointed outside the configured EDGAR hosts."""


class ResponseTooLarge(CrawlerError, TerminalError):
    """A response body exceeded the configured limit."""


class MalformedResponse(CrawlerError, TerminalError):
    """A response parsed but lacks the fields EDGAR always sends."""


class UnsafePathError(CrawlerError, TerminalError, ValueError):
    """A CIK or accession would name a file outside the raw store's root."""


class ImmutableViolation(CrawlerError, TerminalError):
    """Stored raw documents never change; different bytes were offered for one."""


class CorruptRawFile(CrawlerError, TerminalError):
    """A stored document's bytes no longer match the checksum written with them."""


class CorruptStateFile(CrawlerError, TerminalError):
    """A small JSON state file under ABSDW_HOME cannot be read; the message says what to do."""
