"""Split report text into its ``<TABLE>`` blocks.

EDGAR's legacy text markup wraps each table as::

    <TABLE>
    <CAPTION>
        title lines, then column header lines
    <S>     <C>      <C>          <- the marker line: one tag per column
        body rows
    <FN>
        footnotes
    </FN>
    </TABLE>

Tags may be indented and in either case. This module only cuts the text into those parts; what
the lines mean is for :mod:`parsers.engine.columns` and the layout families.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.engine.budget import check

__all__ = ["TextTable", "split_tables"]

_OPEN = re.compile(r"^\s*<TABLE>\s*$", re.IGNORECASE)
_CLOSE = re.compile(r"^\s*</TABLE>\s*$", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*<CAPTION>\s*$", re.IGNORECASE)
_MARKER = re.compile(r"^\s*<S>(?:\s|<C>)*$", re.IGNORECASE)
_FN_OPEN = re.compile(r"^\s*<FN>\s*$", re.IGNORECASE)
_FN_CLOSE = re.compile(r"^\s*</FN>\s*$", re.IGNORECASE)


@dataclass
class TextTable:
    """The raw parts of one ``<TABLE>``; ``line`` is its 0-based line number in the text."""

    line: int
    caption: list[str] = field(default_factory=list)
    marker: str | None = None
    body: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when the body holds no printed character (layout filler tables)."""
        return not any(line.strip() for line in self.body)


def split_tables(text: str) -> list[TextTable]:
    """Every ``<TABLE>`` block of ``text``, in order; text outside tables is ignored.

    An unterminated last table runs to the end of the text (truncated documents still yield
    what they hold).
    """
    tables: list[TextTable] = []
    current: TextTable | None = None
    part = "body"
    lines: list[str] | None = None  # the list the current part's printed lines go to
    for number, line in enumerate(text.splitlines()):
        if number % 512 == 0:
            check()
        if "<" not in line:  # no tag: a printed line of the current part, or outside tables
            if lines is not None:
                lines.append(line)
        elif _OPEN.match(line):
            current, part = TextTable(line=number), "caption"
            lines = current.caption
            tables.append(current)
        elif current is None:
            continue
        elif _CLOSE.match(line):
            current, lines = None, None
        else:
            part = _place(current, part, line)
            lines = getattr(current, part)
    for table in tables:
        if table.marker is None:  # no <S> line: nothing tells caption from body
            table.body, table.caption = table.caption + table.body, []
    return tables


def _place(table: TextTable, part: str, line: str) -> str:
    """Put one line into the right part of ``table``; returns the part the next line is in."""
    if _CAPTION.match(line):
        return "caption"
    if part != "footnotes" and table.marker is None and _MARKER.match(line):
        table.marker = line
        return "body"
    if _FN_OPEN.match(line):
        return "footnotes"
    if _FN_CLOSE.match(line):
        return "body"
    getattr(table, part).append(line)
    return part
