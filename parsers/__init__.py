"""Turn raw EDGAR submissions into typed records. Pure functions, no I/O."""
