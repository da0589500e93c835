"""Entities on official lists, and the values they carry.

An :class:`Entity` is one entry of one source (an OFAC ``ent_num``, a UN ``DATAID``, a UK
``Group ID``...). It keeps every name with its script and quality, typed identifiers, countries,
addresses, dates of birth, programmes and remarks, plus the provenance of the record.
Entities convert to and from plain dicts (``to_dict``/``from_dict``) for storage, and to
statements (:mod:`corridor.model.statement`) for per-value provenance and history.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from corridor.model.provenance import Provenance


class EntityType(StrEnum):
    """What an entry is: the screening compares like with like."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class NameQuality(StrEnum):
    """How much a name can carry a match on its own.

    ``primary`` is the name the list files the entry under, ``strong`` a good alias (OFAC
    ``aka``, UN ``Good``, UK ``Good quality``), ``weak`` a low-quality alias (UN ``Low``, UK
    ``Low quality``, OpenSanctions ``weakAlias``) that supports a match but never makes one.
    """

    PRIMARY = "primary"
    STRONG = "strong"
    WEAK = "weak"


class IdScheme(StrEnum):
    """Kinds of identifier; values are compared only within one scheme."""

    IMO = "imo"
    AIRCRAFT_REGISTRATION = "aircraft_registration"
    AIRCRAFT_SERIAL = "aircraft_serial"
    IATA_AIRLINE = "iata_airline"
    ICAO_AIRLINE = "icao_airline"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    TAX = "tax"
    REGISTRATION = "registration"
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    SWIFT = "swift"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity, as written, with its script (ISO 15924) and quality."""

    value: str
    quality: NameQuality = NameQuality.STRONG
    script: str | None = None
    lang: str | None = None
    kind: str | None = None  # aka, fka, nka, primary, non-latin...

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "quality": self.quality.value,
            "script": self.script,
            "lang": self.lang,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Name:
        return cls(
            value=data["value"],
            quality=NameQuality(data.get("quality", "strong")),
            script=data.get("script"),
            lang=data.get("lang"),
            kind=data.get("kind"),
        )


@dataclass(frozen=True, slots=True)
class Identifier:
    """A typed code: ``value`` is normalised (see :mod:`corridor.ids`), ``original`` as written."""

    scheme: IdScheme
    value: str
    original: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme.value,
            "value": self.value,
            "original": self.original,
            "country": self.country,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Identifier:
        return cls(
            scheme=IdScheme(data["scheme"]),
            value=data["value"],
            original=data.get("original"),
            country=data.get("country"),
        )


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as the list writes it, with its country (ISO 3166-1 alpha-2)."""

    full: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"full": self.full, "country": self.country}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Address:
        return cls(full=data["full"], country=data.get("country"))


@dataclass(slots=True)
class Entity:
    """One entry of one official list.

    ``id`` is stable across snapshots of the same source (``ofac-44541``, ``un-110400``);
    ``countries`` and ``nationalities`` are ISO 3166-1 alpha-2 codes, lower-case like FtM;
    ``birth_dates`` keep the list's precision (``1955``, ``1955-08``, ``1955-08-30``);
    ``listed_on`` is the listing date the list itself states, if any; ``links`` maps a relation
    (``linked_to``, ``owner``, ``operator``) to ids of other entries or free text.
    """

    id: str
    source: str
    record_id: str
    type: EntityType
    names: list[Name]
    provenance: Provenance
    identifiers: list[Identifier] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    listed_on: date | None = None
    links: dict[str, list[str]] = field(default_factory=dict)

    @property
    def caption(self) -> str:
        """The name to show: the first primary name, else the first name."""
        for name in self.names:
            if name.quality is NameQuality.PRIMARY:
                return name.value
        return self.names[0].value if self.names else self.id

    def to_dict(self, *, with_provenance: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "record_id": self.record_id,
            "type": self.type.value,
            "names": [n.to_dict() for n in self.names],
            "identifiers": [i.to_dict() for i in self.identifiers],
            "countries": list(self.countries),
            "nationalities": list(self.nationalities),
            "addresses": [a.to_dict() for a in self.addresses],
            "birth_dates": list(self.birth_dates),
            "programs": list(self.programs),
            "remarks": list(self.remarks),
            "listed_on": None if self.listed_on is None else self.listed_on.isoformat(),
            "links": {k: list(v) for k, v in sorted(self.links.items())},
        }
        if with_provenance:
            data["provenance"] = self.provenance.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        listed_on = data.get("listed_on")
        return cls(
            id=data["id"],
            source=data["source"],
            record_id=data["record_id"],
            type=EntityType(data["type"]),
            names=[Name.from_dict(n) for n in data["names"]],
            provenance=Provenance.from_dict(data["provenance"]),
            identifiers=[Identifier.from_dict(i) for i in data.get("identifiers", [])],
            countries=list(data.get("countries", [])),
            nationalities=list(data.get("nationalities", [])),
            addresses=[Address.from_dict(a) for a in data.get("addresses", [])],
            birth_dates=list(data.get("birth_dates", [])),
            programs=list(data.get("programs", [])),
            remarks=list(data.get("remarks", [])),
            listed_on=None if listed_on is None else date.fromisoformat(listed_on),
            links={k: list(v) for k, v in data.get("links", {}).items()},
        )

    def content_hash(self) -> str:
        """A hash of what the entry says, provenance excluded: equal hashes, no change."""
        payload = json.dumps(
            self.to_dict(with_provenance=False), sort_keys=True, ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
