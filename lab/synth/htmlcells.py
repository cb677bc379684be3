"""Cell-level HTML writing for the HTML report renderer, with the markup noise of real trustee
HTML (see :class:`HtmlNoise`): how a figure is spread over cells, how tags are spelled.

A logical column is printed as a fixed run of physical cells in every row, as word processors
and spreadsheets export them: a money column is ``[$ or (] [figure] [)]`` when split, a rate
``[figure] [%]``; the column's header spans the run (``colspan``), so the columns line up.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

__all__ = ["Column", "HtmlNoise", "Kind", "Writer"]

Kind = Literal["text", "money", "rate", "pct6", "count", "factor"]
Value = Decimal | int | str | None
_FONT = 'face="Arial" size="1"'


@dataclass(frozen=True)
class HtmlNoise:
    """Markup noise. ``split_dollar``: ``$`` in its own cell before each amount;
    ``negatives``: ``"minus"`` (``-5.00``), ``"parens"`` (``(5.00)``) or ``"split"`` (``(``,
    ``5.00``, ``)`` in three cells); ``percent_cell``: ``%`` in its own cell; ``nbsp``:
    ``&nbsp;`` padding and non-breaking spaces inside labels; ``uppercase``: upper-case tags
    and attributes; ``unclosed``: no ``</td>``/``</tr>``; ``font_soup``: every cell wrapped in
    ``<font>`` (headers also in ``<b>``)."""

    split_dollar: bool = False
    negatives: str = "parens"
    percent_cell: bool = False
    nbsp: bool = False
    uppercase: bool = False
    unclosed: bool = False
    font_soup: bool = False

    def __post_init__(self) -> None:
        if self.negatives not in ("minus", "parens", "split"):
            raise ValueError(f"negatives must be minus, parens or split, not {self.negatives!r}")


@dataclass(frozen=True)
class Column:
    """A logical column: its header, the kind of values, an optional spanning group header."""

    head: str
    kind: Kind = "money"
    group: str = ""
    note: str = ""  # raw HTML after the header text (a footnote mark)


class Writer:
    """Writes tags, rows and value cells under one :class:`HtmlNoise`."""

    def __init__(self, noise: HtmlNoise) -> None:
        self.noise = noise

    def tag(self, name: str, attrs: str = "") -> str:
        text = f"{name} {attrs}".strip()
        return f"<{text.upper() if self.noise.uppercase else text}>"

    def end(self, name: str) -> str:
        if self.noise.unclosed and name in ("td", "th", "tr"):
            return ""
        return self.tag(f"/{name}")

    def width(self, kind: Kind) -> int:
        """Physical cells per logical column of ``kind``."""
        if kind == "money":
            return 1 + (self.noise.split_dollar or self.noise.negatives == "split") + (
                self.noise.negatives == "split")
        if kind in ("rate", "pct6"):
            return 1 + self.noise.percent_cell
        return 1

    def cell(self, text: str, attrs: str = "", header: bool = False, note: str = "") -> str:
        """One ``<td>``/``<th>``; ``note`` is raw HTML put after the text (``<sup>(1)</sup>``)."""
        body = html.escape(text)
        if self.noise.nbsp and body:
            body = "&nbsp;" + body.replace(" ", "&nbsp;") + "&nbsp;"
        if header and body:
            body = f"{self.tag('b')}{body}{self.tag('/b')}"
        body += note
        if self.noise.font_soup:
            body = f"{self.tag('font', _FONT)}{body}{self.tag('/font')}"
        name = "th" if header else "td"
        align = "" if header or not text else 'align="right"'
        return f"{self.tag(name, ' '.join(a for a in (attrs, align) if a))}{body}{self.end(name)}"

    def row(self, cells: Sequence[str]) -> str:
        return f"{self.tag('tr')}{''.join(cells)}{self.end('tr')}"

    def header_rows(self, columns: Sequence[Column]) -> list[str]:
        """The group row (when any column has a group) and the leaf row, spans over runs."""
        rows = []
        if any(c.group for c in columns):
            cells, i = [], 0
            while i < len(columns):
                j = i
                while j + 1 < len(columns) and columns[i].group and (
                        columns[j + 1].group == columns[i].group):
                    j += 1
                span = sum(self.width(c.kind) for c in columns[i:j + 1])
                cells.append(self.cell(columns[i].group, _span(span), header=True))
                i = j + 1
            rows.append(self.row(cells))
        rows.append(self.row([self.cell(c.head, _span(self.width(c.kind)), header=True,
                                        note=c.note) for c in columns]))
        return rows

    def values(self, columns: Sequence[Column], values: Sequence[Value], note: str = "") -> str:
        """One body row: each value spread over its column's physical cells; ``note`` follows
        the first cell (a footnote mark on the row label)."""
        cells: list[str] = []
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            cells += [self.cell(text, note=note if i == 0 else "")
                      for text in self.pieces(column.kind, value)]
        return self.row(cells)

    def pieces(self, kind: Kind, value: Value) -> list[str]:
        """The texts of one value's physical cells."""
        width = self.width(kind)
        if value is None:
            return [""] * width
        if kind == "money":
            return self._money(Decimal(value))
        if kind in ("rate", "pct6"):
            places = 5 if kind == "rate" else 6
            figure = f"{Decimal(value) * 100:.{places}f}"
            return [figure, "%"] if width == 2 else [figure + "%"]
        if kind == "count":
            return [f"{int(value):,d}"]
        if kind == "factor":
            return [f"{Decimal(value):.8f}"]
        return [str(value)]

    def _money(self, value: Decimal) -> list[str]:
        figure, negative = f"{abs(value):,.2f}", value < 0
        dollar = "$" if self.noise.split_dollar else ""
        if self.noise.negatives == "split":
            return [f"{dollar}(" if negative else dollar, figure, ")" if negative else ""]
        if negative:
            figure = f"({figure})" if self.noise.negatives == "parens" else f"-{figure}"
        return [dollar, figure] if self.noise.split_dollar else [figure]


def _span(width: int) -> str:
    return f'colspan="{width}"' if width > 1 else ""
