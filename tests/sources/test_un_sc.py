from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import un_sc
from corridor.sources.context import SourceContext

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "un_sc" / "2026-02-27" / "consolidated.xml"


def context(path: Path) -> SourceContext:
    return SourceContext(source="un_sc", path=path, snapshot="test", retrieved_at=utcnow())


@pytest.fixture(scope="module")
def parsed() -> tuple[dict[str, Entity], SourceContext]:
    ctx = context(BUNDLED)
    return {e.record_id: e for e in un_sc.parse(BUNDLED, ctx)}, ctx


def test_counts_and_published(parsed: tuple[dict[str, Entity], SourceContext]) -> None:
    entities, ctx = parsed
    types = Counter(e.type for e in entities.values())
    assert types == {EntityType.PERSON: 80, EntityType.ORGANIZATION: 40}
    assert ctx.published_at is not None
    assert ctx.published_at.isoformat().startswith("2026-02-27T00:00:09")


def test_arabic_original_script(parsed: tuple[dict[str, Entity], SourceContext]) -> None:
    saddam = parsed[0]["6908048"]
    assert saddam.caption == "SADDAM HUSSEIN AL-TIKRITI"
    original = [n for n in saddam.names if n.kind == "original_script"]
    assert [(n.value, n.script) for n in original] == [("صدام حسين التكريتي", "Arab")]
    assert saddam.nationalities == ["iq"]
    assert saddam.birth_dates == ["1937-04-28"]
    assert saddam.listed_on == date(2003, 6, 27)
    assert saddam.programs == ["Iraq"]
    assert [(n.value, n.quality) for n in saddam.names if n.kind == "aka"] == [
        ("Abu Ali", NameQuality.WEAK)
    ]
    ref = [i for i in saddam.identifiers if i.scheme is IdScheme.OTHER]
    assert [i.original for i in ref] == ["IQi.001"]


def test_every_arabic_name_is_tagged(parsed: tuple[dict[str, Entity], SourceContext]) -> None:
    originals = [n for e in parsed[0].values() for n in e.names if n.kind == "original_script"]
    assert len(originals) >= 40
    assert Counter(n.script for n in originals)["Arab"] >= 30


def test_entity_aliases(parsed: tuple[dict[str, Entity], SourceContext]) -> None:
    adf = parsed[0]["6908402"]
    assert adf.type is EntityType.ORGANIZATION
    kinds = {n.value: n.kind for n in adf.names}
    assert kinds["Allied Democratic Forces"] == "aka"
    assert kinds["NALU"] == "fka"
    assert adf.countries == ["cd"]


def test_low_quality_aliases_are_weak(parsed: tuple[dict[str, Entity], SourceContext]) -> None:
    weak = [n for e in parsed[0].values() for n in e.names if n.quality is NameQuality.WEAK]
    assert len(weak) == BUNDLED.read_text("utf-8").count("<QUALITY>Low</QUALITY>")


def test_ofac_file_is_refused() -> None:
    ofac = data_dir() / "lists" / "ofac_sdn" / "2026-01-08" / "consolidated.xml"
    with pytest.raises(InvalidData, match="not a UN Security Council") as info:
        list(un_sc.parse(ofac, context(ofac)))
    assert str(ofac) in str(info.value)


def test_truncated(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    data = BUNDLED.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InvalidData, match="malformed XML"):
        list(un_sc.parse(path, context(path)))


def test_empty(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(b"")
    with pytest.raises(InvalidData):
        list(un_sc.parse(path, context(path)))


def test_external_entity_refused(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>"
        b"<FIRST_NAME>&e;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(InvalidData, match="refused"):
        list(un_sc.parse(path, context(path)))


def test_full_file(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lists" / "un_sc" / "2026-02-27" / "consolidated.xml"
    types = Counter(e.type for e in un_sc.parse(path, context(path)))
    assert types == {EntityType.PERSON: 730, EntityType.ORGANIZATION: 273}


def test_folder_holding_the_file() -> None:
    assert len(list(un_sc.parse(BUNDLED.parent, context(BUNDLED.parent)))) == 120
