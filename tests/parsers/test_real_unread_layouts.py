"""Real reports of layouts absdw does not read yet are quarantined with a reason, never loaded
as a guess: Chase Issuance Trust's 10-D exhibits for April 2020 (credit-card master trust;
EX-99.1 prints only the period's dates, EX-99.2 is an HTML servicer's certificate of numbered
paragraphs with no class table). Provenance: tests/fixtures/PROVENANCE.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_report

REAL = Path(__file__).parents[1] / "fixtures" / "real"


@pytest.mark.parametrize(("name", "layout", "reason"), [
    ("chase-issuance-0001193125-20-144605-ex991.htm", "html_tables", "no class table found"),
    ("chase-issuance-0001193125-20-144605-ex992.htm", "unknown",
     "no known report layout detected"),
])
def test_quarantined_with_its_reason(name: str, layout: str, reason: str) -> None:
    text = (REAL / name).read_text(encoding="latin-1")
    assert "CHASE ISSUANCE TRUST" in text.upper()
    result = parse_report(text)
    assert (result.layout, result.status, result.report) == (layout, "quarantined", None)
    assert result.error is not None and reason in result.error
