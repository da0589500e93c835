from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, utcnow
from corridor.resources import data_dir
from corridor.sources import ca_sema
from corridor.sources.context import SourceContext

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "ca_sema" / "2025-05-25" / "sema-lmes.xml"


def context(path: Path) -> SourceContext:
    return SourceContext(source="ca_sema", path=path, snapshot="test", retrieved_at=utcnow())


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.record_id: e for e in ca_sema.parse(BUNDLED, context(BUNDLED))}


def test_counts(entities: dict[str, Entity]) -> None:
    assert len(entities) == 426
    belarus = [e for e in entities.values() if e.programs == ["Belarus"]]
    assert len(belarus) == 320
    assert all(e.countries == ["by"] for e in belarus)


def test_tsentrkurort(entities: dict[str, Entity]) -> None:
    tk = entities["belarus_1-part-2_6"]
    assert tk.id == "ca_sema-belarus_1-part-2_6"
    assert tk.caption == "Tsentrkurort"
    assert tk.type is EntityType.ORGANIZATION
    assert tk.listed_on == date(2021, 12, 2)
    assert "Country: Belarus / Bélarus" in tk.remarks


def test_person_with_bilingual_aliases(entities: dict[str, Entity]) -> None:
    lukashenko = entities["belarus_1-part-1_8"]
    assert lukashenko.type is EntityType.PERSON
    assert lukashenko.caption == "Aleksandr Grigoryevich Lukashenko"
    assert lukashenko.birth_dates == ["1954-08-30"]
    person = entities["belarus_1-part-1_99"]
    langs = {(n.lang, n.script) for n in person.names if n.lang}
    assert langs == {("be", "Cyrl"), ("ru", "Cyrl")}


def test_ships_carry_imo(entities: dict[str, Entity]) -> None:
    ships = [e for e in entities.values() if e.type is EntityType.VESSEL]
    assert len(ships) == 12
    assert all(any(i.scheme is IdScheme.IMO for i in s.identifiers) for s in ships)


def test_record_ids_are_unique_and_stable() -> None:
    first = [e.id for e in ca_sema.parse(BUNDLED, context(BUNDLED))]
    second = [e.id for e in ca_sema.parse(BUNDLED, context(BUNDLED))]
    assert first == second
    assert len(set(first)) == len(first)


def test_alias_split() -> None:
    assert ca_sema.split_aliases("A B, Belarusian: В Г; Russian: Д Е") == [
        ("A B", None),
        ("В Г", "be"),
        ("Д Е", "ru"),
    ]


@given(st.lists(st.from_regex(r"[A-Za-z][A-Za-z ]{0,12}[A-Za-z]", fullmatch=True), max_size=5))
def test_alias_split_roundtrip(names: list[str]) -> None:
    unique = list(dict.fromkeys(" ".join(n.split()) for n in names))
    assert [a for a, _ in ca_sema.split_aliases(", ".join(unique))] == unique


def test_english_part() -> None:
    assert ca_sema.english("Belarus / Bélarus") == "Belarus"
    assert ca_sema.english("Ukraine") == "Ukraine"


def test_other_source_refused() -> None:
    un = data_dir() / "lists" / "un_sc" / "2026-02-27" / "consolidated.xml"
    with pytest.raises(InvalidData, match="not a Canada SEMA list") as info:
        list(ca_sema.parse(un, context(un)))
    assert str(un) in str(info.value)


def test_truncated_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "sema-lmes.xml"
    data = BUNDLED.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidData, match="malformed XML"):
        list(ca_sema.parse(path, context(path)))
    path.write_bytes(b'<?xml version="1.0"?><data-set></data-set>')
    with pytest.raises(InvalidData, match="no <record>"):
        list(ca_sema.parse(path, context(path)))


def test_billion_laughs_refused(tmp_path: Path) -> None:
    path = tmp_path / "sema-lmes.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<data-set><record><Country>&b;</Country><EntityOrShip>x</EntityOrShip>"
        b"</record></data-set>"
    )
    with pytest.raises(InvalidData, match="refused"):
        list(ca_sema.parse(path, context(path)))


def test_full_file(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lists" / "ca_sema" / "2025-05-25" / "sema-lmes.xml"
    entities = list(ca_sema.parse(path, context(path)))
    assert len(entities) == 4_759
    assert len({e.id for e in entities}) == 4_759
    assert Counter(e.programs[0] for e in entities)["Belarus"] == 320


def test_date_from_folder() -> None:
    ctx = context(BUNDLED)
    list(ca_sema.parse(BUNDLED, ctx))
    assert ctx.published_at is not None and ctx.published_at.date() == date(2025, 5, 25)
