"""Delta Lake tables and DuckDB views. Never speaks HTTP, never parses.

``Warehouse(root).append(batch)`` commits parsed rows atomically and idempotently (amendments
supersede the months they restate); ``Warehouse(root).compact()`` bounds file counts;
``connect(root, as_of=...)`` / ``query(root, sql)`` read them through the public views
(``filings``, ``tranches``, ``pools``, ``delinquencies``, ``report_items``, ``*_history``,
``pool_performance``, ``tranche_performance``, ``delinquency_transitions``);
``export(root, to_dir)`` writes current versions as plain Parquet/CSV for BI tools.
"""

from warehouse.connect import connect, query, query_statements
from warehouse.errors import (
    InvalidBatch,
    ManifestError,
    RefusedValue,
    WarehouseBusy,
    WarehouseError,
)
from warehouse.export import ExportResult, export, write_export_database
from warehouse.maintenance import CompactResult
from warehouse.schema import SCHEMAS, TABLES
from warehouse.store import AppendResult, Batch, ReplaceResult, Warehouse

__all__ = [
    "SCHEMAS",
    "TABLES",
    "AppendResult",
    "Batch",
    "CompactResult",
    "ExportResult",
    "InvalidBatch",
    "ManifestError",
    "RefusedValue",
    "ReplaceResult",
    "Warehouse",
    "WarehouseBusy",
    "WarehouseError",
    "connect",
    "export",
    "query",
    "query_statements",
    "write_export_database",
]
