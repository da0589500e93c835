"""Service functions the CLI and the API call: load a file, read series, summarise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.figure import Figure
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, Series, build_series
from corridor.flows.store import FlowStore, LoadResult
from corridor.settings import Settings

KINDS = ("border_csv", "frontex_rda", "frontex_xlsx", "opensky_flightlist", "opensky_daily")


def flow_store(settings: Settings) -> FlowStore:
    return FlowStore(settings.analytics_dir / "flows")


def detect_kind(path: Path) -> str:
    """The importer for ``path``, from its suffix and header line."""
    suffix = path.suffix.lower()
    if suffix in (".rda", ".rdata"):
        return "frontex_rda"
    if suffix in (".xlsx", ".xlsm"):
        return "frontex_xlsx"
    if suffix in (".csv", ".gz"):
        from corridor.flows.importers import opensky

        header = opensky.read_header(path)
        if "reporter" in header and "metric" in header:
            return "border_csv"
        if "firstseen" in header and "destination" in header:
            return "opensky_flightlist"
        if "flights_count" in header:
            return "opensky_daily"
    raise InvalidData.at("cannot tell which kind of flow file this is; pass --kind", file=str(path))


def read_figures(path: Path, kind: str | None = None) -> list[Figure]:
    """Parse ``path`` with the importer for ``kind`` (detected when None)."""
    from corridor.flows.importers import border_csv, frontex_rda, frontex_xlsx, opensky

    readers: dict[str, Callable[[Path], list[Figure]]] = {
        "border_csv": border_csv.parse,
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
    return readers[chosen](path)


def load_file(settings: Settings, path: Path, kind: str | None = None) -> LoadResult:
    """Read a flow file and store its figures as one dataset (replacing an earlier load)."""
    figures = read_figures(path, kind)
    return flow_store(settings).load(figures, path.name)


def get_series(
    settings: Settings,
    *,
    metric: Metric,
    reporter: str | None = None,
    border: str | None = None,
    freq: Freq = Freq.MONTH,
) -> list[Series]:
    figures = flow_store(settings).figures(metric=metric, reporter=reporter, border=border)
    return build_series(figures, freq)
