"""FollowTheMoney entity files (JSON lines), the shape OpenSanctions exports and yente serves.

Each line is one FtM entity: ``id``, ``schema``, ``properties`` (every value a list of
strings), ``datasets``, ``first_seen``/``last_seen``. Things (Person, Organization, Company,
LegalEntity, PublicBody, Vessel, Airplane) become entities. Interval schemas are not entries but
tell us about them: a ``Sanction`` gives its target's programme and listing date, an ``Address``
fills the ``addressEntity`` of whoever points at it, and ``Ownership``, ``Family`` and
``Directorship`` become links. The file is read twice so those can come in any order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from corridor.ids.countries import country_code
from corridor.model import Address, Entity, EntityType, Identifier, IdScheme, NameQuality
from corridor.model.time import to_datetime
from corridor.sources.context import SourceContext
from corridor.sources.limits import MAX_JSON_DEPTH, check_json_depth
from corridor.sources.values import full_date, make_identifier, make_names, partial_date

THING_TYPES = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}

NAME_PROPS = {
    "name": (NameQuality.PRIMARY, "name"),
    "alias": (NameQuality.STRONG, "alias"),
    "previousName": (NameQuality.STRONG, "previous"),
    "weakAlias": (NameQuality.WEAK, "weak"),
    "abbreviation": (NameQuality.WEAK, "abbreviation"),
}

ID_PROPS = {
    "imoNumber": IdScheme.IMO,
    "mmsi": IdScheme.MMSI,
    "callSign": IdScheme.CALL_SIGN,
    "registrationNumber": IdScheme.REGISTRATION,
    "ogrnCode": IdScheme.REGISTRATION,
    "okpoCode": IdScheme.REGISTRATION,
    "taxNumber": IdScheme.TAX,
    "innCode": IdScheme.TAX,
    "vatCode": IdScheme.TAX,
    "idNumber": IdScheme.NATIONAL_ID,
    "passportNumber": IdScheme.PASSPORT,
    "swiftBic": IdScheme.SWIFT,
    "icaoCode": IdScheme.ICAO_AIRLINE,
    "iataCode": IdScheme.IATA_AIRLINE,
    "serialNumber": IdScheme.AIRCRAFT_SERIAL,
    "leiCode": IdScheme.OTHER,
    "uniqueEntityId": IdScheme.OTHER,
}

# (schema, property pointing at one side, property pointing at the other, link from first, back)
LINK_SCHEMAS = {
    "Ownership": ("owner", "asset", "owns", "owned_by"),
    "Directorship": ("director", "organization", "directs", "directed_by"),
    "Family": ("person", "relative", "relative", "relative"),
}


@dataclass
class _Index:
    """What the first pass learns about things from the other entities of the file."""

    programs: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[str, list[date]] = field(default_factory=dict)
    addresses: dict[str, Address] = field(default_factory=dict)
    links: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    last_seen: str | None = None
    lines: int = 0


def _values(props: dict[str, Any], name: str) -> list[str]:
    values = props.get(name) or []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _read_lines(path: Path, context: SourceContext) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                if line.count("[") + line.count("{") > MAX_JSON_DEPTH:
                    check_json_depth(line)
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise context.error(f"not a JSON object: {exc.msg}", line=number) from exc
            except (ValueError, RecursionError) as exc:
                raise context.error(f"refused: {exc or 'nested too deeply'}", line=number) from exc
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                raise context.error("not an FtM entity (needs id and schema)", line=number)
            if not isinstance(data.get("properties", {}), dict):
                raise context.error("properties is not an object", line=number, field="properties")
            yield number, data


def _index(path: Path, context: SourceContext) -> _Index:
    index = _Index()
    for _, data in _read_lines(path, context):
        index.lines += 1
        props = data.get("properties") or {}
        schema = data["schema"]
        seen = data.get("last_seen")
        if isinstance(seen, str) and (index.last_seen is None or seen > index.last_seen):
            index.last_seen = seen
        if schema == "Sanction":
            for target in _values(props, "entity"):
                programs = index.programs.setdefault(target, [])
                programs += _values(props, "programId") + _values(props, "program")
                for value in _values(props, "startDate") + _values(props, "listingDate"):
                    day = full_date(value)
                    if day is not None:
                        index.listed.setdefault(target, []).append(day)
        elif schema == "Address":
            full = (_values(props, "full") or [data.get("caption") or ""])[0]
            countries = _values(props, "country")
            country = country_code(countries[0]) if countries else None
            if full:
                index.addresses[data["id"]] = Address(full=full, country=country)
        elif schema in LINK_SCHEMAS:
            one, other, forward, back = LINK_SCHEMAS[schema]
            for a in _values(props, one):
                for b in _values(props, other):
                    index.links.setdefault(a, {}).setdefault(forward, []).append(b)
                    index.links.setdefault(b, {}).setdefault(back, []).append(a)
    return index


def _identifiers(schema: str, props: dict[str, Any]) -> list[Identifier]:
    identifiers = []
    for prop, scheme in ID_PROPS.items():
        if schema == "Airplane" and prop == "registrationNumber":
            scheme = IdScheme.AIRCRAFT_REGISTRATION
        for value in _values(props, prop):
            identifier = make_identifier(scheme, value)
            if identifier is not None and identifier not in identifiers:
                identifiers.append(identifier)
    return identifiers


def _countries(props: dict[str, Any], *names: str) -> list[str]:
    codes = {country_code(v) for n in names for v in _values(props, n)}
    return sorted(c for c in codes if c is not None)


def _entity(
    number: int, data: dict[str, Any], index: _Index, context: SourceContext
) -> Entity | None:
    schema = data["schema"]
    kind = THING_TYPES.get(schema)
    if kind is None:
        return None
    props: dict[str, Any] = data.get("properties") or {}
    fid = str(data["id"])
    caption = data.get("caption")
    names = []
    for prop, (quality, label) in NAME_PROPS.items():
        values = _values(props, prop)
        if prop == "name" and isinstance(caption, str) and caption in values:
            values = [caption] + [v for v in values if v != caption]
        names += make_names(values, quality, label)
    if not names:
        raise context.error(f"{schema} {fid} has no name", line=number, field="name")
    resolved = [index.addresses[a] for a in _values(props, "addressEntity") if a in index.addresses]
    written = {a.full: a for a in resolved}
    for value in _values(props, "address"):
        written.setdefault(value, Address(full=value))
    addresses = list(written.values())
    remarks = _values(props, "notes") + _values(props, "summary")
    remarks += [f"position: {v}" for v in _values(props, "position")]
    datasets = [d for d in data.get("datasets") or [] if isinstance(d, str)]
    if datasets:
        remarks.append(f"datasets: {', '.join(datasets)}")
    for key in ("first_seen", "last_seen"):
        if isinstance(data.get(key), str):
            remarks.append(f"{key}: {data[key]}")
    listed = sorted(index.listed.get(fid, []))
    if not listed:
        created = [d for v in _values(props, "createdAt") if (d := full_date(v)) is not None]
        listed = sorted(created)
    programs = _values(props, "programId") + _values(props, "program")
    programs += index.programs.get(fid, [])
    links = {
        rel: [context.make_id(t) for t in dict.fromkeys(targets)]
        for rel, targets in index.links.get(fid, {}).items()
    }
    births = _values(props, "birthDate") + _values(props, "buildDate")
    return Entity(
        id=context.make_id(fid),
        source=context.source,
        record_id=fid,
        type=kind,
        names=names,
        provenance=context.provenance(fid, span=f"line {number}"),
        identifiers=_identifiers(schema, props),
        countries=_countries(props, "country", "jurisdiction", "flag", "nationality"),
        nationalities=_countries(props, "nationality", "citizenship"),
        addresses=addresses,
        birth_dates=[b for v in births if (b := partial_date(v)) is not None],
        programs=list(dict.fromkeys(programs)),
        remarks=remarks,
        listed_on=listed[0] if listed else None,
        links=links,
    )


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Read an FtM JSON lines file; yields one entity per thing, in file order."""
    index = _index(path, context)
    if index.lines == 0:
        raise context.error("empty file: no FtM entities", line=1)
    if index.last_seen is not None:
        context.set_published(to_datetime(index.last_seen))
    for number, data in _read_lines(path, context):
        entity = _entity(number, data, index, context)
        if entity is not None:
            yield entity
