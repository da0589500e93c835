"""``corridor lists load --dataset``, ``lists export --format ftm``, ``screen --format ftm``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.cli import main
from corridor.resources import data_dir

T1 = data_dir("lists") / "ftm" / "yente-t1" / "entities.ftm.json"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def test_load_export_and_screen_as_ftm(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "load", str(T1), "--source", "ftm", "--dataset", "belarus"]) == 0
    assert "ftm_belarus snapshot" in capsys.readouterr().out
    out = home / "export.ftm.json"
    assert main(["lists", "export", "--format", "ftm", "--output", str(out)]) == 0
    assert "FtM entities written" in capsys.readouterr().out
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in rows if r["schema"] != "Sanction") == 6
    assert main(["screen", "Inter Tobacco", "--format", "ftm"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert hits and hits[0]["caption"] == "RAB „Inter Tobacco“"
    assert hits[0]["match"] is True
    assert hits[0]["explanations"]["name"]["query"] == "Inter Tobacco"
    assert hits[0]["datasets"] == ["ftm_belarus"]


def test_unknown_export_format(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "export", "--format", "xml"]) == 2
    assert "unknown export format" in capsys.readouterr().err


def test_dataset_only_for_ftm(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "load", str(T1), "--source", "un_sc", "--dataset", "x"]) == 2
