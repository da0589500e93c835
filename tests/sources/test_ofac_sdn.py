from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import ofac_sdn
from corridor.sources.context import SourceContext

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "ofac_sdn"


def context(path: Path) -> SourceContext:
    return SourceContext(source="ofac_sdn", path=path, snapshot="test", retrieved_at=utcnow())


def parse(path: Path) -> tuple[dict[str, Entity], SourceContext]:
    ctx = context(path)
    return {e.record_id: e for e in ofac_sdn.parse(path, ctx)}, ctx


@pytest.fixture(scope="module")
def parsed_2024() -> tuple[dict[str, Entity], SourceContext]:
    return parse(BUNDLED / "2024-05-03")


@pytest.fixture(scope="module")
def sdn_2024(parsed_2024: tuple[dict[str, Entity], SourceContext]) -> dict[str, Entity]:
    return parsed_2024[0]


def test_bundled_2024_counts(sdn_2024: dict[str, Entity]) -> None:
    assert len(sdn_2024) == 1002
    types = Counter(e.type for e in sdn_2024.values())
    assert types[EntityType.AIRCRAFT] == 376
    assert sum("BELARUS" in " ".join(e.programs) for e in sdn_2024.values()) == 232


def test_belavia(sdn_2024: dict[str, Entity]) -> None:
    belavia = sdn_2024["44541"]
    assert belavia.id == "ofac_sdn-44541"
    assert belavia.type is EntityType.ORGANIZATION
    assert belavia.caption == "OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES"
    aliases = {n.value for n in belavia.names if n.quality is NameQuality.STRONG}
    assert {"BELAVIA BELARUSIAN AIRLINES", "OAO AVIAKOMPANIYA BELAVIA"} <= aliases
    assert belavia.programs == ["BELARUS-EO14038"]
    tax = [i for i in belavia.identifiers if i.scheme is IdScheme.TAX]
    assert [(i.value, i.country) for i in tax] == [("600390798", "by")]
    assert all(n.script == "Latn" for n in belavia.names)
    assert belavia.provenance.span is not None and belavia.provenance.span.startswith("sdn.csv:")


def test_aircraft_linked_to_its_operator(sdn_2024: dict[str, Entity]) -> None:
    plane = sdn_2024["33399"]
    assert plane.type is EntityType.AIRCRAFT
    assert plane.caption == "EW-78843"
    ids = {(i.scheme, i.value) for i in plane.identifiers}
    assert (IdScheme.AIRCRAFT_REGISTRATION, "EW78843") in ids
    assert (IdScheme.AIRCRAFT_SERIAL, "1003403082") in ids
    assert plane.links["linked_to"] == ["OTKRYTOYE AKTSIONERNOYE OBSCHESTVO TAE AVIA"]
    assert plane.links["linked_to_id"] == ["ofac_sdn-33398"]
    assert sdn_2024["44580"].links["linked_to_id"] == ["ofac_sdn-44541"]


def test_tae_avia_former_names(sdn_2024: dict[str, Entity]) -> None:
    tae = sdn_2024["33398"]
    kinds = {n.value: n.kind for n in tae.names}
    assert kinds["OAO TAE AVIA"] == "aka"
    assert kinds["OAO AVIAKOMPANIYA TRANSAVIAEKSPORT"] == "fka"


def test_cham_wings_2021_consistent_folder() -> None:
    entities, _ = parse(BUNDLED / "2021-07-07" / "sdn.csv")
    cham = entities["21244"]
    assert cham.programs == ["SYRIA"]
    assert "CHAM WINGS" in {n.value for n in cham.names}
    assert "sy" in cham.countries
    assert any(a.full.endswith("Damascus, Syria") for a in cham.addresses)
    assert cham.links["linked_to"] == ["SYRIAN ARAB AIRLINES"]


def test_person_remarks(sdn_2024: dict[str, Entity]) -> None:
    luka = sdn_2024["9760"]
    assert luka.type is EntityType.PERSON
    assert luka.birth_dates == ["1954-08-30", "1954-08-31"]
    assert luka.nationalities == ["by"]


def test_vessel_and_weak_aliases(sdn_2024: dict[str, Entity]) -> None:
    entities = sdn_2024
    vessels = [e for e in entities.values() if e.type is EntityType.VESSEL]
    assert vessels
    assert any(i.scheme is IdScheme.IMO for v in vessels for i in v.identifiers)
    weak = [n for e in entities.values() for n in e.names if n.quality is NameQuality.WEAK]
    assert weak and all(n.kind in {"aka", "fka", "nka"} for n in weak)


def test_xml_excerpt() -> None:
    entities, ctx = parse(BUNDLED / "2026-01-08" / "consolidated.xml")
    assert len(entities) == 40
    assert ctx.published_at is not None and ctx.published_at.date().isoformat() == "2026-01-08"
    haniya = entities["9639"]
    assert haniya.type is EntityType.PERSON
    assert haniya.caption == "HANIYA, Ismail Abdul Salah"
    assert "HANIYYA, Ismaeel" in {n.value for n in haniya.names}
    assert haniya.birth_dates == ["1962"]
    assert haniya.programs == ["NS-PLC"]


def copy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "snap"
    shutil.copytree(BUNDLED / "2021-07-07", folder)
    return folder


def test_truncated_file(tmp_path: Path) -> None:
    folder = copy_folder(tmp_path)
    sdn = folder / "sdn.csv"
    data = sdn.read_bytes()
    sdn.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidData, match=r"sdn\.csv"):
        parse(folder)


def test_empty_file(tmp_path: Path) -> None:
    folder = copy_folder(tmp_path)
    (folder / "sdn.csv").write_bytes(b"")
    with pytest.raises(InvalidData, match="no record"):
        parse(folder)


def test_wrong_encoding(tmp_path: Path) -> None:
    folder = copy_folder(tmp_path)
    sdn = folder / "sdn.csv"
    sdn.write_bytes(b'1,"CAF\xc9",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    with pytest.raises(InvalidData, match=r"sdn\.csv:1"):
        parse(folder)


def test_file_of_another_source(tmp_path: Path) -> None:
    un = data_dir() / "lists" / "un_sc" / "2026-02-27" / "consolidated.xml"
    with pytest.raises(InvalidData, match="not an OFAC SDN XML file") as info:
        parse(un)
    assert str(un) in str(info.value)
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "sdn.csv").write_text("name,country\nBelavia,BY\n")
    with pytest.raises(InvalidData, match=r"columns|ent_num"):
        parse(folder)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
<sdnEntry><uid>1</uid><lastName>&lol3;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
<sdnEntry><uid>1</uid><lastName>&xxe;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_hostile_xml(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes(payload)
    with pytest.raises(InvalidData, match="refused") as info:
        parse(path)
    assert "root:" not in str(info.value)


def test_truncated_xml(tmp_path: Path) -> None:
    data = (BUNDLED / "2026-01-08" / "consolidated.xml").read_bytes()
    path = tmp_path / "sdn.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidData, match="malformed XML"):
        parse(path)


def test_programs_split() -> None:
    assert ofac_sdn.split_programs("UKRAINE-EO13662] [RUSSIA-EO14024") == [
        "UKRAINE-EO13662",
        "RUSSIA-EO14024",
    ]
    assert ofac_sdn.split_programs("SYRIA") == ["SYRIA"]


def test_dates() -> None:
    assert ofac_sdn.ofac_date("30 Aug 1954") == "1954-08-30"
    assert ofac_sdn.ofac_date("Aug 1954") == "1954-08"
    assert ofac_sdn.ofac_date("circa 1960") == "1960"
    assert ofac_sdn.ofac_date("soon") is None


@given(st.lists(st.from_regex(r"[A-Z][A-Z0-9\-]{1,15}", fullmatch=True), min_size=1, max_size=4))
def test_programs_roundtrip(programs: list[str]) -> None:
    assert ofac_sdn.split_programs("] [".join(programs)) == programs


@pytest.mark.slow
def test_full_2024_file(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lists" / "ofac_sdn" / "2024-05-03" / "sdn.csv"
    entities = list(ofac_sdn.parse(path, context(path)))
    types = Counter(e.type for e in entities)
    assert len(entities) == 14_965
    assert types[EntityType.PERSON] == 6_854
    assert types[EntityType.ORGANIZATION] == 6_884
    assert types[EntityType.VESSEL] == 851
    assert types[EntityType.AIRCRAFT] == 376


def test_csv_date_from_folder(
    tmp_path: Path, parsed_2024: tuple[dict[str, Entity], SourceContext]
) -> None:
    ctx = parsed_2024[1]
    assert ctx.published_at is not None and ctx.published_at.date().isoformat() == "2024-05-03"
    _, ctx = parse(copy_folder(tmp_path))
    assert ctx.published_at is None


def test_folder_with_the_xml() -> None:
    entities, ctx = parse(BUNDLED / "2026-01-08")
    assert len(entities) == 40
    assert ctx.published_at is not None


def test_folder_without_a_list(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match=r"no sdn\.csv"):
        parse(tmp_path)


def test_every_aircraft_has_its_registration(sdn_2024: dict[str, Entity]) -> None:
    planes = [e for e in sdn_2024.values() if e.type is EntityType.AIRCRAFT]
    with_reg = [
        p
        for p in planes
        if any(i.scheme is IdScheme.AIRCRAFT_REGISTRATION for i in p.identifiers) and p.countries
    ]
    assert len(with_reg) == len(planes) == 376
    belarus = {p.caption for p in planes if "by" in p.countries}
    assert {"EW-78843", "EW-78779", "EW-301PJ", "EW-001PA", "EW-001PH"} <= belarus


def test_full_xml_file(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lists" / "ofac_sdn" / "2026-01-08" / "consolidated.xml"
    ctx = context(path)
    entities = list(ofac_sdn.parse(path, ctx))
    assert len(entities) == 442
    assert ctx.published_at is not None and ctx.published_at.date().isoformat() == "2026-01-08"
