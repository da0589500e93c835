"""Surges on the bundled real series, with the expected alerts written out."""

from __future__ import annotations

import pytest

from corridor.flows.figure import Figure, month_interval
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, build_series, figure_series
from corridor.flows.surge import (
    SurgeAlert,
    SurgeScan,
    change_points,
    detect_surges,
    natural_freq,
    scan_surges,
)
from corridor.resources import data_dir

DATA = data_dir("flows")


@pytest.fixture(scope="module")
def border_scan() -> SurgeScan:
    return scan_surges(border_csv.parse(DATA / "border_flows.csv"))


def _keys(alerts: list[SurgeAlert] | tuple[SurgeAlert, ...]) -> list[tuple[str, str, str]]:
    return [(a.series, a.freq.value, str(a.start)) for a in alerts]


def _assert_rises_only(alerts: tuple[SurgeAlert, ...] | list[SurgeAlert]) -> None:
    for alert in alerts:
        assert alert.previous is None or alert.value > alert.previous, alert.explanation
        assert alert.freq is not Freq.MIXED


def test_border_series_expected_alerts(border_scan: SurgeScan) -> None:
    assert _keys(border_scan.alerts) == [
        ("LT apprehension BY-LT", "month", "2021-06-01"),
        ("LT apprehension BY-LT", "month", "2021-07-01"),
        ("PL attempt BY-PL", "year", "2021-01-01"),
    ]
    _assert_rises_only(border_scan.alerts)


def test_polish_2021_is_compared_with_years_not_months(border_scan: SurgeScan) -> None:
    (pl,) = [a for a in border_scan.alerts if a.series.startswith("PL")]
    assert pl.value == 39670 and pl.baseline == pytest.approx(20.0)  # median of 4, 20, 129
    assert pl.baseline_text == "median of the 3 preceding years (2018–2020)"
    assert "yearly" in pl.explanation and "1,983.5x" in pl.explanation
    # Polish monthly figures exist only from August 2021: too few to compare, so no monthly alert,
    # and October 2021 is never set against yearly totals pro-rated per day.
    assert not any(a.series.startswith("PL") and a.freq is Freq.MONTH for a in border_scan.alerts)
    # December 2021 (1,500, down from 8,900) and the 2023-2025 years at the raised level are no surge.
    assert not any(
        str(a.start) in ("2021-12-01", "2023-01-01", "2024-01-01", "2025-01-01")
        for a in border_scan.alerts
    )


def test_lithuanian_july_keeps_the_level_before_the_surge(border_scan: SurgeScan) -> None:
    june, july = [a for a in border_scan.alerts if a.series.startswith("LT")]
    assert june.baseline_text == "median of the 3 preceding months (2021-03–2021-05)"
    assert july.baseline_text.startswith("median of the 3 preceding months (2021-03–2021-05)")
    assert "before the surge that began in 2021-06" in july.baseline_text
    assert july.previous == 473 and july.value == 2882


def test_figures_of_no_calendar_frequency_are_listed_not_prorated(border_scan: SurgeScan) -> None:
    left = {(x.series, str(x.start), str(x.end)) for x in border_scan.left_out}
    assert ("PL attempt BY-PL", "2022-01-01", "2022-07-31") in left
    assert ("LT prevented_entry BY-LT", "2021-08-03", "2021-12-31") in left
    assert ("LV prevented_entry BY-LV", "2021-08-11", "2021-12-31") in left
    assert all("never pro-rated" in x.reason and x.sources for x in border_scan.left_out)


def test_frontex_eastern_borders_route_expected_alerts(eastern_figures: list[Figure]) -> None:
    (series,) = build_series(eastern_figures, Freq.MONTH)
    by_month = {str(p.start): p.value for p in series.points}
    assert by_month["2021-07-01"] == 3236 and by_month["2021-08-01"] == 1953
    alerts = detect_surges(series)
    assert [str(a.start)[:7] for a in alerts] == [
        "2015-08",
        "2021-04",
        "2021-06",
        "2021-07",
        "2024-04",
        "2024-05",
        "2024-09",
        "2025-04",
    ]
    _assert_rises_only(alerts)
    july = next(a for a in alerts if str(a.start) == "2021-07-01")
    assert july.baseline_text == (
        "median of the 3 months at the raised level since 2021-04 (2021-04–2021-06)"
    )
    assert july.ratio > 20 and july.change_point is not None and july.change_point.year == 2021
    august = next(a for a in alerts if str(a.start) == "2015-08-01")
    assert august.baseline_text == "median of the 3 preceding Augusts (2012, 2013, 2014)"
    # August to December 2021 fall month on month: none is a surge.
    assert not any(str(a.start)[:7] in ("2021-08", "2021-09", "2021-12") for a in alerts)


def test_a_fall_is_never_a_surge() -> None:
    figures = [
        Figure(Metric.ATTEMPT, "PL", "BY-PL", month_interval(2020, m), v, False, "test")
        for m, v in zip(
            range(1, 13), [10, 11, 9, 10, 12, 10, 11, 400, 300, 10, 11, 10], strict=True
        )
    ]
    (series,) = build_series(figures, Freq.MONTH)
    assert [str(a.start) for a in detect_surges(series)] == ["2020-08-01"]


def test_mixed_series_refused_and_natural_frequencies() -> None:
    figures = border_csv.parse(DATA / "border_flows.csv")
    pl = [f for f in figures if f.reporter == "PL" and f.metric is Metric.ATTEMPT]
    with pytest.raises(ValueError, match="one frequency"):
        detect_surges(figure_series(pl))
    kinds = {(str(f.first_day), str(f.last_day)): natural_freq(f) for f in pl}
    assert kinds[("2018-01-01", "2018-12-31")] is Freq.YEAR
    assert kinds[("2021-10-01", "2021-10-31")] is Freq.MONTH
    assert kinds[("2021-09-07", "2021-09-07")] is Freq.DAY
    assert kinds[("2022-01-01", "2022-07-31")] is None


def test_flat_series_has_no_alerts_and_change_points_find_a_step() -> None:
    assert change_points([10.0] * 20 + [500.0] * 10) == [20]
    assert change_points([3.0, 4.0]) == []
