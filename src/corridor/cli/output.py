"""One output convention for every command that returns rows.

``--format table|csv|json|jsonl|parquet`` and ``--output FILE`` (the format then comes from the
file's extension: ``.csv``, ``.json``, ``.jsonl``/``.ndjson``, ``.parquet``, ``.txt`` for a
table). Commands build a list of flat row dicts and call :func:`emit`; nothing else writes rows.

Tables are for people: long text columns wrap, key columns (ids, dates, periods) are never cut or
wrapped, and when even that does not fit the terminal the middle text columns are left out and
named in a note (use ``--format csv`` or a wider terminal). Machine formats carry every column.

Progress bars (:func:`progress`) are shown on a terminal only; a pipe or a file stays clean.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from corridor.exc import InvalidData


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    PARQUET = "parquet"


FORMATS: tuple[str, ...] = tuple(f.value for f in Format)
EXTENSIONS: dict[str, Format] = {
    ".csv": Format.CSV,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".parquet": Format.PARQUET,
    ".txt": Format.TABLE,
}
# Column names that are keys: never wrapped, cut or left out of a table.
KEY_WORDS = ("id", "date", "start", "end", "period", "from", "until", "day", "snapshot", "series")

FORMAT_OPTION: Any = typer.Option(
    None,
    "--format",
    "-f",
    help="table, csv, json, jsonl or parquet (default: table, or from --output's extension).",
    case_sensitive=False,
)
OUTPUT_OPTION: Any = typer.Option(
    None,
    "--output",
    "-o",
    help="Write the rows to FILE; the format comes from its extension "
    "(.csv .json .jsonl .parquet .txt).",
    dir_okay=False,
)

# Commands that return rows (``"flows series"``...): each takes FORMAT_OPTION and OUTPUT_OPTION.
ROW_COMMANDS: set[str] = set()


def returns_rows(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a command function as one that returns rows (checked by the CLI test)."""

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        ROW_COMMANDS.add(name)
        return func

    return mark


@dataclass(frozen=True, slots=True)
class Target:
    format: Format
    path: Path | None


def resolve(fmt: str | None, output: Path | None) -> Target:
    """The format to write and where: ``--format`` wins when it agrees with the extension."""
    chosen = None
    if fmt is not None:
        try:
            chosen = Format(fmt.lower())
        except ValueError:
            raise InvalidData.at(
                f"unknown format {fmt!r} (known: {', '.join(FORMATS)})", field="format"
            ) from None
    if output is not None:
        implied = EXTENSIONS.get(output.suffix.lower())
        if chosen is None and implied is None:
            known = " ".join(EXTENSIONS)
            raise InvalidData.at(
                f"cannot tell the format from {output.name!r} (known extensions: {known}); "
                "pass --format",
                field="output",
            )
        if chosen is not None and implied is not None and chosen is not implied:
            raise InvalidData.at(
                f"--format {chosen.value} does not match the extension of {output.name!r}",
                field="format",
            )
        chosen = chosen or implied
    return Target(chosen or Format.TABLE, output)


def _plain(value: Any) -> Any:
    """A JSON/CSV-friendly value: dates as ISO text, sequences joined, None kept."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(_plain(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return value


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def is_key(column: str) -> bool:
    parts = column.lower().replace("-", "_").split("_")
    return any(p in KEY_WORDS for p in parts)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def render(
    rows: Sequence[Mapping[str, Any]],
    target: Target,
    *,
    columns: Sequence[str] | None = None,
    records_for_json: Sequence[Mapping[str, Any]] | None = None,
) -> bytes | str:
    """The rows in ``target.format`` (tables excepted: see :func:`table`). ``records_for_json``
    replaces the flat rows in JSON and JSON lines when a command has richer, nested records."""
    names = _columns(rows, columns)
    if target.format in (Format.JSON, Format.JSONL):
        # JSON keeps nested values (lists, objects); only dates become ISO text
        records: list[Mapping[str, Any]] = (
            [{c: row.get(c) for c in names} for row in rows]
            if records_for_json is None
            else list(records_for_json)
        )
        if target.format is Format.JSON:
            return json.dumps(records, ensure_ascii=False, indent=2, default=_json_default) + "\n"
        return "".join(
            json.dumps(r, ensure_ascii=False, default=_json_default) + "\n" for r in records
        )
    flat = [{c: _plain(row.get(c)) for c in names} for row in rows]
    if target.format is Format.CSV:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in flat)
        return out.getvalue()
    if target.format is Format.PARQUET:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns_data = {c: [r[c] for r in flat] for c in names}
        arrays = {}
        for name, values in columns_data.items():
            try:
                arrays[name] = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arrays[name] = pa.array([None if v is None else str(v) for v in values])
        buffer = io.BytesIO()
        pq.write_table(pa.table(arrays) if arrays else pa.table({}), buffer)
        return buffer.getvalue()
    raise ValueError(f"render does not draw tables: {target.format}")


def table(
    rows: Sequence[Mapping[str, Any]],
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    width: int | None = None,
) -> tuple[Table, list[str]]:
    """A rich table; key columns never wrap nor shrink, the middle text columns go first when
    the width is short. Returns the table and the names of the columns left out."""
    names = _columns(rows, columns)
    text = [{c: _cell(row.get(c)) for c in names} for row in rows]
    widths = {
        c: max([len(c), *(len(line) for r in text for line in r[c].splitlines() or [""])])
        for c in names
    }
    keys = [c for c in names if is_key(c)]
    dropped: list[str] = []
    if width is not None:
        kept = list(names)

        def need(cols: list[str]) -> int:
            return sum(widths[c] if c in keys else min(widths[c], 10) for c in cols) + 3 * len(cols)

        while need(kept) > width:
            middle = [c for c in kept if c not in keys]
            if not middle:
                break
            # empty columns go first, numbers last; wide text before short codes; of equals,
            # the one nearest the middle
            centre = (len(kept) - 1) / 2
            victim = min(
                middle,
                key=lambda c: (
                    any(r[c] not in ("", "-") for r in text),
                    _numeric(rows, c),
                    widths[c] <= 12,
                    abs(kept.index(c) - centre),
                ),
            )
            kept.remove(victim)
            dropped.append(victim)
        names = kept
    grid = Table(title=title)
    for c in names:
        if c in keys:
            grid.add_column(c, no_wrap=True, min_width=widths[c], overflow="ignore")
        else:
            grid.add_column(c, overflow="fold", justify="right" if _numeric(rows, c) else "left")
    for r in text:
        grid.add_row(*(r[c] for c in names))
    return grid, dropped


def _numeric(rows: Sequence[Mapping[str, Any]], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return (
            f"{value:,.0f}"
            if value.is_integer()
            else f"{value:,.3g}"
            if abs(value) < 1
            else (f"{value:,.1f}")
        )
    return str(_plain(value))


def emit(
    console: Console,
    rows: Sequence[Mapping[str, Any]],
    *,
    fmt: str | None,
    output: Path | None,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    notes: Iterable[str] = (),
    err: Console | None = None,
    records_for_json: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Write ``rows`` as the user asked. Notes go under a table, or to stderr for the machine
    formats (so a CSV stays a CSV)."""
    target = resolve(fmt, output)
    notes = list(notes)
    if target.format is Format.TABLE:
        width = None if target.path is not None else console.width
        grid, dropped = table(rows, title=title, columns=columns, width=width)
        if dropped:
            notes.append(
                f"columns left out to fit {console.width} characters: {', '.join(dropped)} "
                "(use --format csv, or a wider terminal)"
            )
        if target.path is not None:
            with target.path.open("w", encoding="utf-8") as handle:
                file_console = Console(file=handle, width=max(console.width, 200))
                file_console.print(grid)
                for note in notes:
                    file_console.print(note, highlight=False)
        else:
            if not rows:
                console.print(f"{title + ': ' if title else ''}no rows", highlight=False)
            else:
                console.print(grid)
            for note in notes:
                console.print(note, highlight=False)
        return
    data = render(rows, target, columns=columns, records_for_json=records_for_json)
    if target.path is not None:
        target.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.path.with_name(target.path.name + ".tmp")
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(target.path)
        (err or Console(stderr=True)).print(
            f"wrote {len(rows)} row(s) to {target.path}", highlight=False
        )
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise InvalidData.at("parquet is binary: pass --output FILE.parquet", field="format")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()
    if notes:
        quiet = err or Console(stderr=True)
        for note in notes:
            quiet.print(note, highlight=False)


@contextmanager
def progress(
    console: Console, description: str, total: int | None
) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on a terminal (``advance(n)`` to move it); silent elsewhere."""
    if not console.is_terminal:

        def quiet(n: int = 1) -> None:
            return None

        yield quiet
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance
