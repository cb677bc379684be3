"""A local EDGAR stand-in: a real HTTP server on 127.0.0.1 serving an EDGAR-shaped directory.

``tree.EdgarTree`` writes the directory (Archives files, index pages, submissions JSON);
``server.StandinServer`` serves it with SEC's User-Agent rule and error pages.
"""

from crawler.standin.messages import Behaviour, Request, RequestRecord, Response
from crawler.standin.server import StandinServer
from crawler.standin.tree import (
    Address,
    EdgarTree,
    TreeDocument,
    TreeFiling,
    full_submission_text,
)

__all__ = [
    "Address",
    "Behaviour",
    "EdgarTree",
    "Request",
    "RequestRecord",
    "Response",
    "StandinServer",
    "TreeDocument",
    "TreeFiling",
    "full_submission_text",
]
