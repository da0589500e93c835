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
from pathlib import Path
from typing import Any

from corridor.exc import InvalidData
from corridor.flows import charts
from corridor.flows.figure import Figure
from corridor.flows.impact import ImpactEstimate, MeasureDate, interrupted_time_series
from corridor.flows.metric import Metric
from corridor.flows.reconcile import Reconciliation, reconcile
from corridor.flows.series import Freq, Series, build_series, figure_series
from corridor.flows.surge import SurgeAlert, detect_surges

EASTERN = "Eastern Borders Route (Land)"
IMPACT_MEASURES = ("M04", "M07")


@dataclass
class FlowReport:
    series: dict[Metric, list[Series]] = field(default_factory=dict)
    flights: list[Figure] = field(default_factory=list)
    alerts: list[SurgeAlert] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)
    impacts: list[ImpactEstimate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyse(figures: Sequence[Figure], measures: Sequence[MeasureDate]) -> FlowReport:
    """Everything the report shows, computed from stored figures."""
    report = FlowReport()
    groups: dict[tuple[Metric, str, str], list[Figure]] = {}
    for fig in figures:
        if fig.metric is Metric.FLIGHT_ARRIVAL:
            report.flights.append(fig)
        elif fig.reporter != "Frontex":
            groups.setdefault((fig.metric, fig.reporter, fig.border), []).append(fig)
    for (metric, _, _), members in sorted(groups.items()):
        item = figure_series(members)
        if item.points:
            report.series.setdefault(metric, []).append(item)
    eastern = [f for f in figures if f.reporter == "Frontex" and f.border == EASTERN]
    if eastern:
        (monthly,) = build_series(eastern, Freq.MONTH)
        report.series.setdefault(Metric.FRONTEX_DETECTION, []).append(monthly)
        for measure in measures:
            if measure.id in IMPACT_MEASURES:
                try:
                    report.impacts.append(
                        interrupted_time_series(monthly, measure, others=measures)
                    )
                except InvalidData as exc:
                    report.notes.append(f"no impact estimate for {measure.id}: {exc.message}")
    for items in report.series.values():
        for item in items:
            report.alerts.extend(detect_surges(item))
    report.reconciliations = reconcile(f for f in figures if f.reporter != "Frontex")
    return report


def chart_specs(report: FlowReport, measures: Sequence[MeasureDate]) -> list[tuple[str, Any]]:
    specs: list[tuple[str, Any]] = []
    for metric, items in sorted(report.series.items()):
        title = f"{metric.value}: {metric.meaning}"
        specs.append((f"series-{metric.value}", charts.series_chart(items, measures, title)))
    if report.flights:
        specs.append(("flights-minsk", charts.flights_chart(report.flights)))
    if report.alerts:
        specs.append(("surges", charts.surge_chart(report.alerts)))
    return specs


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def write_report(
    figures: Sequence[Figure],
    measures: Sequence[MeasureDate],
    out: Path,
    *,
    png_dir: Path | None = None,
) -> list[Path]:
    """Write the HTML report to ``out`` (and one PNG per chart into ``png_dir``); the paths."""
    import vl_convert as vlc

    if not figures:
        raise InvalidData.at("no figures to report on: run 'corridor flows load' first")
    report = analyse(figures, measures)
    written: list[Path] = []
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>corridor: flows</title>",
        "<style>body{font-family:sans-serif;max-width:960px;margin:auto}"
        "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px}"
        "</style></head><body><h1>Flows: border attempts, detections and flights</h1>",
        "<p>Each metric has its own chart; values are per day of the reported period so months "
        "and years compare. Dashed red lines mark measures taking effect. All dates UTC.</p>",
    ]
    for name, chart in chart_specs(report, measures):
        spec = chart.to_dict()
        parts.append(f"<h2>{html.escape(name)}</h2>")
        parts.append(vlc.vegalite_to_svg(spec))
        embedded = json.dumps(spec).replace("</", "<\\/")
        parts.append(f"<script type='application/json' id='spec-{name}'>{embedded}</script>")
        if png_dir is not None:
            png_dir.mkdir(parents=True, exist_ok=True)
            target = png_dir / f"{name}.png"
            target.write_bytes(vlc.vegalite_to_png(spec, scale=2))
            written.append(target)
    parts.append("<h2>Surge alerts</h2>")
    parts.append(
        _table(
            ["series", "period", "value", "baseline", "x", "robust SDs", "change point"],
            [
                (
                    a.series,
                    f"{a.start}..{a.end}",
                    f"{a.value:,.0f}",
                    f"{a.baseline:,.1f}",
                    f"{a.ratio:.1f}",
                    f"{a.z:.1f}",
                    a.change_point or "",
                )
                for a in report.alerts
            ],
        )
    )
    parts.append("<h2>Reconciliation: totals against their parts</h2>")
    parts.append(
        _table(
            ["total", "parts", "difference", "explanation"],
            [
                (
                    f"{r.total.value:,.0f}",
                    f"{r.parts_sum:,.0f}",
                    f"{r.difference:+,.0f}",
                    r.explanation,
                )
                for r in report.reconciliations
            ],
        )
    )
    parts.append("<h2>Impact of measures (interrupted time series)</h2>")
    parts.append(
        _table(["measure", "estimate"], [(i.measure.id, i.explanation) for i in report.impacts])
    )
    for note in report.notes:
        parts.append(f"<p>{html.escape(note)}</p>")
    parts.append("</body></html>")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")
    return [out, *written]
