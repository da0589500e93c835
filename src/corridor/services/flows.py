"""Service functions the CLI and the API call: load a file, read series, summarise."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial
from pathlib import Path

from corridor.exc import ErrorDetail, InvalidData, NotFound
from corridor.flows.checks import figure_problems
from corridor.flows.figure import Figure
from corridor.flows.impact import (
    ImpactEstimate,
    Lag,
    MeasureDate,
    best_lag,
    interrupted_time_series,
    load_measure_dates,
)
from corridor.flows.importers import (
    KINDS,
    border_csv,
    frontex_rda,
    frontex_xlsx,
    national_csv,
    opensky,
)
from corridor.flows.importers.opensky import airport_country
from corridor.flows.metric import Metric
from corridor.flows.reconcile import Reconciliation, reconcile
from corridor.flows.report import write_report
from corridor.flows.series import Freq, Series, build_series
from corridor.flows.surge import SurgeAlert, SurgeScan, scan_surges
from corridor.resources import data_dir
from corridor.settings import Settings
from corridor.sources.limits import check_zip
from corridor.store.analytics import FlowStore, LoadResult


def flow_store(settings: Settings) -> FlowStore:
    """The flows store (Parquet under the corridor home) for these settings."""
    return FlowStore(settings.analytics_dir / "flows")


def detect_kind(path: Path) -> str:
    """The importer for ``path``, from its suffix and header line."""
    suffix = path.suffix.lower()
    if suffix in (".rda", ".rdata"):
        return "frontex_rda"
    if suffix in (".xlsx", ".xlsm"):
        return "frontex_xlsx"
    if suffix in (".csv", ".gz"):
        header = opensky.read_header(path)
        if "period_start" in header and "metric" in header:
            return "border_csv"
        if "firstseen" in header and "destination" in header:
            return "opensky_flightlist"
        if "flights_count" in header:
            return "opensky_daily"
        if "date" in header and "value" in header:
            return "national_csv"
    raise InvalidData.at("cannot tell which kind of flow file this is; pass --kind", file=str(path))


def read_figures(
    path: Path,
    kind: str | None = None,
    *,
    reporter: str | None = None,
    border: str = "",
    metric: Metric | None = None,
) -> list[Figure]:
    """Parse ``path`` with the importer for ``kind`` (detected when None); ``reporter``,
    ``border`` and ``metric`` fill in what a national series file leaves out."""
    readers: dict[str, Callable[[Path], list[Figure]]] = {
        "border_csv": border_csv.parse,
        "national_csv": partial(
            national_csv.parse, reporter=reporter, border=border, metric=metric
        ),
        "frontex_rda": frontex_rda.parse,
        "frontex_xlsx": frontex_xlsx.parse,
        "opensky_flightlist": opensky.parse_flightlist,
        "opensky_daily": opensky.parse_daily_counts,
    }
    chosen = kind or detect_kind(path)
    if chosen not in readers:
        raise InvalidData.at(f"unknown kind {chosen!r} (known: {', '.join(KINDS)})")
    if not path.is_file():
        raise InvalidData.at("no such file", file=str(path))
    with path.open("rb") as handle:
        if handle.read(4) == b"PK\x03\x04":  # an xlsx: refuse a zip bomb before openpyxl
            check_zip(path)
    figures = readers[chosen](path)
    problems = figure_problems(figures)
    if problems:
        details = [ErrorDetail(p, file=str(path)) for p in problems]
        raise InvalidData(
            f"{path}: {len(problems)} figure(s) refused, first: {problems[0]}", details
        )
    return figures


def load_file(
    settings: Settings,
    path: Path,
    kind: str | None = None,
    *,
    reporter: str | None = None,
    border: str = "",
    metric: Metric | None = None,
) -> LoadResult:
    """Read a flow file and store its figures as one dataset (replacing an earlier load)."""
    figures = read_figures(path, kind, reporter=reporter, border=border, metric=metric)
    return flow_store(settings).load(figures, path.name)


def get_series(
    settings: Settings,
    *,
    metric: Metric | Sequence[Metric],
    reporter: str | Sequence[str] | None = None,
    border: str | None = None,
    freq: Freq = Freq.MONTH,
) -> list[Series]:
    """Series by bucket, one per metric, reporter and border (never summed across them), each
    point with the figures it was made of."""
    figures = stored_figures(settings, metric=metric, reporter=reporter, border=border)
    return build_series(figures, freq, allow_mixed_metrics=True)


def bundled_flows_dir() -> Path:
    """The bundled flows figures (``corridor/data/flows`` in the installed package)."""
    return data_dir("flows")


def measure_dates(rules_dir: Path | None = None) -> list[MeasureDate]:
    """Measure dates from ``data/rules`` (the route-measure rules) or the bundled measures CSV."""
    rules = rules_dir if rules_dir is not None else data_dir("rules")
    return load_measure_dates(rules, bundled_flows_dir() / "measures_2021.csv")


def find_surges(
    settings: Settings, *, metric: Metric, reporter: str | None = None, border: str | None = None
) -> list[SurgeAlert]:
    """Surge alerts of each stored series, one series per frequency the figures come in."""
    return list(
        scan_stored_surges(settings, metric=metric, reporter=reporter, border=border).alerts
    )


def scan_stored_surges(
    settings: Settings,
    *,
    metric: Metric | Sequence[Metric],
    reporter: str | Sequence[str] | None = None,
    border: str | None = None,
) -> SurgeScan:
    """Alerts and the figures no one-frequency series could compare (see :func:`scan_surges`);
    several metrics or reporters give one series each, never summed."""
    figures = stored_figures(settings, metric=metric, reporter=reporter, border=border)
    return scan_surges(figures)


def stored_figures(
    settings: Settings,
    *,
    metric: Metric | Sequence[Metric] | None = None,
    reporter: str | Sequence[str] | None = None,
    border: str | None = None,
) -> list[Figure]:
    """Stored figures of each metric and reporter asked for (all when None)."""
    metrics: list[Metric | None] = (
        [metric] if metric is None or isinstance(metric, Metric) else list(metric)
    )
    reporters: list[str | None] = (
        [reporter] if reporter is None or isinstance(reporter, str) else list(reporter)
    )
    store = flow_store(settings)
    found: list[Figure] = []
    for m in dict.fromkeys(metrics):
        for r in dict.fromkeys(reporters):
            found.extend(store.figures(metric=m, reporter=r, border=border))
    return found


EVIDENCE_KIND = "evidence"


def is_evidence(figure: Figure) -> bool:
    """Whether ``figure`` came from a reviewed news claim (``corridor evidence promote``): its
    dataset and source start with ``evidence:`` and its reporter with ``news:``."""
    prefix = f"{EVIDENCE_KIND}:"
    return figure.dataset.startswith(prefix) or figure.source.startswith(prefix)


def reconcile_stored(settings: Settings, *, reporter: str | None = None) -> list[Reconciliation]:
    """Totals against the finer figures inside them (Frontex aside).

    Figures promoted from news claims are only ever *totals*, set against the official figures
    inside them (of ``reporter`` when given; its news figures are ``news:<reporter>``). They are
    never parts of an official total, where they would count the same people twice.
    """
    store = flow_store(settings)
    news_only = reporter is not None and reporter.startswith("news:")
    found = store.figures(reporter=None if news_only else reporter)
    official = [f for f in found if f.reporter != "Frontex" and not is_evidence(f)]
    result = [] if news_only else reconcile(official)
    if reporter is None or news_only:
        news = [f for f in found if is_evidence(f) and reporter in (None, f.reporter)]
    else:
        news = [f for f in store.figures(reporter=f"news:{reporter}") if is_evidence(f)]
    for total in news:
        inside = [
            f
            for f in official
            if f.metric is total.metric
            and f.border == total.border
            and f.breakdown == total.breakdown
            and total.first_day <= f.first_day
            and f.last_day <= total.last_day
        ]
        result.extend(r for r in reconcile([total, *inside]) if r.total is total)
    return result


def measure_impact(
    settings: Settings,
    *,
    measure_id: str,
    metric: Metric,
    reporter: str,
    border: str | None = None,
    rules_dir: Path | None = None,
) -> ImpactEstimate:
    """Interrupted time series around a measure's date: estimate, interval and caveats."""
    measures = measure_dates(rules_dir)
    measure = next((m for m in measures if m.id == measure_id), None)
    if measure is None:
        raise NotFound(f"no measure {measure_id!r}")
    figures = flow_store(settings).figures(metric=metric, reporter=reporter, border=border)
    found = build_series(figures, Freq.MONTH)
    if len(found) != 1:
        keys = ", ".join(s.key for s in found) or "none"
        raise InvalidData.at(f"need exactly one monthly series, found: {keys}; pass --border")
    return interrupted_time_series(found[0], measure, others=measures)


def write_flow_report(
    settings: Settings, out: Path, *, png_dir: Path | None = None, rules_dir: Path | None = None
) -> list[Path]:
    """Write the self-contained HTML flows report (and PNG charts when ``png_dir`` is given)."""
    figures = flow_store(settings).figures()
    return write_report(figures, measure_dates(rules_dir), out, png_dir=png_dir)


def arrivals_attempts_lag(
    settings: Settings,
    *,
    origin_countries: Sequence[str],
    reporter: str = "PL",
    metric: Metric = Metric.ATTEMPT,
    destination: str = "UMMS",
    freq: Freq = Freq.DAY,
    max_lag: int = 14,
) -> Lag:
    """How long after flights from ``origin_countries`` land in ``destination`` the attempts at
    ``reporter``'s border follow (the lag with the highest correlation)."""
    store = flow_store(settings)
    wanted = {c.lower() for c in origin_countries}
    flights = [
        f
        for f in store.figures(metric=Metric.FLIGHT_ARRIVAL, border=destination)
        if not wanted or airport_country(f.breakdown) in wanted
    ]
    arrivals = {
        p.start: p.value for s in build_series(flights, freq) for p in s.points if p.complete
    }
    attempts = {
        p.start: p.value
        for s in build_series(store.figures(metric=metric, reporter=reporter), freq)
        for p in s.points
        if p.complete
    }
    step = {Freq.DAY: 1, Freq.WEEK: 7}.get(freq)
    if step is None:
        raise InvalidData.at("the lag is measured on daily or weekly series", field="freq")
    return best_lag(arrivals, attempts, max_lag=max_lag, step=timedelta(days=step), unit=freq.value)
