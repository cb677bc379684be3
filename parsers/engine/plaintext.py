"""Markup-free table segmentation: report text -> :class:`TextTable` blocks without ``<TABLE>``.

Many 1990s trustee statements (Bankers Trust, later Deutsche Bank) are plain fixed-width text,
or carry ``<TABLE>/<S>/<C>`` markup that does not match the printed tables. Geometry is the
reliable signal, so this module ignores markup entirely and cuts the text where its *lines*
change kind:

* a **data line** ends in a figure (``1,234.56``, ``287``, ``6.750000 %``) and has a label or
  another figure before it, two or more spaces away;
* a **text line** is any other printed line (titles, wrapped column headers, dates);
* a table is the run of text lines (its caption) followed by the run of data lines (its body);
  blank and rule (``----``) lines do not end either run.

Page furniture is removed first: pages end at a form feed, a ``<PAGE>`` tag or a page-number
footer (``Page 2 of 4``); each later page's leading lines that repeat page 1's opening lines
(masthead, and the open table's title and column headers) are dropped. A table whose caption is
empty or repeats the end of the previous table's caption (the column headers reprinted after a
break, ``(CONTINUED)`` ignored) is a continuation and joins the previous table's body.
"""

from __future__ import annotations

import re

from parsers.engine.budget import check
from parsers.engine.columns import phrases
from parsers.engine.numbers import is_number
from parsers.engine.tables import TextTable

__all__ = ["is_data_line", "plain_lines", "split_plain_tables"]

_MARKUP = re.compile(r"^\s*(?:</?TABLE>|<CAPTION>|</?FN>|<S>(?:\s|<C>)*)\s*$", re.I)
_PAGE_TAG = re.compile(r"^\s*</?PAGE>\s*$", re.I)
_PAGE_NUMBER = re.compile(r"^\s*-?\s*Page\s+\d+(?:\s+of\s+\d+)?\s*-?\s*$", re.I)
_RULE = re.compile(r"^[\s\-=_*]*$")
_CONTINUED = re.compile(r"\s*\(continued\)\s*$", re.I)


def is_data_line(line: str) -> bool:
    """A printed row of figures: its last word is a number (a lone ``%`` after one counts)
    and the line holds at least two phrases, so ``SERIES 1997`` stays a title."""
    words = line.split()
    if not words or _RULE.match(line):
        return False
    last = words[-1]
    if last == "%" and len(words) > 1:
        last = words[-2] + "%"
    return is_number(last) and len(phrases(line)) > 1


def plain_lines(text: str) -> list[str]:
    """The text's lines, markup tags dropped, each later page's repeated header removed."""
    pages = _pages(text)
    opening = _printed(pages[0])
    lines = list(pages[0])
    for page in pages[1:]:
        lines.extend(_drop_repeated_header(page, opening))
    return lines


def split_plain_tables(text: str) -> list[TextTable]:
    """Every caption + body block of ``text`` in order, continuations joined."""
    tables: list[TextTable] = []
    caption: list[str] = []
    current: TextTable | None = None
    for number, line in enumerate(plain_lines(text)):
        if number % 512 == 0:
            check()
        if is_data_line(line):
            if current is None:
                current = TextTable(line=number, caption=caption)
                caption = []
                tables.append(current)
            current.body.append(line)
        elif _RULE.match(line):  # blank or a rule: kept as a blank line (not a header)
            (current.body if current is not None else caption).append("")
        else:
            current = None
            caption.append(line)
    return _join_continuations(tables)


def _pages(text: str) -> list[list[str]]:
    """Lines per page; a form feed splits its line, a page-number footer ends its page."""
    pages: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for i, line in enumerate(raw.split("\f")):
            if i:
                pages.append([])
            if _PAGE_TAG.match(line) or _PAGE_NUMBER.match(line):
                pages.append([])
            elif not _MARKUP.match(line):
                pages[-1].append(line)
    return [page for page in pages if any(line.strip() for line in page)] or [[]]


def _printed(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def _drop_repeated_header(page: list[str], opening: list[str]) -> list[str]:
    """``page`` without its leading printed lines equal, in order, to ``opening``'s."""
    matched = 0
    for i, line in enumerate(page):
        if not line.strip():
            continue
        if matched < len(opening) and line.strip() == opening[matched]:
            matched += 1
            continue
        return page[i:]
    return []


def _caption_key(table: TextTable) -> list[str]:
    return [_CONTINUED.sub("", line) for line in _printed(table.caption)]


def _join_continuations(tables: list[TextTable]) -> list[TextTable]:
    out: list[TextTable] = []
    for table in tables:
        if out and _continues(out[-1], table):
            out[-1].body.extend(table.body)
        else:
            out.append(table)
    return out


def _continues(previous: TextTable, table: TextTable) -> bool:
    """Empty caption, or a caption that repeats the previous caption's last lines and holds a
    column-header line (several phrases): a single heading such as a group name never joins."""
    key, before = _caption_key(table), _caption_key(previous)
    if not key:
        return True
    repeats = len(key) <= len(before) and before[-len(key):] == key
    return repeats and any(len(phrases(line)) > 1 for line in key)
