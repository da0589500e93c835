from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corridor.cli import main

BOOKING = {
    "id": "PNR-IQ-1",
    "sale_time": "2021-11-10T09:00:00Z",
    "ticket_type": "return",
    "segments": [
        {
            "operating_carrier": "TK",
            "flight_number": "TK1292",
            "origin": "IST",
            "destination": "MSQ",
            "departure": "2021-11-13T09:00:00Z",
        }
    ],
    "passengers": [{"id": "P1", "nationalities": ["IQ"]}],
}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    return tmp_path


def test_check_one_booking_explains_and_cites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "booking.json"
    path.write_text(json.dumps(BOOKING))
    assert main(["check", str(path), "--json"]) == 0
    decisions = json.loads(capsys.readouterr().out)
    assert decisions[0]["decision"] == "deny"
    fired = {f["rule"]: f for f in decisions[0]["fired"]}
    assert "M07.boarding" in fired
    assert fired["M07.boarding"]["sources"][0].startswith("https://bdnews24.com")


def test_check_variant_changes_the_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    booking = {**BOOKING, "passengers": [{"nationalities": ["AF"]}]}
    path = tmp_path / "booking.json"
    path.write_text(json.dumps(booking))
    assert main(["check", str(path)]) == 0
    assert "allow" in capsys.readouterr().out
    assert main(["check", str(path), "--variant", "M06=b"]) == 0
    out = capsys.readouterr().out
    assert "deny" in out and "M06.boarding.b" in out


def test_check_bad_booking_exits_with_data_error(tmp_path: Path) -> None:
    path = tmp_path / "booking.json"
    path.write_text(json.dumps({**BOOKING, "ticket_type": "open"}))
    assert main(["check", str(path)]) != 0


def test_synth_then_batch_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "rows.parquet"
    assert main(["bookings", "synth", "--n", "2000", "--output", str(rows)]) == 0
    capsys.readouterr()
    out = tmp_path / "decisions.parquet"
    assert main(["check", "--input", str(rows), "--output", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == pq.read_table(out).num_rows
    assert report["rejected"] == 0
    assert Path(report["rejects"]).exists()
    # every rule id in the decisions is explained, with its sources, in the rules file beside it
    described = json.loads(Path(report["rules_file"]).read_text())
    fired = {r for row in pq.read_table(out).to_pylist() for r in row["rules"]}
    assert fired and fired <= described.keys()
    assert described["M07.boarding"]["sources"][0]["url"].startswith("https://bdnews24.com")
    assert described["M07.boarding"]["effect"] == "deny_boarding"


def test_batch_check_of_nested_booking_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lowered = json.loads(json.dumps(BOOKING).replace('"IST"', '"ist"'))
    source = tmp_path / "bookings.jsonl"
    source.write_text(json.dumps(BOOKING) + "\n" + json.dumps({**lowered, "id": "PNR-2"}) + "\n")
    out = tmp_path / "not-yet" / "decisions.csv"  # the folder is made
    assert main(["check", "--input", str(source), "--output", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == 2
    assert (tmp_path / "not-yet" / "decisions.rejects.csv").exists()
    assert report["decisions"] == {"deny": 2}


def test_rules_list_show_lint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    assert "M15.transit" in capsys.readouterr().out
    assert main(["rules", "show", "M06"]) == 0
    assert "thelargenews" in capsys.readouterr().out
    assert main(["rules", "show", "M99"]) != 0
    assert main(["rules", "lint"]) == 0
    assert "contradiction" in capsys.readouterr().out
