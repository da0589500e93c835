from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows import service
from corridor.flows.series import Freq
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
