"""Fetch EDGAR filings and keep their raw bytes. Never parses, never touches the warehouse."""

from crawler.crawl import (
    CrawlEvent,
    CrawlSummary,
    FilingFailed,
    FilingMissing,
    FilingsDiscovered,
    FilingSkipped,
    FilingStored,
    crawl_cik,
)
from crawler.discover import DEFAULT_FORMS, discover_filings
from crawler.edgar import (
    Endpoints,
    FilingRef,
    accession_digits,
    normalize_accession,
    parse_submissions,
)
from crawler.errors import (
    ConfigError,
    CorruptRawFile,
    CrawlerError,
    ForeignHostError,
    ImmutableViolation,
    InvalidAccession,
    MalformedResponse,
    NotFound,
    RequestRejected,
    ResponseTooLarge,
    TerminalError,
    Throttled,
    TransientError,
    UnsafePathError,
    UserAgentError,
)
from crawler.fetch import EdgarClient, FetchStats, check_user_agent
from crawler.limiter import SEC_MAX_RATE, RateLimiter
from crawler.rawstore import RawStore

__all__ = [
    "DEFAULT_FORMS",
    "SEC_MAX_RATE",
    "ConfigError",
    "CorruptRawFile",
    "CrawlEvent",
    "CrawlSummary",
    "CrawlerError",
    "EdgarClient",
    "Endpoints",
    "FetchStats",
    "FilingFailed",
    "FilingMissing",
    "FilingRef",
    "FilingSkipped",
    "FilingStored",
    "FilingsDiscovered",
    "ForeignHostError",
    "ImmutableViolation",
    "InvalidAccession",
    "MalformedResponse",
    "NotFound",
    "RateLimiter",
    "RawStore",
    "RequestRejected",
    "ResponseTooLarge",
    "TerminalError",
    "Throttled",
    "TransientError",
    "UnsafePathError",
    "UserAgentError",
    "accession_digits",
    "check_user_agent",
    "crawl_cik",
    "discover_filings",
    "normalize_accession",
    "parse_submissions",
]
