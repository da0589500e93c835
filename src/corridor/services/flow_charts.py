"""The flows page: one Vega-Lite chart per metric (the definitions of
:mod:`corridor.flows.charts`, through :func:`corridor.flows.report.chart_specs`), each with the
sources of the figures it draws and the time it was made, and the surge alerts and
reconciliations as tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from corridor.flows.figure import Figure
from corridor.flows.impact import MeasureDate
from corridor.flows.metric import Metric
from corridor.flows.reconcile import Reconciliation
from corridor.flows.report import FlowReport, analyse, chart_specs
from corridor.flows.service import flow_store, measure_dates
from corridor.flows.surge import SurgeAlert
from corridor.model.time import utcnow
from corridor.settings import Settings


@dataclass(frozen=True, slots=True)
class ChartView:
    name: str
    title: str
    spec: dict[str, Any]
    sources: list[str]
    generated: datetime


@dataclass
class FlowsView:
    charts: list[ChartView] = field(default_factory=list)
    alerts: list[SurgeAlert] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)
    measures: list[MeasureDate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: int = 0


def _sources(figures: Iterable[Figure]) -> list[str]:
    return sorted({f.source for f in figures if f.source})


def _chart_sources(name: str, report: FlowReport) -> list[str]:
    if name.startswith("series-"):
        metric = Metric(name.removeprefix("series-"))
        items = report.series.get(metric, [])
        return _sources(f for s in items for p in s.points for f in p.parts)
    if name == "flights-minsk":
        return _sources(report.flights)
    return sorted({s for a in report.alerts for s in a.sources})


def flow_charts(settings: Settings, *, rules_dir: Path | None = None) -> FlowsView:
    """Everything the flows page shows, from the stored figures and the measures' dates."""
    store = flow_store(settings)
    figures = store.figures() if store.has_data() else []
    measures = measure_dates(rules_dir)
    view = FlowsView(measures=measures, figures=len(figures))
    if not figures:
        return view
    report = analyse(figures, measures)
    now = utcnow()
    for name, chart in chart_specs(report, measures):
        spec = chart.to_dict()
        title = spec.get("title") or name
        view.charts.append(ChartView(name, str(title), spec, _chart_sources(name, report), now))
    view.alerts = report.alerts
    view.reconciliations = report.reconciliations
    view.notes = report.notes
    return view
