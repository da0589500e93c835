"""``corridor lists ...``: fetch, load and inspect the official sanctions lists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from corridor.cli.context import get_context
from corridor.model import to_datetime

if TYPE_CHECKING:
    from corridor.services.lists import LoadReport

lists_app = typer.Typer(help="Official sanctions lists: fetch, load, status, diffs.")

SHOW_IDS = 10


def _day(value: datetime | None) -> str:
    return "-" if value is None else value.date().isoformat()


def _report_line(report: LoadReport) -> str:
    head = f"{report.source} snapshot {report.snapshot[:12]}"
    if report.unchanged:
        return f"{head}: already loaded, nothing changed ({report.total} entries)"
    return (
        f"{head}: {report.total} entries, {len(report.added)} added, "
        f"{len(report.removed)} removed, {len(report.changed)} changed"
    )


@lists_app.command("load")
def load_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="List file, or folder of files (OFAC CSV set)."),
    source: str = typer.Option(..., "--source", "-s", help="Source name (see `lists sources`)."),
    retrieved_at: str | None = typer.Option(
        None, "--retrieved-at", help="When the file was obtained (ISO date); default now."
    ),
    url: str | None = typer.Option(None, help="Where the file was downloaded from."),
    allow_shrink: bool = typer.Option(
        False, "--allow-shrink", help="Load even if the file removes most of the list in force."
    ),
) -> None:
    """Load a local list file into the store (one transaction)."""
    from corridor.services import lists as service

    app = get_context(ctx)
    when = None if retrieved_at is None else to_datetime(retrieved_at)
    report = service.load_path(
        app.engine, source, path, retrieved_at=when, url=url, allow_shrink=allow_shrink
    )
    app.console.print(_report_line(report))


@lists_app.command("fetch")
def fetch_cmd(
    ctx: typer.Context,
    source: str | None = typer.Argument(None, help="Source name; all sources when omitted."),
    url: str | None = typer.Option(None, help="Download this URL instead of the official one."),
    load: bool = typer.Option(True, "--load/--no-load", help="Load what was fetched."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Download official list files (kept by hash under CORRIDOR_HOME/snapshots)."""
    from corridor.services import lists as service

    app = get_context(ctx)
    done = service.fetch_sources(
        source,
        app.settings.snapshots_dir,
        timeout=app.settings.http_timeout,
        load_into=app.engine if load else None,
        url=url,
        progress=progress,
    )
    for got, report in done:
        app.console.print(f"{got.source}: {got.size} bytes -> {got.path} (sha256 {got.sha256})")
        if report is not None:
            app.console.print(_report_line(report))


@lists_app.command("status")
def status_cmd(ctx: typer.Context) -> None:
    """Per source: the snapshot in force, its date, counts and the last diff."""
    from corridor.services import lists as service

    app = get_context(ctx)
    rows = service.status(app.engine)
    if not rows:
        app.console.print("no list loaded yet: try `corridor lists load PATH --source NAME`")
        return
    table = Table(title="Lists in force")
    for col in ("source", "jurisdiction", "list date", "retrieved", "snapshot", "entries"):
        table.add_column(col, justify="right" if col == "entries" else "left")
    table.add_column("last diff")
    table.add_column("snapshots", justify="right")
    for s in rows:
        table.add_row(
            s.source,
            s.jurisdiction,
            _day(s.published_at),
            _day(s.retrieved_at),
            s.snapshot[:12],
            str(s.entries),
            f"+{s.added} -{s.removed} ~{s.changed}",
            str(s.snapshots),
        )
    app.console.print(table)


@lists_app.command("sources")
def sources_cmd(ctx: typer.Context) -> None:
    """The official sources corridor knows, with their download URLs and licences."""
    from corridor.services import lists as service

    app = get_context(ctx)
    table = Table(title="Sources")
    for col in ("source", "jurisdiction", "title", "format", "licence", "url"):
        table.add_column(col, overflow="fold")
    for spec in service.sources():
        url = spec.urls[0] + (" (token required)" if spec.token_required else "")
        table.add_row(
            spec.name, spec.jurisdiction.value, spec.title, spec.format, spec.licence, url
        )
    app.console.print(table)


@lists_app.command("diff")
def diff_cmd(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="Source name."),
    snapshot: str | None = typer.Option(None, help="Snapshot hash (prefix); default the latest."),
    limit: int = typer.Option(20, help="Entries to show per kind of change."),
) -> None:
    """The change set of a source's last (or given) snapshot."""
    from corridor.services import lists as service

    app = get_context(ctx)
    change_set = service.changes(app.engine, source, snapshot)
    previous = "none" if change_set.previous is None else change_set.previous[:12]
    app.console.print(
        f"{source} snapshot {change_set.snapshot[:12]} of {_day(change_set.effective_at)} "
        f"(previous: {previous})"
    )
    for kind in ("added", "removed", "changed"):
        items = [c for c in change_set.changes if c.kind == kind]
        app.console.print(f"{kind}: {len(items)}")
        for change in items[:limit]:
            detail = f" ({', '.join(change.props)})" if change.props else ""
            app.console.print(f"  {change.entity_id}{detail}")
        if len(items) > limit:
            app.console.print(f"  ... {len(items) - limit} more")


@lists_app.command("history")
def history_cmd(
    ctx: typer.Context, entity_id: str = typer.Argument(..., help="Entity id, e.g. ofac_sdn-44541")
) -> None:
    """When an entry was listed, per jurisdiction, and on what basis."""
    from corridor.services import lists as service

    app = get_context(ctx)
    entity = service.entity(app.engine, entity_id)
    app.console.print(f"{entity.id}: {entity.caption} [{entity.type.value}]")
    table = Table(title="Listing history")
    for col in ("jurisdiction", "source", "listed from", "listed until", "basis", "snapshots"):
        table.add_column(col)
    for period in service.history(app.engine, entity_id):
        until = period.until_snapshot[:12] if period.until_snapshot else "in force"
        table.add_row(
            period.jurisdiction.value,
            period.source,
            _day(period.interval.start),
            _day(period.interval.end) if period.interval.end else "-",
            period.basis,
            f"{(period.from_snapshot or '-')[:12]} .. {until}",
        )
    app.console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
