"""What a parse made of a report and why: the result plus each table's mapping decisions.

Pure like the rest of ``parsers``: ``absdw parse`` reads the raw bytes and renders. The
explanation is one run of the parse with a :class:`~parsers.engine.trace.Trace` attached, so
it is the parse, not a second reading of the text. A family registered with ``traced=False``
explains its result only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from foundation.defaults import MIN_SCORE
from parsers.api import family_of, parse_report, parse_submission
from parsers.engine.trace import ColumnTrace, RowTrace, TableTrace, Trace
from parsers.model import ParsedFiling, ParseResult

__all__ = ["ColumnTrace", "Explanation", "RowTrace", "TableTrace", "explain_report",
           "explain_submission"]


@dataclass
class Explanation:
    """A parse result and, when the family records them, how each table was read.
    ``filing`` is set when a whole submission was explained."""

    result: ParseResult
    tables: list[TableTrace] = field(default_factory=list)
    traced: bool = False  # False: the layout's family records no trace
    filing: ParsedFiling | None = None


def explain_report(text: str, *, min_score: float = MIN_SCORE) -> Explanation:
    """``parse_report(text)`` and the trace of its tables, from the same run."""
    trace = Trace()
    return _explained(parse_report(text, min_score=min_score, trace=trace), trace)


def explain_submission(raw: bytes, *, min_score: float = MIN_SCORE) -> Explanation:
    """``parse_submission(raw)`` and the trace of its report's tables, from the same run.
    Raises SubmissionFormatError only when the SGML header is unreadable."""
    trace = Trace()
    parsed = parse_submission(raw, min_score=min_score, trace=trace)
    explanation = _explained(parsed.result, trace)
    explanation.filing = parsed
    return explanation


def _explained(result: ParseResult, trace: Trace) -> Explanation:
    family = family_of(result.layout)
    if family is None or not family.traced:
        return Explanation(result)
    return Explanation(result, trace.tables, traced=True)
