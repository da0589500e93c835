from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows.importers import opensky
from corridor.flows.metric import Metric
from corridor.ids.countries import country_name
from corridor.resources import data_dir
from corridor.services.flows import detect_kind

DATA = data_dir("flows")
FLIGHTLIST = [
    "callsign", "number", "icao24", "registration", "typecode", "origin", "destination",
    "firstseen", "lastseen", "day",
]  # fmt: skip


def write_flightlist(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A small file in the OpenSky flightlist layout: (callsign, origin, destination, lastseen)."""
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(FLIGHTLIST)
        for callsign, origin, dest, last in rows:
            out.writerow(
                [callsign, "", "4b8e1a", "", "A320", origin, dest,
                 "2021-11-08 06:10:00+00:00", last, last[:10] + " 00:00:00+00:00"]
            )  # fmt: skip
    return path


def test_flightlist_counts_daily_arrivals_per_origin(tmp_path: Path) -> None:
    path = write_flightlist(
        tmp_path / "flightlist_20211101_20211130.csv",
        [
            ("BRU802", "LTFM", "UMMS", "2021-11-08 09:40:00+00:00"),
            ("BRU788", "LTFM", "UMMS", "2021-11-08 23:50:00+00:00"),
            ("SAW3", "OSDI", "UMMS", "2021-11-08 12:00:00+00:00"),
            ("BRU804", "LTFM", "UMMS", "2021-11-09 00:30:00+00:00"),
            ("THY123", "UMMS", "LTFM", "2021-11-08 15:00:00+00:00"),
            ("XXX", "", "UMMS", "2021-11-08 15:00:00+00:00"),
        ],
    )
    assert detect_kind(path) == "opensky_flightlist"
    figures = opensky.parse_flightlist(path)
    got = {(str(f.first_day), f.breakdown): f.value for f in figures}
    assert got == {
        ("2021-11-08", "LTFM"): 2,
        ("2021-11-08", "OSDI"): 1,
        ("2021-11-09", "LTFM"): 1,
    }
    assert all(f.metric is Metric.FLIGHT_ARRIVAL and f.border == "UMMS" for f in figures)
    damascus = next(f for f in figures if f.breakdown == "OSDI")
    assert "Syria" in damascus.note and "sy" in damascus.note
    every = opensky.parse_flightlist(path, destination=None)
    assert any(f.border == "LTFM" for f in every)


def test_flightlist_bad_time_names_the_line(tmp_path: Path) -> None:
    path = write_flightlist(tmp_path / "f.csv", [("A", "LTFM", "UMMS", "yesterday")])
    with pytest.raises(InvalidData) as info:
        opensky.parse_flightlist(path)
    assert info.value.errors[0].line == 2 and info.value.errors[0].field == "lastseen"


def test_bundled_daily_counts_into_minsk() -> None:
    path = DATA / "opensky_minsk_week14_2021.csv"
    assert detect_kind(path) == "opensky_daily"
    figures = opensky.parse_daily_counts(path)
    assert sum(f.value for f in figures) == 174
    by_origin: dict[str, float] = {}
    for fig in figures:
        by_origin[fig.breakdown] = by_origin.get(fig.breakdown, 0) + fig.value
    assert by_origin["UKBB"] == 15 and by_origin["EPWA"] == 13 and by_origin["LTFM"] == 13
    assert {str(f.first_day) for f in figures} == {f"2021-04-{d:02d}" for d in range(5, 12)}
    assert opensky.airport_country("UMMS") == "by"
    assert country_name("tr") == "Türkiye"


def test_daily_arrivals_with_duckdb(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corridor.model.time import to_datetime

    times = ["2021-11-08T23:59:59Z", "2021-11-08T00:00:00Z", "2021-11-09T00:00:01Z"]
    table = pa.table(
        {
            "origin": ["LTFM", "LTFM", "ORBI"],
            "destination": ["UMMS", "UMMS", "UMMS"],
            "lastseen": pa.array([to_datetime(t) for t in times], pa.timestamp("s", "UTC")),
        }
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    result = opensky.daily_arrivals_duckdb(tmp_path / "rows.parquet", threads=1).to_pylist()
    got = {(str(r["day"]), r["origin"]): r["arrivals"] for r in result}
    assert got == {("2021-11-08", "LTFM"): 2, ("2021-11-09", "ORBI"): 1}
