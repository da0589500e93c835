from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corridor.batch.dask import DaskEngine
from corridor.batch.local import DuckDBEngine
from corridor.batch.nested import flatten, is_nested
from corridor.batch.run import run_batch
from corridor.bookings.model import Booking
from corridor.resources import data_dir
from corridor.rules.evaluate import check_booking
from corridor.rules.spec import load_rules
from corridor.services.rules import check_batch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))  # the scenario table
from rules_scenarios import SCENARIOS

EXAMPLE = data_dir("rules") / "examples"


def write_lines(path: Path, items: list[object]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def bookings() -> list[dict[str, object]]:
    return [s.booking() for s in SCENARIOS if not s.variants]


def test_nested_lines_are_recognised(tmp_path: Path) -> None:
    nested = write_lines(tmp_path / "b.jsonl", bookings()[:1])
    flat = write_lines(tmp_path / "rows.jsonl", [{"booking_id": "B1", "origin": "IST"}])
    assert is_nested(nested)
    assert not is_nested(flat)
    assert not is_nested(tmp_path)


def test_nested_bookings_decide_like_the_reference(tmp_path: Path) -> None:
    items = bookings()
    source = write_lines(tmp_path / "bookings.jsonl", items)
    out = tmp_path / "decisions.parquet"
    report = check_batch(source, out, rejects=tmp_path / "rejects.csv")
    rules = load_rules()
    expected = {
        (d.booking_id, d.passenger_id, d.segment_no): (d.outcome, sorted(d.rule_ids))
        for item in items
        for d in check_booking(Booking.from_dict(item), rules)
    }
    got = {
        (r["booking_id"], r["passenger_id"], r["segment_no"]): (r["decision"], sorted(r["rules"]))
        for r in pq.read_table(out).to_pylist()
    }
    assert got == expected
    assert report.rejected == 0
    assert report.input == str(source)


def test_bad_lines_go_to_rejects_with_line_and_field(tmp_path: Path) -> None:
    good = json.loads((EXAMPLE / "transit-tashkent.json").read_text())
    bad_airport = {**good, "id": "BAD-1", "segments": [{**good["segments"][0], "origin": "ZZZ"}]}
    lines = [json.dumps(good), "{not json", json.dumps(bad_airport), json.dumps([1, 2])]
    source = tmp_path / "bookings.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    report = check_batch(source, tmp_path / "out.parquet", rejects=rejects)
    text = rejects.read_text()
    assert report.rejected == 3
    assert report.rows == len(Booking.from_dict(good).passenger_segments())
    assert "line 2: not JSON" in text
    assert "BAD-1" in text
    assert "line 3 [segments.0.origin]" in text
    assert "line 4: a booking is a JSON object" in text


def test_lower_case_nested_booking_reads_as_upper_case(tmp_path: Path) -> None:
    good = json.loads((EXAMPLE / "transit-tashkent.json").read_text())
    lowered = json.loads(json.dumps(good).replace('"TAS"', '"tas"').replace('"SY"', '"sy"'))
    source = write_lines(tmp_path / "b.jsonl", [lowered])
    rows = tmp_path / "rows.parquet"
    assert flatten(source, rows).num_rows == 0
    table = pq.read_table(rows).to_pylist()
    assert {r["destination"] for r in table} >= {"TAS"}
    assert all("sy" not in str(r["nationalities"]) for r in table)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dask_engine_reads_nested_bookings_too(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "bookings.jsonl", bookings())
    rules = load_rules()
    local = run_batch(DuckDBEngine(), rules, source, tmp_path / "l.parquet", tmp_path / "l.csv")
    dask = run_batch(DaskEngine(), rules, source, tmp_path / "d", tmp_path / "d.csv")
    assert dask.decisions == local.decisions
    assert dask.rejected == local.rejected == 0


def test_duckdb_reads_nested_lines_vectorised_like_the_per_line_path(tmp_path: Path) -> None:
    items = bookings()
    source = write_lines(tmp_path / "bookings.jsonl", items)
    rules = load_rules()
    direct = DuckDBEngine().run(rules, source, tmp_path / "v.parquet", tmp_path / "v.csv")
    rows = tmp_path / "rows.parquet"
    assert flatten(source, rows).num_rows == 0
    per_line = DuckDBEngine().run(rules, rows, tmp_path / "p.parquet")
    assert direct.rows == per_line.rows > len(items)
    assert direct.decisions == per_line.decisions

    def keyed(path: Path) -> list[tuple[object, ...]]:
        return sorted(tuple(r.values()) for r in pq.read_table(path).to_pylist())

    assert keyed(tmp_path / "v.parquet") == keyed(tmp_path / "p.parquet")


def test_vectorised_path_rejects_rows_with_booking_passenger_and_segment(tmp_path: Path) -> None:
    good = json.loads((EXAMPLE / "transit-tashkent.json").read_text())
    bad = {**good, "id": "BAD-2", "segments": [good["segments"][0], {**good["segments"][1]}]}
    bad["segments"][1]["destination"] = "QQQ"
    source = write_lines(tmp_path / "bookings.jsonl", [good, bad])
    rejects = tmp_path / "rejects.csv"
    report = DuckDBEngine().run(load_rules(), source, tmp_path / "out.parquet", rejects)
    passengers = len(good["passengers"])
    assert report.rejected == passengers  # the second segment, once per passenger
    assert report.rows == passengers * 2 + passengers
    lines = rejects.read_text().splitlines()[1:]
    assert all(line.startswith("BAD-2,") and ",2,destination is not" in line for line in lines)
