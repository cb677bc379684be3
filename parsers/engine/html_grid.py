"""An :class:`~parsers.engine.html.HtmlTable` -> a grid of logical columns the engine can read.

HTML reports converted from spreadsheets and word processors print one figure across several
cells and one heading across several columns. The grid undoes that, in this order:

1. **spans expanded**: a cell with ``colspan``/``rowspan`` covers every slot it spans (the
   standard table algorithm); header text applies to every column it spans, a body figure
   only to its own first slot (a label spanning rows is repeated on each row);
2. **split figures joined** within a row: a lone ``$`` or ``(`` joins the next printed cell,
   a lone ``)``, ``%`` or ``)%`` the previous one, so ``$ | (1,234.56 | )`` reads
   ``(1,234.56)``; a figure's footnote mark (``1,234.56 (2)``, ``1,234.56*``) is dropped;
3. **rows classified**: a row with a figure is a body row; a row whose only text starts in
   the first column is a *title* before the first body row, a sub-heading (a body row) after;
   any other row without a figure is a *column header* row, wherever it is (a page break
   reprints the headers mid-table), each distinct one counted once;
4. **columns kept** when a body row prints in them (spacer and ``$`` columns vanish);
5. **headers split**: a header cell over one kept column is that column's *leaf* header
   (``Interest``), one over several is a *group* header (``Distribution in Dollars``,
   ``Delinquent`` over ``# | Balance``).

:meth:`HtmlGrid.to_grid` gives the engine's :class:`~parsers.engine.columns.Grid` (leaf
headers), so class tables, items and pools reuse the text families' readers unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from parsers.engine.budget import check
from parsers.engine.columns import Column, Grid, Row
from parsers.engine.html import HtmlCell, HtmlTable
from parsers.engine.numbers import is_number
from parsers.errors import ReportLayoutError

__all__ = ["MAX_DOCUMENT_SLOTS", "MAX_SLOTS", "HtmlGrid", "SlotBudget", "build_html_grid",
           "canonical_figure"]

_PREFIX = re.compile(r"^(?:\$|\(|\(\$|\$\(|US\$)$")
_SUFFIX = re.compile(r"^(?:\)|%|\)%|%\))$")
_FIGURE = re.compile(
    r"^(?P<open>\()?\s*\$?\s*(?P<open2>\()?\s*(?P<sign>-)?\s*\$?\s*(?P<num>(?:\d[\d,]*)?\.?\d+)"
    r"\s*(?P<pct>%)?\s*(?P<close>\))?\s*(?P<pct2>%)?\s*(?P<note>\(\d{1,2}\)|\*+)?$")

#: Expanded cells one table may have (rows x columns): hostile spans stop here.
MAX_SLOTS = 1_000_000
#: Expanded cells all the tables of one document may have together (real reports: ~100k).
MAX_DOCUMENT_SLOTS = 2_000_000


class SlotBudget:
    """The expanded cells left for one document's tables (:data:`MAX_DOCUMENT_SLOTS`)."""

    def __init__(self, slots: int = MAX_DOCUMENT_SLOTS) -> None:
        self.limit = self.left = slots

    def spend(self, slots: int) -> None:
        self.left -= slots
        if self.left < 0:
            raise ReportLayoutError(f"HTML tables expand to more than {self.limit:,} cells in "
                                    "all: not a report")

Slot = tuple[HtmlCell, bool] | None  # (cell, first slot of the cell)


@dataclass
class HtmlGrid:
    """A table as logical columns: ``titles`` (heading lines, innermost last), per column its
    ``leaf`` and ``group`` header, and body rows of cell texts (column 0 is the label).
    ``head_rows`` are the header rows' texts per kept column: in a label/value table a leading
    text row (``Collateral Description | Mixed Fixed & Arm``) reads like a header row."""

    titles: list[str]
    leaf: list[str]
    group: list[str]
    rows: list[list[str | None]]
    head_rows: list[list[str | None]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.titles[-1] if self.titles else ""

    def header(self, i: int) -> str:
        """Group and leaf header of column ``i`` joined (``Delinquent #``)."""
        return " ".join(part for part in (self.group[i], self.leaf[i]) if part)

    def to_grid(self) -> Grid:
        columns = [Column(i, i + 1, head) for i, head in enumerate(self.leaf)]
        rows = [Row(cells=list(row), line="  ".join(c or "" for c in row)) for row in self.rows]
        return Grid(titles=list(self.titles), columns=columns, rows=rows)


def canonical_figure(text: str) -> str:
    """``$ (1,234.56)``, ``($1,234.56)``, ``1,234.56 (2)`` -> ``(1,234.56)`` / ``1,234.56``;
    ``5.25 %`` -> ``5.25%``; anything not a figure is returned unchanged."""
    m = _FIGURE.match(text.strip())
    if not m or bool(m["open"] or m["open2"]) != bool(m["close"]):
        return text
    body = f"{m['sign'] or ''}{m['num']}{'%' if m['pct'] or m['pct2'] else ''}"
    return f"({body})" if m["close"] else body


def build_html_grid(table: HtmlTable, budget: SlotBudget | None = None) -> HtmlGrid | None:
    """The table's logical grid; None for a table with no printed text. ``budget``: the
    document's expanded cells left (shared by all its tables)."""
    slots = _expand(table.rows)
    if budget is not None:
        budget.spend(len(slots) * len(slots[0]) if slots else 0)
    texts = [_fuse(row) for row in slots]
    if not any(any(t for t in row) for row in texts):
        return None
    data = [any(t and is_number(t) for t in row[1:]) for row in texts]
    first_data = data.index(True) if True in data else len(texts)
    titles, head_rows, body = list(table.heading), list[int](), list[list[str | None]]()
    seen: set[tuple[str | None, ...]] = set()  # header rows printed before (page breaks)
    for i, row in enumerate(texts):
        if not any(row):
            continue
        if data[i] or (i > first_data and _is_title(row)):
            body.append(row)
        elif _is_title(row):
            titles.append(next(t for t in row if t))
        elif (key := tuple(row)) not in seen:
            seen.add(key)
            head_rows.append(i)
    heads = [texts[i] for i in head_rows]
    keep = [c for c in range(len(texts[0])) if any(row[c] for row in body)] or [
        c for c in range(len(texts[0])) if any(row[c] for row in heads)]
    leaf, group = _headers([slots[i] for i in head_rows], keep)
    return HtmlGrid(titles, leaf, group, [[row[c] for c in keep] for row in body],
                    [[row[c] for c in keep] for row in heads])


def _expand(rows: list[list[HtmlCell]]) -> list[list[Slot]]:
    """Rows of equal width, each slot the cell covering it (rowspans carried down; the first
    column of a row-spanning cell counts as its first slot on every row, so labels repeat)."""
    grid: list[list[Slot]] = []
    carried: dict[int, dict[int, Slot]] = {}  # row -> column -> slot a rowspan carries there
    pending = 0  # slots in ``carried``
    for r, cells in enumerate(rows):
        check()
        row: list[Slot] = []
        carry = carried.pop(r, {})
        pending -= len(carry)
        last = max(carry, default=-1)  # linear per row: no scan of what is carried further
        next_cell = 0
        while next_cell < len(cells) or len(row) <= last:
            if len(row) in carry:
                row.append(carry.pop(len(row)))
            elif next_cell < len(cells):
                cell, start = cells[next_cell], len(row)
                next_cell += 1
                pending += cell.colspan * (cell.rowspan - 1)
                _budget(len(grid) + cell.rowspan, len(row) + cell.colspan, pending)
                for dc in range(cell.colspan):
                    row.append((cell, dc == 0))
                    for dr in range(1, cell.rowspan):
                        carried.setdefault(r + dr, {})[start + dc] = (cell, dc == 0)
            else:
                row.append(None)
        grid.append(row)
        _budget(len(grid), max(len(row), 1))
    width = max((len(row) for row in grid), default=0)
    _budget(len(grid), width)
    return [row + [None] * (width - len(row)) for row in grid]


def _budget(rows: int, width: int, carried: int = 0) -> None:
    if rows * width > MAX_SLOTS or carried > MAX_SLOTS:
        raise ReportLayoutError(f"HTML table of {rows:,} rows x {width:,} columns is beyond "
                                f"{MAX_SLOTS:,} cells: not a report table")


def _fuse(row: list[Slot]) -> list[str | None]:
    """The row's texts, each in its cell's first slot, split figures joined (rule 2)."""
    texts: list[str | None] = [None] * len(row)
    for i, slot in enumerate(row):
        if slot is not None and slot[1] and slot[0].text:
            texts[i] = slot[0].text
    for i, text in enumerate(texts):
        if text and _PREFIX.match(text):
            j = next((k for k in range(i + 1, len(texts)) if texts[k]), None)
            if j is not None:
                texts[j], texts[i] = text + texts[j], None  # type: ignore[operator]
    for i, text in enumerate(texts):
        if text and _SUFFIX.match(text):
            j = next((k for k in range(i - 1, -1, -1) if texts[k]), None)
            if j is not None:
                texts[j], texts[i] = texts[j] + text, None  # type: ignore[operator]
    return [canonical_figure(t) if t else None for t in texts]


def _is_title(texts: list[str | None]) -> bool:
    """Only one distinct text, starting in the first column (``Collateral Summary``)."""
    printed = {t for t in texts if t}
    return len(printed) == 1 and texts[0] is not None


def _headers(rows: list[list[Slot]], keep: list[int]) -> tuple[list[str], list[str]]:
    """Leaf and group header per kept column (rule 5). A header cell over dropped columns only
    (a heading printed above the ``$`` cell) goes to the next kept column if that has none."""
    leaf = [""] * len(keep)
    group = [""] * len(keep)
    position = {c: k for k, c in enumerate(keep)}
    applied: set[int] = set()  # a row-spanning header cell counts once
    for row in rows:
        covered: dict[int, tuple[str, int, set[int]]] = {}  # cell -> text, first slot, columns
        for c, slot in enumerate(row):
            if slot is not None and slot[0].text:
                cols = covered.setdefault(id(slot[0]), (slot[0].text, c, set()))[2]
                if c in position:
                    cols.add(position[c])
        for key, (text, first, cols) in covered.items():
            if key in applied:
                continue
            applied.add(key)
            k = bisect_left(keep, first)
            if not cols and k < len(keep) and not _printed(row[keep[k]]):
                cols.add(k)  # a heading printed over the ``$`` cell only
            target = leaf if len(cols) == 1 else group
            for k in sorted(cols):
                target[k] = f"{target[k]} {text}".strip()
    return leaf, group


def _printed(slot: Slot) -> bool:
    return slot is not None and bool(slot[0].text)
