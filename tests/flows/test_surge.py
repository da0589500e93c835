from __future__ import annotations

from corridor.flows.figure import Figure
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, build_series, figure_series
from corridor.flows.surge import change_points, detect_surges
from corridor.resources import data_dir

DATA = data_dir("flows")


def test_frontex_eastern_borders_route_2021(eastern_figures: list[Figure]) -> None:
    (series,) = build_series(eastern_figures, Freq.MONTH)
    by_month = {str(p.start): p.value for p in series.points}
    assert by_month["2021-07-01"] == 3236
    assert sum(v for k, v in by_month.items() if k.startswith("2021")) == 8075
    alerts = detect_surges(series)
    flagged = {str(a.start)[:7] for a in alerts}
    assert {"2021-08", "2021-09", "2021-10", "2021-11"} <= flagged
    assert not any(k.startswith("2019") for k in flagged)
    august = next(a for a in alerts if str(a.start) == "2021-08-01")
    assert august.value == 1953 and august.ratio > 10 and august.baseline < 200
    assert "baseline" in august.explanation and august.sources
    assert august.change_point is not None and august.change_point.year == 2021


def test_polish_attempts_flag_august_to_november_2021_not_2019() -> None:
    figures = border_csv.parse(DATA / "border_flows.csv")
    pl = [f for f in figures if f.reporter == "PL" and f.metric is Metric.ATTEMPT]
    series = figure_series(pl)
    alerts = detect_surges(series)
    flagged = {str(a.start) for a in alerts}
    assert {"2021-08-01", "2021-09-01", "2021-10-01", "2021-11-01"} <= flagged
    assert not any(s.startswith("2019") or s.startswith("2018") for s in flagged)
    october = next(a for a in alerts if str(a.start) == "2021-10-01")
    assert october.value == 17447 and october.ratio > 1000


def test_flat_series_has_no_alerts_and_change_points_find_a_step() -> None:
    assert change_points([10.0] * 20 + [500.0] * 10) == [20]
    assert change_points([3.0, 4.0]) == []
