"""Running a batch engine on any input: flat rows as they are, nested booking JSON lines read by
the engine when it can, else flattened line by line first (:func:`corridor.batch.nested.flatten`).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from corridor.batch.base import BatchEngine, BatchReport
from corridor.batch.local import copy_sql, source_sql
from corridor.batch.nested import flatten, is_nested, read_bookings_sql
from corridor.exc import InvalidData
from corridor.rules.spec import Rule

log = logging.getLogger(__name__)


def all_bookings_shaped(path: Path) -> bool:
    """Whether every line reads as a booking with segments and passengers (one DuckDB scan).

    A booking without segments or passengers would unnest to no row at all and vanish from the
    output; when there is one, the file is read line by line so it becomes a reject instead.
    """
    con = duckdb.connect()
    try:
        found = con.execute(
            f"SELECT count(*) FROM {read_bookings_sql(path)} WHERE segments IS NULL"
            " OR passengers IS NULL OR len(segments) = 0 OR len(passengers) = 0"
        ).fetchone()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return found is not None and int(found[0]) == 0


def _write_rejects(bad: pa.Table, engine_rejects: Path | None, rejects: Path) -> int:
    """The flattening's rejects then the engine's, in the format ``rejects`` asks for."""
    con = duckdb.connect()
    try:
        con.register("_bad", bad)
        query = "SELECT * FROM _bad"
        if engine_rejects is not None and engine_rejects.exists():
            query += (
                " UNION ALL SELECT CAST(booking_id AS VARCHAR), CAST(passenger_id AS VARCHAR),"
                " TRY_CAST(segment_no AS INTEGER), CAST(reason AS VARCHAR)"
                f" FROM {source_sql(engine_rejects)}"
            )
        con.execute(copy_sql(query, rejects))
        counted = con.execute(f"SELECT count(*) FROM ({query})").fetchone()
        return 0 if counted is None else int(counted[0])
    finally:
        con.close()


def run_batch(
    engine: BatchEngine,
    rules: Sequence[Rule],
    source: Path,
    output: Path,
    rejects: Path | None = None,
) -> BatchReport:
    """Run ``engine``; nested booking JSON lines are read vectorised or flattened per line.

    A booking without segments or passengers would vanish from a vectorised read (it unnests
    to no row): when there is one, the file is read line by line and it becomes a reject.
    """
    if not source.exists():
        raise InvalidData.at("no such file or folder", file=str(source))
    if not is_nested(source):
        return engine.run(rules, source, output, rejects)
    if engine.reads_nested_json and all_bookings_shaped(source):
        try:
            return engine.run(rules, source, output, rejects)
        except InvalidData as exc:
            log.warning("%s: reading the bookings line by line (%s)", source, exc.message)
    folder = output.parent if output.parent.exists() else None
    with tempfile.TemporaryDirectory(prefix=".corridor-", dir=folder) as tmp:
        rows = Path(tmp) / "rows.parquet"
        bad = flatten(source, rows)
        engine_rejects = None if rejects is None else Path(tmp) / "engine-rejects.parquet"
        report = engine.run(rules, rows, output, engine_rejects)
        rejected = report.rejected + bad.num_rows
        if rejects is not None:
            rejected = _write_rejects(bad, engine_rejects, rejects)
    return BatchReport(
        engine=report.engine,
        input=str(source),
        output=report.output,
        rejects=report.rejects if rejects is None else str(rejects),
        rows=report.rows,
        rejected=rejected,
        decisions=report.decisions,
        rules=report.rules,
    )
