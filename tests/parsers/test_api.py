"""The public surface: exports, and bad input becoming data instead of exceptions."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import parsers
from parsers import parse_report, parse_submission
from parsers.errors import ParseError


def test_the_parser_version_is_recorded() -> None:
    assert parsers.PARSER_VERSION == "0.4.3"


def test_unknown_layout_is_quarantined() -> None:
    result = parse_report("Dear holders,\nthe payment was made.\n")
    assert (result.layout, result.status, result.report) == ("unknown", "quarantined", None)
    assert result.error is not None
    assert result.error.startswith("no known report layout detected (tried: ctslink, ")
    assert "bankers_trust" in result.error


def test_report_without_dates_is_quarantined(seed_report_text: str) -> None:
    text = seed_report_text.replace("Distribution Date:", "Payment on:")
    result = parse_report(text)
    assert (result.layout, result.status) == ("ctslink", "quarantined")
    assert result.error == "no readable 'Distribution Date:' in the report"


def test_report_without_class_table_is_quarantined(seed_report_text: str) -> None:
    text = re.sub(r"^(\s*)Class\b", r"\1Klass", seed_report_text, flags=re.M)
    result = parse_report(text)
    assert result.status == "quarantined"
    assert result.error is not None and "no class table" in result.error


def test_quality_threshold_is_a_parameter(seed_report_text: str) -> None:
    assert parse_report(seed_report_text).status == "ok"
    strict = parse_report(seed_report_text, min_score=0.99)
    assert strict.status == "quarantined" and strict.report is not None
    assert strict.error is not None and strict.error.startswith("quality score 0.96")


@pytest.mark.parametrize("cut", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_truncated_reports_never_raise(seed_report_text: str, cut: float) -> None:
    result = parse_report(seed_report_text[: int(len(seed_report_text) * cut)])
    assert result.status in ("ok", "quarantined")
    assert (result.status == "quarantined") == (result.error is not None)


@pytest.mark.parametrize("garbage", [
    "", "<TABLE>\n<S> <C>\nCTSLink\n", "\x00\x01\x02" * 100,
    "<TABLE>\n<CAPTION>\nCertificateholder Distribution Summary\nDistribution Date: 11/25/03\n"
    "Class  Beginning Balance\n<S>  <C>\nA1  12x,000.00\nTotals  1.00\n</TABLE>\n",
])
def test_garbage_reports_are_quarantined_not_raised(garbage: str) -> None:
    result = parse_report(garbage)
    assert result.status in ("ok", "quarantined")


def test_submission_garbage_raises_only_parse_errors(
    make_submission: Callable[..., bytes],
) -> None:
    with pytest.raises(ParseError):
        parse_submission(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    raw = make_submission([("EX-99.1", "x.txt", "\x00\xff<TABLE>\n<S> <C>\nCTSLink\n")])
    filing = parse_submission(raw)
    assert filing.result.status == "quarantined"
