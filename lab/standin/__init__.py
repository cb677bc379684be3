"""A local EDGAR stand-in: a real HTTP server on 127.0.0.1 serving an EDGAR-shaped directory.

``tree.EdgarTree`` writes the directory (Archives files, index pages, daily and quarterly
indexes, submissions JSON); ``server.StandinServer`` serves it with SEC's User-Agent rule and
error pages, browse-edgar Atom (given the tree), and opt-in SEC behaviours (``behaviours``:
rate limit, unpublished-index 403, gzip, 304) and faults (``faults``).
"""

from lab.standin.behaviours import ConditionalGet, Gzip, RateLimit, UnpublishedIndex
from lab.standin.faults import ConnectionReset, Latency, ServerError, TruncatedBody
from lab.standin.messages import Behaviour, Request, RequestRecord, Response
from lab.standin.server import StandinServer
from lab.standin.tree import (
    Address,
    CoFiler,
    EdgarTree,
    TreeDocument,
    TreeFiling,
    full_submission_text,
)

__all__ = [
    "Address",
    "Behaviour",
    "CoFiler",
    "ConditionalGet",
    "ConnectionReset",
    "EdgarTree",
    "Gzip",
    "Latency",
    "RateLimit",
    "Request",
    "RequestRecord",
    "Response",
    "ServerError",
    "StandinServer",
    "TreeDocument",
    "TreeFiling",
    "TruncatedBody",
    "UnpublishedIndex",
    "full_submission_text",
]
