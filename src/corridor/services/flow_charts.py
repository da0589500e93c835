"""The flows page: one Vega-Lite chart per metric, built by the same definitions as the flows
report (:func:`corridor.flows.report.build_charts`, :mod:`corridor.flows.charts`), each with its
caption, sources and generation time, and the surge alerts and reconciliations as tables."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from corridor.flows.charts import Chart
from corridor.flows.impact import MeasureDate
from corridor.flows.reconcile import Reconciliation
from corridor.flows.report import analyse, build_charts
from corridor.flows.surge import SurgeAlert
from corridor.model.time import utcnow
from corridor.services.flows import flow_store, measure_dates
from corridor.settings import Settings


@dataclass
class FlowsView:
    charts: list[Chart] = field(default_factory=list)
    alerts: list[SurgeAlert] = field(default_factory=list)
    reconciliations: list[Reconciliation] = field(default_factory=list)
    measures: list[MeasureDate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: int = 0


def flows_fingerprint(settings: Settings) -> str:
    """Changes whenever a figures file is written, replaced or removed (the cache's key)."""
    store = flow_store(settings)
    digest = hashlib.sha256()
    if store.figures_dir.is_dir():
        for path in sorted(store.figures_dir.glob("*.parquet")):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()[:16]


class FlowChartsCache:
    """The flows page's charts, rebuilt only when the stored figures change (building them
    takes about a second of analysis; serving a kept one, microseconds)."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._view: FlowsView | None = None
        self._lock = threading.Lock()

    def get(self, settings: Settings) -> FlowsView:
        key = flows_fingerprint(settings)
        with self._lock:
            if self._view is None or key != self._key:
                self._view, self._key = flow_charts(settings), key
            return self._view


def flow_charts(settings: Settings, *, rules_dir: Path | None = None) -> FlowsView:
    """Everything the flows page shows, from the stored figures and the measures' dates."""
    store = flow_store(settings)
    figures = store.figures() if store.has_data() else []
    measures = measure_dates(rules_dir)
    view = FlowsView(measures=measures, figures=len(figures))
    if not figures:
        return view
    report = analyse(figures, measures)
    view.charts = build_charts(report, measures, utcnow())
    view.alerts = report.alerts
    view.reconciliations = report.reconciliations
    view.notes = report.notes
    return view
