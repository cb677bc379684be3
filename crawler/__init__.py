"""Fetch EDGAR filings and keep their raw bytes. Never parses, never touches the warehouse."""

from crawler.atom import AtomEntry, AtomFeed, parse_company_feed
from crawler.companies import (
    CompanyMatch,
    CompanySearch,
    UnexpectedSearchPage,
    parse_company_search,
)
from crawler.crawl import (
    CrawlEvent,
    CrawlSummary,
    FilingFailed,
    FilingMissing,
    FilingsDiscovered,
    FilingSkipped,
    FilingStored,
    TrustFailed,
    crawl_cik,
    crawl_ciks,
    fetch_filings,
)
from crawler.discover import discover_filings
from crawler.edgar import Endpoints, FilingRef, parse_submissions
from crawler.errors import (
    CorruptRawFile,
    CorruptStateFile,
    CrawlerError,
    ForeignHostError,
    ImmutableViolation,
    MalformedResponse,
    NotFound,
    RequestFailed,
    RequestRejected,
    ResponseTooLarge,
    Throttled,
    UnsafePathError,
    UserAgentRefused,
)
from crawler.fetch import EdgarClient, FetchStats
from crawler.filenumbers import FileNumberCache, FileNumberMatch, FilerBlock, resolve_file_number
from crawler.indexes import IndexEntry, IndexFile, parse_index
from crawler.limiter import RateLimiter
from crawler.rawstore import RawStore
from crawler.syncstate import SyncState, load_state, save_state
from crawler.watch import IndexScan, scan_indexes

__all__ = [
    "AtomEntry",
    "AtomFeed",
    "CompanyMatch",
    "CompanySearch",
    "CorruptRawFile",
    "CorruptStateFile",
    "CrawlEvent",
    "CrawlSummary",
    "CrawlerError",
    "EdgarClient",
    "Endpoints",
    "FetchStats",
    "FileNumberCache",
    "FileNumberMatch",
    "FilerBlock",
    "FilingFailed",
    "FilingMissing",
    "FilingRef",
    "FilingSkipped",
    "FilingStored",
    "FilingsDiscovered",
    "ForeignHostError",
    "ImmutableViolation",
    "IndexEntry",
    "IndexFile",
    "IndexScan",
    "MalformedResponse",
    "NotFound",
    "RateLimiter",
    "RawStore",
    "RequestFailed",
    "RequestRejected",
    "ResponseTooLarge",
    "SyncState",
    "Throttled",
    "TrustFailed",
    "UnexpectedSearchPage",
    "UnsafePathError",
    "UserAgentRefused",
    "crawl_cik",
    "crawl_ciks",
    "discover_filings",
    "fetch_filings",
    "load_state",
    "parse_company_feed",
    "parse_company_search",
    "parse_index",
    "parse_submissions",
    "resolve_file_number",
    "save_state",
    "scan_indexes",
]
