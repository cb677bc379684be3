"""HTML report segmentation: a document's markup -> its ``<table>``s as rows of cells, plus the
text between them (headings, dates).

Why a hand-written handler over the stdlib :class:`html.parser.HTMLParser`: trustee HTML of
the 10-D era (Deutsche Bank, U.S. Bank, BNY, Wachovia, LaSalle) is tag soup — uppercase tags,
``<td>`` and ``<tr>`` never closed, ``<font>``/``<b>`` wrapped around everything, tables nested
for page layout. The stdlib tokenizer is streaming (no recursion, so 10,000-deep nesting cannot
overflow a stack), decodes ``&nbsp;`` and friends, lower-cases tags, and needs no dependency;
the table model on top of it is small:

* a ``<td>``/``<th>`` closes the open cell, a ``<tr>`` the open row, ``</table>`` everything
  inside it; an end tag with nothing open is ignored;
* a table opened inside a cell is its own table; the text its enclosing cell printed before it
  (a layout table's heading cell) becomes part of its heading, not a cell of the outer table;
* ``<br>``, ``<p>``, ``<div>`` ... break text lines; ``<sup>`` footnote marks (``(1)``, ``*``,
  a digit or letter) are dropped; ``<script>``/``<style>`` are skipped;
* each table's :attr:`HtmlTable.heading` is the text printed since the previous table (its
  caption included), so a family can find titles the way it does for text reports.

Limits (:data:`MAX_TABLES`, :data:`MAX_DEPTH`, :data:`MAX_CELLS`, :data:`MAX_SPAN`) bound the
work on hostile input: exceeding the table or cell budget raises
:class:`~parsers.errors.ReportLayoutError`; tables nested deeper than :data:`MAX_DEPTH` are
read as plain text of their enclosing cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from parsers.engine.budget import check
from parsers.errors import ReportLayoutError

__all__ = ["MAX_CELLS", "MAX_DEPTH", "MAX_SPAN", "MAX_TABLES", "HtmlCell", "HtmlDocument",
           "HtmlTable", "looks_like_html", "read_html"]

MAX_TABLES = 2_000
MAX_DEPTH = 24
MAX_CELLS = 200_000
MAX_SPAN = 64

#: Markup only HTML has: EDGAR's text reports wrap tables in ``<TABLE>``/``<S>``/``<C>`` tags
#: but never print rows or cells.
_HTML_MARKUP = re.compile(r"<(?:td|tr|html)\b", re.IGNORECASE)


def looks_like_html(text: str, limit: int = 400_000) -> bool:
    """True when the first ``limit`` characters hold HTML rows, cells or an ``<html>`` tag (a
    text report with ``<TABLE>`` markup is not HTML)."""
    return _HTML_MARKUP.search(text, 0, limit) is not None


_BREAKS = frozenset({"br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hr",
                     "center", "pre", "blockquote", "title"})
_SKIP = frozenset({"script", "style"})
_FOOTNOTE_MARK = re.compile(r"^\s*(?:\(?\d{1,2}\)?|\(?[a-z]\)?|\*+|[\u2020\u2021]+)\s*$", re.I)


@dataclass
class HtmlCell:
    """One ``<td>``/``<th>``: its text with whitespace collapsed, and its spans."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class HtmlTable:
    """One ``<table>``: rows of cells as written (spans not yet expanded) and its heading
    lines (text printed since the previous table, caption last)."""

    heading: list[str] = field(default_factory=list)
    rows: list[list[HtmlCell]] = field(default_factory=list)
    depth: int = 0


@dataclass
class HtmlDocument:
    """Every table in order of opening, and the document as text lines (each table row one
    line, cells two spaces apart) for regular expressions such as dates."""

    tables: list[HtmlTable]
    lines: list[str]


def read_html(text: str) -> HtmlDocument:
    """Tables and text lines of an HTML document. Raises ReportLayoutError over the limits."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.finish()
    return HtmlDocument(reader.tables, reader.lines)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


class _Open:
    """A table being read: its record and the cell being written."""

    def __init__(self, table: HtmlTable) -> None:
        self.table = table
        self.cell: HtmlCell | None = None
        self.parts: list[str] = []

    def close_cell(self) -> None:
        if self.cell is not None:
            self.cell.text = _clean(" ".join(self.parts))
            self.cell, self.parts = None, []

    def close_row(self) -> None:
        self.close_cell()


class _Reader(HTMLParser):
    """Streaming table builder (see the module docstring for the rules)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self.lines: list[str] = []
        self.line: list[str] = []
        self.stack: list[_Open] = []
        self.ignored_depth = 0  # tables opened beyond MAX_DEPTH, read as text
        self.skip = 0
        self.sup: list[str] | None = None
        self.pending: list[list[str]] = [[]]
        self.cells = 0
        self.tags = 0

    # ------------------------------------------------------------------ tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.tags % 512 == 0:
            check()  # the document's CPU budget (engine.budget)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "sup":
            self.sup = []
        elif tag == "table":
            self._open_table()
        elif tag == "tr" and self._current():
            self._new_row()
        elif tag in ("td", "th") and self._current():
            self._new_cell(tag, dict(attrs))
        elif tag in _BREAKS or tag == "caption":
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "sup":
            self._end_sup()
        elif tag == "table":
            self._close_table()
        elif tag == "tr" and self._current():
            self._current().close_row()  # type: ignore[union-attr]
            self._line_break()
        elif tag in ("td", "th") and self._current():
            self._current().close_cell()  # type: ignore[union-attr]
        elif tag in _BREAKS or tag == "caption":
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.sup is not None:
            self.sup.append(data)
            return
        self._text(data)

    # ------------------------------------------------------------------ helpers
    def _current(self) -> _Open | None:
        return self.stack[-1] if self.stack and not self.ignored_depth else None

    def _text(self, data: str) -> None:
        current = self.stack[-1] if self.stack else None  # beyond MAX_DEPTH: the deepest cell
        if current is not None and current.cell is not None:
            current.parts.append(data)
        else:
            self.pending[-1].append(data)
        self.line.append(data)

    def _end_sup(self) -> None:
        text, self.sup = "".join(self.sup or []), None
        if not _FOOTNOTE_MARK.match(text):
            self._text(text)

    def _break(self) -> None:
        current = self._current()
        if current is not None and current.cell is not None:
            current.parts.append(" ")
        else:
            self.pending.append([])
        self._line_break()

    def _line_break(self) -> None:
        if self.line:
            text = _clean(" ".join(self.line))
            if text:
                self.lines.append(text)
            self.line = []

    def _open_table(self) -> None:
        if self.ignored_depth or len(self.stack) >= MAX_DEPTH:
            self.ignored_depth += 1
            return
        if len(self.tables) >= MAX_TABLES:
            raise ReportLayoutError(f"more than {MAX_TABLES:,} HTML tables: not a report")
        heading = [_clean(" ".join(parts)) for parts in self.pending]
        heading = [line for line in heading if line]
        outer = self.stack[-1] if self.stack else None
        if outer is not None and outer.cell is not None:  # a layout cell's heading text
            heading += [_clean(" ".join(outer.parts))] if "".join(outer.parts).strip() else []
            outer.parts = []
        table = HtmlTable(heading=heading, depth=len(self.stack))
        self.tables.append(table)
        self.stack.append(_Open(table))
        self.pending = [[]]
        self._line_break()

    def _close_table(self) -> None:
        if self.ignored_depth:
            self.ignored_depth -= 1
            return
        if self.stack:
            self.stack.pop().close_row()
            self.pending = [[]]
            self._line_break()

    def _new_row(self) -> None:
        current = self.stack[-1]
        current.close_row()
        current.table.rows.append([])
        self._line_break()

    def _new_cell(self, tag: str, attrs: dict[str, str | None]) -> None:
        current = self.stack[-1]
        current.close_cell()
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise ReportLayoutError(f"more than {MAX_CELLS:,} HTML table cells: not a report")
        if not current.table.rows:
            current.table.rows.append([])
        current.cell = HtmlCell(colspan=_span(attrs.get("colspan")),
                                rowspan=_span(attrs.get("rowspan")), header=tag == "th")
        current.table.rows[-1].append(current.cell)
        self.line.append("  ")

    def finish(self) -> None:
        """Close whatever the document left open (truncated or sloppy markup)."""
        while self.stack:
            self.stack.pop().close_row()
        self._line_break()
