"""The partners register on SQLite and PostgreSQL: a load is whole or nothing, links both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.exc import InvalidData
from corridor.services.partners import bundled_dir, get_register, load_register
from corridor.store import partners as store


def test_load_and_read_back(engine: Engine) -> None:
    report = load_register(engine)
    assert report.counts == {
        "partners": 31,
        "engagements": 40,
        "commitments": 35,
        "humanitarian": 22,
    }
    with engine.connect() as conn:
        register = store.read_register(conn)
        assert store.commitment_ids_for_measure(conn, "M15") == ["C20", "C22"]
        assert store.commitment_ids_for_measure(conn, "M01") == []
        assert store.last_load(conn)["sha256"] == report.sha256
    assert len(register.engagements) == 40
    assert register.commitment("C01").status.value == "reversed"
    assert register.commitment("C20").measures == ("M15",)
    assert load_register(engine).counts == report.counts  # a reload replaces, never duplicates


def test_a_bad_file_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    load_register(engine)
    folder = tmp_path / "partners"
    shutil.copytree(bundled_dir(), folder)
    path = folder / "commitments.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",BY,", ",XX,", 1)  # C01: unknown partner
    path.write_text("".join(lines), encoding="utf-8")
    (folder / "partners.csv").write_text(
        (folder / "partners.csv").read_text(encoding="utf-8").replace("Türkiye", "Turkey"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidData) as info:
        load_register(engine, folder)
    detail = info.value.errors[0]
    assert (detail.file, detail.line, detail.field) == (f"{folder}/commitments.csv", 2, "partner")
    assert get_register(engine)["TR"].name == "Türkiye"  # the previous state stays
