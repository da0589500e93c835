"""The one FollowTheMoney mapping: corridor entities to and from FtM, through the library.

Everything that speaks FtM goes through here: the FtM list parser (:mod:`corridor.sources.ftm`),
``corridor lists export --format ftm``, screening results as FtM and the yente-compatible API
(:mod:`corridor.services.yente`). The vocabulary is one table each:

- :data:`SCHEMA_TYPES`: which FtM schemata are the kinds of entity corridor screens. A schema
  is read by what it *is* in the FtM model (``Company`` is an ``Organization``); ``LegalEntity``
  and ``Thing`` say "person or organisation, we do not know": :attr:`EntityType.UNKNOWN`.
- :data:`NAME_PROPS`, :data:`ID_PROPS`: which properties carry names (and how strong) and
  identifiers (and of which scheme).

Values are cleaned by ``followthemoney`` itself (``proxy.add`` without ``cleaned``): country
names become codes, dates are checked, properties a schema does not have are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from followthemoney import EntityProxy, model
from followthemoney.exc import InvalidData as FtmInvalidData
from followthemoney.schema import Schema

from corridor.exc import BadQuery
from corridor.ids.countries import country_code
from corridor.model import Address, Entity, EntityType, Identifier, IdScheme, Name, NameQuality
from corridor.sources.values import make_identifier, make_names

__all__ = [
    "ID_LABELS",
    "ID_PROPS",
    "NAME_PROPS",
    "SCHEMA_TYPES",
    "TYPE_SCHEMA",
    "entity_type",
    "get_schema",
    "make_proxy",
    "query_values",
    "to_proxy",
]

# Checked in order with Schema.is_a: the first that fits gives the type.
SCHEMA_TYPES: tuple[tuple[str, EntityType], ...] = (
    ("Person", EntityType.PERSON),
    ("Airplane", EntityType.AIRCRAFT),
    ("Vessel", EntityType.VESSEL),
    ("Organization", EntityType.ORGANIZATION),
    ("LegalEntity", EntityType.UNKNOWN),
)
# Schemata a query may use that screen against everything (no type to compare).
UNTYPED_SCHEMATA = ("Thing",)

# The schema an entity of each type is exported as.
TYPE_SCHEMA: dict[EntityType, str] = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
}

# property -> (quality, kind recorded on the Name)
NAME_PROPS: dict[str, tuple[NameQuality, str]] = {
    "name": (NameQuality.PRIMARY, "name"),
    "alias": (NameQuality.STRONG, "alias"),
    "previousName": (NameQuality.STRONG, "previous"),
    "weakAlias": (NameQuality.WEAK, "weak"),
    "abbreviation": (NameQuality.WEAK, "abbreviation"),
}

# property -> scheme; ``registrationNumber`` of an Airplane is its aircraft registration.
ID_PROPS: dict[str, IdScheme] = {
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
    "serialNumber": IdScheme.AIRCRAFT_SERIAL,
    "leiCode": IdScheme.OTHER,
    "uniqueEntityId": IdScheme.OTHER,
}

# scheme -> the property it is exported as (the first one the schema has).
SCHEME_PROPS: dict[IdScheme, tuple[str, ...]] = {
    IdScheme.IMO: ("imoNumber",),
    IdScheme.MMSI: ("mmsi",),
    IdScheme.CALL_SIGN: ("callSign",),
    IdScheme.REGISTRATION: ("registrationNumber",),
    IdScheme.AIRCRAFT_REGISTRATION: ("registrationNumber",),
    IdScheme.AIRCRAFT_SERIAL: ("serialNumber",),
    IdScheme.TAX: ("taxNumber",),
    IdScheme.NATIONAL_ID: ("idNumber",),
    IdScheme.PASSPORT: ("passportNumber", "idNumber"),
    IdScheme.SWIFT: ("swiftBic",),
    # FtM has no airline designator property (an Airplane's icaoCode is its aircraft *type*):
    # corridor's ICAO/IATA airline codes are written as notes (see to_proxy)
    IdScheme.OTHER: ("registrationNumber",),
}

# The label that tells screening a query property's scheme (corridor/ids/code_labels.yml); a
# property without one (registrationNumber: a company's or an aircraft's) is read from its value.
ID_LABELS: dict[str, str] = {
    "imoNumber": "IMO",
    "mmsi": "MMSI",
    "taxNumber": "TIN",
    "innCode": "TIN",
    "passportNumber": "passport",
    "swiftBic": "SWIFT",
    "serialNumber": "MSN",
}

_NOT_ID = re.compile(r"[^0-9a-zA-Z.\-]")
COUNTRY_PROPS = ("country", "jurisdiction", "flag", "nationality", "citizenship")
NATIONALITY_PROPS = ("nationality", "citizenship")
BIRTH_PROPS = ("birthDate", "buildDate")


def ftm_id(entity_id: str) -> str:
    """An entity id FtM accepts (``[0-9a-zA-Z.-]``): corridor's ids keep their source's
    underscore (``ofac_sdn-44541``), FtM's become dots (``ofac.sdn-44541``).

    >>> ftm_id("ca_sema-belarus_1-part-1-1_10")
    'ca.sema-belarus.1-part-1-1.10'
    """
    return _NOT_ID.sub(".", entity_id).strip(".-") or "x"


def corridor_ids(value: str) -> list[str]:
    """The corridor ids an id from an FtM client may stand for, most likely first: as given,
    the source's dots back to underscores (``eu.journal-I.B-17`` is ``eu_journal-I.B-17``),
    then every other way of reading its dots.

    >>> corridor_ids("eu.journal-I.B-17")[:2]
    ['eu.journal-I.B-17', 'eu_journal-I.B-17']
    """
    head, sep, tail = value.partition("-")
    out = [value, head.replace(".", "_") + sep + tail, value.replace(".", "_")]
    dots = [i for i, c in enumerate(value) if c == "."]
    if len(dots) <= 8:
        for mask in range(1, 1 << len(dots)):
            chars = list(value)
            for bit, pos in enumerate(dots):
                if mask >> bit & 1:
                    chars[pos] = "_"
            out.append("".join(chars))
    return list(dict.fromkeys(out))


def get_schema(name: str) -> Schema:
    """The FtM schema called ``name``; :class:`BadQuery` when the model has none."""
    schema = model.get(name)
    if schema is None:
        raise BadQuery(f"Invalid schema: {name}")
    return schema


def entity_type(schema: Schema | str) -> EntityType | None:
    """The type corridor screens a schema as; None for schemata that are not listed things
    (``Sanction``, ``Address``, ``Ownership``...)."""
    if isinstance(schema, str):
        found = model.get(schema)
        if found is None:
            return None
        schema = found
    for name, kind in SCHEMA_TYPES:
        if schema.is_a(name):
            return kind
    if schema.name in UNTYPED_SCHEMATA:
        return EntityType.UNKNOWN
    return None


def make_proxy(
    data: Mapping[str, Any], *, where: str = "entity", skipped: list[str] | None = None
) -> EntityProxy:
    """An FtM entity from its JSON form, values cleaned by the library.

    Plain strings are accepted where FtM wants a list (``"name": "Belavia"``), as yente does.
    Raises :class:`BadQuery` for an unknown schema; a property the schema does not have is
    skipped (as yente skips it) and named in ``skipped``.
    """
    schema = get_schema(str(data.get("schema") or ""))
    proxy = model.make_entity(schema)
    if data.get("id"):
        proxy.id = str(data["id"])
    props = data.get("properties") or {}
    if not isinstance(props, Mapping):
        raise BadQuery(f"{where}: properties must be an object")
    for prop, items in props.items():
        if prop not in schema.properties:
            if skipped is not None:
                skipped.append(f"{where}: {schema.name} has no property {prop!r}")
            continue
        for value in items if isinstance(items, list) else [items]:
            if isinstance(value, (str, int, float)) and str(value).strip():
                try:
                    proxy.add(prop, str(value), quiet=True, fuzzy=True)
                except FtmInvalidData as exc:
                    raise BadQuery(f"{where}: {prop}: {exc}") from exc
    return proxy


def values(proxy: EntityProxy, *props: str) -> list[str]:
    """The values of ``props`` that the proxy's schema has, in order, de-duplicated."""
    out: list[str] = []
    for prop in props:
        if prop in proxy.schema.properties:
            out.extend(v.strip() for v in proxy.get(prop, quiet=True) if v.strip())
    return list(dict.fromkeys(out))


def countries(proxy: EntityProxy, *props: str) -> list[str]:
    codes = {country_code(v) for v in values(proxy, *props)}
    return sorted(c for c in codes if c is not None)


def id_props(proxy: EntityProxy) -> list[tuple[str, IdScheme, str]]:
    """(property, scheme, value) of every identifier the entity carries."""
    found = []
    for prop, scheme in ID_PROPS.items():
        if proxy.schema.is_a("Airplane") and prop == "registrationNumber":
            scheme = IdScheme.AIRCRAFT_REGISTRATION
        for value in values(proxy, prop):
            found.append((prop, scheme, value))
    return found


def _labelled(prop: str, value: str) -> str:
    """``IMO 9187629``: the value with the label that names its scheme, unless FtM's cleaning
    already wrote it (``IMO9187629``)."""
    label = ID_LABELS.get(prop)
    if label is None or value.upper().startswith(label.upper()):
        return value
    return f"{label} {value}"


def query_values(proxy: EntityProxy) -> dict[str, list[str]]:
    """What a query entity asks: names (``firstName``/``middleName``/``lastName`` joined into
    one name, as yente does), identifiers labelled with their scheme, countries, birth dates.
    """
    names = values(proxy, *NAME_PROPS)
    first = values(proxy, "firstName")
    middle = values(proxy, "middleName", "fatherName", "secondName")
    last = values(proxy, "lastName")
    if first or last:
        parts = [p for p in (first[:1] + middle[:1] + last[:1]) if p]
        joined = " ".join(parts)
        if joined and joined not in names:
            names.append(joined)
    codes = [_labelled(p, v) for p, _s, v in id_props(proxy)]
    return {
        "names": names,
        "identifiers": list(dict.fromkeys(codes)),
        "countries": countries(proxy, *COUNTRY_PROPS),
        "birth_dates": values(proxy, *BIRTH_PROPS),
    }


def _name_prop(name: Name) -> str:
    if name.quality is NameQuality.PRIMARY:
        return "name"
    if name.quality is NameQuality.WEAK:
        return "weakAlias"
    if name.kind in ("previous", "fka"):
        return "previousName"
    return "alias"


def _add(proxy: EntityProxy, prop: str, items: Iterable[str]) -> None:
    if prop not in proxy.schema.properties:
        return
    for value in items:
        proxy.add(prop, value, quiet=True, fuzzy=False)


def to_proxy(
    entity: Entity,
    *,
    datasets: Iterable[str] = (),
    referents: Iterable[str] = (),
    schema: str | None = None,
) -> EntityProxy:
    """The FtM entity of a corridor entity: names by quality, identifiers by scheme,
    countries, addresses, dates, programmes; ``datasets``/``referents`` ride on the proxy's
    JSON form (see :func:`proxy_dict`)."""
    proxy = model.make_entity(schema or TYPE_SCHEMA[entity.type])
    proxy.id = ftm_id(entity.id)
    for name in entity.names:
        _add(proxy, _name_prop(name), [name.value])
    for identifier in entity.identifiers:
        for prop in SCHEME_PROPS.get(identifier.scheme, ()):
            if prop in proxy.schema.properties:
                _add(proxy, prop, [identifier.original or identifier.value])
                break
    nationality = "nationality" in proxy.schema.properties
    _add(proxy, "country", [c for c in entity.countries if not nationality or
                            c not in entity.nationalities])  # fmt: skip
    _add(proxy, "nationality", entity.nationalities)
    _add(proxy, "address", [a.full for a in entity.addresses])
    birth = "birthDate" if proxy.schema.is_a("Person") else "buildDate"
    _add(proxy, birth, entity.birth_dates)
    _add(proxy, "programId", entity.programs)
    _add(proxy, "notes", entity.remarks)
    _add(proxy, "notes", [f"{i.scheme.value.replace('_', ' ')} designator: {i.original or i.value}"
                          for i in entity.identifiers if i.scheme not in SCHEME_PROPS])  # fmt: skip
    _add(proxy, "topics", ["sanction"])
    if entity.listed_on is not None:
        _add(proxy, "createdAt", [entity.listed_on.isoformat()])
    if entity.provenance.url:
        _add(proxy, "sourceUrl", [entity.provenance.url])
    proxy.context = {"datasets": list(datasets) or [entity.source],
                     "referents": sorted({ftm_id(r) for r in referents} - {proxy.id})}  # fmt: skip
    return proxy


def proxy_dict(proxy: EntityProxy, **extra: Any) -> dict[str, Any]:
    """The JSON form of an FtM entity as OpenSanctions and yente write it: ``id``, ``caption``,
    ``schema``, ``properties``, ``datasets``, ``referents``, ``target`` and the dates."""
    data = proxy.to_dict()
    context = getattr(proxy, "context", {}) or {}
    out: dict[str, Any] = {
        "id": proxy.id,
        "caption": proxy.caption,
        "schema": proxy.schema.name,
        "properties": data.get("properties", {}),
        "datasets": list(context.get("datasets", [])),
        "referents": list(context.get("referents", [])),
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
    }
    out.update(extra)
    return out


def entity_dict(entity: Entity, **extra: Any) -> dict[str, Any]:
    """Shorthand: :func:`to_proxy` then :func:`proxy_dict`."""
    referents = extra.pop("referents", ())
    datasets = extra.pop("datasets", ())
    return proxy_dict(to_proxy(entity, datasets=datasets, referents=referents), **extra)


def address_of(proxy: EntityProxy) -> Address | None:
    """An FtM ``Address`` entity as a corridor address."""
    full = (values(proxy, "full") or [proxy.caption or ""])[0]
    if not full:
        return None
    found = countries(proxy, "country")
    return Address(full=full, country=found[0] if found else None)


def listing_dates(proxy: EntityProxy) -> list[date]:
    """Full dates a ``Sanction`` gives for the listing (``startDate``, ``listingDate``)."""
    out = []
    for value in values(proxy, "listingDate", "startDate"):
        if len(value) >= 10:
            try:
                out.append(date.fromisoformat(value[:10]))
            except ValueError:
                continue
    return out


def identifiers_of(proxy: EntityProxy) -> list[Identifier]:
    """Typed identifiers of an FtM entity, normalised per scheme."""
    out: list[Identifier] = []
    for _prop, scheme, value in id_props(proxy):
        identifier = make_identifier(scheme, value)
        if identifier is not None and identifier not in out:
            out.append(identifier)
    return out


def names_of(proxy: EntityProxy, caption: str | None = None) -> list[Name]:
    """Every name with its quality; the file's caption first among the primary names."""
    names: list[Name] = []
    for prop, (quality, label) in NAME_PROPS.items():
        found = values(proxy, prop)
        if prop == "name" and caption in found:
            found = [caption] + [v for v in found if v != caption]
        names += make_names(found, quality, label)
    return names


def birth_dates_of(proxy: EntityProxy) -> list[str]:
    return values(proxy, *BIRTH_PROPS)
