"""Per-table column slicing (``build_grid``'s fast path) reads every row exactly as the
phrase-by-phrase rules of ``_row`` do: rendered CTSLink reports plus hand-made edge cases
(two blanks and a tab inside a column, a text phrase across a one-blank gap, a text line
printing in a gap)."""

from __future__ import annotations

from lab.synth.cover import Masthead
from lab.synth.render_ctslink import RenderOptions, render_report
from lab.synth.simulate import DealSpec, simulate
from parsers.engine.columns import _marker_starts, _row, build_grid
from parsers.engine.tables import TextTable, split_tables

MASTHEAD = Masthead(trust="ABSDW GRID TRUST", series="2004-1", ticker="AGT",
                    file_number="333-990009-01", eins=("54-9900001",))


def _phrase_rows(table: TextTable) -> list[list[str | None]]:
    grid = build_grid(table)
    markers = _marker_starts(table.marker, len(grid.columns))
    return [_row(row.line, grid.columns, markers).cells for row in grid.rows]


def _check(table: TextTable) -> None:
    assert [row.cells for row in build_grid(table).rows] == _phrase_rows(table)


def test_sliced_rows_match_the_phrase_rules_on_rendered_reports() -> None:
    for month in simulate(DealSpec(seed=5, months=3))[::2]:
        for extra in (0, 3):
            text = render_report(month, MASTHEAD, RenderOptions(extra_width=extra))
            for table in split_tables(text):
                if not table.is_empty:
                    _check(table)


def test_sliced_rows_match_the_phrase_rules_on_edge_cases() -> None:
    body = [
        "A1      Mixed  Fixed   1,000.00    2.5%",
        "A2      Cap\tNote      2,000.00    3.5%",
        "Cap Contract          3,000.00    4.5%",
        "180+ Days 0           4,000.00    5.5%",
        "    a heading in the gaps   ",
        "B       x              500.00       -",
    ]
    _check(TextTable(line=0, caption=["Class   Name    Balance    Rate"], marker="<S> <C>",
                     body=body))
    _check(TextTable(line=0, body=["only words here", "and  more   words"]))
