"""``corridor report flows``: one self-contained HTML file, and PNGs for slides.

Charts are Vega-Lite specs rendered to inline SVG with vl-convert (no script or network needed
to view the file); each spec is embedded as JSON beside its picture for reuse. Tables list the
surge alerts, the reconciliations and the impact estimates with their caveats.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows import charts
from corridor.flows.figure import Figure
from corridor.flows.impact import ImpactEstimate, MeasureDate, interrupted_time_series
from corridor.flows.metric import Metric
from corridor.flows.reconcile import Reconciliation, reconcile
from corridor.flows.series import Freq, Series, build_series
from corridor.flows.surge import LeftOut, SurgeAlert, detect_surges, scan_surges

EASTERN = "Eastern Borders Route (Land)"
IMPACT_MEASURES = ("M04", "M07")


@dataclass
class FlowReport:
    series: dict[Metric, list[Series]] = field(default_factory=dict)
    flights: list[Figure] = field(default_factory=list)
    alerts: list[SurgeAlert] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)
    impacts: list[ImpactEstimate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyse(figures: Sequence[Figure], measures: Sequence[MeasureDate]) -> FlowReport:
    """Everything the report shows, computed from stored figures."""
    report = FlowReport()
    national = [
        f for f in figures if f.metric is not Metric.FLIGHT_ARRIVAL and f.reporter != "Frontex"
    ]
    report.flights = [f for f in figures if f.metric is Metric.FLIGHT_ARRIVAL]
    scan = scan_surges(national)
    for item in scan.series:
        if any(p.complete for p in item.points):
            report.series.setdefault(item.metric, []).append(item)
    report.alerts.extend(scan.alerts)
    report.left_out.extend(scan.left_out)
    eastern = [f for f in figures if f.reporter == "Frontex" and f.border == EASTERN]
    if eastern:
        (monthly,) = build_series(eastern, Freq.MONTH)
        report.series.setdefault(Metric.FRONTEX_DETECTION, []).append(monthly)
        report.alerts.extend(detect_surges(monthly))
        for measure in measures:
            if measure.id in IMPACT_MEASURES:
                try:
                    report.impacts.append(
                        interrupted_time_series(monthly, measure, others=measures)
                    )
                except InvalidData as exc:
                    report.notes.append(f"no impact estimate for {measure.id}: {exc.message}")
    report.reconciliations = reconcile(f for f in figures if f.reporter != "Frontex")
    return report


def build_charts(
    report: FlowReport, measures: Sequence[MeasureDate], generated: datetime
) -> list[charts.Chart]:
    """The report's charts, in order (the same definitions the console uses)."""
    result: list[charts.Chart] = []
    for metric, items in sorted(report.series.items()):
        result.append(charts.series_chart(items, measures, metric=metric, generated=generated))
    if report.flights:
        result.append(charts.flights_chart(report.flights, generated=generated))
    if report.alerts:
        result.append(charts.surge_chart(report.alerts, generated=generated))
    return result


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _figure_html(chart: charts.Chart, svg: str) -> str:
    notes = "".join(f" {html.escape(n)}." for n in chart.notes)
    sources = "".join(f"<li>{html.escape(s)}</li>" for s in chart.sources)
    embedded = json.dumps(chart.spec).replace("</", "<\\/")
    return (
        f"<figure id='chart-{chart.name}'><h2>{html.escape(chart.title)}</h2>{svg}"
        f"<figcaption><p>{html.escape(chart.caption)}{notes}</p>"
        f"<p class='sources'>Sources:</p><ul class='sources'>{sources}</ul>"
        f"<p class='generated'>Generated {charts.stamp(chart.generated)} by corridor.</p>"
        f"</figcaption>"
        f"<script type='application/json' id='spec-{chart.name}'>{embedded}</script></figure>"
    )


def write_report(
    figures: Sequence[Figure],
    measures: Sequence[MeasureDate],
    out: Path,
    *,
    png_dir: Path | None = None,
    generated: datetime | None = None,
) -> list[Path]:
    """Write the HTML report to ``out`` (and one PNG per chart into ``png_dir``); the paths."""
    import vl_convert as vlc

    if not figures:
        raise InvalidData.at("no figures to report on: run 'corridor flows load' first")
    when = generated or datetime.now(UTC)
    report = analyse(figures, measures)
    written: list[Path] = []
    stamp = charts.stamp(when)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>corridor: flows</title>",
        "<style>body{font-family:sans-serif;max-width:960px;margin:auto}"
        "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px}"
        "caption{text-align:left;font-size:12px;color:#555}figcaption{font-size:12px;color:#444}"
        "ul.sources{font-size:11px;color:#555}</style></head><body>"
        "<h1>Flows: border attempts, detections and flights</h1>",
        f"<p>Generated {html.escape(stamp)}. Each metric has its own chart and each line one "
        "reporter's series at one frequency; values are per day of the reported period so "
        "months and years share a linear axis without being joined. Sources are listed under "
        "each chart and in each table. All dates UTC.</p>",
    ]
    for chart in build_charts(report, measures, when):
        parts.append(_figure_html(chart, vlc.vegalite_to_svg(chart.spec)))
        if png_dir is not None:
            png_dir.mkdir(parents=True, exist_ok=True)
            target = png_dir / f"{chart.name}.png"
            target.write_bytes(vlc.vegalite_to_png(chart.spec, scale=2))
            written.append(target)
    parts.append("<h2>Surge alerts</h2>")
    parts.append(
        _table(
            [
                "series",
                "frequency",
                "period",
                "value",
                "baseline",
                "x",
                "robust SDs",
                "change point",
                "sources",
            ],
            [
                (
                    a.series,
                    a.freq.value,
                    f"{a.start}..{a.end}",
                    f"{'~' if a.approximate else ''}{a.value:,.0f}",
                    f"{a.baseline:,.1f}: {a.baseline_text}",
                    f"{a.ratio:,.1f}",
                    f"{a.z:,.1f}",
                    a.change_point or "",
                    "; ".join(a.sources),
                )
                for a in report.alerts
            ],
            f"A point is an alert when it rises at least 2x and 3.5 robust SDs above its "
            f"baseline and is not a fall; each series has one frequency. Generated {stamp}.",
        )
    )
    if report.left_out:
        parts.append("<h2>Figures no surge series compares</h2>")
        parts.append(
            _table(
                ["series", "period", "value", "why", "sources"],
                [
                    (
                        x.series,
                        f"{x.start}..{x.end}",
                        f"{x.value:,.0f}",
                        x.reason,
                        "; ".join(x.sources),
                    )
                    for x in report.left_out
                ],
                f"Never pro-rated to another frequency. Generated {stamp}.",
            )
        )
    parts.append("<h2>Reconciliation: totals against their parts</h2>")
    parts.append(
        _table(
            ["finding", "total", "parts", "covered", "difference", "explanation", "sources"],
            [
                (
                    r.kind,
                    f"{r.total.value:,.0f}",
                    f"{r.parts_sum:,.0f}",
                    f"{r.covered_share:.0%}",
                    "" if r.comparable_difference is None else f"{r.difference:+,.0f}",
                    r.explanation,
                    "; ".join(sorted({r.total.source, *(p.source for p in r.parts)})),
                )
                for r in report.reconciliations
            ],
            "coverage: the parts do not cover the total's period (no difference computed); "
            "discrepancy: they disagree beyond rounding; agree: within rounding. "
            f"Generated {stamp}.",
        )
    )
    parts.append("<h2>Impact of measures (interrupted time series)</h2>")
    parts.append(
        _table(
            ["measure", "estimate", "sources"],
            [
                (i.measure.id, i.explanation, f"{i.measure.source}; {i.series}")
                for i in report.impacts
            ],
            f"Generated {stamp}.",
        )
    )
    for note in report.notes:
        parts.append(f"<p>{html.escape(note)}</p>")
    parts.append("</body></html>")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")
    return [out, *written]
