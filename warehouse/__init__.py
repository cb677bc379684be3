"""Parquet tables and DuckDB views. Never speaks HTTP, never parses.

``Warehouse(root).append(batch)`` commits parsed rows atomically and idempotently;
``connect(root)`` / ``query(root, sql)`` read them through the public views
(``filings``, ``tranches``, ``pools``, ``delinquencies``, ``report_items``).
"""

from warehouse.connect import connect, query
from warehouse.errors import (
    InvalidBatch,
    ManifestError,
    RefusedValue,
    WarehouseBusy,
    WarehouseError,
)
from warehouse.schema import SCHEMAS, TABLES
from warehouse.store import AppendResult, Batch, Warehouse

__all__ = [
    "SCHEMAS",
    "TABLES",
    "AppendResult",
    "Batch",
    "InvalidBatch",
    "ManifestError",
    "RefusedValue",
    "Warehouse",
    "WarehouseBusy",
    "WarehouseError",
    "connect",
    "query",
]
