"""``corridor flows load|figures|series|summary|surge|reconcile|impact|lag`` and
``corridor report flows``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.context import get_context
from corridor.flows.importers import KINDS
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
    kind: str | None = typer.Option(None, help=f"one of {', '.join(KINDS)}"),
    reporter: str | None = typer.Option(None, help="national series: who published it (PL)"),
    border: str = typer.Option("", help="national series: the border (BY-PL)"),
    metric: str | None = typer.Option(None, help="national series: what it counts"),
) -> None:
    """Store the figures of a file (replacing an earlier load of the same file name)."""
    from corridor.services import flows as service

    app = get_context(ctx)
    result = service.load_file(
        app.settings,
        path,
        kind,
        reporter=reporter,
        border=border,
        metric=Metric.parse(metric) if metric else None,
    )
    verb = "replaced" if result.replaced else "loaded"
    app.console.print(f"{verb} {result.figures} figures from {result.dataset}")


@flows_app.command("series")
def series(
    ctx: typer.Context,
    metric: str = typer.Option(..., help="attempt, prevented_entry, frontex_detection, ..."),
    reporter: str | None = typer.Option(None, help="PL, LT, LV, EU, Frontex, OpenSky"),
    border: str | None = typer.Option(None, help="Border, e.g. BY-PL, BY-LT, BY-LV."),
    freq: Freq = typer.Option(Freq.MONTH, help="Bucket: day, week, month or year."),
) -> None:
    """One series per reporter and border; figures longer than a bucket are listed as skipped."""
    from corridor.services import flows as service

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
    from corridor.services import flows as service

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


@flows_app.command("figures")
def figures(
    ctx: typer.Context,
    metric: str | None = typer.Option(None, help="attempt, prevented_entry, ..."),
    reporter: str | None = typer.Option(None, help="PL, LT, LV, news:PL (from evidence), ..."),
    border: str | None = typer.Option(None, help="BY-PL, BY-LT, ..."),
    limit: int = typer.Option(50, help="At most this many rows."),
) -> None:
    """Stored figures one by one, each with its period, value and source (and note)."""
    from corridor.services import flows as service

    app = get_context(ctx)
    found = service.flow_store(app.settings).figures(
        metric=Metric.parse(metric) if metric else None, reporter=reporter, border=border
    )
    table = Table(
        title=f"{len(found)} figure(s)" + (f", first {limit}" if len(found) > limit else "")
    )
    for column in ("metric", "reporter", "border", "period", "value", "source"):
        table.add_column(column, overflow="fold")
    for fig in found[:limit]:
        table.add_row(
            fig.metric.value,
            fig.reporter,
            fig.border,
            f"{fig.first_day}..{fig.last_day}",
            f"{'~' if fig.approximate else ''}{fig.value:,.0f}",
            fig.source + (f"\n{fig.note}" if fig.note else ""),
        )
    app.console.print(table)


@flows_app.command("surge")
def surge(
    ctx: typer.Context,
    metric: str = typer.Option(..., help="attempt, prevented_entry, frontex_detection, ..."),
    reporter: str | None = typer.Option(
        None, help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL."
    ),
    border: str | None = typer.Option(None, help="Border, e.g. BY-PL, BY-LT, BY-LV."),
) -> None:
    """Points well above their robust seasonal baseline, with the size of the rise."""
    from corridor.services import flows as service

    app = get_context(ctx)
    alerts = service.find_surges(
        app.settings, metric=Metric.parse(metric), reporter=reporter, border=border
    )
    if not alerts:
        app.console.print("no surge")
    for alert in alerts:
        app.console.print(alert.explanation)


@flows_app.command("reconcile")
def reconcile(
    ctx: typer.Context,
    reporter: str | None = typer.Option(
        None, help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL."
    ),
) -> None:
    """Totals against the finer figures inside them: both numbers and the difference."""
    from corridor.services import flows as service

    app = get_context(ctx)
    for rec in service.reconcile_stored(app.settings, reporter=reporter):
        app.console.print(rec.explanation, highlight=False)


@flows_app.command("impact")
def impact(
    ctx: typer.Context,
    measure: str = typer.Option(..., help="measure id, e.g. M07"),
    metric: str = typer.Option(
        "frontex_detection", help="attempt, prevented_entry, frontex_detection, ..."
    ),
    reporter: str = typer.Option(
        "Frontex", help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL."
    ),
    border: str | None = typer.Option(
        "Eastern Borders Route (Land)", help="Border or Frontex route."
    ),
    rules: Path | None = typer.Option(None, help="route-measure rules folder (data/rules)"),
) -> None:
    """Interrupted time series around a measure's date: estimate, interval, caveats."""
    from corridor.services import flows as service

    app = get_context(ctx)
    result = service.measure_impact(
        app.settings,
        measure_id=measure,
        metric=Metric.parse(metric),
        reporter=reporter,
        border=border,
        rules_dir=rules,
    )
    app.console.print(result.explanation, highlight=False)


@flows_app.command("lag")
def lag(
    ctx: typer.Context,
    origin: list[str] = typer.Option([], help="origin country (ISO alpha-2), repeatable"),
    reporter: str = typer.Option("PL", help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL."),
    metric: str = typer.Option("attempt", help="attempt, prevented_entry, frontex_detection, ..."),
    freq: Freq = typer.Option(Freq.DAY, help="Bucket: day, week, month or year."),
) -> None:
    """The lag between flight arrivals into Minsk and attempts at a border."""
    from corridor.services import flows as service

    app = get_context(ctx)
    found = service.arrivals_attempts_lag(
        app.settings,
        origin_countries=origin,
        reporter=reporter,
        metric=Metric.parse(metric),
        freq=freq,
    )
    app.console.print(found.explanation)


@report_app.command("flows")
def report_flows(
    ctx: typer.Context,
    out: Path = typer.Option(Path("report.html"), help="HTML file to write"),
    png: Path | None = typer.Option(None, help="folder for one PNG per chart"),
    rules: Path | None = typer.Option(None, help="route-measure rules folder (data/rules)"),
) -> None:
    """A self-contained HTML report with charts, surge alerts, reconciliations and impacts."""
    from corridor.services import flows as service

    app = get_context(ctx)
    for path in service.write_flow_report(app.settings, out, png_dir=png, rules_dir=rules):
        app.console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.add_typer(flows_app, name="flows")
    app.add_typer(report_app, name="report")
