from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows.figure import Figure
from corridor.flows.impact import best_lag, interrupted_time_series, load_measure_dates
from corridor.flows.series import Freq, build_series
from corridor.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]


def test_measure_dates_from_rules_or_csv() -> None:
    from_csv = load_measure_dates(None, data_dir() / "flows" / "measures_2021.csv")
    assert {m.id: m.effective_from for m in from_csv}["M07"] == date(2021, 11, 12)
    if (data_dir() / "rules").is_dir():
        from_rules = load_measure_dates(data_dir() / "rules", None)
        assert {m.id for m in from_rules} == {m.id for m in from_csv}


def test_turkish_boarding_ban_and_the_eastern_route(eastern_figures: list[Figure]) -> None:
    measures = load_measure_dates(None, data_dir() / "flows" / "measures_2021.csv")
    m07 = next(m for m in measures if m.id == "M07")
    (series,) = build_series(eastern_figures, Freq.MONTH)
    result = interrupted_time_series(series, m07, others=measures)
    assert result.points_before == 12 and result.points_after == 12
    assert result.level_ratio < 1  # detections fell after November 2021
    assert result.level_ratio_low < result.level_ratio < result.level_ratio_high
    assert any("M11" in c and "M13" in c for c in result.caveats)  # Cham Wings, flydubai
    assert "not proof" in result.explanation


def test_too_few_points_is_refused(eastern_figures: list[Figure]) -> None:
    (series,) = build_series(eastern_figures, Freq.MONTH)
    measures = load_measure_dates(None, data_dir() / "flows" / "measures_2021.csv")
    late = measures[0].__class__("X", "late", "nobody", date(2030, 1, 1), "test")
    with pytest.raises(InvalidData, match="3 points"):
        interrupted_time_series(series, late)


def test_lag_between_arrivals_and_attempts() -> None:
    start = date(2021, 8, 1)
    arrivals = {start + timedelta(days=i): float((i * 7) % 11 + (i % 3) * 4) for i in range(40)}
    attempts = {d + timedelta(days=3): v * 20 + 5 for d, v in arrivals.items()}
    lag = best_lag(arrivals, attempts, max_lag=7)
    assert lag.lag == 3 and lag.correlation == pytest.approx(1.0)
    assert "lag of 3 day" in lag.explanation
    with pytest.raises(InvalidData):
        best_lag({start: 1.0}, {start: 2.0})
