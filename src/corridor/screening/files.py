"""Batch files of queries in, hits out: CSV or JSON lines, chosen by the file extension.

Input columns (CSV header or JSON keys): ``name`` (required; several names separated by ``;``),
optional ``id``, ``type`` (person, organization, vessel, aircraft), ``country``, ``dob``,
``identifier`` (several separated by ``;``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corridor.exc import InvalidData
from corridor.model import EntityType
from corridor.screening.result import Query, ScreenResult

OUTPUT_COLUMNS = (
    "query_id",
    "query_name",
    "entity_id",
    "caption",
    "type",
    "source",
    "score",
    "matched_name",
    "in_force",
    "programs",
    "reasons",
)


def _split(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(";")
    return tuple(s for s in (str(v).strip() for v in items) if s)


def query_from_row(row: dict[str, Any], *, default_id: str, file: str, line: int) -> Query:
    """One query from a CSV row or JSON object; InvalidData names the file, line and field."""
    names = _split(row.get("name"))
    if not names:
        raise InvalidData.at("no name to screen", file=file, line=line, field="name")
    type_value = str(row.get("type") or "").strip().lower() or None
    try:
        etype = None if type_value is None else EntityType(type_value)
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise InvalidData.at(
            f"unknown type {type_value!r} (one of {allowed})", file=file, line=line, field="type"
        ) from None
    return Query(
        id=str(row.get("id") or default_id),
        names=names,
        type=etype,
        countries=tuple(c.lower() for c in _split(row.get("country"))),
        birth_dates=_split(row.get("dob")),
        identifiers=_split(row.get("identifier")),
    )


def read_queries(path: Path) -> list[Query]:
    """Queries from a ``.csv`` or ``.jsonl``/``.json`` file."""
    if not path.is_file():
        raise InvalidData.at("no such file", file=str(path))
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData.at(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    queries: list[Query] = []
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InvalidData.at(f"bad JSON: {exc.msg}", file=str(path), line=number) from None
            if not isinstance(row, dict):
                raise InvalidData.at("each line must be a JSON object", file=str(path), line=number)
            queries.append(query_from_row(row, default_id=str(number), file=str(path), line=number))
    elif path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        if reader.fieldnames is None or "name" not in reader.fieldnames:
            raise InvalidData.at("CSV needs a header with a 'name' column", file=str(path), line=1)
        for number, row in enumerate(reader, start=2):
            queries.append(query_from_row(row, default_id=str(number - 1), file=str(path),
                                          line=number))  # fmt: skip
    else:
        raise InvalidData.at("input must be .csv or .jsonl", file=str(path))
    if not queries:
        raise InvalidData.at("no query in the file", file=str(path))
    return queries


def hit_rows(results: Iterable[ScreenResult]) -> Iterator[dict[str, str]]:
    """Flat rows, one per hit (a query without hits gives one row with empty hit columns)."""
    for result in results:
        base = {"query_id": result.query.id, "query_name": "; ".join(result.query.names)}
        if not result.hits:
            yield {**base, **{c: "" for c in OUTPUT_COLUMNS if c not in base}}
        for hit in result.hits:
            yield {
                **base,
                "entity_id": hit.entity_id,
                "caption": hit.caption,
                "type": hit.entity_type,
                "source": hit.source,
                "score": f"{hit.score:.3f}",
                "matched_name": "" if hit.name is None else hit.name.matched_name,
                "in_force": "" if hit.in_force is None else str(hit.in_force).lower(),
                "programs": ";".join(hit.programs),
                "reasons": hit.reasons(),
            }


def write_results(path: Path, results: list[ScreenResult]) -> None:
    """Write hits as CSV (one row per hit) or JSON lines (one full result per query)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
            writer.writeheader()
            writer.writerows(hit_rows(results))
    elif suffix in (".jsonl", ".json", ".ndjson"):
        with path.open("w", encoding="utf-8") as handle:
            for result in results:
                handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    else:
        raise InvalidData.at("output must be .csv or .jsonl", file=str(path))
