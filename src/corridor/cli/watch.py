"""``corridor watch add|run|diff``: a watchlist re-screened against what changed in the lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from corridor.cli.context import get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, emit, returns_rows

watch_app = typer.Typer(help="Watchlists re-screened when the lists change.")


@watch_app.command("add")
def add_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="A name for the watchlist, e.g. passengers"),
    path: Path = typer.Argument(..., help="CSV, JSON lines or Parquet (columns of `screen -i`)."),
) -> None:
    """Keep a watchlist (its next run screens it against every list)."""
    from corridor.services import watch

    app = get_context(ctx)
    count = watch.add(app.settings.home, name, path)
    app.console.print(
        f"watchlist {name}: {count} names kept; `corridor watch run {name}` screens it"
    )


def _rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for kind in ("new", "changed", "removed"):
        for hit in report[kind]:
            rows.append({"change": kind, "query": hit["query"], "entity_id": hit["entity_id"],
                         "caption": hit["caption"], "source": hit["source"],
                         "score": hit["score"], "snapshot": (hit["snapshot"] or "")[:12]})  # fmt: skip
    return rows


@watch_app.command("run")
@returns_rows("watch run")
def run_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The watchlist."),
    threshold: float | None = typer.Option(None, help="Score a hit needs (default settings)."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Screen the watchlist against the entries changed since its last run: new, changed and
    removed hits, each with the snapshot that caused it."""
    from corridor.services import watch

    app = get_context(ctx)
    cutoff = app.settings.screen_threshold if threshold is None else threshold
    report = watch.run(app.engine, app.settings.home, name, threshold=cutoff).to_dict()
    title = (f"watch {name}: {report['screened']} names against {report['entries']} changed "
             f"entries: {len(report['new'])} new, {len(report['changed'])} changed, "
             f"{len(report['removed'])} removed")  # fmt: skip
    emit(app.console, _rows(report), fmt=fmt, output=output, title=title, err=app.err)


@watch_app.command("diff")
@returns_rows("watch diff")
def diff_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The watchlist."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """The hits the last run found new, changed or removed."""
    from corridor.services import watch

    app = get_context(ctx)
    report = watch.last(app.settings.home, name)
    emit(app.console, _rows(report), fmt=fmt, output=output, title=f"watch {name}", err=app.err)


def register(app: typer.Typer) -> None:
    app.add_typer(watch_app, name="watch")
