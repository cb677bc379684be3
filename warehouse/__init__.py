"""Parquet tables and DuckDB views. Never speaks HTTP, never parses."""
