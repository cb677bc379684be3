"""The package's public surface is exactly ``__all__`` (the orchestrator imports from it)."""

import warehouse


def test_all_lists_the_public_api_and_every_name_resolves() -> None:
    assert sorted(warehouse.__all__) == sorted([
        "SCHEMAS", "TABLES", "AppendResult", "Batch", "CompactResult", "ExportResult", "InvalidBatch", "ManifestError",
        "RefusedValue", "ReplaceResult", "Warehouse", "WarehouseBusy", "WarehouseError", "connect", "export", "query",
    ])
    for name in warehouse.__all__:
        assert getattr(warehouse, name) is not None, name


def test_every_error_is_a_warehouse_error() -> None:
    for name in ("InvalidBatch", "ManifestError", "RefusedValue", "WarehouseBusy"):
        assert issubclass(getattr(warehouse, name), warehouse.WarehouseError), name
