"""Figures of different metrics are never added: the services serve them side by side, and the
arithmetic under them (series points, reconciliations) refuses a mix.

Latvia reports people prevented from entering, people let in on humanitarian grounds and asylum
applications (the bundled ``border_flows.csv``): three counts of three different things.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import RefusedOperation
from corridor.flows.figure import Figure
from corridor.flows.metric import Metric
from corridor.flows.reconcile import reconcile
from corridor.flows.series import build_series
from corridor.model.interval import Interval
from corridor.resources import data_dir
from corridor.services import flows as service
from corridor.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path)
    service.load_file(settings, data_dir("flows") / "border_flows.csv")
    return settings


def test_several_metrics_are_served_side_by_side_never_added(settings: Settings) -> None:
    wanted = [Metric.PREVENTED_ENTRY, Metric.ADMITTED_HUMANITARIAN]
    found = service.get_series(settings, metric=wanted, reporter="LV")
    assert {s.metric for s in found} == set(wanted)
    for series in found:
        assert all(f.metric is series.metric for p in series.points for f in p.parts)


def test_one_metric_is_served_as_before(settings: Settings) -> None:
    (series,) = service.get_series(settings, metric=Metric.ATTEMPT, reporter="PL")
    october = next(p for p in series.points if str(p.start) == "2021-10-01")
    assert october.value == 17447


def _figure(metric: Metric, start: str, end: str, value: float) -> Figure:
    return Figure(metric, "LV", "BY-LV", Interval.from_dates(start, end), value, False, "test")


def test_series_and_reconciliation_add_through_the_guard() -> None:
    # hand-made: two counts of one month that mean different things
    prevented = _figure(Metric.PREVENTED_ENTRY, "2021-08-01", "2021-08-31", 100)
    admitted = _figure(Metric.ADMITTED_HUMANITARIAN, "2021-08-01", "2021-08-31", 10)
    with pytest.raises(RefusedOperation):
        build_series([prevented, admitted])
    year = _figure(Metric.PREVENTED_ENTRY, "2021-01-01", "2021-12-31", 1000)
    (rec,) = reconcile([year, prevented, admitted])
    assert rec.parts == (prevented,) and rec.parts_sum == 100
