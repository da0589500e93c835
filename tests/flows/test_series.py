from __future__ import annotations

import pytest

from corridor.exc import RefusedOperation
from corridor.flows.figure import Figure
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, build_series
from corridor.resources import data_dir

DATA = data_dir("flows")


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return border_csv.parse(DATA / "border_flows.csv")


def test_monthly_series_of_polish_attempts(figures: list[Figure]) -> None:
    pl = [f for f in figures if f.reporter == "PL" and f.metric is Metric.ATTEMPT]
    (series,) = build_series(pl, Freq.MONTH)
    values = {str(p.start): p.value for p in series.points}
    assert values["2021-10-01"] == 17447  # the month wins over the record day inside it
    assert values["2021-09-01"] == 7700
    assert {str(f.first_day) for f in series.superseded} == {
        "2021-09-07",
        "2021-10-01",
        "2021-11-17",
    }
    assert any(f.value == 39670 for f in series.skipped)  # a year never spread over months


def test_yearly_series_prefers_the_annual_total(figures: list[Figure]) -> None:
    pl = [f for f in figures if f.reporter == "PL" and f.metric is Metric.ATTEMPT]
    (series,) = build_series(pl, Freq.YEAR)
    values = {p.start.year: p.value for p in series.points}
    assert values[2019] == 20 and values[2021] == 39670


def test_series_refuses_mixed_metrics(figures: list[Figure]) -> None:
    with pytest.raises(RefusedOperation):
        build_series([f for f in figures if f.reporter in ("PL", "LT")], Freq.YEAR)
