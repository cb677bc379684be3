"""Turn raw EDGAR submissions into typed records. Pure functions, no I/O.

Public API::

    parse_submission(raw: bytes) -> ParsedFiling   # header + located report + ParseResult
    parse_report(text: str) -> ParseResult          # one report document's text
    split_submission(raw: bytes) -> (SubmissionHeader, [Document])
    read_filers(text: str) -> (Filer, ...)          # company blocks of any SGML header
    PARSER_VERSION
    explain_report(text) -> Explanation             # ParseResult + how each table was read
    explain_submission(raw: bytes) -> Explanation

Errors: :mod:`parsers.errors` (``ParseError`` root; only ``SubmissionFormatError`` escapes).
"""

from parsers.api import PARSER_VERSION, parse_report, parse_submission
from parsers.errors import ParseError, SubmissionFormatError
from parsers.explain import Explanation, explain_report, explain_submission
from parsers.sgml import read_filers, split_submission

__all__ = [
    "PARSER_VERSION",
    "Explanation",
    "ParseError",
    "SubmissionFormatError",
    "explain_report",
    "explain_submission",
    "parse_report",
    "parse_submission",
    "read_filers",
    "split_submission",
]
