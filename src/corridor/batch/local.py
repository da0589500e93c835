"""The single-machine engine: DuckDB streams the input file through the compiled rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from corridor.batch.base import BatchReport, file_format
from corridor.bookings.model import airport_countries
from corridor.exc import InvalidData
from corridor.rules.compile import REQUIRED, decisions_sql, quote, rejects_sql
from corridor.rules.spec import Rule


def connect(memory_limit: str | None = None, threads: int | None = None) -> Any:
    """A DuckDB connection in UTC with the airports table the validation needs."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")
    if memory_limit is not None:
        con.execute(f"SET memory_limit = {quote(memory_limit)}")
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    codes = airport_countries()
    airports = pa.table({"iata": list(codes), "country": list(codes.values())})
    con.register("_airports_arrow", airports)
    con.execute("CREATE TEMP TABLE airports AS SELECT * FROM _airports_arrow")
    con.unregister("_airports_arrow")
    return con


def source_sql(path: Path) -> str:
    """The DuckDB table function reading ``path`` (every column as read, CSV as text)."""
    fmt = file_format(path)
    target = str(path / "*.parquet") if path.is_dir() else str(path)
    if fmt == "parquet":
        return f"read_parquet({quote(target)})"
    if fmt == "csv":
        return f"read_csv({quote(target)}, header = true, all_varchar = true)"
    return f"read_json({quote(target)}, format = 'newline_delimited')"


def columns_of(con: Any, source: str, path: str) -> list[str]:
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as exc:
        raise InvalidData.at(f"cannot read bookings: {exc}", file=path) from exc
    columns = [str(row[0]) for row in described]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InvalidData.at(f"missing columns: {', '.join(missing)}", file=path)
    return columns


def copy_sql(query: str, output: Path) -> str:
    fmt = file_format(output)
    option = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}
    return f"COPY ({query}) TO {quote(str(output))} ({option[fmt]})"


def decide_table(rules: Sequence[Rule], table: pa.Table) -> pa.Table:
    """Decisions for an in-memory Arrow table of rows (used by Dask partitions and tests)."""
    con = connect(threads=1)
    try:
        con.register("_rows", table)
        return con.sql(decisions_sql(rules, "_rows", table.column_names)).to_arrow_table()
    finally:
        con.close()


def reject_table(table: pa.Table) -> pa.Table:
    con = connect(threads=1)
    try:
        con.register("_rows", table)
        return con.sql(rejects_sql("_rows", table.column_names)).to_arrow_table()
    finally:
        con.close()


class DuckDBEngine:
    """Streams Parquet, CSV or JSON-lines rows through DuckDB; memory stays bounded."""

    name = "local"

    def __init__(self, memory_limit: str | None = "2GB", threads: int | None = None) -> None:
        self.memory_limit = memory_limit
        self.threads = threads

    def run(
        self, rules: Sequence[Rule], source: Path, output: Path, rejects: Path | None = None
    ) -> BatchReport:
        con = connect(self.memory_limit, self.threads)
        try:
            src = source_sql(source)
            columns = columns_of(con, src, str(source))
            try:
                con.execute(copy_sql(decisions_sql(rules, src, columns), output))
                rejected = 0
                if rejects is not None:
                    con.execute(copy_sql(rejects_sql(src, columns), rejects))
                    rejected = int(
                        con.execute(f"SELECT count(*) FROM {source_sql(rejects)}").fetchone()[0]
                    )
                counts = con.execute(
                    f"SELECT decision, count(*) FROM {source_sql(output)} GROUP BY decision"
                ).fetchall()
            except duckdb.Error as exc:
                raise InvalidData.at(f"cannot check bookings: {exc}", file=str(source)) from exc
        finally:
            con.close()
        decisions = {str(k): int(v) for k, v in counts}
        return BatchReport(
            engine=self.name,
            input=str(source),
            output=str(output),
            rejects=None if rejects is None else str(rejects),
            rows=sum(decisions.values()),
            rejected=rejected,
            decisions=decisions,
            rules=[r.id for r in rules],
        )
