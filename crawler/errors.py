"""The crawler's exceptions: one root, and a transient/terminal split that retries branch on.

Callers decide what to do from the class alone, never from message text::

    CrawlerError                  root of everything the crawler raises on purpose
    ├── TransientError            may succeed later: network failure, HTTP 5xx, HTTP 429
    │   └── Throttled             SEC's "Request Rate Threshold Exceeded" page: stop all
    │                             requests for ten minutes (never retried inside a crawl)
    └── TerminalError             retrying the same request cannot help
        ├── ConfigError           a bad setting (rate above SEC's 10/s, malformed base URL)
        │   └── UserAgentError    missing or undeclared User-Agent (SEC answers 403)
        ├── NotFound              HTTP 404/410: recorded, not retried
        ├── RequestRejected       any other HTTP 4xx, or too many redirects
        ├── ForeignHostError      a request or redirect to a host outside the endpoints
        ├── ResponseTooLarge      body above the configured ``max_bytes``
        ├── MalformedResponse     a submissions JSON that does not have EDGAR's shape
        ├── InvalidAccession      not ``##########-##-######`` nor its 18-digit form
        ├── UnsafePathError       a raw-store name that could escape the store's root
        ├── ImmutableViolation    different bytes offered for an accession already stored
        ├── CorruptRawFile        stored bytes no longer match their ``.sha256`` sidecar
        └── CorruptStateFile      the sync-state or file-number cache file is unreadable

Every message names the URL, CIK or accession involved and says what to do next.
"""

from __future__ import annotations

UA_REMEDY = (
    'set ABSDW_USER_AGENT="Your Name your.email@example.com" '
    "or `user_agent` in config.toml (SEC requires a name and a contact e-mail)"
)


class CrawlerError(Exception):
    """Root of the crawler's exceptions; ``url`` is set when a request was involved."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class TransientError(CrawlerError):
    """The request may succeed later. ``retry_after`` is the server's hint in seconds."""

    def __init__(
        self, message: str, *, url: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.retry_after = retry_after


class Throttled(TransientError):
    """SEC has blocked this machine for exceeding 10 requests/s; pause ``pause_seconds``."""

    pause_seconds = 600.0


class TerminalError(CrawlerError):
    """Retrying the same request cannot help; fix the input or the configuration."""


class ConfigError(TerminalError, ValueError):
    """A crawler setting is invalid."""


class UserAgentError(ConfigError):
    """No usable User-Agent: SEC refuses undeclared automated tools."""


class NotFound(TerminalError):
    """EDGAR has no document at the URL (HTTP 404/410)."""


class RequestRejected(TerminalError):
    """EDGAR refused the request with a 4xx other than 404/429, or redirected too often."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class ForeignHostError(TerminalError):
    """A request or redirect pointed outside the configured EDGAR hosts."""


class ResponseTooLarge(TerminalError):
    """A response body exceeded the configured limit."""


class MalformedResponse(TerminalError):
    """A response parsed but lacks the fields EDGAR always sends."""


class InvalidAccession(TerminalError, ValueError):
    """An accession number is neither ``##########-##-######`` nor 18 digits."""


class UnsafePathError(TerminalError, ValueError):
    """A CIK or accession would name a file outside the raw store's root."""


class ImmutableViolation(TerminalError):
    """Stored raw documents never change; different bytes were offered for one."""


class CorruptRawFile(TerminalError):
    """A stored document's bytes no longer match the checksum written with them."""


class CorruptStateFile(TerminalError):
    """A small JSON state file under ABSDW_HOME cannot be read; the message says what to do."""
