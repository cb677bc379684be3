"""Fetch EDGAR filings and keep their raw bytes. Never parses, never touches the warehouse."""
