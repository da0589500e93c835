"""Batch engines: one port, a DuckDB streaming engine and a Dask engine."""
