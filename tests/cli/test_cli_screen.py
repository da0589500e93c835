"""``corridor screen`` and ``corridor eval screening`` on a store holding real list entries."""

from __future__ import annotations

import csv
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screening"))

from screening_helpers import sample
from typer.testing import CliRunner

from corridor.cli import build_app, main
from corridor.model.listing import Jurisdiction
from corridor.settings import Settings
from corridor.store.db import create_schema, make_engine
from corridor.store.lists import ListStore, SnapshotInfo


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CORRIDOR_HOME", str(home))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "250")
    home.mkdir()
    engine = make_engine(Settings(home=home).database_url)
    create_schema(engine)
    snapshot = SnapshotInfo(
        source="ofac_sdn",
        sha256="a" * 64,
        path="sdn.csv",
        retrieved_at=datetime(2024, 5, 3, tzinfo=UTC),
        published_at=datetime(2024, 5, 3, tzinfo=UTC),
    )
    # an earlier test's CLI run left a log handler on a closed capture stream: keep quiet
    logging.disable(logging.CRITICAL)
    try:
        ListStore(engine).load(sample(), snapshot, Jurisdiction.US)
    finally:
        logging.disable(logging.NOTSET)
    engine.dispose()
    return home


def exit_code(*args: str) -> int:
    """Exit status as the shell sees it (typer's runner, standalone mode)."""
    return CliRunner().invoke(build_app(), list(args)).exit_code


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_screen_one_name_prints_hits_with_reasons(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "screen", "Белавиа", "--country", "by")
    assert code == 0
    assert "ofac-44541" in out and "belavia" in out and "country" in out


def test_fail_on_hit_and_no_hit(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code("screen", "Tsentrkurort", "--fail-on-hit") == 1
    assert exit_code("screen", "Turkish Airlines", "--fail-on-hit") == 0
    code, out, _ = run(capsys, "screen", "Turkish Airlines")
    assert code == 0 and "no hit" in out


def test_screen_file_csv_to_csv_and_jsonl(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.csv"
    names.write_text(
        "id,name,type,country,dob,identifier\n"
        "1,Cham Wings,organization,sy,,\n"
        "2,Some plane,aircraft,,,EW78843\n"
        "3,flydubai,organization,ae,,\n",
        encoding="utf-8",
    )
    hits = tmp_path / "hits.csv"
    code, out, _ = run(capsys, "screen", "--input", str(names), "--output", str(hits))
    assert code == 0 and "3 queries" in out
    rows = list(csv.DictReader(hits.read_text(encoding="utf-8").splitlines()))
    assert [(r["query_id"], r["entity_id"]) for r in rows] == [
        ("1", "ofac-21244"),
        ("2", "ofac-33399"),
        ("3", ""),
    ]
    jsonl = tmp_path / "hits.jsonl"
    assert run(capsys, "screen", "-i", str(names), "-o", str(jsonl))[0] == 0
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert first["hits"][0]["name"]["matched"] in ("CHAM WINGS", "CHAM WINGS AIRLINES")


def test_lists_and_as_of_limit_the_screen(home: Path) -> None:
    assert exit_code("screen", "Belavia", "--lists", "uk_ofsi", "--fail-on-hit") == 0
    assert exit_code("screen", "Belavia", "--lists", "ofac_sdn", "--fail-on-hit") == 1
    assert exit_code("screen", "Belavia", "--as-of", "2020-01-01", "--fail-on-hit") == 0
    assert exit_code("screen", "Belavia", "--as-of", "2024-06-01", "--fail-on-hit") == 1


def test_bad_input_is_exit_2(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("who\nBelavia\n", encoding="utf-8")
    code, _, err = run(capsys, "screen", "--input", str(bad))
    assert code == 2 and "bad.csv" in err
    assert run(capsys, "screen")[0] == 2


def test_eval_screening_prints_figures(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "eval", "screening")
    assert code == 0
    assert "precision" in out and "recall" in out and "top1_accuracy" in out
