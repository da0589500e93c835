"""EU FSF XML: the hand-made samples in the published layout, and hostile or broken XML."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import eu_fsf
from corridor.sources.context import SourceContext, file_sha256, iter_parsed

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = data_dir() / "lists" / "eu_fsf"
FIRST = SAMPLES / "sample-2021-12-03" / "eu_fsf_sample.xml"
LATER = SAMPLES / "sample-2022-07-20" / "eu_fsf_sample.xml"
HEAD = '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-13T17:45:41Z">'

PERSON = """
<sanctionEntity euReferenceNumber="EU.1.2" logicalId="42" designationDate="2020-10-02">
  <regulation programme="BLR" entryIntoForceDate="2020-10-02" numberTitle="2020/1387"/>
  <subjectType code="person" classificationCode="P"/>
  <nameAlias firstName="Aliaksandr" lastName="LUKASHENKA" wholeName="" strong="true"
             nameLanguage="EN" function="President" title=""/>
  <nameAlias wholeName="Аляксандр Рыгоравіч ЛУКАШЭНКА" strong="true" nameLanguage="BE"/>
  <nameAlias wholeName="Lukashenko" strong="false" nameLanguage=""/>
  <citizenship countryIso2Code="BY" countryDescription="BELARUS"/>
  <birthdate birthdate="1954-08-30" countryIso2Code="BY"/>
  <birthdate year="1955" countryIso2Code="00"/>
  <identification identificationTypeCode="passport" number="SP 0000000" countryIso2Code="BY"/>
</sanctionEntity>
"""


def read(path: Path) -> tuple[list[Entity], SourceContext]:
    context = SourceContext("eu_fsf", path, file_sha256(path), utcnow())
    return list(iter_parsed(eu_fsf.parse, context)), context


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_entries() -> None:
    entities, context = read(FIRST)
    assert [e.id for e in entities] == ["eu_fsf-900101", "eu_fsf-900102", "eu_fsf-900103"]
    assert context.published_at is not None
    assert context.published_at.isoformat() == "2021-12-03T08:00:00+00:00"
    belavia = entities[0]
    assert belavia.type is EntityType.ORGANIZATION
    assert belavia.caption == "Open Joint Stock Company ‘Belavia Belarusian Airlines’"
    assert belavia.listed_on == date(2021, 12, 2)
    assert belavia.programs == ["BLR"]
    by_value = {n.value: n for n in belavia.names}
    assert by_value["ААТ ‘Авiякампанiя Белавiя’"].script == "Cyrl"
    assert by_value["ААТ ‘Авiякампанiя Белавiя’"].lang == "bel"
    assert by_value["Belavia"].quality is NameQuality.WEAK
    assert [(i.scheme, i.value, i.country) for i in belavia.identifiers] == [
        (IdScheme.REGISTRATION, "600390798", "by")
    ]
    assert belavia.addresses[0].country == "by"
    assert any("2021/2124" in r for r in belavia.remarks)


def test_cham_wings_arabic_name_and_delisting() -> None:
    first, _ = read(FIRST)
    cham = first[2]
    assert cham.countries == ["sy"]
    assert [n.script for n in cham.names] == ["Latn", "Arab", "Latn"]
    later, _ = read(LATER)
    assert {e.id for e in first} - {e.id for e in later} == {"eu_fsf-900103"}


def test_person_fields(tmp_path: Path) -> None:
    entities, context = read(write(tmp_path, HEAD + PERSON + "</export>"))
    (person,) = entities
    assert person.type is EntityType.PERSON
    assert person.caption == "Aliaksandr LUKASHENKA"
    assert [n.quality for n in person.names] == [
        NameQuality.PRIMARY,
        NameQuality.STRONG,
        NameQuality.WEAK,
    ]
    assert person.nationalities == ["by"]
    assert person.birth_dates == ["1954-08-30", "1955"]
    assert (IdScheme.PASSPORT, "by") in [(i.scheme, i.country) for i in person.identifiers]
    assert "function: President" in person.remarks
    assert person.listed_on == date(2020, 10, 2)
    assert context.published_at is not None
    assert context.published_at.date() == date(2024, 5, 13)


def test_without_namespace(tmp_path: Path) -> None:
    text = '<export generationDate="2024-05-13">' + PERSON + "</export>"
    assert len(read(write(tmp_path, text))[0]) == 1


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE export [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        + HEAD
        + PERSON.replace("Lukashenko", "&c;")
        + "</export>"
    )
    path = write(tmp_path, bomb)
    with pytest.raises(InvalidData, match="refused XML") as info:
        read(path)
    assert info.value.errors[0].file == str(path)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = (
        '<?xml version="1.0"?>\n<!DOCTYPE export [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + HEAD
        + PERSON.replace("Lukashenko", "&x;")
        + "</export>"
    )
    with pytest.raises(InvalidData, match="refused XML"):
        read(write(tmp_path, xxe))


def test_truncated_file_names_the_line(tmp_path: Path) -> None:
    text = FIRST.read_text(encoding="utf-8")
    path = write(tmp_path, text[: len(text) // 2])
    with pytest.raises(InvalidData, match="malformed XML") as info:
        read(path)
    line = info.value.errors[0].line
    assert line is not None
    assert line > 5


def test_other_xml_is_refused(tmp_path: Path) -> None:
    text = '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"></CONSOLIDATED_LIST>'
    with pytest.raises(InvalidData, match="not an EU FSF export"):
        read(write(tmp_path, text))


def test_empty_inputs(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="empty"):
        read(write(tmp_path, ""))
    with pytest.raises(InvalidData, match="no sanctionEntity"):
        read(write(tmp_path, HEAD + "</export>"))


def test_entry_without_name(tmp_path: Path) -> None:
    text = HEAD + '<sanctionEntity logicalId="7"><subjectType code="person"/></sanctionEntity>'
    with pytest.raises(InvalidData, match="has no name"):
        read(write(tmp_path, text + "</export>"))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1)
)
def test_any_whole_name_survives_escaping(tmp_path: Path, whole: str) -> None:
    entry = (
        f'<sanctionEntity logicalId="1"><subjectType code="enterprise"/>'
        f'<nameAlias wholeName={quoteattr(whole)} strong="true"/></sanctionEntity>'
    )
    (entity,) = read(write(tmp_path, HEAD + entry + "</export>"))[0]
    assert entity.names[0].value == whole
    assert entity.type is EntityType.ORGANIZATION
