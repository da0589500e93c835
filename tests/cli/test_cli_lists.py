"""``corridor lists ...`` end to end on the bundled EU journal excerpt and on hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.cli import main
from corridor.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]
EU_JOURNAL = data_dir() / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"
KEEP = 300  # rows of the older, cut-down snapshot


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not EU_JOURNAL.is_file():
        pytest.skip("bundled EU journal excerpt not present")
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def older_snapshot(tmp_path: Path, keep: int = KEEP) -> Path:
    """The real file without its last rows: what the list looked like before them."""
    lines = EU_JOURNAL.read_text(encoding="utf-8").splitlines(keepends=True)
    # rows hold quoted newlines: cut at a record start (a line beginning with the CELEX number)
    starts = [i for i, line in enumerate(lines) if line.startswith("32006R0765,")]
    older = tmp_path / "older.csv"
    older.write_text("".join(lines[: starts[keep]]), encoding="utf-8")
    return older


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_load_status_diff_history(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    older = older_snapshot(home)
    code, out, _ = run(
        capsys,
        "lists",
        "load",
        str(older),
        "--source",
        "eu_journal",
        "--retrieved-at",
        "2022-01-01",
    )
    assert code == 0 and f"{KEEP} entries, {KEEP} added" in out
    code, out, _ = run(
        capsys, "lists", "load", str(EU_JOURNAL), "--source", "eu_journal",
        "--retrieved-at", "2026-08-22",
    )  # fmt: skip
    assert code == 0 and "408 entries, 108 added, 0 removed" in out
    code, out, _ = run(capsys, "lists", "load", str(EU_JOURNAL), "--source", "eu_journal")
    assert code == 0 and "already loaded, nothing changed" in out

    code, out, _ = run(capsys, "lists", "status")
    assert code == 0
    assert "eu_journal" in out and "408" in out and "+108 -0 ~0" in out

    code, out, _ = run(capsys, "lists", "diff", "eu_journal", "--limit", "3")
    assert code == 0 and "added: 108 (105 not shown)" in out

    code, out, _ = run(capsys, "lists", "history", "eu_journal-I.A-1")
    assert code == 0 and "Listing history" in out
    # the annex states the listing date (24.9.2004): it opens the period, not the snapshot
    assert "2004-09-24" in out and "stated" in out and "EU" in out


def test_older_file_after_newer_is_refused(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    older = older_snapshot(home)
    assert run(capsys, "lists", "load", str(EU_JOURNAL), "-s", "eu_journal")[0] == 0
    code, _, err = run(
        capsys, "lists", "load", str(older), "-s", "eu_journal", "--retrieved-at", "2020-01-01"
    )
    assert code == 4 and "older than the one in force" in err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.csv", b""),
        ("truncated.csv", None),
        ("sdn.csv", b'36,"AEROCARIBBEAN AIRLINES","-0-","CUBA","-0-"\r\n'),
        ("latin1.csv", "celex,recordId\n32006R0765,1,Łukašenka\n".encode("utf-16")),
        ("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
    ],
)
def test_hostile_input_exits_2_naming_the_file(
    home: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None
) -> None:
    small = older_snapshot(home, keep=20)
    assert run(capsys, "lists", "load", str(small), "-s", "eu_journal")[0] == 0
    bad = home / name
    if content is None:  # the real file cut inside a quoted field
        content = EU_JOURNAL.read_bytes()[:5000]
    bad.write_bytes(content)
    code, _, err = run(capsys, "lists", "load", str(bad), "--source", "eu_journal")
    assert code == 2, err
    assert str(bad) in err
    code, out, _ = run(capsys, "lists", "status")
    assert "+20 -0 ~0" in out  # the store is as it was


def test_unknown_source_and_entity(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lists", "load", str(EU_JOURNAL), "--source", "belavia")
    assert code == 2 and "unknown source 'belavia'" in err
    code, _, err = run(capsys, "lists", "history", "eu_journal-0")
    assert code == 3 and "eu_journal-0" in err
    code, out, _ = run(capsys, "lists", "status")
    assert code == 0 and "no list loaded yet" in out


def test_sources_lists_every_source(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lists", "sources")
    assert code == 0
    for name in ("ofac_sdn", "un_sc", "ca_sema", "uk_ofsi", "eu_fsf", "eu_journal", "ftm"):
        assert name in out
    assert "token required" in out


def test_a_load_that_changes_the_list_rescreens_the_kept_watchlists(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = home / "passengers.csv"
    names.write_text("id,name\n1,Belavia\n2,Maria Nobody Known\n", encoding="utf-8")
    assert run(capsys, "watch", "add", "passengers", str(names))[0] == 0
    code, out, _ = run(capsys, "lists", "load", str(EU_JOURNAL), "--source", "eu_journal")
    assert code == 0
    assert "watchlist passengers: 2 names against" in out and "1 new" in out
    code, out, _ = run(capsys, "lists", "load", str(EU_JOURNAL), "--source", "eu_journal")
    assert code == 0 and "nothing changed" in out and "watchlist" not in out
    older = older_snapshot(home)
    code, out, _ = run(
        capsys, "lists", "load", str(older), "--source", "eu_journal", "--no-watch",
        "--allow-shrink",
    )  # fmt: skip
    assert code == 0 and "removed" in out and "watchlist" not in out
