"""Bookings as JSON lines, one PNR per line with nested segments and passengers.

An airline exports bookings the way it holds them: ``{"id": ..., "segments": [...],
"passengers": [...]}`` on each line. The engines decide flat passenger-segment rows, and there
are two ways to get them:

- **vectorised** (the DuckDB engine): :func:`nested_source_sql` reads the file with a fixed
  schema and unnests passengers times segments in SQL, so the file streams through the rules
  like a flat one; rows that fail validation are rejected with their booking, passenger and
  segment.
- **per line** (the Dask engine, and the fallback when a line is not JSON or not shaped like a
  booking, which stops DuckDB's reader): :func:`flatten` validates each line with
  :meth:`corridor.bookings.model.Booking.from_dict`, exactly as ``corridor check booking.json``
  does, writes the rows to Parquet for the engine, and puts the lines that do not validate into
  the rejects file with their line number, field and reason.

Flat files (Parquet, CSV, JSON lines of rows) go straight to the engine.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corridor.batch.base import file_format
from corridor.bookings.model import Booking
from corridor.exc import InvalidData

log = logging.getLogger(__name__)

NESTED_KEYS: frozenset[str] = frozenset({"segments", "passengers"})

ROW_SCHEMA = pa.schema(
    [
        ("booking_id", pa.string()),
        ("passenger_id", pa.string()),
        ("segment_no", pa.int32()),
        ("sale_time", pa.timestamp("us", tz="UTC")),
        ("ticket_type", pa.string()),
        ("point_of_sale", pa.string()),
        ("operating_carrier", pa.string()),
        ("marketing_carrier", pa.string()),
        ("flight_number", pa.string()),
        ("origin", pa.string()),
        ("destination", pa.string()),
        ("departure", pa.timestamp("us", tz="UTC")),
        ("is_connection", pa.bool_()),
        ("nationalities", pa.string()),
        ("document_type", pa.string()),
        ("residence_permits", pa.string()),
        ("visas", pa.string()),
    ]
)
REJECT_SCHEMA = pa.schema(
    [
        ("booking_id", pa.string()),
        ("passenger_id", pa.string()),
        ("segment_no", pa.int32()),
        ("reason", pa.string()),
    ]
)


def is_nested(path: Path) -> bool:
    """Whether ``path`` is JSON lines whose first object is a booking with segments and passengers."""
    if path.is_dir() or file_format(path) != "jsonl":
        return False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    first: Any = json.loads(line)
                except (ValueError, RecursionError):
                    return False
                return isinstance(first, dict) and bool(first.keys() & NESTED_KEYS)
    return False


_SEGMENT = (
    "STRUCT(operating_carrier VARCHAR, marketing_carrier VARCHAR, flight_number VARCHAR,"
    " origin VARCHAR, destination VARCHAR, departure VARCHAR)[]"
)
_PASSENGER = (
    "STRUCT(id VARCHAR, nationalities JSON, document_type VARCHAR,"
    " residence_permits JSON, visas JSON)[]"
)


def _codes_sql(field: str) -> str:
    """A passenger's code list, given in JSON as a list or a ``;``-joined string, as text."""
    value = f"passengers[_p].{field}"
    return (
        f"CASE WHEN json_type({value}) = 'ARRAY'"
        f" THEN array_to_string(CAST({value} AS VARCHAR[]), ';') ELSE {value} ->> '$' END"
    )


def read_bookings_sql(path: Path) -> str:
    target = str(path).replace("'", "''")
    columns = (
        "{'id': 'VARCHAR', 'sale_time': 'VARCHAR', 'ticket_type': 'VARCHAR',"
        f" 'point_of_sale': 'VARCHAR', 'segments': '{_SEGMENT}', 'passengers': '{_PASSENGER}'}}"
    )
    return f"read_json('{target}', format = 'newline_delimited', columns = {columns})"


def nested_source_sql(path: Path) -> str:
    """SQL reading booking JSON lines as passenger-segment rows (the columns of ``to_row``)."""
    segment = "segments[_s]"
    return f"""(
    SELECT id AS booking_id, coalesce(passengers[_p].id, 'P' || _p) AS passenger_id,
      _s AS segment_no, sale_time, coalesce(ticket_type, 'return') AS ticket_type,
      point_of_sale, {segment}.operating_carrier AS operating_carrier,
      {segment}.marketing_carrier AS marketing_carrier, {segment}.flight_number AS flight_number,
      {segment}.origin AS origin, {segment}.destination AS destination,
      {segment}.departure AS departure,
      coalesce(_s > 1 AND upper(segments[_s - 1].destination) = upper({segment}.origin), false)
        AS is_connection,
      {_codes_sql("nationalities")} AS nationalities,
      passengers[_p].document_type AS document_type,
      {_codes_sql("residence_permits")} AS residence_permits,
      {_codes_sql("visas")} AS visas
    FROM (
      SELECT *, unnest(range(1, len(passengers) + 1)) AS _p
      FROM (
        SELECT *, unnest(range(1, len(segments) + 1)) AS _s
        FROM {read_bookings_sql(path)}
      )
    )
    )"""


def _reason(line: int, exc: InvalidData) -> str:
    detail = exc.errors[0] if exc.errors else None
    if detail is None:
        return f"line {line}: {exc.message}"
    field = f" [{detail.field}]" if detail.field else ""
    return f"line {line}{field}: {detail.message}"


def _bookings(path: Path) -> Iterator[tuple[int, Booking | None, str | None, str | None]]:
    """``(line, booking, None, None)`` for good lines, ``(line, None, id, reason)`` for bad.

    Every bad line is a reject naming its line (and field): bytes that are not UTF-8, text that
    is not JSON or nested too deeply, a booking of the wrong shape. The batch goes on.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, None, f"line {number}: not UTF-8 text (byte {exc.start})"
                continue
            if not line.strip():
                continue
            try:
                data: Any = json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield number, None, None, f"line {number}: not JSON ({exc or 'nested too deeply'})"
                continue
            if not isinstance(data, dict):
                yield number, None, None, f"line {number}: a booking is a JSON object"
                continue
            try:
                yield number, Booking.from_dict(data), None, None
            except InvalidData as exc:
                raw_id = data.get("id")
                yield number, None, None if raw_id is None else str(raw_id), _reason(number, exc)


def flatten(source: Path, target: Path, *, chunk: int = 50_000) -> pa.Table:
    """Write the passenger-segment rows of the bookings in ``source`` to Parquet ``target``.

    Returns the rejected lines (``booking_id``, ``reason``; no passenger or segment).
    """
    rows: list[dict[str, object]] = []
    bad: list[dict[str, object]] = []
    with pq.ParquetWriter(target, ROW_SCHEMA) as writer:
        for _line, booking, booking_id, reason in _bookings(source):
            if booking is None:
                bad.append({"booking_id": booking_id, "reason": reason})
                continue
            rows.extend(row.to_row() for row in booking.passenger_segments())
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=ROW_SCHEMA))
                rows.clear()
        writer.write_table(pa.Table.from_pylist(rows, schema=ROW_SCHEMA))
    return pa.Table.from_pylist(bad, schema=REJECT_SCHEMA)
