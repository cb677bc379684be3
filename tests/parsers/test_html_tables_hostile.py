"""Hostile HTML: deep nesting, enormous lines and tables, span bombs and binary junk end in a
structured quarantine (or a parse), never an exception out of ``parsers.parse_report``."""

from __future__ import annotations

import random

import pytest

from parsers import parse_report
from parsers.engine.html import MAX_DEPTH, read_html
from parsers.model import ParseResult
from tests.parsers.conftest import assert_structured

HEAD = "<html><body><p>Certificate Payment Report</p><p>Distribution Date: 11/25/2004</p>\n"


def _structured(text: str) -> ParseResult:
    return assert_structured(text)


def test_ten_thousand_nested_tables_are_quarantined() -> None:
    html = HEAD + "<table><tr><td>\n" * 10_000 + "1.00" + "</td></tr></table>\n" * 10_000
    result = _structured(html)
    assert (result.layout, result.status) == ("html_tables", "quarantined")
    assert "no class table" in (result.error or "")


def test_nesting_deeper_than_the_limit_is_read_as_text_of_the_deepest_cell() -> None:
    html = "<table><tr><td>\n" * (MAX_DEPTH + 5) + "deep" + "</td></tr></table>\n" * (
        MAX_DEPTH + 5)
    tables = read_html(html).tables
    assert len(tables) == MAX_DEPTH
    assert tables[-1].rows[0][0].text == "deep"


def test_ten_thousand_nested_tables_on_one_line_are_quarantined() -> None:
    # HTML is exempt from the text line-length guard; the HTML reader's nesting cap
    # reads the deepest levels as text, and no class table is found.
    html = HEAD + "<table><tr><td>" * 10_000 + "</td></tr></table>" * 10_000
    assert "no class table found" in (_structured(html).error or "")


@pytest.mark.slow
def test_a_5_mb_single_line_is_quarantined() -> None:
    html = HEAD + "<table><tr><td>Class</td>" + "<td>1,000.00</td>" * 300_000 + "</table>"
    assert len(html) > 5_000_000
    assert "200,000 HTML table cells" in (_structured(html).error or "")


@pytest.mark.slow
def test_a_colspan_bomb_is_quarantined_with_the_table_size() -> None:
    rows = "\n".join("<tr>" + '<td colspan="9999" rowspan="9999">1.00</td>' * 200 + "</tr>"
                     for _ in range(50))
    result = _structured(HEAD + "<table>\n" + rows + "\n</table>")
    assert (result.layout, result.status) == ("html_tables", "quarantined")
    assert "beyond" in (result.error or "")


@pytest.mark.slow
def test_a_table_with_too_many_cells_is_quarantined() -> None:
    rows = "\n".join("<tr>" + "<td>1.00</td>" * 1_000 + "</tr>" for _ in range(250))
    result = _structured(HEAD + "<table>\n" + rows + "\n</table>")
    assert "table cells" in (result.error or "")


@pytest.mark.parametrize("seed", range(5))
def test_binary_junk_around_html_markers_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    junk = bytes(rng.randrange(1, 256) for _ in range(200_000)).decode("latin-1")
    lines = "\n".join(junk[i:i + 500] for i in range(0, len(junk), 500))
    result = _structured(HEAD + "<table><tr><td>Class<td>" + lines + "</table>")
    assert result.layout == "html_tables"


def test_truncated_html_report_never_raises() -> None:
    html = (HEAD + "<table><tr><th>Class<th>Beginning Balance<th>Ending Balance"
            "<tr><td>A1<td>100.00<td>90.00<tr><td>A2<td>50.00<td>50.00</table>")
    for cut in range(0, len(html), 7):
        _structured(html[:cut])


def test_html_written_on_one_long_line_is_still_read() -> None:
    """EDGAR HTML is often one huge line: the text line-length guard must not refuse it."""
    from parsers.api import MAX_LINE_CHARS

    padding = "<!-- " + "x" * (MAX_LINE_CHARS + 10) + " -->"
    result = parse_report("<html><body>" + padding + "<p>nothing to see</p></body></html>")
    assert result.status == "quarantined"
    assert "character line" not in (result.error or "")


def _span_tables(tables: int, rows: int = 180) -> str:
    """Each table a cell per row spanning 64 x 64 slots: a few KB that expand to ~1M cells."""
    table = "<table>" + '<tr><td rowspan="64" colspan="64">1.00</td></tr>' * rows + "</table>"
    return HEAD + table * tables


def test_span_tables_within_every_per_table_guard_hit_the_document_budget() -> None:
    """9 KB a table, each under the 1M-cell table limit: together past the document's."""
    result = _structured(_span_tables(8))
    assert result.status == "quarantined"
    assert "HTML tables expand to more than 2,000,000 cells in all" in (result.error or "")


def test_the_cpu_budget_quarantines_a_document_too_complex_to_read() -> None:
    result = parse_report(_span_tables(2), cpu_seconds=0.01)
    assert result.status == "quarantined"
    assert (result.error or "").startswith("too complex to read within 0.01 s of CPU: ")
    assert "characters" in (result.error or "")

