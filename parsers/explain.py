"""What a parse made of a report and why: the result plus each table's mapping decisions.

Pure like the rest of ``parsers``: ``absdw parse`` reads the raw bytes and renders. The result
comes from :func:`parsers.api.parse_report` itself, and the table trace from the family's own
parse run with a :class:`~parsers.engine.trace.Trace`, so the explanation is the parse, not a
second reading of the text. Families that take no trace yet explain their result only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from foundation.defaults import MIN_SCORE
from parsers.api import parse_report, parse_submission
from parsers.engine.trace import ColumnTrace, RowTrace, TableTrace, Trace
from parsers.exhibits import locate_report
from parsers.families import bankers_trust, ctslink, generic, html_tables
from parsers.model import ParsedFiling, ParseResult
from parsers.sgml import split_submission

__all__ = ["ColumnTrace", "Explanation", "RowTrace", "TableTrace", "explain_report",
           "explain_submission"]

#: Layout -> its parse taking a trace (one entry per family that records its decisions).
TRACEABLE: dict[str, Callable[[str, Trace], object]] = {
    ctslink.LAYOUT: ctslink.parse,
    bankers_trust.LAYOUT: bankers_trust.parse,
    html_tables.LAYOUT: html_tables.parse,
    generic.LAYOUT: generic.parse,
}


@dataclass
class Explanation:
    """A parse result and, when the family records them, how each table was read.
    ``filing`` is set when a whole submission was explained."""

    result: ParseResult
    tables: list[TableTrace] = field(default_factory=list)
    traced: bool = False  # False: the layout's family records no trace
    filing: ParsedFiling | None = None


def explain_report(text: str, *, min_score: float = MIN_SCORE) -> Explanation:
    """``parse_report(text)`` and the trace of its tables."""
    result = parse_report(text, min_score=min_score)
    return _explained(result, text)


def explain_submission(raw: bytes, *, min_score: float = MIN_SCORE) -> Explanation:
    """``parse_submission(raw)`` and the trace of its report's tables.
    Raises SubmissionFormatError only when the SGML header is unreadable."""
    parsed = parse_submission(raw, min_score=min_score)
    located = locate_report(split_submission(raw)[1])
    explanation = _explained(parsed.result, located.text if located else None)
    explanation.filing = parsed
    return explanation


def _explained(result: ParseResult, text: str | None) -> Explanation:
    parse = TRACEABLE.get(result.layout)
    if parse is None or text is None:
        return Explanation(result)
    trace = Trace()
    with contextlib.suppress(Exception):  # the result holds the error; keep tables read so far
        parse(text, trace)
    return Explanation(result, trace.tables, traced=True)
