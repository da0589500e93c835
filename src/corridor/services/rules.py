"""Service functions the CLI and the API call: check one booking, or a file of them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from corridor.batch.base import BatchEngine, BatchReport
from corridor.batch.local import DuckDBEngine
from corridor.batch.run import run_batch
from corridor.bookings.model import Booking
from corridor.exc import InvalidData
from corridor.rules.evaluate import check_booking
from corridor.rules.result import Decision
from corridor.rules.spec import Rule, load_measures, load_rules


def read_bookings(path: Path) -> list[Booking]:
    """A JSON file holding one booking object or a list of them."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidData.at(f"cannot read booking: {exc}", file=str(path)) from exc
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise InvalidData.at("a booking is a JSON object", file=str(path))
    return [Booking.from_dict(item, file=str(path)) for item in items]


@lru_cache(maxsize=32)
def _cached_rules(
    directory: Path | None, variants: tuple[tuple[str, str], ...]
) -> tuple[Rule, ...]:
    return tuple(load_rules(directory, dict(variants)))


def cached_rules(
    directory: Path | None = None, variants: Mapping[str, str] | None = None
) -> list[Rule]:
    """Rules loaded once per folder and reading (for the HTTP API's hot path)."""
    return list(_cached_rules(directory, tuple(sorted((variants or {}).items()))))


def check_booking_data(
    data: dict[str, Any], *, variants: Mapping[str, str] | None = None
) -> list[Decision]:
    """Validate one booking given as data and decide it against the bundled rules."""
    return check_booking(Booking.from_dict(data), cached_rules(None, variants))


def list_measures(directory: Path | None = None) -> list[dict[str, Any]]:
    """The measures with their sources and rules, as plain data."""
    return [m.model_dump(mode="json") for m in load_measures(directory)]


def check_bookings(
    bookings: Sequence[Booking],
    *,
    rules_dir: Path | None = None,
    variants: Mapping[str, str] | None = None,
) -> list[Decision]:
    """Decisions for every passenger-segment of ``bookings`` (reference evaluator)."""
    rules = load_rules(rules_dir, variants)
    return [d for booking in bookings for d in check_booking(booking, rules)]


def check_file(
    path: Path, *, rules_dir: Path | None = None, variants: Mapping[str, str] | None = None
) -> list[Decision]:
    return check_bookings(read_bookings(path), rules_dir=rules_dir, variants=variants)


def check_batch(
    source: Path,
    output: Path,
    *,
    rejects: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    rules_dir: Path | None = None,
    variants: Mapping[str, str] | None = None,
    rules: Sequence[Rule] | None = None,
) -> BatchReport:
    """Check a file on the chosen engine (``local`` or ``dask``).

    The file holds passenger-segment rows (Parquet, CSV, JSON lines) or bookings as nested
    JSON lines (one PNR per line), which are flattened first.
    """
    chosen = list(rules) if rules is not None else load_rules(rules_dir, variants)
    for path in (output, rejects):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    runner: BatchEngine
    if engine == "local":
        runner = DuckDBEngine()
    elif engine == "dask":
        # Dask (and distributed) take about a second to import: only a Dask run pays for it.
        from corridor.batch.dask import DaskEngine

        runner = DaskEngine(scheduler)
    else:
        raise InvalidData.at(f"unknown engine {engine!r} (local, dask)", field="engine")
    report = run_batch(runner, chosen, source, output, rejects)
    rules_file = write_rules_file(chosen, output.with_name(output.stem + ".rules.json"))
    return replace(report, rules_file=str(rules_file))


def write_rules_file(rules: Sequence[Rule], path: Path) -> Path:
    """The rules a batch ran, keyed by id: measure, effect, dates, explanation and sources.

    A decisions file names the rules that fired on each row; this file, written beside it, says
    what each rule is and which reports it rests on, so every decision explains itself without
    repeating the text on millions of rows.
    """
    data = {
        rule.id: rule.model_dump(
            mode="json",
            include={
                "measure_id",
                "variant",
                "actor",
                "effect",
                "effective_from",
                "effective_until",
                "explanation",
                "sources",
            },
        )
        for rule in rules
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
