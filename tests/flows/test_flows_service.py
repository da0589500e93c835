from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows.series import Freq
from corridor.services import flows as service
from corridor.settings import Settings

HEADER = "reporter,border,metric,period_start,period_end,value,approximate,note,source\n"


def test_lag_between_flights_into_minsk_and_attempts(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    start = date(2021, 10, 1)
    daily = [(i * 5) % 7 + (i % 4) for i in range(30)]
    flights = tmp_path / "flightlist_202110.csv"
    with flights.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["callsign", "icao24", "origin", "destination", "firstseen", "lastseen"])
        for i, count in enumerate(daily):
            day = start + timedelta(days=i)
            for n in range(count):
                out.writerow(
                    [f"IA{n}", "896180", "ORBI", "UMMS", f"{day} 01:00:00", f"{day} 05:00:00"]
                )
            out.writerow(["B2", "510000", "UUEE", "UMMS", f"{day} 01:00:00", f"{day} 03:00:00"])
    attempts = tmp_path / "attempts.csv"
    rows = [
        f"PL,BY-PL,attempt,{start + timedelta(days=i + 4)},{start + timedelta(days=i + 4)},"
        f"{count * 150 + 20},false,,test\n"
        for i, count in enumerate(daily)
    ]
    attempts.write_text(HEADER + "".join(rows))
    service.load_file(settings, flights)
    service.load_file(settings, attempts)
    found = service.arrivals_attempts_lag(settings, origin_countries=["IQ"], max_lag=7)
    assert found.lag == 4 and found.correlation == pytest.approx(1.0)
    with pytest.raises(InvalidData):
        service.arrivals_attempts_lag(settings, origin_countries=["IQ"], freq=Freq.MONTH)


def test_unknown_file_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InvalidData, match="--kind"):
        service.read_figures(path)
    with pytest.raises(InvalidData, match="unknown kind"):
        service.read_figures(path, "nope")


def test_news_figures_are_totals_never_parts_of_official_ones(tmp_path: Path) -> None:
    from corridor.flows.figure import Figure
    from corridor.flows.metric import Metric
    from corridor.model.interval import Interval

    settings = Settings(home=tmp_path / "home")
    official = tmp_path / "official.csv"
    official.write_text(
        HEADER
        + "PL,BY-PL,attempt,2021-09-01,2021-09-30,7000,false,,guard\n"
        + "PL,BY-PL,attempt,2021-09-05,2021-09-05,300,false,,guard\n"
        + "PL,BY-PL,attempt,2021-08-01,2021-08-31,3500,false,,guard\n"
    )
    service.load_file(settings, official)
    news = Figure(
        Metric.ATTEMPT,
        "news:PL",
        "BY-PL",
        Interval.from_dates("2021-08-01", "2021-09-30"),
        11000,
        True,
        "evidence:c1 urn:article",
        dataset="evidence:c1",
    )
    month = Figure(
        Metric.ATTEMPT,
        "news:PL",
        "BY-PL",
        Interval.from_dates("2021-09-01", "2021-09-30"),
        7100,
        False,
        "evidence:c2 urn:article",
        dataset="evidence:c2",
    )
    store = service.flow_store(settings)
    store.load([news], "evidence:c1")
    store.load([month], "evidence:c2")
    assert service.is_evidence(news) and not service.is_evidence(store.figures(reporter="PL")[0])

    recs = service.reconcile_stored(settings)
    by_total = {(r.total.reporter, r.total.value): r for r in recs}
    # The official September total is set against the official day only, not the news month.
    assert by_total[("PL", 7000)].parts_sum == 300
    # Each news figure is a total against the official figures inside it (coarsest first).
    assert by_total[("news:PL", 11000)].parts_sum == 10500
    assert "evidence:c1" in by_total[("news:PL", 11000)].explanation
    # A figure of the very same period is no part (as between official figures).
    assert by_total[("news:PL", 7100)].parts_sum == 300
    assert all(not service.is_evidence(p) for r in recs for p in r.parts)
    assert {r.total.value for r in service.reconcile_stored(settings, reporter="PL")} == {
        7000,
        11000,
        7100,
    }
    assert {r.total.value for r in service.reconcile_stored(settings, reporter="news:PL")} == {
        11000,
        7100,
    }
    # An official series never takes the news figures in.
    (pl,) = service.get_series(settings, metric=Metric.ATTEMPT, reporter="PL")
    assert [p.value for p in pl.points] == [3500, 7000]
