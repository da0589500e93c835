from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corridor.batch.local import DuckDBEngine
from corridor.bookings.model import Booking
from corridor.exc import InvalidData
from corridor.rules.evaluate import evaluate_row
from corridor.rules.spec import load_rules

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))  # the scenario table
from rules_scenarios import SCENARIOS


def scenario_rows() -> list[dict[str, object]]:
    rows = []
    for scenario in SCENARIOS:
        if scenario.variants:
            continue
        for row in Booking.from_dict(scenario.booking()).passenger_segments():
            rows.append(row.to_row())
    return rows


def test_engine_agrees_with_reference_on_scenarios(tmp_path: Path) -> None:
    rules = load_rules()
    rows = scenario_rows()
    source = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source)
    out = tmp_path / "decisions.parquet"
    report = DuckDBEngine().run(rules, source, out, tmp_path / "rejects.csv")
    assert report.rows == len(rows)
    assert report.rejected == 0
    got = {
        (r["booking_id"], r["segment_no"]): (r["decision"], sorted(r["rules"]))
        for r in pq.read_table(out).to_pylist()
    }
    for scenario in SCENARIOS:
        if scenario.variants:
            continue
        for row in Booking.from_dict(scenario.booking()).passenger_segments():
            expected = evaluate_row(rules, row)
            key = (row.booking_id, row.segment_no)
            assert got[key] == (expected.outcome, sorted(expected.rule_ids)), key
    assert report.decisions["deny"] > 10


def test_csv_bad_rows_go_to_rejects_with_reasons(tmp_path: Path) -> None:
    rows = [{k: str(v) for k, v in row.items()} for row in scenario_rows()[:3]]
    rows[1] = {**rows[1], "origin": "ZZZ"}
    rows[2] = {**rows[2], "departure": "not a time"}
    source = tmp_path / "rows.csv"
    pa_table = pa.Table.from_pylist(rows)
    import pyarrow.csv as pacsv

    pacsv.write_csv(pa_table, source)
    rejects = tmp_path / "rejects.csv"
    report = DuckDBEngine().run(load_rules(), source, tmp_path / "out.csv", rejects)
    assert report.rows == 1
    assert report.rejected == 2
    text = rejects.read_text()
    assert "origin is not a known IATA airport" in text
    assert "departure missing or not a time" in text


def test_missing_columns_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("booking_id,origin\nB1,IST\n")
    with pytest.raises(InvalidData, match="missing columns"):
        DuckDBEngine().run(load_rules(), source, tmp_path / "out.parquet")


def test_no_rules_allows_everything(tmp_path: Path) -> None:
    source = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist(scenario_rows()), source)
    report = DuckDBEngine().run([], source, tmp_path / "out.parquet")
    assert report.decisions == {"allow": report.rows}


def test_lower_case_codes_are_read_as_upper_case(tmp_path: Path) -> None:
    rules = load_rules()
    rows = scenario_rows()
    lowered = [
        {
            **row,
            "origin": str(row["origin"]).lower(),
            "destination": str(row["destination"]).lower(),
            "operating_carrier": str(row["operating_carrier"]).lower(),
            "marketing_carrier": str(row["marketing_carrier"]).lower(),
            "nationalities": str(row["nationalities"]).lower().replace(";", "; "),
            "ticket_type": str(row["ticket_type"]).upper(),
        }
        for row in rows
    ]
    upper, lower = tmp_path / "upper.parquet", tmp_path / "lower.parquet"
    pq.write_table(pa.Table.from_pylist(rows), upper)
    pq.write_table(pa.Table.from_pylist(lowered), lower)
    a = DuckDBEngine().run(rules, upper, tmp_path / "a.parquet", tmp_path / "a.csv")
    b = DuckDBEngine().run(rules, lower, tmp_path / "b.parquet", tmp_path / "b.csv")
    assert b.rejected == 0
    assert b.decisions == a.decisions
    assert (
        pq.read_table(tmp_path / "b.parquet").to_pylist()
        == pq.read_table(tmp_path / "a.parquet").to_pylist()
    )


def test_clean_input_writes_an_empty_rejects_file(tmp_path: Path) -> None:
    source = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist(scenario_rows()), source)
    rejects = tmp_path / "rejects.parquet"
    report = DuckDBEngine().run(load_rules(), source, tmp_path / "out.parquet", rejects)
    assert report.rejected == 0
    table = pq.read_table(rejects)
    assert table.num_rows == 0
    assert table.column_names == ["booking_id", "passenger_id", "segment_no", "reason"]


def test_blank_padded_code_is_rejected_with_its_reason(tmp_path: Path) -> None:
    rows = scenario_rows()[:2]
    rows[0] = {**rows[0], "operating_carrier": " TK "}
    source = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source)
    rejects = tmp_path / "rejects.csv"
    report = DuckDBEngine().run(load_rules(), source, tmp_path / "out.parquet", rejects)
    assert report.rejected == 1
    assert "operating_carrier is not an IATA carrier code" in rejects.read_text()


def test_list_typed_code_columns_read_like_joined_text(tmp_path: Path) -> None:
    rules = load_rules()
    rows = scenario_rows()
    as_lists = [
        {
            **row,
            **{
                key: [v for v in str(row[key]).split(";") if v]
                for key in ("nationalities", "residence_permits", "visas")
            },
        }
        for row in rows
    ]
    text, lists = tmp_path / "text.parquet", tmp_path / "lists.parquet"
    pq.write_table(pa.Table.from_pylist(rows), text)
    pq.write_table(pa.Table.from_pylist(as_lists), lists)
    assert pa.types.is_list(pq.read_schema(lists).field("nationalities").type)
    DuckDBEngine().run(rules, text, tmp_path / "a.parquet")
    b = DuckDBEngine().run(rules, lists, tmp_path / "b.parquet", tmp_path / "b.csv")
    assert b.rejected == 0
    assert (
        pq.read_table(tmp_path / "b.parquet").to_pylist()
        == pq.read_table(tmp_path / "a.parquet").to_pylist()
    )
