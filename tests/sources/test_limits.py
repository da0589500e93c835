"""Hostile and odd list files end in a clear InvalidData naming the file (exit 2), never exit 70."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from corridor.cli import main
from corridor.exc import InvalidData
from corridor.services.lists import load_path
from corridor.sources import limits


def _bomb(path: Path, size: int) -> Path:
    """An xlsx-named zip whose one member is ``size`` zero bytes (deflates ~1000:1)."""
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(size >> 20):
            member.write(chunk)
    return path


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, engine: Engine) -> None:
    bomb = _bomb(tmp_path / "ConList.xlsx", 300 << 20)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(InvalidData, match=r"zip bomb|unpacks to"):
        load_path(engine, "uk_ofsi", bomb)


def test_ratio_limit_applies_below_the_total(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "small.xlsx", 8 << 20)
    with pytest.raises(InvalidData, match="zip bomb"):
        limits.check_zip(bomb)


def test_long_csv_field_is_a_clear_error(tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "32006R0765.csv"
    header = "celex,recordId,programKey,annex,measure,startDate,reason,schema,name\n"
    path.write_text(header + "32006R0765,1,EU-BLR,I.A,x,24.9.2004," + "a" * 200_000 + ",P,N\n")
    with pytest.raises(InvalidData) as info:
        load_path(engine, "eu_journal", path)
    assert str(path) in info.value.message


def test_deep_json_is_refused(tmp_path: Path, engine: Engine) -> None:
    path = tmp_path / "entities.ftm.json"
    deep = "[" * 50_000 + "]" * 50_000
    path.write_text(json.dumps({"id": "x", "schema": "Company"})[:-1] + ', "p": ' + deep + "}\n")
    with pytest.raises(InvalidData, match=r"nested deeper|nested too deeply"):
        load_path(engine, "ftm", path)


@pytest.mark.parametrize("where", ["/", "missing.csv", "folder"])
def test_odd_paths_exit_2(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    target = {"/": "/", "missing.csv": str(tmp_path / "missing.csv")}.get(where)
    if target is None:
        folder = tmp_path / "deep"
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "sdn.csv").write_text("1,x\n")
        target = str(folder)
    assert main(["lists", "load", target, "--source", "ofac_sdn"]) == 2
    assert "error:" in capsys.readouterr().err


def test_a_folder_is_read_flat_and_links_out_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "sdn.csv").write_text("x")
    (folder / "sub").mkdir()
    (folder / "sub" / "hidden.csv").write_text("y")
    assert limits.list_folder(folder) == [folder / "sdn.csv"]
    (folder / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(InvalidData, match="link leading out"):
        limits.list_folder(folder)


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet='[]{}"\\ a,:1', max_size=200))
def test_depth_check_agrees_with_json(text: str) -> None:
    """Where json reads the text, the bracket count the check keeps is the real depth."""
    try:
        value = json.loads(text)
    except ValueError:
        return

    def depth(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    real = depth(value)
    limits.check_json_depth(text, max_depth=real)
    if real:
        with pytest.raises(ValueError):
            limits.check_json_depth(text, max_depth=real - 1)


def test_member_count_of_real_workbook_is_fine(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 1000)
    path = tmp_path / "book.xlsx"
    path.write_bytes(buffer.getvalue())
    limits.check_zip(path)
