"""The parser's public entry points: submission bytes or report text -> typed records.

``parse_report`` runs layout detection over the registered families, the family's parse, the
cross-foot checks and the score; ``parse_submission`` adds the SGML split and the report
location. Both are total: bad input becomes a quarantined :class:`ParseResult`; the only
exception is :class:`~parsers.errors.SubmissionFormatError` for an unreadable header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from parsers.checks import run_checks, score
from parsers.engine.evidence import Evidence
from parsers.errors import ReportLayoutError
from parsers.exhibits import locate_report, missing_reason
from parsers.families import ctslink
from parsers.model import ParsedFiling, ParseResult, Report
from parsers.sgml import split_submission

__all__ = ["FAMILIES", "PARSER_VERSION", "Family", "parse_report", "parse_submission"]

#: Bump when any parse output can change (the warehouse re-parses older versions).
PARSER_VERSION = "0.1.0"


class Family(NamedTuple):
    """A layout family: its name, a cheap detector and its parser."""

    layout: str
    detect: Callable[[str], bool]
    parse: Callable[[str], tuple[Report, Evidence]]


#: Tried in order; the first whose detector accepts the text parses it.
FAMILIES: tuple[Family, ...] = (Family(ctslink.LAYOUT, ctslink.detect, ctslink.parse),)


def parse_report(text: str, *, min_score: float = 0.0) -> ParseResult:
    """One report document's text -> ParseResult. Never raises.

    ``min_score`` is the quality threshold: a report whose score (share of passed checks) is
    below it is quarantined. The default 0.0 quarantines only unreadable reports.
    """
    family = next((f for f in FAMILIES if _detects(f, text)), None)
    if family is None:
        tried = ", ".join(f.layout for f in FAMILIES)
        return _quarantined("unknown", f"no known report layout detected (tried: {tried})")
    try:
        report, evidence = family.parse(text)
        checks = run_checks(report, evidence)
    except ReportLayoutError as exc:
        return _quarantined(family.layout, str(exc))
    except Exception as exc:  # a parser bug must not stop a sync: keep it as data
        return _quarantined(family.layout, f"internal parser error: {type(exc).__name__}: {exc}")
    result = ParseResult(family.layout, "ok", report, checks, score(checks),
                         parser_version=PARSER_VERSION)
    if result.score < min_score:
        result.status = "quarantined"
        result.error = f"quality score {result.score:.3f} below threshold {min_score:.3f}"
    return result


def parse_submission(raw: bytes, *, min_score: float = 0.0) -> ParsedFiling:
    """A full EDGAR submission -> header, where the report was, and its ParseResult.

    Raises SubmissionFormatError only when the SGML header is unreadable.
    """
    header, documents = split_submission(raw)
    located = locate_report(documents)
    if located is None:
        return ParsedFiling(header, None, None,
                            _quarantined("unknown", missing_reason(documents)))
    result = parse_report(located.text, min_score=min_score)
    return ParsedFiling(header, located.exhibit_type, located.filename, result)


def _detects(family: Family, text: str) -> bool:
    try:
        return family.detect(text)
    except Exception:  # a detector bug means "not mine", never a crash
        return False


def _quarantined(layout: str, error: str) -> ParseResult:
    return ParseResult(layout, "quarantined", None, error=error, parser_version=PARSER_VERSION)
