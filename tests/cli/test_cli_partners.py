"""``corridor partners ...`` on the bundled register."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corridor.cli import main
from corridor.services.partners import bundled_dir


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))


def test_list_show_commitments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["partners", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"IQ", "TR", "AE", "UZ", "CA5", "IOM", "air:6Q"} <= {r["id"] for r in rows}
    assert main(["partners", "show", "IQ", "--no-outcomes"]) == 0
    out = capsys.readouterr().out
    assert "Iraq" in out and "C03" in out and "M04" in out and "source:" in out
    assert main(["partners", "commitments", "--status", "reversed", "--json"]) == 0
    assert {c["status"] for c in json.loads(capsys.readouterr().out)} == {"reversed"}
    assert main(["partners", "measure", "M15"]) == 0
    assert "C20" in capsys.readouterr().out


def test_timeline_writes_a_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "iq.json"
    assert main(["partners", "timeline", "IQ", "--chart", str(chart)]) == 0
    assert "2021-11-18" in capsys.readouterr().out
    assert "vega-lite" in json.loads(chart.read_text())["$schema"]


def test_bad_files_name_file_line_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reviewed"
    shutil.copytree(bundled_dir(), folder)
    path = folder / "engagements.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2021-07-22,day", "2021-13-22,day"),
        encoding="utf-8",
    )
    assert main(["partners", "load", "--dir", str(folder)]) != 0
    err = capsys.readouterr().err
    assert f"{folder}/engagements.csv:4 [date]" in err


def test_unknown_partner(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["partners", "show", "ZZ", "--no-outcomes"]) != 0
    assert "no partner 'ZZ'" in capsys.readouterr().err


def test_promote_needs_a_claim_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["partners", "promote"]) != 0
    assert "--all-accepted" in capsys.readouterr().err
    assert main(["partners", "promote", "--all-accepted"]) == 0
