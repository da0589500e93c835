"""Entities for screening tests, with real names and codes from the lists (see src/corridor/data/lists)."""

from __future__ import annotations

from datetime import UTC, datetime

from corridor.model import Entity, EntityType, Identifier, IdScheme, Name, NameQuality, Provenance

RETRIEVED = datetime(2024, 5, 3, tzinfo=UTC)


def entity(
    eid: str,
    names: list[str | tuple[str, NameQuality]],
    *,
    type: EntityType = EntityType.ORGANIZATION,
    source: str = "ofac_sdn",
    codes: list[tuple[IdScheme, str]] | None = None,
    countries: list[str] | None = None,
    birth_dates: list[str] | None = None,
) -> Entity:
    built = []
    for i, n in enumerate(names):
        if isinstance(n, tuple):
            built.append(Name(n[0], n[1]))
        else:
            built.append(Name(n, NameQuality.PRIMARY if i == 0 else NameQuality.STRONG))
    return Entity(
        id=eid,
        source=source,
        record_id=eid.split("-")[-1],
        type=type,
        names=built,
        provenance=Provenance(source, "0" * 64, eid, RETRIEVED),
        identifiers=[
            Identifier(s, v.replace("-", "").replace(" ", "").upper(), v) for s, v in codes or []
        ],
        countries=countries or [],
        birth_dates=birth_dates or [],
        programs=["BELARUS-EO14038"],
    )


def sample() -> list[Entity]:
    """Entries as OFAC, the EU and the UK file them (names and codes from the real lists)."""
    return [
        entity(
            "ofac-44541",
            [
                "OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES",
                "BELAVIA BELARUSIAN AIRLINES",
                "OAO AVIAKOMPANIYA BELAVIA",
                "JOINT STOCK COMPANY AVIACOMPANY BELAVIA",
            ],
            codes=[(IdScheme.IATA_AIRLINE, "B2"), (IdScheme.ICAO_AIRLINE, "BRU")],
            countries=["by"],
        ),
        entity(
            "ofac-33171",
            ["REPUBLICAN UNITARY ENTERPRISE TSENTRKURORT", "TSENTRKURORT", "CENTRKURORT"],
            countries=["by"],
        ),
        entity(
            "ofac-21244",
            ["CHAM WINGS AIRLINES", "CHAM WINGS"],
            codes=[(IdScheme.IATA_AIRLINE, "6Q")],
            countries=["sy"],
        ),
        entity(
            "ofac-33399",
            ["EW-78843"],
            type=EntityType.AIRCRAFT,
            codes=[(IdScheme.AIRCRAFT_REGISTRATION, "EW-78843")],
        ),
        entity(
            "eu-lukashenka",
            [
                "Aliaksandr Ryhoravich LUKASHENKA",
                "Alexander Grigoryevich LUKASHENKO",
                "Аляксандр Рыгоравіч ЛУКАШЭНКА",
                "Александр Григорьевич ЛУКАШЕНКО",
                ("Batka", NameQuality.WEAK),
            ],
            type=EntityType.PERSON,
            source="eu_journal",
            countries=["by"],
            birth_dates=["1954-08-30"],
        ),
        entity(
            "uk-14982",
            ["TRANSAVIAEXPORT AIRLINES JSC", "Авиакомпания Трансавиаэкспорт"],
            source="uk_ofsi",
            countries=["by"],
        ),
    ]
