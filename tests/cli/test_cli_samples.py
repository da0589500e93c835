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
