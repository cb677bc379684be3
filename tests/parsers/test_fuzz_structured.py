"""The structure-aware fuzz, short form (benchmarks/fuzz.py runs the long one): mutated real
and generated reports never escape an exception and never load a figure printed nowhere."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

import parsers.api
from lab.fuzz import printed_nowhere, run_fuzz
from parsers import parse_report
from parsers.families import FAMILIES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_mutated_reports_escape_nothing_and_load_nothing_unprinted() -> None:
    result = run_fuzz(FIXTURES, per_family=2, mutants=40, seed=3)
    assert result.inputs >= 500 and result.ok >= 100, result.describe()
    assert result.escaped == [], result.describe()
    assert result.printed_nowhere == [], result.describe()
    assert set(result.by_mutation) >= {"digit", "split figure", "swap lines", "truncate",
                                       "span", "nest"}


def test_a_figure_read_off_by_a_cent_is_caught_as_printed_nowhere(
        seed_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule can fail: a reader that adds a cent to every ending balance is flagged."""
    ctslink = FAMILIES[0]

    def off_by_a_cent(text: str, trace: object = None):  # type: ignore[no-untyped-def]
        report, evidence = ctslink.parse(text, None)
        report.tranches = [dataclasses.replace(t, ending_balance=t.ending_balance + Decimal(
            "0.01")) if t.ending_balance is not None else t for t in report.tranches]
        return report, evidence

    good = parse_report(seed_report_text)
    assert good.report is not None and printed_nowhere("ctslink", good.report,
                                                       seed_report_text) == []
    monkeypatch.setattr(parsers.api, "FAMILIES", (ctslink._replace(parse=off_by_a_cent),
                                                  *FAMILIES[1:]))
    bad = parse_report(seed_report_text, min_score=0.0)
    assert bad.report is not None
    flagged = printed_nowhere("ctslink", bad.report, seed_report_text)
    assert any("tranche A1 ending_balance = 157824262.09" in f for f in flagged)
