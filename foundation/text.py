"""Untrusted text, contained: what reports, servers and users print reaches people only
bounded, without terminal control sequences, and never as a spreadsheet formula.

Report labels, error pages and quarantine reasons come from documents absdw does not
control. Three rules, one place each:

* :func:`bounded` cuts a reason or a log field to a length a person can read (a submission
  with a million documents once made a 15 MB ``parse_error``);
* :func:`printable` drops control characters (ANSI/OSC escape sequences would recolour, retitle
  or rewrite the user's terminal), keeping tabs and new lines where asked;
* :func:`spreadsheet_safe` prefixes ``'`` to a cell Excel or LibreOffice would evaluate
  (``=HYPERLINK(...)``, ``+``, ``-``, ``@``, a leading tab or carriage return): the cell then
  shows the text it holds.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_PREFIXES", "MAX_REASON_CHARS", "MAX_WARNINGS", "bounded", "printable",
           "spreadsheet_safe"]

#: Longest quarantine reason, log field or error line kept (characters).
MAX_REASON_CHARS = 2_000
#: Most failed-check warnings kept per filing (each bounded too).
MAX_WARNINGS = 100
#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def bounded(text: str, limit: int = MAX_REASON_CHARS) -> str:
    """``text``, or its first ``limit`` characters and how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]} ... ({len(text) - limit:,} more characters)"


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` without escape sequences and control characters (tab and, with ``lines``,
    new lines kept; otherwise a line break becomes a space)."""
    text = _ESCAPE.sub("", text)
    if lines:
        return _CONTROL.sub("", text)
    return _CONTROL_AND_BREAKS.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like cells get a leading ``'``."""
    return f"'{cell}" if cell.startswith(FORMULA_PREFIXES) else cell
