"""The parser's public entry points: submission bytes or report text -> typed records.

``parse_report`` runs layout detection over the registered families
(:data:`parsers.families.FAMILIES`), the family's parse, the cross-foot checks and the score;
``parse_submission`` adds the SGML split and the report location. Both are total: bad input
becomes a quarantined :class:`ParseResult`; the only exception is
:class:`~parsers.errors.SubmissionFormatError` for an unreadable header. Given a
:class:`~parsers.engine.trace.Trace`, the family records how it read each table in the same
run (``parsers.explain``).
"""

from __future__ import annotations

from foundation.defaults import MIN_SCORE, PARSE_CPU_SECONDS
from parsers.checks import run_checks
from parsers.engine.budget import TooComplex, cpu_budget
from parsers.engine.html import looks_like_html
from parsers.engine.trace import Trace
from parsers.errors import ReportLayoutError
from parsers.exhibits import locate_report, missing_reason
from parsers.families import FAMILIES, Family
from parsers.model import ParsedFiling, ParseResult
from parsers.quality import judge
from parsers.sgml import split_submission

__all__ = ["MAX_DOCUMENT_CHARS", "MAX_LINE_CHARS", "PARSER_VERSION", "family_of",
           "parse_report", "parse_submission"]

#: Per-document guard: larger documents, or longer lines, are quarantined unread.
MAX_DOCUMENT_CHARS = 8_000_000
MAX_LINE_CHARS = 100_000

#: Bump when any parse output can change (the warehouse re-parses older versions).
PARSER_VERSION = "0.4.3"


def family_of(layout: str) -> Family | None:
    """The registered family named ``layout`` (None for ``unknown``)."""
    return next((f for f in FAMILIES if f.layout == layout), None)


def parse_report(text: str, *, min_score: float = MIN_SCORE, trace: Trace | None = None,
                 cpu_seconds: float = PARSE_CPU_SECONDS) -> ParseResult:
    """One report document's text -> ParseResult. Never raises.

    ``min_score`` is the quality threshold (:mod:`parsers.quality`): a report scoring below
    it is quarantined, as is one with a critical check failed for no printed reason.
    ``trace`` receives the family's reading of each table (kept up to an error). Reading
    stops after ``cpu_seconds`` of CPU and the report is quarantined as too complex.
    """
    refused = _refuse(text)
    if refused:
        return _quarantined("unknown", refused)
    family = next((f for f in FAMILIES if _detects(f, text)), None)
    if family is None:
        tried = ", ".join(f.layout for f in FAMILIES)
        return _quarantined("unknown", f"no known report layout detected (tried: {tried})")
    try:
        with cpu_budget(cpu_seconds):
            report, evidence = family.parse(text, trace)
            checks = run_checks(report, evidence)
    except TooComplex as exc:
        return _quarantined(family.layout, f"{exc}: {len(text):,} characters, "
                            f"{text.count(chr(10)) + 1:,} lines; quarantined unread")
    except ReportLayoutError as exc:
        return _quarantined(family.layout, str(exc))
    except Exception as exc:  # a parser bug must not stop a sync: keep it as data
        return _quarantined(family.layout, f"internal parser error: {type(exc).__name__}: {exc}")
    quality, reason = judge(family.layout, checks, min_score,
                            [t.class_name for t in report.tranches])
    return ParseResult(family.layout, "quarantined" if reason else "ok", report, checks,
                       quality, error=reason, parser_version=PARSER_VERSION)


def parse_submission(raw: bytes, *, min_score: float = MIN_SCORE,
                     trace: Trace | None = None) -> ParsedFiling:
    """A full EDGAR submission -> header, where the report was, and its ParseResult
    (``trace`` as in :func:`parse_report`).

    Raises SubmissionFormatError only when the SGML header is unreadable.
    """
    header, documents = split_submission(raw)
    located = locate_report(documents)
    if located is None:
        return ParsedFiling(header, None, None,
                            _quarantined("unknown", missing_reason(documents)))
    result = parse_report(located.text, min_score=min_score, trace=trace)
    return ParsedFiling(header, located.exhibit_type, located.filename, result)


def _refuse(text: str) -> str | None:
    """Why a document is not even tried (the per-document guard), or None. Real distribution
    reports are tens of KB with lines under a few hundred characters."""
    if len(text) > MAX_DOCUMENT_CHARS:
        return (f"document too large to be a distribution report: {len(text):,} characters "
                f"(limit {MAX_DOCUMENT_CHARS:,})")
    # no line can be longer than the whole text: most reports skip the split
    longest = max(map(len, text.splitlines()), default=0) if len(text) > MAX_LINE_CHARS else 0
    # real EDGAR HTML is often a few very long lines; the HTML reader has its own limits
    if longest > MAX_LINE_CHARS and not looks_like_html(text, 65536):
        return (f"document has a {longest:,}-character line (limit {MAX_LINE_CHARS:,}): not a "
                "fixed-width report (binary, or a one-line HTML/XML file)")
    if "\x00" in text:
        return "document contains NUL bytes: binary, not a report"
    return None


def _detects(family: Family, text: str) -> bool:
    try:
        return family.detect(text)
    except Exception:  # a detector bug means "not mine", never a crash
        return False


def _quarantined(layout: str, error: str) -> ParseResult:
    return ParseResult(layout, "quarantined", None, error=error, parser_version=PARSER_VERSION)
