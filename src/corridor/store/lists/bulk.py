"""Bulk writes for list loads: chunked ``IN`` lists and ``executemany`` straight to the driver."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.engine import Connection

CHUNK = 2000


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``size`` (bound parameters per statement stay under the limits)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _convert(values: list[Any], proc: Any) -> list[Any]:
    """Apply a bind processor; most rows share the load's datetime: convert that once."""
    done: dict[int, Any] = {}
    out = []
    for value in values:
        if isinstance(value, datetime):
            key = id(value)
            if key not in done:
                done[key] = proc(value)
            out.append(done[key])
        else:
            out.append(proc(value))
    return out


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``executemany`` straight to the driver, values converted once by each column's type.

    SQLAlchemy's per-row parameter handling costs more than the insert itself at 100k rows.
    """
    if not rows:
        return
    dialect = conn.dialect
    cols = list(rows[0])
    procs = [table.c[c].type.bind_processor(dialect) for c in cols]
    procs = [
        _dump_json if p is None and isinstance(table.c[c].type, JSON) else p
        for p, c in zip(procs, cols, strict=True)
    ]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    columns: list[list[Any]] = []
    for col, proc in zip(cols, procs, strict=True):
        values = [r[col] for r in rows]
        if proc is not None:
            values = _convert(values, proc)
        columns.append(values)
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))
