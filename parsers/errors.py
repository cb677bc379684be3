"""The parser's exceptions. Report problems are data (a quarantined ``ParseResult``), not errors.

Tree (under ``foundation.errors.AbsdwError``; both leaves are terminal: the same bytes will not
parse better next time)::

    ParseError                  root: nothing in ``parsers`` raises anything else on bad input
     ├── SubmissionFormatError  the SGML header of a submission is unreadable (terminal: the raw
     │                          bytes will not parse better next time; inspect the raw file)
     └── ReportLayoutError      a report is structurally unreadable (no dates, no class table);
                                raised inside a family, turned into a quarantined ParseResult
                                by ``parsers.api`` and never escapes it
"""

from __future__ import annotations

from foundation.errors import AbsdwError, TerminalError

__all__ = ["ParseError", "ReportLayoutError", "SubmissionFormatError"]


class ParseError(AbsdwError):
    """Root of every exception the parsers raise."""


class SubmissionFormatError(ParseError, TerminalError):
    """The submission's ``<SEC-HEADER>`` is missing or lacks a required field."""


class ReportLayoutError(ParseError, TerminalError):
    """A report matched a layout family but its structure could not be read."""
