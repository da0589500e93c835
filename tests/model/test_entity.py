from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from corridor.model import (
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
    Provenance,
    to_datetime,
)
from corridor.model.statement import entity_statements

PROV = Provenance(
    source="ofac_sdn",
    snapshot="210ca6b4a8187a34",
    record_id="44541",
    retrieved_at=to_datetime("2024-05-03"),
)


def belavia() -> Entity:
    return Entity(
        id="ofac_sdn-44541",
        source="ofac_sdn",
        record_id="44541",
        type=EntityType.ORGANIZATION,
        names=[
            Name("OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES", NameQuality.PRIMARY),
            Name("OAO AVIAKOMPANIYA BELAVIA", NameQuality.STRONG, kind="aka"),
        ],
        provenance=PROV,
        identifiers=[Identifier(IdScheme.IATA_AIRLINE, "B2")],
        countries=["by"],
        programs=["BELARUS-EO14038"],
        listed_on=date(2023, 8, 9),
    )


def test_round_trip_through_dict() -> None:
    entity = belavia()
    assert Entity.from_dict(entity.to_dict()) == entity


def test_caption_is_the_primary_name() -> None:
    assert belavia().caption == "OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES"


def test_content_hash_ignores_provenance_only() -> None:
    a, b = belavia(), belavia()
    b.provenance = Provenance("ofac_sdn", "other", "44541", to_datetime("2025-01-01"))
    assert a.content_hash() == b.content_hash()
    b.countries.append("ru")
    assert a.content_hash() != b.content_hash()


def test_statements_cover_every_value() -> None:
    seen = to_datetime("2024-05-03")
    stmts = list(entity_statements(belavia(), seen))
    props = {(s.prop, s.value) for s in stmts}
    assert ("id:iata_airline", "B2") in props
    assert ("name:primary", "OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES") in props
    assert ("listingDate", "2023-08-09") in props
    assert len({s.id for s in stmts}) == len(stmts)


@given(st.lists(st.text(min_size=1), min_size=1, max_size=5))
def test_any_names_round_trip(values: list[str]) -> None:
    entity = belavia()
    entity.names = [Name(v) for v in values]
    assert Entity.from_dict(entity.to_dict()).names == entity.names
