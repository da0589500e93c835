"""The single-machine engine: DuckDB streams the input file through the compiled rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from corridor.batch.base import BatchReport, file_format
from corridor.batch.nested import is_nested, nested_source_sql
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
    # two list parameters: a few milliseconds (building an Arrow table first took a second)
    con.execute(
        "CREATE TEMP TABLE airports AS"
        " SELECT unnest($1::VARCHAR[]) AS iata, unnest($2::VARCHAR[]) AS country",
        [list(codes), list(codes.values())],
    )
    return con


def source_sql(path: Path) -> str:
    """The DuckDB table function reading ``path`` (every column as read, CSV as text)."""
    fmt = file_format(path)
    target = str(path / "*.parquet") if path.is_dir() else str(path)
    if fmt == "parquet":
        return f"read_parquet({quote(target)})"
    if fmt == "csv":
        return f"read_csv({quote(target)}, header = true, all_varchar = true)"

    if is_nested(path):
        return nested_source_sql(path)
    return f"read_json({quote(target)}, format = 'newline_delimited')"


LIST_COLUMNS: tuple[str, ...] = ("nationalities", "residence_permits", "visas")


def columns_of(con: Any, source: str, path: str) -> tuple[str, list[str]]:
    """The relation to read (list-typed code columns joined with ``;``) and its columns.

    Nationalities, residence permits and visas may come as ``;``-joined text or as lists
    (``["SY", "IQ"]`` in Parquet or JSON); both read the same.
    """
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as exc:
        raise InvalidData.at(f"cannot read bookings: {exc}", file=path) from exc
    columns = [str(row[0]) for row in described]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InvalidData.at(f"missing columns: {', '.join(missing)}", file=path)
    lists = [
        str(name)
        for name, kind, *_ in described
        if name in LIST_COLUMNS and str(kind).endswith("[]")
    ]
    if lists:
        joined = ", ".join(f"array_to_string({c}, ';') AS {c}" for c in lists)
        source = f"(SELECT * REPLACE ({joined}) FROM {source})"
    return source, columns


def copy_sql(query: str, output: Path) -> str:
    fmt = file_format(output)
    option = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}
    return f"COPY ({query}) TO {quote(str(output))} ({option[fmt]})"


def write_table(table: pa.Table, path: Path) -> None:
    """Write an Arrow table as Parquet, CSV or JSON lines, by the suffix of ``path``."""
    con = duckdb.connect()
    try:
        con.register("_table", table)
        con.execute(copy_sql("SELECT * FROM _table", path))
    finally:
        con.close()


def empty_rejects_sql() -> str:
    """A rejects file with its columns and no rows."""
    return (
        "SELECT NULL::VARCHAR AS booking_id, NULL::VARCHAR AS passenger_id,"
        " NULL::INTEGER AS segment_no, NULL::VARCHAR AS reason LIMIT 0"
    )


def decide_table(rules: Sequence[Rule], table: pa.Table) -> pa.Table:
    """Decisions for an in-memory Arrow table of rows (used by Dask partitions and tests)."""
    con = connect(threads=1)
    try:
        con.register("_rows", table)
        src, columns = columns_of(con, "_rows", "<rows>")
        return con.sql(decisions_sql(rules, src, columns)).to_arrow_table()
    finally:
        con.close()


def reject_table(table: pa.Table) -> pa.Table:
    con = connect(threads=1)
    try:
        con.register("_rows", table)
        src, columns = columns_of(con, "_rows", "<rows>")
        return con.sql(rejects_sql(src, columns)).to_arrow_table()
    finally:
        con.close()


class DuckDBEngine:
    """Streams Parquet, CSV or JSON-lines rows through DuckDB; memory stays bounded."""

    name = "local"
    reads_nested_json = True

    def __init__(self, memory_limit: str | None = "2GB", threads: int | None = None) -> None:
        self.memory_limit = memory_limit
        self.threads = threads

    def run(
        self, rules: Sequence[Rule], source: Path, output: Path, rejects: Path | None = None
    ) -> BatchReport:
        con = connect(self.memory_limit, self.threads)
        try:
            src, columns = columns_of(con, source_sql(source), str(source))
            try:
                con.execute(copy_sql(decisions_sql(rules, src, columns), output))
                counts = con.execute(
                    f"SELECT decision, count(*) FROM {source_sql(output)} GROUP BY decision"
                ).fetchall()
                decided = sum(int(n) for _, n in counts)
                # Every row decided means none to reject: the second pass (validation only)
                # runs just for inputs that have bad rows. Parquet row counts are metadata.
                total = int(con.execute(f"SELECT count(*) FROM {src}").fetchone()[0])
                rejected = total - decided
                if rejects is not None:
                    query = rejects_sql(src, columns) if rejected else empty_rejects_sql()
                    con.execute(copy_sql(query, rejects))
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
