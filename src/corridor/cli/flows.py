"""``corridor flows load|figures|series|summary|surge|reconcile|impact|lag`` and
``corridor report flows``."""

from __future__ import annotations

from pathlib import Path

import typer

from corridor.cli.context import get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, Format, emit, resolve, returns_rows
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
@returns_rows("flows series")
def series(
    ctx: typer.Context,
    metric: list[str] = typer.Option(
        ..., help="attempt, prevented_entry, frontex_detection, ...; repeatable"
    ),
    reporter: list[str] = typer.Option([], help="PL, LT, LV, EU, Frontex, OpenSky; repeatable"),
    border: str | None = typer.Option(None, help="Border, e.g. BY-PL, BY-LT, BY-LV."),
    freq: Freq = typer.Option(Freq.MONTH, help="Bucket: day, week, month or year."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """One series per metric, reporter and border (repeated options give one series each, never
    a sum); figures longer than a bucket are listed as skipped."""
    from corridor.services import flows as service

    app = get_context(ctx)
    found = service.get_series(
        app.settings,
        metric=[Metric.parse(m) for m in metric],
        reporter=reporter or None,
        border=border,
        freq=freq,
    )
    rows = [
        {
            "series": item.key,
            "frequency": item.freq.value,
            "period_start": point.start,
            "period_end": point.period.last_day,
            "value": point.value,
            "approximate": point.approximate,
            "complete": point.complete,
            "figures": len(point.parts),
            "sources": sorted({f.source for f in point.parts}),
        }
        for item in found
        for point in item.points
    ]
    notes = [
        f"{item.key}: skipped {len(item.skipped)} figure(s) longer than a {freq.value}: "
        + ", ".join(f"{f.first_day}..{f.last_day}" for f in item.skipped[:6])
        for item in found
        if item.skipped
    ]
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title=f"series by {freq.value}",
        notes=notes,
        err=app.err,
    )


@flows_app.command("summary")
@returns_rows("flows summary")
def summary(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """What is stored: per metric, reporter and border."""
    from corridor.services import flows as service

    app = get_context(ctx)
    rows = service.flow_store(app.settings).summary()
    emit(app.console, rows, fmt=fmt, output=output, title="flow figures", err=app.err)


@flows_app.command("figures")
@returns_rows("flows figures")
def figures(
    ctx: typer.Context,
    metric: list[str] = typer.Option([], help="attempt, prevented_entry, ...; repeatable"),
    reporter: list[str] = typer.Option([], help="PL, LT, LV, news:PL, ...; repeatable"),
    border: str | None = typer.Option(None, help="BY-PL, BY-LT, ..."),
    limit: int | None = typer.Option(None, help="At most this many rows (a table: 50)."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Stored figures one by one, each with its period, value, source and note."""
    from corridor.services import flows as service

    app = get_context(ctx)
    found = service.stored_figures(
        app.settings,
        metric=[Metric.parse(m) for m in metric] or None,
        reporter=reporter or None,
        border=border,
    )
    table_like = resolve(fmt, output).format is Format.TABLE
    cap = limit if limit is not None else (50 if table_like else None)
    rows = [f.to_row() for f in found[:cap]]
    notes = [f"first {cap} of {len(found)} figures (--limit)"] if cap and len(found) > cap else []
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title=f"{len(found)} figure(s)",
        notes=notes,
        err=app.err,
        columns=(
            "metric",
            "reporter",
            "border",
            "period_start",
            "period_end",
            "value",
            "approximate",
            "source",
            "note",
            "breakdown",
            "resolved",
            "dataset",
        ),
    )


@flows_app.command("surge")
@returns_rows("flows surge")
def surge(
    ctx: typer.Context,
    metric: list[str] = typer.Option(
        ..., help="attempt, prevented_entry, frontex_detection, ...; repeatable"
    ),
    reporter: list[str] = typer.Option(
        [], help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL; repeatable."
    ),
    border: str | None = typer.Option(None, help="Border, e.g. BY-PL, BY-LT, BY-LV."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Points well above their baseline, one series per frequency; figures no series can
    compare are listed under the alerts."""
    from corridor.services import flows as service

    app = get_context(ctx)
    scan = service.scan_stored_surges(
        app.settings,
        metric=[Metric.parse(m) for m in metric],
        reporter=reporter or None,
        border=border,
    )
    notes = [
        f"left out: {x.series} {x.start}..{x.end} ({x.value:,.0f}): {x.reason}"
        for x in scan.left_out
    ]
    rows = [a.to_row() for a in scan.alerts]
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title="surge alerts",
        notes=notes,
        err=app.err,
        columns=None
        if resolve(fmt, output).format is not Format.TABLE
        else (
            "series",
            "frequency",
            "start",
            "end",
            "value",
            "ratio",
            "baseline_text",
            "change_point",
            "sources",
        ),
    )


@flows_app.command("reconcile")
@returns_rows("flows reconcile")
def reconcile(
    ctx: typer.Context,
    reporter: str | None = typer.Option(
        None, help="Who reports: PL, LT, LV, Frontex, OpenSky, news:PL."
    ),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Totals against the finer figures inside them: coverage (the parts do not cover the
    period) kept apart from discrepancy (they disagree beyond rounding)."""
    from corridor.services import flows as service

    app = get_context(ctx)
    rows = [r.to_row() for r in service.reconcile_stored(app.settings, reporter=reporter)]
    table_columns = (
        "kind",
        "reporter",
        "period_start",
        "period_end",
        "total",
        "parts_sum",
        "covered_share",
        "difference",
        "explanation",
    )
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title="reconciliation",
        err=app.err,
        columns=table_columns if resolve(fmt, output).format is Format.TABLE else None,
    )


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
