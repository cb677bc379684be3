"""Fixed-width column inference: a :class:`TextTable` -> a :class:`Grid` of labelled cells.

Why geometry and not the ``<S>/<C>`` marker line alone: in real CTSLink reports the markers are
often offset from the printed columns (the delinquency table's numbers start left of their
marker), numbers are right-aligned while their headers are left-aligned, and labels such as
``180+ Days 0`` touch the first value. So columns are found from the body itself:

1. every position where some data row (a row with a number) prints a character is *occupied*;
   maximal occupied runs are column segments;
2. two segments one blank apart are one column when some row prints a phrase across the gap
   whose right-hand word is text (``Cap Contract``, ``Mixed Fixed & Arm``), never when the
   right-hand word is a number (``180+ Days 0`` is a label then a value);
3. header phrases go to the column they overlap; one that overlaps none goes to the column its
   marker tag starts (when the marker line has one tag per column), else to the nearest.

Column 0 is the row label column (class name, line label, bucket).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from parsers.engine.budget import check
from parsers.engine.numbers import is_number
from parsers.engine.tables import TextTable

__all__ = ["Column", "Grid", "Row", "Span", "build_grid", "phrases"]

_PHRASE = re.compile(r"\S+(?: \S+)*")
_WORD = re.compile(r"\S+")
_MARK = re.compile(r"<[SC]>", re.IGNORECASE)


class Span(NamedTuple):
    """Printed text at ``[start, end)`` of a line (a tuple: made for every word, kept cheap)."""

    start: int
    end: int
    text: str


@dataclass
class Column:
    """One column: its character extent and its header words joined top to bottom."""

    start: int
    end: int  # exclusive
    header: str = ""


@dataclass
class Row:
    """One printed body line split into cells; ``cells[0]`` is the label column."""

    cells: list[str | None]
    line: str

    @property
    def label(self) -> str:
        return self.cells[0] or ""

    @property
    def values(self) -> list[str | None]:
        return self.cells[1:]


@dataclass
class Grid:
    """A table read into columns; ``titles`` are its heading lines, ``preamble`` the caption
    lines before them (report dates, deal name ...)."""

    titles: list[str]
    columns: list[Column]
    rows: list[Row]
    preamble: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The innermost heading (``"SERVICING FEES"``), '' when the table has none."""
        return self.titles[-1] if self.titles else ""

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def phrases(line: str) -> list[Span]:
    """Runs of words separated by single spaces (two or more spaces separate phrases)."""
    return list(_phrases(line))


@lru_cache(maxsize=1 << 14)  # caption and header lines repeat from report to report
def _phrases(line: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end(), m.group()) for m in _PHRASE.finditer(line))


def _words(line: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]


def build_grid(table: TextTable) -> Grid:
    """Infer the columns of ``table`` and split its caption and body along them.

    Columns are worked out once per table (one occupancy pass over the data rows). A data row
    then prints only inside the column extents, so it is cut by slicing along them, unless a
    phrase runs across a one-blank gap (the phrase rules of :func:`_row` decide then); other
    lines go phrase by phrase, a phrase to the column that holds it (a lookup in a
    per-position owner table) and to :func:`_assign`'s overlap rules only when it straddles a
    column edge or sits in a gap.
    """
    check()  # one clock read per table: the document's CPU budget (engine.budget)
    body = [stripped for line in table.body if (stripped := line.rstrip())]
    flags = [_has_number(line) for line in body]
    data = [line for line, flag in zip(body, flags, strict=True) if flag] or body
    columns = _segments(data)
    markers = _marker_starts(table.marker, len(columns))
    owner = _owners(columns)
    extents = [(c.start, c.end) for c in columns]
    preamble, titles, headers = _caption(tuple(table.caption), tuple(extents),
                                         tuple(markers) if markers is not None else None)
    for column, header in zip(columns, headers, strict=True):
        column.header = header
    gaps = [b.start - 1 for a, b in pairwise(columns)  # one blank wide
            if b.start - a.end == 1]
    every = data is body
    rows = [_sliced(line, extents) if (every or flag) and not (gaps and _bridged(line, gaps))
            else _row(line, columns, markers, owner)
            for line, flag in zip(body, flags, strict=True)]
    return Grid(titles=list(titles), columns=columns, rows=rows, preamble=list(preamble))


@lru_cache(maxsize=1 << 12)  # a trustee prints the same captions month after month
def _caption(caption: tuple[str, ...], extents: tuple[tuple[int, int], ...],
             markers: tuple[int, ...] | None
             ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(preamble, titles, one header per column) of a caption over these column extents."""
    columns = [Column(start, end) for start, end in extents]
    marks = list(markers) if markers is not None else None
    owner = _owners(columns)
    preamble, titles, header_lines = _split_caption(list(caption), columns)
    for line in header_lines:
        for phrase in phrases(line):
            column = columns[_locate(phrase, columns, marks, owner)]
            column.header = _join(column.header, phrase.text)
    return tuple(preamble), tuple(titles), tuple(column.header for column in columns)


def _has_number(line: str) -> bool:
    """True for a data row: one printing a number (the last word, in most rows)."""
    last = line.rsplit(None, 1)
    return bool(last) and (is_number(last[-1]) or any(map(is_number, line.split())))


def _sliced(line: str, extents: list[tuple[int, int]]) -> Row:
    """A row printing only inside the column extents: each cell is its extent's words
    (single-spaced; most cells are one word, so only odd spacing pays for the re-join)."""
    return Row(cells=[(" ".join(cell.split()) if "  " in cell or not cell.isprintable()
                       else cell) if (cell := line[start:end].strip()) else None
                      for start, end in extents], line=line)


def _bridged(line: str, gaps: list[int]) -> bool:
    """True when a phrase runs across one of the one-blank gaps (``Cap Contract``)."""
    size = len(line) - 1
    return any(gap < size and line[gap] == " " and not line[gap - 1].isspace()
               and not line[gap + 1].isspace() for gap in gaps)


def _locate(span: Span, columns: list[Column], markers: list[int] | None,
            owner: list[int]) -> int:
    """:func:`_assign`, with a lookup for a span inside one column's extent."""
    i = owner[span.start] if span.end <= len(owner) else -1
    if i < 0 or owner[span.end - 1] != i:
        return _assign(span, columns, markers)
    return i


_OCCUPIED = re.compile(r"1+")


def _segments(data: list[str]) -> list[Column]:
    """Column extents from the occupied positions of the data rows (rule 1 and 2 above).

    The occupancy of all data rows is one integer bitmap: each line's non-blank characters
    become ``1`` digits, the lines are OR-ed together and the runs of ``1`` read off once.
    """
    width = max(map(len, data), default=0)
    bits = 0
    for line in data:
        bits |= int(_bits(line).ljust(width, b"0"), 2)
    occupied = format(bits, f"0{width}b") if width else ""
    runs: list[Column] = []
    for m in _OCCUPIED.finditer(occupied):
        if runs and m.start() - runs[-1].end == 1 and _joined(data, m.start() - 1):
            runs[-1].end = m.end()
        else:
            runs.append(Column(m.start(), m.end()))
    return runs or [Column(0, 1)]


_PRINTED = re.compile(r"\S")
_WHITE = re.compile(r"\s")
#: ASCII byte -> b"0" for whitespace (what ``\s`` matches), b"1" for a printed character.
_ASCII_BITS = bytes(0x30 if chr(b).isspace() else 0x31 for b in range(256))


def _bits(line: str) -> bytes:
    """``line`` as ``0``/``1`` digits, ``1`` where a character is printed."""
    if line.isascii():
        return line.encode("ascii").translate(_ASCII_BITS)
    return _WHITE.sub("0", _PRINTED.sub("1", line)).encode("ascii")


def _joined(lines: list[str], gap: int) -> bool:
    """True when some line prints a text word right after a single blank at ``gap``."""
    for line in lines:
        if 0 < gap < len(line) - 1 and line[gap - 1] != " " and line[gap + 1] != " ":
            word = _WORD.match(line, gap + 1)
            if word and not is_number(word.group()):
                return True
    return False


def _marker_starts(marker: str | None, count: int) -> list[int] | None:
    """Tag positions of the marker line, when it has exactly one tag per column."""
    if marker is None:
        return None
    starts = [m.start() for m in _MARK.finditer(marker)]
    return starts if len(starts) == count else None


def _assign(span: Span, columns: list[Column], markers: list[int] | None) -> int:
    """Index of the column ``span`` belongs to: overlap, else marker tag, else nearest."""
    best, most = -1, 0
    for i in range(bisect_left([c.start for c in columns], span.end) - 1, -1, -1):
        column = columns[i]
        overlap = min(span.end, column.end) - max(span.start, column.start)
        if overlap >= most and overlap > 0:  # ties go to the leftmost, as max() did
            best, most = i, overlap
        if column.end <= span.start:  # columns are sorted and disjoint: none further left
            break
    if best >= 0:
        return best
    if markers is not None:
        return max(i for i, start in enumerate(markers) if start <= span.start or i == 0)
    gaps = [max(c.start - span.end, span.start - c.end) for c in columns]
    return min(range(len(columns)), key=lambda i: (gaps[i], -i))


def _join(head: str, tail: str) -> str:
    """Header words top to bottom; ``Certificate/`` + ``Notional`` -> ``Certificate/Notional``."""
    if not head:
        return tail
    return f"{head}{tail}" if head.endswith(("/", "-")) else f"{head} {tail}"


def _owners(columns: list[Column]) -> list[int]:
    """``owner[x]`` is the index of the column whose extent holds position ``x``, -1 in a gap
    (columns are sorted and disjoint)."""
    owner = [-1] * max((c.end for c in columns), default=0)
    for i, column in enumerate(columns):
        owner[column.start:column.end] = [i] * (column.end - column.start)
    return owner


def _row(line: str, columns: list[Column], markers: list[int] | None,
         owner: list[int] | None = None) -> Row:
    """Split one body line into cells: a phrase of text words stays whole (``Mixed Fixed &
    Arm`` may stick out of its column), one with a number splits word by word (``180+ Days
    0`` is a label then a value)."""
    if owner is None:
        owner = _owners(columns)
    reach = len(owner)
    cells: list[str | None] = [None] * len(columns)
    for phrase in _PHRASE.finditer(line):
        start, end, text = phrase.start(), phrase.end(), phrase.group()
        parts: list[tuple[int, int, str]] = [(start, end, text)]
        if " " in text and any(map(is_number, text.split())):
            parts = [(start + w.start(), start + w.end(), w.group()) for w in _WORD.finditer(text)]
        for start, end, text in parts:
            i = owner[start] if end <= reach else -1
            if i < 0 or owner[end - 1] != i:  # straddles an edge or sits in a gap
                i = _assign(Span(start, end, text), columns, markers)
            cells[i] = text if cells[i] is None else f"{cells[i]} {text}"
    return Row(cells=cells, line=line)


def _split_caption(
    caption: list[str], columns: list[Column]
) -> tuple[list[str], list[str], list[str]]:
    """(preamble, titles, header lines). Titles are single-phrase lines not aligned with any
    column edge, or set off from the lines below by a blank line (a centred heading may align
    with an edge by chance); the header lines are the non-blank lines after the last title."""
    numbered = [(i, line.rstrip()) for i, line in enumerate(caption) if line.strip()]
    lines = [line for _, line in numbered]
    last_index = numbered[-1][0] if numbered else -1
    flags = [_is_title(line, columns) or _set_off(caption, i, line, last_index)
             for i, line in numbered]
    if not any(flags):
        return [], [], lines
    last = max(i for i, flag in enumerate(flags) if flag)
    first = last
    while first > 0 and flags[first - 1]:
        first -= 1
    titles = [" ".join(line.split()) for line in lines[first : last + 1]]
    return lines[:first], titles, lines[last + 1 :]


def _set_off(caption: list[str], index: int, line: str, last: int) -> bool:
    """A single-phrase line followed by a blank line, with printed lines after it."""
    return index < last and not caption[index + 1].strip() and len(phrases(line)) == 1


def _is_title(line: str, columns: list[Column]) -> bool:
    """A heading is one phrase that is not a column header: a header phrase sits in exactly
    one column and starts or ends where that column does (marker tags are too unreliable)."""
    found = phrases(line)
    if len(found) != 1:
        return False
    span = found[0]
    inside = [c for c in columns if min(span.end, c.end) > max(span.start, c.start)]
    if len(inside) != 1:
        return True
    return abs(span.start - inside[0].start) > 1 and abs(span.end - inside[0].end) > 1
