"""Plain rows -> Arrow tables, refusing any value that would not be stored exactly.

The orchestrator hands over dicts of Python values. Money must arrive as ``Decimal`` (or
``int``) and is quantized to the column's scale only when that drops nothing but zeros: a
sub-cent digit means the parser read something wrong, and rounding it would hide that.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import Any

import pyarrow as pa

from warehouse.errors import InvalidBatch, RefusedValue
from warehouse.schema import MAINTAINED, REQUIRED, SCHEMAS, VOCABULARIES

__all__ = ["Row", "to_arrow"]

Row = Mapping[str, Any]

_EXACT = Context(prec=80)  # enough for any DECIMAL(38, s) without rounding while we check
_INT_RANGE = {pa.int32(): 2**31, pa.int64(): 2**63}


def to_arrow(table: str, rows: Sequence[Row], maintained: Mapping[str, Any] | None = None
             ) -> pa.Table:
    """An Arrow table of ``rows`` with the table's schema, the warehouse's own columns set
    from ``maintained`` (``loaded_at``: the commit time); raises before anything is written."""
    schema = SCHEMAS[table]
    _check_columns(table, rows)
    values = dict(maintained or {})
    columns = {
        f.name: [_cell(table, f, row) for row in rows] if f.name not in values
        else [_cell(table, f, values) for _ in rows]
        for f in schema
    }
    return pa.Table.from_pydict(columns, schema=schema)


def _check_columns(table: str, rows: Sequence[Row]) -> None:
    known = set(SCHEMAS[table].names)
    own = set(MAINTAINED.get(table, ()))
    for row in rows:
        unknown = set(row) - known
        if unknown:
            raise InvalidBatch(
                f"{table}: unknown column(s) {sorted(unknown)} for accession "
                f"{row.get('accession')}; add them to warehouse/schema.py first"
            )
        if own & set(row):
            raise InvalidBatch(
                f"{table}: column(s) {sorted(own & set(row))} for accession "
                f"{row.get('accession')} are stamped by the warehouse at commit; leave them out"
            )


def _cell(table: str, field: pa.Field, row: Row) -> Any:
    value = row.get(field.name)
    try:
        if value is None:
            if field.name in REQUIRED[table]:
                raise ValueError("is required (part of the row's key)")
            return None
        allowed = VOCABULARIES.get((table, field.name))
        if allowed is not None and value not in allowed:
            raise ValueError(f"is not one of {list(allowed)}")
        return _converter(field.type)(value)
    except (ValueError, TypeError) as exc:
        raise RefusedValue(
            f"{table}.{field.name} = {value!r} for accession {row.get('accession')} "
            f"(cik {row.get('cik')}) {exc}; nothing was committed"
        ) from None


def _converter(arrow_type: pa.DataType) -> Callable[[Any], Any]:
    if pa.types.is_decimal(arrow_type):
        return lambda v: _exact_decimal(v, arrow_type.precision, arrow_type.scale)
    if pa.types.is_list(arrow_type):
        return _text_list
    if pa.types.is_integer(arrow_type):
        return lambda v: _integer(v, _INT_RANGE[arrow_type])
    return _SIMPLE[arrow_type]


def _exact_decimal(value: Any, precision: int, scale: int) -> Decimal:
    """``value`` at ``scale`` decimals, or ValueError if that would change it or overflow."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"must be Decimal (never float, which cannot hold cents exactly), "
                        f"not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("is not a finite number")
    try:
        quantized = number.quantize(Decimal(1).scaleb(-scale), context=_EXACT)
    except InvalidOperation:
        raise ValueError(f"overflows DECIMAL({precision},{scale})") from None
    if quantized != number:
        raise ValueError(f"has digits beyond {scale} decimal places; the warehouse never "
                         "rounds money: fix the value at its source")
    if abs(quantized) >= Decimal(10) ** (precision - scale):
        raise ValueError(f"overflows DECIMAL({precision},{scale})")
    return quantized


def _rate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"must be a Decimal fraction, not {type(value).__name__}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError("is not a finite number")
    return result


def _integer(value: Any, bound: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"must be int, not {type(value).__name__}")
    if not -bound <= value < bound:
        raise ValueError("is out of range for its integer column")
    return value


def _date(value: Any) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"must be datetime.date, not {type(value).__name__}")
    return value


def _timestamp(value: Any) -> datetime:
    """Naive UTC, which is what TIMESTAMP holds."""
    if not isinstance(value, datetime):
        raise TypeError(f"must be datetime, not {type(value).__name__}")
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _typed(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"must be {kind.__name__}, not {type(value).__name__}")
        return value

    return check


def _text_list(value: Any) -> list[str]:
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise TypeError("must be a list of str")
    return list(value)


_SIMPLE: dict[pa.DataType, Callable[[Any], Any]] = {
    pa.float64(): _rate,
    pa.date32(): _date,
    pa.timestamp("us"): _timestamp,
    pa.string(): _typed(str),
    pa.bool_(): _typed(bool),
}
