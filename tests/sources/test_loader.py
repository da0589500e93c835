"""Loading a file: parse all of it first, then one transaction; bad input leaves the store alone."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from corridor.exc import Conflict, InvalidData, SourceError
from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services.lists import load_path
from corridor.sources.registry import Registry, SourceSpec
from corridor.store.lists import ListStore, entries_table, snapshots_table

ROOT = Path(__file__).resolve().parents[2]
EU_JOURNAL = data_dir() / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"

# A parser in the simplest layout: "id;name" rows, as a stand-in for the real ones so that
# these tests exercise the loader alone. Real parsers are tested in their own modules.
FAKE_PARSER = """
from corridor.model import Entity, EntityType, Name, NameQuality

def parse(path, context):
    with path.open(encoding="utf-8") as fh:
        for line, row in enumerate(fh, 1):
            row = row.rstrip("\\n")
            if row.count(";") != 1:
                raise context.error("expected id;name", line=line)
            record_id, name = row.split(";")
            yield Entity(
                id=context.make_id(record_id), source=context.source, record_id=record_id,
                type=EntityType.ORGANIZATION, names=[Name(name, NameQuality.PRIMARY)],
                provenance=context.provenance(record_id, span=f"line {line}"),
            )
"""


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "corridor_test_semicolon.py").write_text(FAKE_PARSER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(pkg))
    spec = SourceSpec(
        name="ofac_sdn", title="test", publisher="test", jurisdiction="US", format="id;name",
        licence="test", urls=["https://example.org/a.csv"], parser="corridor_test_semicolon",
    )  # fmt: skip
    yield Registry([spec])
    sys.modules.pop("corridor_test_semicolon", None)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def state(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(snapshots_table)).scalar_one(),
            conn.execute(select(func.count()).select_from(entries_table)).scalar_one(),
        )


def test_load_then_reload_is_idempotent(engine: Engine, registry: Registry, tmp_path: Path) -> None:
    f = write(tmp_path / "a.csv", "44541;BELAVIA\n33171;TSENTRKURORT\n")
    report = load_path(
        engine, "ofac_sdn", f, registry=registry, retrieved_at=to_datetime("2024-05-03")
    )
    assert (report.total, len(report.added), report.unchanged) == (2, 2, False)
    again = load_path(engine, "ofac_sdn", f, registry=registry)
    assert again.unchanged and again.snapshot == report.snapshot
    assert state(engine) == (1, 2)
    entity = ListStore(engine).get("ofac_sdn-44541")
    assert entity.provenance.snapshot == report.snapshot
    assert entity.provenance.retrieved_at == to_datetime("2024-05-03")


def test_parse_error_half_way_leaves_store_untouched(
    engine: Engine, registry: Registry, tmp_path: Path
) -> None:
    load_path(engine, "ofac_sdn", write(tmp_path / "a.csv", "44541;BELAVIA\n"), registry=registry)
    before = state(engine)
    bad = write(tmp_path / "b.csv", "33171;TSENTRKURORT\n21244;CHAM;WINGS\n")
    with pytest.raises(InvalidData) as info:
        load_path(engine, "ofac_sdn", bad, registry=registry)
    assert str(bad) in info.value.message and ":2" in info.value.message
    assert state(engine) == before


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage"])
def test_empty_or_undecodable_file(
    engine: Engine, registry: Registry, tmp_path: Path, content: bytes
) -> None:
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    with pytest.raises(InvalidData, match=r"bad\.csv"):
        load_path(engine, "ofac_sdn", f, registry=registry)
    assert state(engine) == (0, 0)


def test_missing_file_and_unknown_source(
    engine: Engine, registry: Registry, tmp_path: Path
) -> None:
    with pytest.raises(InvalidData, match="no such file"):
        load_path(engine, "ofac_sdn", tmp_path / "nope.csv", registry=registry)
    with pytest.raises(InvalidData, match="unknown source 'belavia'"):
        load_path(engine, "belavia", tmp_path / "nope.csv", registry=registry)


def test_source_without_parser(engine: Engine, tmp_path: Path) -> None:
    spec = SourceSpec(
        name="eu_fsf", title="t", publisher="t", jurisdiction="EU", format="xml", licence="t",
        urls=["https://example.org/x"], parser="corridor.sources.no_such_parser",
    )  # fmt: skip
    with pytest.raises(SourceError, match="no parser"):
        load_path(engine, "eu_fsf", write(tmp_path / "x.xml", "<x/>"), registry=Registry([spec]))


def test_bundled_eu_journal_excerpt(engine: Engine) -> None:
    if not EU_JOURNAL.is_file():
        pytest.skip("bundled EU journal excerpt not present")
    report = load_path(engine, "eu_journal", EU_JOURNAL, retrieved_at=to_datetime("2026-08-22"))
    assert report.total > 100 and len(report.added) == report.total
    (status,) = ListStore(engine).status()
    assert (status.source, status.jurisdiction, status.entries) == (
        "eu_journal",
        "EU",
        report.total,
    )


def test_file_of_another_source_is_refused(engine: Engine, tmp_path: Path) -> None:
    if not EU_JOURNAL.is_file():
        pytest.skip("bundled EU journal excerpt not present")
    wrong = write(tmp_path / "sdn.csv", '36,"AEROCARIBBEAN AIRLINES","-0-","CUBA"\n')
    with pytest.raises(InvalidData, match=r"sdn\.csv"):
        load_path(engine, "eu_journal", wrong)
    assert state(engine) == (0, 0)


def test_bundled_ofac_snapshots_in_order(engine: Engine) -> None:
    """Cham Wings (SYRIA) is on both excerpts; Belavia arrives between 2021 and 2024."""
    folders = [data_dir() / "lists" / "ofac_sdn" / day for day in ("2021-07-07", "2024-05-03")]
    if not all(f.is_dir() for f in folders):
        pytest.skip("bundled OFAC excerpts not present")
    first = load_path(engine, "ofac_sdn", folders[0], retrieved_at=to_datetime("2021-07-07"))
    second = load_path(engine, "ofac_sdn", folders[1], retrieved_at=to_datetime("2024-05-03"))
    assert "ofac_sdn-21244" in first.added and "ofac_sdn-21244" not in second.added
    assert "ofac_sdn-44541" in second.added and "ofac_sdn-44541" not in first.added
    store = ListStore(engine)
    (cham,) = store.history("ofac_sdn-21244")
    assert cham.interval.start == to_datetime("2021-07-07") and cham.interval.end is None
    (belavia,) = store.history("ofac_sdn-44541")
    assert belavia.interval.start == to_datetime("2024-05-03")
    before_2024 = {e.id for e in store.entities(as_of=to_datetime("2023-01-01"))}
    assert "ofac_sdn-21244" in before_2024 and "ofac_sdn-44541" not in before_2024
    with pytest.raises(Conflict):
        load_path(
            engine, "ofac_sdn", folders[0] / "sdn.csv", retrieved_at=to_datetime("2021-07-07")
        )
