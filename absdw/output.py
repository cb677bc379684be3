"""Render query results as a table, CSV or JSON (data on stdout; logs go to stderr).

Values keep their exactness: a DECIMAL prints as its exact digits in every format, dates as ISO.
Text from documents is untrusted: the table and CSV formats drop terminal control sequences,
and a CSV text cell a spreadsheet would evaluate is prefixed with ``'`` (``foundation.text``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from foundation.text import printable, spreadsheet_safe

__all__ = ["Format", "render"]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format) -> str:
    """The whole output text for ``rows`` in ``fmt`` (ends with a newline)."""
    if fmt is Format.csv:
        return _csv(columns, rows)
    if fmt is Format.json:
        return _json(columns, rows)
    return _table(columns, rows)


def _text(value: Any) -> str:
    """A value as printed: exact, and for text without control characters."""
    if isinstance(value, str):
        return printable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[spreadsheet_safe(_text(v)) if isinstance(v, str) else _text(v)
                       for v in row] for row in rows])
    return buf.getvalue()


def _json_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)  # exact digits; a valid JSON number, never routed through float
    if isinstance(value, (date, datetime)):
        return json.dumps(value.isoformat())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json_value(v) for v in value) + "]"
    return json.dumps(value)


def _json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    objects = [
        "{"
        + ", ".join(f"{json.dumps(c)}: {_json_value(v)}" for c, v in zip(columns, row, strict=True))
        + "}"
        for row in rows
    ]
    return "[\n  " + ",\n  ".join(objects) + "\n]\n" if objects else "[]\n"


def _is_numeric(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[_text(v) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    numeric = [
        bool(rows) and all(_is_numeric(r[i]) or r[i] is None for r in rows)
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
