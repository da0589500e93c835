from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from corridor.batch.local import DuckDBEngine
from corridor.bookings.synth import ROUTES, synth_table, write_synthetic
from corridor.rules.spec import load_rules


def test_route_mix_follows_the_reported_flights() -> None:
    by_origin = Counter[str]()
    for route in ROUTES:
        if route.airports[-1] == "MSQ" and route.airports[0] in {
            "IST",
            "SAW",
            "DXB",
            "BEY",
            "DAM",
            "BGW",
            "EBL",
        }:
            by_origin[route.airports[0]] += route.flights
    total = sum(by_origin.values())
    assert total > 625
    assert by_origin["IST"] > total / 2
    assert by_origin["DXB"] == 159


def test_synth_rows_are_valid_and_rules_fire(tmp_path: Path) -> None:
    out = tmp_path / "bookings.parquet"
    report = write_synthetic(out, 5000, seed=7)
    assert report["bookings"] == 5000
    table = pq.read_table(out)
    assert table.num_rows == report["rows"]
    assert len(set(table.column("booking_id").to_pylist())) == 5000
    result = DuckDBEngine().run(load_rules(), out, tmp_path / "d.parquet", tmp_path / "r.csv")
    assert result.rejected == 0
    assert result.rows == table.num_rows
    assert result.decisions["deny"] > 0 and result.decisions["allow"] > 0


def test_synth_is_reproducible() -> None:
    assert synth_table(100, seed=1).equals(synth_table(100, seed=1))
