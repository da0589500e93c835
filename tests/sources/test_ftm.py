"""FollowTheMoney JSON lines: yente's real fixtures, sanctions and links, broken lines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from followthemoney import registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import ftm, ftm_mapping
from corridor.sources.context import SourceContext, file_sha256, iter_parsed

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "ftm"


def read(path: Path) -> tuple[list[Entity], SourceContext]:
    context = SourceContext("ftm", path, file_sha256(path), utcnow())
    return list(iter_parsed(ftm.parse, context)), context


@pytest.fixture(scope="module")
def t1() -> dict[str, Entity]:
    entities, _ = read(BUNDLED / "yente-t1" / "entities.ftm.json")
    return {e.record_id: e for e in entities}


@pytest.fixture(scope="module")
def zala() -> dict[str, Entity]:
    entities, _ = read(BUNDLED / "yente-zala" / "entities.ftm.json")
    return {e.record_id: e for e in entities}


def test_t1_things_only(t1: dict[str, Entity]) -> None:
    assert len(t1) == 6  # 7 lines, one of them an Address
    types = [e.type for e in t1.values()]
    assert types.count(EntityType.PERSON) == 4
    assert types.count(EntityType.ORGANIZATION) == 2


def test_inter_tobacco_twelve_language_variants(t1: dict[str, Entity]) -> None:
    tobacco = t1["NK-2GdmHtZTeNXjNVrBGEXZNj"]
    assert tobacco.id == "ftm-NK-2GdmHtZTeNXjNVrBGEXZNj"
    assert tobacco.caption == "RAB „Inter Tobacco“"
    assert len(tobacco.names) == 12
    assert all(n.quality is NameQuality.PRIMARY for n in tobacco.names)
    scripts = {n.value: n.script for n in tobacco.names}
    assert scripts["Таварыства з абмежаванай адказнасцю “Інтэр Табак”"] == "Cyrl"
    assert scripts["Εταιρία περιορισμένης ευθύνης “Inter Tobacco”"] == "Grek"
    assert tobacco.countries == ["by"]
    assert [(i.scheme, i.value) for i in tobacco.identifiers] == [
        (IdScheme.REGISTRATION, "808000714")
    ]
    assert "datasets: eu_fsf" in tobacco.remarks
    assert tobacco.listed_on == date(2022, 6, 3)


def test_published_is_last_seen() -> None:
    _, context = read(BUNDLED / "yente-t1" / "entities.ftm.json")
    assert context.published_at is not None
    assert context.published_at.date() == date(2024, 6, 1)


def test_sanctions_give_programs_and_dates(zala: dict[str, Entity]) -> None:
    assert len(zala) == 17
    zakharov = zala["NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert zakharov.caption == "Alexander Vyacheslavovich ZAKHAROV"
    assert {"UA-SA1644", "US-RUSHAR", "NZ-RSA2022"} <= set(zakharov.programs)
    assert zakharov.listed_on == date(2023, 7, 1)
    assert "ftm-NK-abdzbEBkqyT29GyREbiURZ" in zakharov.links["owns"]
    assert "ftm-NK-aU5ybkbRFJucf8YMwsJvDw" in zala["NK-abdzbEBkqyT29GyREbiURZ"].links["owned_by"]
    assert len(zakharov.links["relative"]) == 4


def test_address_entities_are_resolved(zala: dict[str, Entity]) -> None:
    company = zala["NK-abdzbEBkqyT29GyREbiURZ"]
    by_text = {a.full: a.country for a in company.addresses}
    assert by_text["D. 2 etazh 5 kom. 7, per. Institutski, Moscow, 127030"] == "ru"
    assert "118 40 Let Pobedy Street, Izhevsk, 426072" in by_text
    assert len(by_text) == len(company.addresses)


def test_identifiers_are_deduplicated(zala: dict[str, Entity]) -> None:
    for entity in zala.values():
        keys = [(i.scheme, i.value) for i in entity.identifiers]
        assert len(keys) == len(set(keys))


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_vessel_and_airplane(tmp_path: Path) -> None:
    vessel = {
        "id": "v1",
        "schema": "Vessel",
        "properties": {"name": ["ASIA SUN"], "imoNumber": ["IMO 9187629"], "flag": ["by"]},
    }
    plane = {
        "id": "a1",
        "schema": "Airplane",
        "properties": {"name": ["EW-78843"], "registrationNumber": ["EW-78843"]},
    }
    sanction = {
        "id": "s1",
        "schema": "Sanction",
        "properties": {
            "entity": ["a1"],
            "program": ["BELARUS-EO14038"],
            "startDate": ["2021-12-02"],
        },
    }
    entities, _ = read(_write(tmp_path, [json.dumps(x) for x in (sanction, vessel, plane)]))
    ship, aircraft = entities
    assert ship.type is EntityType.VESSEL
    assert ship.identifiers[0].scheme is IdScheme.IMO
    assert ship.countries == ["by"]
    assert aircraft.type is EntityType.AIRCRAFT
    assert aircraft.identifiers[0].scheme is IdScheme.AIRCRAFT_REGISTRATION
    assert aircraft.programs == ["BELARUS-EO14038"]
    assert aircraft.listed_on == date(2021, 12, 2)


def test_line_that_is_not_json_names_its_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}})
    path = _write(tmp_path, [good, "<html>not json</html>"])
    with pytest.raises(InvalidData, match="not a JSON object") as info:
        read(path)
    assert info.value.errors[0].line == 2
    assert info.value.errors[0].file == str(path)


def test_truncated_file(tmp_path: Path) -> None:
    text = (BUNDLED / "yente-t1" / "entities.ftm.json").read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InvalidData) as info:
        read(path)
    assert info.value.errors[0].line is not None


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="empty"):
        read(_write(tmp_path, []))


def test_json_that_is_not_ftm(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="not an FtM entity"):
        read(_write(tmp_path, ['{"ent_num": 1}']))
    with pytest.raises(InvalidData, match="no name"):
        read(_write(tmp_path, ['{"id": "x", "schema": "Person", "properties": {}}']))


def test_shared_files_match_bundled(shared_dir: Path) -> None:
    for name in ("yente-t1", "yente-zala"):
        shared = shared_dir / "data" / "lists" / "ftm" / name / "entities.ftm.json"
        assert file_sha256(shared) == file_sha256(BUNDLED / name / "entities.ftm.json")
        assert len(read(shared)[0]) == {"yente-t1": 6, "yente-zala": 17}[name]


NAME_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(NAME_TEXT, min_size=1, max_size=4, unique=True),
    weak=st.lists(NAME_TEXT, max_size=2, unique=True),
    schema=st.sampled_from(
        ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "PublicBody"]
    ),
)
def test_names_survive_any_text(
    tmp_path: Path, names: list[str], weak: list[str], schema: str
) -> None:
    weak = [w for w in weak if w not in names]
    line = {"id": "x1", "schema": schema, "properties": {"name": names, "weakAlias": weak}}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    # values are cleaned by followthemoney (whitespace collapsed, nothing-but-format characters
    # dropped, duplicates merged), order and text otherwise kept
    cleaned = list(dict.fromkeys(c for n in names if (c := registry.name.clean(n))))
    weak_cleaned = list(dict.fromkeys(c for w in weak if (c := registry.name.clean(w))))
    if not cleaned and not weak_cleaned:
        with pytest.raises(InvalidData, match="no name"):
            read(path)
        return
    (entity,) = read(path)[0]
    assert entity.type is ftm_mapping.entity_type(schema)
    assert [n.value for n in entity.names if n.quality is NameQuality.PRIMARY] == cleaned
    assert [n.value for n in entity.names if n.quality is NameQuality.WEAK] == weak_cleaned
