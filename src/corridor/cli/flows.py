"""``corridor flows load|series|summary|surge|reconcile`` and ``corridor report flows``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.context import get_context
from corridor.flows import service
from corridor.flows.metric import Metric
from corridor.flows.series import Freq

flows_app = typer.Typer(
    help="Border and flight figures, surges and measures.", no_args_is_help=True
)
report_app = typer.Typer(help="Self-contained reports.", no_args_is_help=True)


@flows_app.command("load")
def load(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="border CSV, frontex .rda/.xlsx, OpenSky CSV"),
    kind: str | None = typer.Option(None, help=f"one of {', '.join(service.KINDS)}"),
) -> None:
    """Store the figures of a file (replacing an earlier load of the same file name)."""
    app = get_context(ctx)
    result = service.load_file(app.settings, path, kind)
    verb = "replaced" if result.replaced else "loaded"
    app.console.print(f"{verb} {result.figures} figures from {result.dataset}")


@flows_app.command("series")
def series(
    ctx: typer.Context,
    metric: str = typer.Option(..., help="attempt, prevented_entry, frontex_detection, ..."),
    reporter: str | None = typer.Option(None, help="PL, LT, LV, EU, Frontex, OpenSky"),
    border: str | None = typer.Option(None),
    freq: Freq = typer.Option(Freq.MONTH),
) -> None:
    """One series per reporter and border; figures longer than a bucket are listed as skipped."""
    app = get_context(ctx)
    found = service.get_series(
        app.settings, metric=Metric.parse(metric), reporter=reporter, border=border, freq=freq
    )
    if not found:
        app.console.print("no figures match")
    for item in found:
        table = Table(title=f"{item.key} by {item.freq.value}")
        for column in ("period", "value", "approx.", "complete", "figures"):
            table.add_column(column)
        for point in item.points:
            table.add_row(
                f"{point.start}",
                f"{point.value:,.0f}",
                "~" if point.approximate else "",
                "yes" if point.complete else "partial",
                str(len(point.parts)),
            )
        app.console.print(table)
        if item.skipped:
            longer = ", ".join(f"{f.first_day}..{f.last_day}" for f in item.skipped[:6])
            app.console.print(f"  skipped {len(item.skipped)} longer than a {freq.value}: {longer}")


@flows_app.command("summary")
def summary(ctx: typer.Context) -> None:
    """What is stored: per metric, reporter and border."""
    app = get_context(ctx)
    rows = service.flow_store(app.settings).summary()
    table = Table(title="flow figures")
    for column in ("metric", "reporter", "border", "figures", "first", "last", "approx.", "from"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["metric"],
            row["reporter"],
            row["border"],
            str(row["figures"]),
            str(row["first"]),
            str(row["last"]),
            "some" if row["any_approximate"] else "",
            row["datasets"],
        )
    app.console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(flows_app, name="flows")
    app.add_typer(report_app, name="report")
