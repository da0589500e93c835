"""Operators and curated listing records, read from the bundled seed CSV.

A row of ``data/operators/operators_listings.csv`` says one operator was listed by one
jurisdiction between two dates under a legal act, citing its sources. Rows for the same
operator name share one :class:`Operator`.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normality import normalize

from corridor.exc import InvalidData
from corridor.model.entity import Identifier, IdScheme
from corridor.model.interval import Interval
from corridor.model.listing import Jurisdiction
from corridor.model.time import to_datetime

SEED_COLUMNS = (
    "operator",
    "aliases",
    "role",
    "country",
    "identifiers",
    "jurisdiction",
    "listed_from",
    "listed_until",
    "legal_act",
    "verified",
    "sources",
)

ID_SCHEMES = {
    "iata": IdScheme.IATA_AIRLINE,
    "icao": IdScheme.ICAO_AIRLINE,
    "aircraft": IdScheme.AIRCRAFT_REGISTRATION,
    "imo": IdScheme.IMO,
}


@dataclass(slots=True)
class Operator:
    """A transport operator or facilitator (tour operator, visa agent, hotel)."""

    id: str
    name: str
    role: str
    country: str | None
    aliases: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    parent_id: str | None = None

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "country": self.country,
            "aliases": list(self.aliases),
            "identifiers": [i.to_dict() for i in self.identifiers],
            "parent_id": self.parent_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Operator:
        return cls(
            id=data["id"],
            name=data["name"],
            role=data.get("role") or "",
            country=data.get("country"),
            aliases=list(data.get("aliases") or []),
            identifiers=[Identifier.from_dict(i) for i in data.get("identifiers") or []],
            parent_id=data.get("parent_id"),
        )


@dataclass(frozen=True, slots=True)
class CuratedListing:
    """One curated record: ``operator_id`` listed by ``jurisdiction`` during ``interval``.

    ``interval`` is None when the record says the operator is listed but gives no dates.
    """

    operator_id: str
    jurisdiction: Jurisdiction
    interval: Interval | None
    legal_act: str
    verified: bool
    sources: str
    document: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "operator_id": self.operator_id,
            "jurisdiction": self.jurisdiction.value,
            "start": None if self.interval is None else self.interval.start.isoformat(),
            "end": None
            if self.interval is None or self.interval.end is None
            else self.interval.end.isoformat(),
            "legal_act": self.legal_act,
            "verified": self.verified,
            "sources": self.sources,
            "document": self.document,
            "line": self.line,
        }


def operator_id(name: str) -> str:
    """A stable id from the operator's name: ``op-`` and a short hash of its normal form."""
    key = normalize(name) or name
    return "op-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def parse_identifiers(text: str, *, file: str, line: int) -> list[Identifier]:
    found: list[Identifier] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        scheme, _, value = part.partition(":")
        kind = ID_SCHEMES.get(scheme.strip().lower())
        if kind is None or not value.strip():
            raise InvalidData.at(f"unknown identifier {part!r}", file=file, line=line, field="ids")
        norm = value.strip().upper().replace(" ", "")
        found.append(Identifier(scheme=kind, value=norm, original=value.strip()))
    return found


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()]


def read_seed(path: Path) -> tuple[list[Operator], list[CuratedListing]]:
    """Operators and curated listings of the seed CSV; a bad row raises with its line."""
    operators: dict[str, Operator] = {}
    listings: list[CuratedListing] = []
    file = path.name
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or tuple(reader.fieldnames) != SEED_COLUMNS:
            raise InvalidData.at(f"expected columns {', '.join(SEED_COLUMNS)}", file=file, line=1)
        for line, row in enumerate(reader, start=2):
            name = row["operator"].strip()
            if not name:
                raise InvalidData.at(
                    "operator name is empty", file=file, line=line, field="operator"
                )
            oid = operator_id(name)
            ids = parse_identifiers(row["identifiers"], file=file, line=line)
            op = operators.get(oid)
            if op is None:
                op = Operator(id=oid, name=name, role=row["role"].strip(), country=None)
                operators[oid] = op
            country = row["country"].strip().lower()
            op.country = op.country or country or None
            op.aliases.extend(a for a in _split(row["aliases"]) if a not in op.aliases)
            op.identifiers.extend(i for i in ids if i not in op.identifiers)
            listing = _listing(oid, row, file=file, line=line)
            if listing is not None:
                listings.append(listing)
    return list(operators.values()), listings


def _listing(oid: str, row: dict[str, str], *, file: str, line: int) -> CuratedListing | None:
    code = row["jurisdiction"].strip()
    if not code:
        return None
    try:
        jurisdiction = Jurisdiction(code)
    except ValueError as exc:
        raise InvalidData.at(f"unknown jurisdiction {code!r}", file=file, line=line) from exc
    start, end = row["listed_from"].strip(), row["listed_until"].strip()
    interval: Interval | None = None
    try:
        if start:
            interval = Interval(to_datetime(start), to_datetime(end) if end else None)
    except ValueError as exc:
        raise InvalidData.at(str(exc), file=file, line=line, field="listed_from") from exc
    return CuratedListing(
        operator_id=oid,
        jurisdiction=jurisdiction,
        interval=interval,
        legal_act=row["legal_act"].strip(),
        verified=row["verified"].strip().lower() == "true",
        sources=row["sources"].strip(),
        document=file,
        line=line,
    )
