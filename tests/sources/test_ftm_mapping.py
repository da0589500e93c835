"""The one FtM mapping: schemata to types, query entities, corridor entities out as FtM."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from followthemoney import model

from corridor.exc import BadQuery
from corridor.model import (
    Address,
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
    Provenance,
)
from corridor.sources import ftm_mapping as ftm


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ("Person", EntityType.PERSON),
        ("Organization", EntityType.ORGANIZATION),
        ("Company", EntityType.ORGANIZATION),
        ("PublicBody", EntityType.ORGANIZATION),
        ("LegalEntity", EntityType.UNKNOWN),
        ("Thing", EntityType.UNKNOWN),
        ("Vessel", EntityType.VESSEL),
        ("Airplane", EntityType.AIRCRAFT),
        ("Sanction", None),
        ("Address", None),
        ("NoSuchSchema", None),
    ],
)
def test_schema_types(schema: str, kind: EntityType | None) -> None:
    assert ftm.entity_type(schema) is kind


def test_plain_string_values_and_unknown_props() -> None:
    skipped: list[str] = []
    proxy = ftm.make_proxy(
        {"schema": "Company", "properties": {"name": "Belavia", "colour": ["blue"]}},
        skipped=skipped,
    )
    assert proxy.get("name") == ["Belavia"]
    assert skipped == ["entity: Company has no property 'colour'"]


def test_unknown_schema_is_a_bad_query() -> None:
    with pytest.raises(BadQuery, match="Invalid schema: Spaceship"):
        ftm.make_proxy({"schema": "Spaceship", "properties": {"name": ["x"]}})


def test_first_and_last_name_make_one_name() -> None:
    proxy = ftm.make_proxy(
        {
            "schema": "Person",
            "properties": {
                "firstName": ["Alexander"],
                "lastName": ["Lukashenko"],
                "nationality": "Belarus",
                "birthDate": ["1954-08-30"],
            },
        }
    )
    asked = ftm.query_values(proxy)
    assert asked["names"] == ["Alexander Lukashenko"]
    assert asked["countries"] == ["by"]
    assert asked["birth_dates"] == ["1954-08-30"]


def test_identifiers_carry_their_scheme_label() -> None:
    proxy = ftm.make_proxy(
        {"schema": "Vessel", "properties": {"name": ["X"], "imoNumber": ["9187629"]}}
    )
    assert ftm.query_values(proxy)["identifiers"] == ["IMO9187629"]  # as FtM cleans it
    proxy = ftm.make_proxy({"schema": "Company", "properties": {"name": "X", "taxNumber": "42"}})
    assert ftm.query_values(proxy)["identifiers"] == ["TIN 42"]


def _entity() -> Entity:
    return Entity(
        id="ofac_sdn-44541",
        source="ofac_sdn",
        record_id="44541",
        type=EntityType.ORGANIZATION,
        names=[
            Name("BELAVIA", NameQuality.PRIMARY),
            Name("Белавиа", NameQuality.STRONG, kind="aka"),
            Name("BELAVIA OJSC", NameQuality.STRONG, kind="fka"),
            Name("BA", NameQuality.WEAK),
        ],
        provenance=Provenance("ofac_sdn", "abc", "44541", datetime(2024, 5, 3, tzinfo=UTC)),
        identifiers=[Identifier(IdScheme.TAX, "600390798", "600390798")],
        countries=["by"],
        addresses=[Address("14A, Nemiga str., Minsk", "by")],
        programs=["BELARUS-EO14038"],
        listed_on=date(2021, 12, 2),
    )


def test_entity_out_as_valid_ftm() -> None:
    data = ftm.entity_dict(_entity(), referents=["uk_ofsi-1", "ofac_sdn-44541"])
    proxy = model.get_proxy(data, cleaned=False)  # the library re-reads and re-cleans it
    assert proxy.schema.name == "Organization"
    assert proxy.get("name") == ["BELAVIA"]
    assert proxy.get("alias") == ["Белавиа"]
    assert proxy.get("previousName") == ["BELAVIA OJSC"]
    assert proxy.get("weakAlias") == ["BA"]
    assert proxy.get("taxNumber") == ["600390798"]
    assert proxy.get("programId") == ["BELARUS-EO14038"]
    assert proxy.get("createdAt") == ["2021-12-02"]
    assert data["datasets"] == ["ofac_sdn"]
    assert data["id"] == "ofac.sdn-44541"  # FtM ids have no underscore
    assert data["referents"] == ["uk.ofsi-1"]
    assert data["caption"] == "BELAVIA"


def test_aircraft_registration_goes_to_registration_number() -> None:
    plane = _entity()
    plane.type = EntityType.AIRCRAFT
    plane.identifiers = [Identifier(IdScheme.AIRCRAFT_REGISTRATION, "EW78843", "EW-78843")]
    data = ftm.entity_dict(plane)
    assert data["schema"] == "Airplane"
    assert data["properties"]["registrationNumber"] == ["EW-78843"]
