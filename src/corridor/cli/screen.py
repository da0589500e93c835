"""``corridor screen``: names and codes against the lists; ``corridor eval screening``
(registered by :mod:`corridor.cli.eval`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from corridor.cli.context import get_context
from corridor.cli.output import (
    FORMAT_OPTION,
    OUTPUT_OPTION,
    Format,
    emit,
    progress,
    resolve,
    returns_rows,
)
from corridor.exc import InvalidData
from corridor.model import EntityType, to_datetime
from corridor.screening.files import OUTPUT_COLUMNS, hit_rows, read_queries
from corridor.screening.result import Query, ScreenResult


def _lists(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [s.strip() for s in value.split(",") if s.strip()]


def _table(results: list[ScreenResult], threshold: float, samples: set[str]) -> Table:
    table = Table(title=f"Screening hits (threshold {threshold:.2f})", show_lines=False)
    for column in ("query", "entry", "list", "score", "in force", "matched name", "why"):
        table.add_column(column, overflow="fold")
    for result in results:
        query = "; ".join(result.query.names)
        if not result.hits:
            table.add_row(query, "[dim]no hit[/dim]", "", "", "", "", "")
        for hit in result.hits:
            in_force = {None: "?", True: "yes", False: "no"}[hit.in_force]
            table.add_row(
                query,
                f"{hit.caption} [dim]({hit.entity_id})[/dim]",
                hit.source + (" [SAMPLE, not official]" if hit.source in samples else ""),
                f"{hit.score:.2f}",
                in_force,
                "" if hit.name is None else hit.name.matched_name,
                hit.reasons(),
            )
    return table


def _write_ftm(app: Any, results: list[ScreenResult], output: Path | None) -> None:
    """``--format ftm``: hits as scored FollowTheMoney entities (JSON lines)."""
    from corridor.services.ftm import results_ftm, write_lines

    rows = results_ftm(app.engine, results)
    if output is None:
        write_lines(rows, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as handle:
        count = write_lines(rows, handle)
    app.console.print(f"{count} scored FtM entities written to {output}")


def screen_cmd(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="A name or code to screen."),
    input: Path | None = typer.Option(None, "--input", "-i", help="Queries file (.csv/.jsonl)."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    as_of: str | None = typer.Option(None, "--as-of", help="Lists in force on this date."),
    threshold: float | None = typer.Option(None, help="Score a hit needs (default settings)."),
    lists: str | None = typer.Option(None, "--lists", help="Sources, e.g. ofac_sdn,uk_ofsi."),
    type: str | None = typer.Option(None, "--type", help="person, organization, vessel..."),
    country: str | None = typer.Option(None, "--country", help="ISO country code."),
    dob: str | None = typer.Option(None, "--dob", help="Date of birth (YYYY[-MM[-DD]])."),
    identifier: str | None = typer.Option(
        None,
        "--identifier",
        help="A code, with its scheme if known: EW-78843, IMO 9421960, MSN 8057, ICAO: BRU.",
    ),
    limit: int = typer.Option(5, help="Hits shown per query."),
    fail_on_hit: bool = typer.Option(False, "--fail-on-hit", help="Exit 1 when anything hits."),
) -> None:
    """Screen a name, or a file of names, against the lists in the store.

    ``--format ftm`` writes the hits as FollowTheMoney entities with ``score``, ``match`` and
    ``explanations`` (JSON lines, yente's ScoredEntityResponse), to --output or stdout."""
    from corridor.services.lists import sample_sources
    from corridor.services.screening import index_cache, screen_store

    app = get_context(ctx)
    if (name is None) == (input is None):
        raise InvalidData("give either a NAME or --input FILE")
    if input is not None:
        queries = read_queries(input)
    else:
        assert name is not None
        try:
            etype = None if type is None else EntityType(type.lower())
        except ValueError:
            raise InvalidData.at(f"unknown type {type!r}", field="--type") from None
        queries = [
            Query(
                id="1",
                names=(name,),
                type=etype,
                countries=() if country is None else (country.lower(),),
                birth_dates=() if dob is None else (dob,),
                identifiers=() if identifier is None else (identifier,),
            )
        ]
    cutoff = app.settings.screen_threshold if threshold is None else threshold
    cache = index_cache(app.settings, app.engine)
    results = []
    step = 200  # a batch is screened in chunks so the bar moves (same index, same results)
    with progress(app.err, f"screening {len(queries)} queries", len(queries)) as advance:
        for start in range(0, len(queries), step):
            chunk = queries[start : start + step]
            results += screen_store(
                app.engine,
                chunk,
                threshold=cutoff,
                as_of=None if as_of is None else to_datetime(as_of),
                sources=_lists(lists),
                limit=limit,
                cache=cache,
            )
            advance(len(chunk))
    if fmt is not None and fmt.lower() == "ftm":
        _write_ftm(app, results, output)
        if fail_on_hit and any(r.hits for r in results):
            raise typer.Exit(1)
        return
    target = resolve(fmt, output)
    samples = sample_sources(app.engine)
    if target.format is Format.TABLE and output is None:
        app.console.print(_table(results, cutoff, samples))
    else:
        rows = [
            {**row, "sample": "yes" if row["source"] in samples else ""}
            for row in hit_rows(results)
        ]
        emit(
            app.console,
            rows,
            fmt=fmt,
            output=output,
            columns=(*OUTPUT_COLUMNS, "sample"),
            title=f"Screening hits (threshold {cutoff:.2f})",
            err=app.err,
            records_for_json=[r.to_dict() for r in results],
        )
    if output is not None:
        hits = sum(len(r.hits) for r in results)
        app.console.print(f"{len(results)} queries screened, {hits} hits written to {output}")
    if fail_on_hit and any(r.hits for r in results):
        raise typer.Exit(1)


def eval_screening_cmd(
    ctx: typer.Context,
    threshold: float | None = typer.Option(None, help="Score a hit needs (default settings)."),
    lists: str | None = typer.Option(None, "--lists", help="Sources to evaluate on."),
    cases: Path | None = typer.Option(None, help="Hand-made cases CSV (default data/eval)."),
) -> None:
    """Precision, recall and top-1 accuracy of screening over the lists in the store."""
    from corridor.services.screening import evaluate_store

    app = get_context(ctx)
    cutoff = app.settings.screen_threshold if threshold is None else threshold
    report = evaluate_store(app.engine, threshold=cutoff, sources=_lists(lists), cases=cases)
    table = Table(title=f"Screening evaluation (threshold {cutoff:.2f})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in report.figures().items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    app.console.print(table)
    for line in report.failures[:10]:
        app.console.print(f"[dim]miss: {line}[/dim]")


def register(app: typer.Typer) -> None:
    app.command("screen")(returns_rows("screen")(screen_cmd))
