"""Hand-made sample data is marked wherever it surfaces: list status, hits, matrix cells and
publications made outside production."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corridor.cli import main
from corridor.resources import data_dir

FSF = data_dir("lists") / "eu_fsf" / "sample-2021-12-03" / "eu_fsf_sample.xml"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    args = ["lists", "load", str(FSF), "--source", "eu_fsf", "--retrieved-at", "2021-12-03"]
    assert main(args) == 0
    return tmp_path


def _csv(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main([*args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_sample_list_is_marked_in_status_hits_and_matrix(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (status,) = _csv(capsys, "lists", "status")
    assert status["source"] == "eu_fsf" and status["official"].startswith("no: SAMPLE")
    hits = _csv(capsys, "screen", "Belavia")
    assert hits and all(h["sample"] == "yes" for h in hits if h["source"] == "eu_fsf")
    capsys.readouterr()
    assert main(["screen", "Belavia"]) == 0
    assert "[SAMPLE, not official]" in capsys.readouterr().out
    assert main(["operators", "seed"]) == 0
    rows = {r["operator"]: r for r in _csv(capsys, "matrix", "--as-of", "2021-12-05")}
    assert rows["Belavia"]["EU"] == "listed [SAMPLE]"
    assert "list eu_fsf" in rows["Belavia"]["evidence"]


def test_history_starts_at_the_designation_not_the_first_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    sdn = data_dir("lists") / "ofac_sdn" / "2024-05-03"
    args = ["lists", "load", str(sdn), "--source", "ofac_sdn", "--retrieved-at", "2024-05-03"]
    assert main(args) == 0
    assert main(["operators", "seed"]) == 0
    rows = _csv(capsys, "lists", "history", "ofac_sdn-44541")
    by_basis = {r["basis"]: r for r in rows}
    # the curated record (with its sources) gives the US designation of 9 August 2023
    assert by_basis["curated"]["listed_from"] == "2023-08-09"
    assert by_basis["curated"]["listed_from_means"].startswith("designation date")
    # the snapshot only says when corridor first saw the entry
    assert by_basis["snapshot"]["listed_from"] == "2024-05-03"
    assert by_basis["snapshot"]["listed_from_means"].startswith("first seen in snapshot")
