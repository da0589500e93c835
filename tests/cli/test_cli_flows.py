from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from corridor.cli import main
from corridor.resources import data_dir

DATA = data_dir("flows")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def test_load_series_summary(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["flows", "load", str(DATA / "border_flows.csv")]) == 0
    assert "loaded 50 figures" in capsys.readouterr().out
    assert main(["flows", "load", str(DATA / "border_flows.csv")]) == 0
    assert "replaced 50 figures" in capsys.readouterr().out
    assert main(["flows", "series", "--metric", "attempt", "--reporter", "PL"]) == 0
    out = capsys.readouterr().out
    assert "17,447" in out and "2021-10-01" in out and "skipped" in out
    assert main(["flows", "summary"]) == 0
    assert "prevented_entry" in capsys.readouterr().out


def test_errors_map_to_exit_codes(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["flows", "summary"]) == 3  # nothing loaded yet
    assert main(["flows", "series", "--metric", "arrivals"]) == 2
    bad = home / "x.txt"
    bad.write_text("a,b\n")
    assert main(["flows", "load", str(bad)]) == 2
    assert "error:" in capsys.readouterr().err


def test_surge_reconcile_and_report(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["flows", "load", str(DATA / "border_flows.csv")]) == 0
    assert main(["flows", "surge", "--metric", "attempt", "--reporter", "PL"]) == 0
    out = capsys.readouterr().out
    assert "2021-01-01" in out and "2019-" not in out and "never pro-rated" in out
    assert main(["flows", "surge", "--metric", "attempt", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["series"], r["frequency"], r["start"]) for r in rows] == [
        ("PL attempt BY-PL", "year", "2021-01-01")
    ]
    assert rows[0]["baseline_text"] == "median of the 3 preceding years (2018–2020)"
    assert main(["flows", "reconcile", "--reporter", "PL", "--format", "json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    year = next(r for r in recs if r["total"] == 39670)
    assert year["kind"] == "coverage" and year["difference"] is None
    assert "153 of 365 days" in year["explanation"]
    assert main(["flows", "impact", "--measure", "M99"]) == 3
    report = tmp_path / "r.html"
    assert main(["report", "flows", "--out", str(report)]) == 0
    assert report.stat().st_size > 10_000


def test_figures_lists_each_figure_with_its_source(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["flows", "load", str(DATA / "border_flows.csv")]) == 0
    capsys.readouterr()
    assert (
        main(["flows", "figures", "--metric", "attempt", "--reporter", "PL", "--limit", "3"]) == 0
    )
    out = capsys.readouterr().out
    assert "first 3" in out and "BY-PL" in out and "attempt" in out
    assert out.count("\n│ attempt") == 3
    assert main(["flows", "figures", "--reporter", "nobody"]) == 0
    assert "0 figure(s)" in capsys.readouterr().out
