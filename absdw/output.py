"""Render query results as a table, CSV or JSON (data on stdout; logs go to stderr).

Values keep their exactness: a DECIMAL prints as its exact digits in every format, never in
exponent form (``0E-10`` is ``0.00``), with at least two decimals (money) and no trailing
zeros beyond them (``0.0525000000`` is ``0.0525``); in the table and CSV formats every value
of a column gets the same number of decimals (the most any of them needs), so columns line
up. The table format alone adds thousands separators. Dates print as ISO. JSON is always
valid JSON: decimals are numbers with their exact digits, NaN and infinities are ``null``,
paths and other objects are strings.
Text from documents is untrusted: the table and CSV formats drop terminal control sequences,
and a CSV text cell a spreadsheet would evaluate is prefixed with ``'`` (``foundation.text``).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from foundation.text import printable, spreadsheet_safe

__all__ = ["Format", "decimal_text", "json_value", "render"]


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


def _places(value: Decimal) -> int:
    """Decimals ``value`` needs: at least two, no trailing zeros past them."""
    exponent = value.normalize().as_tuple().exponent
    return max(2, -exponent) if isinstance(exponent, int) else 2


def decimal_text(value: Decimal, *, grouped: bool = False, places: int | None = None
                 ) -> str | None:
    """A decimal's exact digits: fixed point, at least two decimals, no trailing zeros past
    them (or exactly ``places``, never fewer than it needs); ``grouped`` adds thousands
    separators. None for NaN and infinities."""
    if not value.is_finite():
        return None
    shown = max(places or 0, _places(value))
    return format(value, f"{',' if grouped else ''}.{shown}f")


def _column_places(rows: Sequence[Sequence[Any]]) -> list[int]:
    """Per column, the most decimals any of its finite decimals needs (at least two)."""
    width = max((len(r) for r in rows), default=0)
    return [max((_places(r[i]) for r in rows if isinstance(r[i], Decimal) and r[i].is_finite()),
                default=2) for i in range(width)]


def _text(value: Any, *, grouped: bool = False, places: int | None = None) -> str:
    """A value as printed: exact, and for text without control characters."""
    if isinstance(value, str):
        return printable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value, grouped=grouped, places=places) or ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v, grouped=grouped) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_text(v, grouped=grouped)}" for k, v in value.items())
    return str(value)


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    places = _column_places(rows)
    writer.writerows([[spreadsheet_safe(_text(v)) if isinstance(v, str) else _text(v, places=p)
                       for v, p in zip(row, places, strict=False)] for row in rows])
    return buf.getvalue()


def json_value(value: Any) -> str:
    """``value`` as JSON text: decimals exact, dates ISO, non-finite numbers null, nested
    lists and dicts kept, anything else (a path) as its string."""
    if value is None or isinstance(value, (bool, int, str)):
        return json.dumps(value)
    if isinstance(value, Decimal):
        return decimal_text(value) or "null"  # a valid JSON number, never through float
    if isinstance(value, float):
        return json.dumps(value) if math.isfinite(value) else "null"
    if isinstance(value, (date, datetime)):
        return json.dumps(value.isoformat())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {json_value(v)}"
                               for k, v in value.items()) + "}"
    return json.dumps(str(value))


def _json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    objects = [
        "{"
        + ", ".join(f"{json.dumps(c)}: {json_value(v)}" for c, v in zip(columns, row, strict=True))
        + "}"
        for row in rows
    ]
    return "[\n  " + ",\n  ".join(objects) + "\n]\n" if objects else "[]\n"


def _is_numeric(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    places = _column_places(rows)
    cells = [[_text(v, grouped=True, places=p) for v, p in zip(row, places, strict=False)]
             for row in rows]
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
