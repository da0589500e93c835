"""``corridor lists ...``: fetch, load and inspect the official sanctions lists."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from corridor.cli.context import AppContext, get_context
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
    dataset: str | None = typer.Option(
        None,
        "--dataset",
        "-d",
        help="FtM: the dataset this file is (its own source ftm_<dataset>); default: the "
        "file's folder (for entities.ftm.json) or name.",
    ),
    watch: bool = typer.Option(
        True,
        "--watch/--no-watch",
        help="Re-screen the kept watchlists when the load changed the list.",
    ),
) -> None:
    """Load a local list file into the store (one transaction); then the kept watchlists
    re-screen themselves against what changed (`corridor watch`)."""
    from corridor.services import lists as service

    app = get_context(ctx)
    when = None if retrieved_at is None else to_datetime(retrieved_at)
    with progress(app.err, f"loading {source} from {path.name}", None):
        report = service.load_path(
            app.engine,
            source,
            path,
            retrieved_at=when,
            url=url,
            allow_shrink=allow_shrink,
            dataset=dataset,
        )
    app.console.print(_report_line(report))
    if watch and not report.unchanged:
        _rescreen_watchlists(app)


def _rescreen_watchlists(app: AppContext) -> None:
    """Each kept watchlist against what the load changed: one line each (`watch diff` details)."""
    from corridor.services import watch

    for done in watch.run_all(
        app.engine, app.settings.home, threshold=app.settings.screen_threshold
    ):
        app.console.print(
            f"watchlist {done.name}: {done.screened} names against {done.entries} changed entries: "
            f"{len(done.new)} new, {len(done.changed)} changed, {len(done.removed)} removed hits "
            f"(`corridor watch diff {done.name}`)"
        )


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
    if any(report is not None and not report.unchanged for _, report in done):
        _rescreen_watchlists(app)


@lists_app.command("status")
@returns_rows("lists status")
def status_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """Per source: the snapshot in force, its date, counts and the last diff."""
    from corridor.services import lists as service

    app = get_context(ctx)
    found = service.status(app.engine)
    if not found and resolve(fmt, output).format is Format.TABLE and output is None:
        app.console.print("no list loaded yet: try `corridor lists load PATH --source NAME`")
        return
    rows = [
        {
            "source": s.source,
            "jurisdiction": s.jurisdiction,
            "list_date": s.published_at,
            "retrieved": s.retrieved_at,
            "snapshot": s.snapshot[:12],
            "entries": s.entries,
            "last_diff": f"+{s.added} -{s.removed} ~{s.changed}",
            "snapshots": s.snapshots,
            "official": "no: SAMPLE made by hand for the demo" if s.sample else "yes",
            "path": s.path,
        }
        for s in found
    ]
    emit(app.console, rows, fmt=fmt, output=output, title="Lists in force", err=app.err)


@lists_app.command("sources")
@returns_rows("lists sources")
def sources_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """The official sources corridor knows, with their download URLs and licences."""
    from corridor.services import lists as service

    app = get_context(ctx)
    rows = [
        {
            "source": spec.name,
            "jurisdiction": spec.jurisdiction.value,
            "title": spec.title,
            "format": spec.format,
            "licence": spec.licence,
            "url": spec.urls[0] + (" (token required)" if spec.token_required else ""),
        }
        for spec in service.sources()
    ]
    emit(app.console, rows, fmt=fmt, output=output, title="Sources", err=app.err)


@lists_app.command("diff")
@returns_rows("lists diff")
def diff_cmd(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="Source name."),
    snapshot: str | None = typer.Option(None, help="Snapshot hash (prefix); default the latest."),
    limit: int | None = typer.Option(None, help="Rows to show per kind of change (a table: 20)."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """The change set of a source's last (or given) snapshot: one row per changed entry."""
    from corridor.services import lists as service

    app = get_context(ctx)
    change_set = service.changes(app.engine, source, snapshot)
    previous = "none" if change_set.previous is None else change_set.previous[:12]
    title = (
        f"{source} snapshot {change_set.snapshot[:12]} of {_day(change_set.effective_at)} "
        f"(previous: {previous})"
    )
    cap = (
        limit
        if limit is not None
        else (20 if resolve(fmt, output).format is Format.TABLE else None)
    )
    rows: list[dict[str, object]] = []
    notes: list[str] = []
    for kind in ("added", "removed", "changed"):
        items = [c for c in change_set.changes if c.kind == kind]
        rows += [
            {
                "source": source,
                "snapshot": change_set.snapshot[:12],
                "previous_snapshot": previous,
                "change": kind,
                "entity_id": c.entity_id,
                "properties": list(c.props),
            }
            for c in items[:cap]
        ]
        notes.append(
            f"{kind}: {len(items)}"
            + (f" ({len(items) - cap} not shown)" if cap is not None and len(items) > cap else "")
        )
    emit(app.console, rows, fmt=fmt, output=output, title=title, notes=notes, err=app.err)


@lists_app.command("history")
@returns_rows("lists history")
def history_cmd(
    ctx: typer.Context,
    entity_id: str = typer.Argument(..., help="Entity id, e.g. ofac_sdn-44541"),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """When an entry was listed, per jurisdiction, and on what basis: the designation date
    when the list or a curated record gives it, else the first snapshot that held it."""
    from corridor.services import blacklist as curated
    from corridor.services import lists as service

    app = get_context(ctx)
    entity = service.entity(app.engine, entity_id)
    periods = [
        *curated.designations(app.engine, entity_id),
        *service.history(app.engine, entity_id),
    ]
    rows = [
        {
            "jurisdiction": period.jurisdiction.value,
            "listed_from": period.interval.start.date(),
            "listed_from_means": FROM_MEANS.get(period.basis, period.basis),
            "listed_until": period.interval.end.date() if period.interval.end else None,
            "basis": period.basis,
            "source": period.source,
            "from_snapshot": (period.from_snapshot or "-")[:12],
            "until_snapshot": "-"
            if period.basis == "curated"
            else (period.until_snapshot[:12] if period.until_snapshot else "in force"),
        }
        for period in periods
    ]
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title=f"Listing history of {entity.id}: {entity.caption} [{entity.type.value}]",
        err=app.err,
    )


@lists_app.command("export")
def export_cmd(
    ctx: typer.Context,
    format: str = typer.Option("ftm", "--format", "-f", help="Export format: ftm (JSON lines)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File; default stdout."),
    lists: str | None = typer.Option(None, "--lists", help="Sources, e.g. ofac_sdn,uk_ofsi."),
) -> None:
    """The entries in force as FollowTheMoney entities (with a Sanction per listing period)."""
    from corridor.services.ftm import export_lists

    app = get_context(ctx)
    if format != "ftm":
        raise InvalidData.at(f"unknown export format {format!r} (known: ftm)", field="--format")
    sources = [s.strip() for s in lists.split(",") if s.strip()] if lists else None
    if output is None:
        export_lists(app.engine, sys.stdout, sources=sources)
        return
    tmp = output.with_name(output.name + ".part")
    with tmp.open("w", encoding="utf-8") as handle:
        count = export_lists(app.engine, handle, sources=sources)
    tmp.replace(output)
    app.console.print(f"{count} FtM entities written to {output}")


FROM_MEANS = {
    "stated": "listing date stated by the list",
    "curated": "designation date (curated record with sources)",
    "snapshot": "first seen in snapshot (the designation may be earlier)",
}


@lists_app.command("resolve")
def resolve_cmd(ctx: typer.Context) -> None:
    """Propose links between records of the same target across lists (shared identifiers, then
    the same name with an agreeing date of birth or country); analysts' judgements are kept."""
    from corridor.services import targets

    app = get_context(ctx)
    report = targets.resolve(app.engine)
    rules = ", ".join(f"{k} {v}" for k, v in sorted(report.by_rule.items()))
    app.console.print(
        f"{report.entities} entries: {report.proposed} links proposed ({rules}), {report.new} new"
    )


@lists_app.command("links")
@returns_rows("lists links")
def links_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """Every link between records, with its rule, reasons and judgement."""
    from corridor.services import targets

    app = get_context(ctx)
    rows = [
        {**link.to_dict(), "reasons": "; ".join(link.reasons)} for link in targets.links(app.engine)
    ]
    emit(app.console, rows, fmt=fmt, output=output, title="Target links", err=app.err)


@lists_app.command("link")
def link_cmd(
    ctx: typer.Context,
    left: str = typer.Argument(..., help="Entity id, e.g. ofac_sdn-44541"),
    right: str = typer.Argument(..., help="Entity id, e.g. eu_journal-I.B-17"),
    reject: bool = typer.Option(False, "--reject", help="Not the same target."),
    user: str = typer.Option(..., "--user", help="Who judges."),
    note: str | None = typer.Option(None, "--note", help="Why."),
) -> None:
    """Confirm (or with --reject, reject) that two records are the same target; judging again
    reverses it."""
    from corridor.services import targets

    app = get_context(ctx)
    link = targets.judge(app.engine, left, right, confirm=not reject, user=user, note=note)
    app.console.print(f"{link.left_id} ~ {link.right_id}: {link.judgement} by {link.decided_by}")


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
