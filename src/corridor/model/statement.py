"""Statements: one value of one property of one entity, from one source, with provenance.

This follows followthemoney/nomenklatura: an entity is the sum of its statements, each of which
says where it came from and when it was first and last seen. The store keeps statements so that
a value's history survives across snapshots, and an entity can be explained value by value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from corridor.model.entity import Entity


@dataclass(frozen=True, slots=True)
class Statement:
    """``entity_id`` says ``prop`` = ``value`` according to ``source``'s record ``record_id``."""

    entity_id: str
    prop: str
    value: str
    source: str
    record_id: str
    snapshot: str
    first_seen: datetime
    last_seen: datetime
    original_value: str | None = None
    lang: str | None = None

    @property
    def id(self) -> str:
        """Deterministic: the same fact from the same source has the same id in every snapshot."""
        key = "\x1f".join((self.source, self.entity_id, self.prop, self.value))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()


def entity_statements(entity: Entity, seen: datetime) -> Iterator[Statement]:
    """The statements an entity makes, all first and last seen at ``seen``."""
    prov = entity.provenance

    def make(
        prop: str, value: str, original: str | None = None, lang: str | None = None
    ) -> Statement:
        return Statement(
            entity_id=entity.id,
            prop=prop,
            value=value,
            source=entity.source,
            record_id=entity.record_id,
            snapshot=prov.snapshot,
            first_seen=seen,
            last_seen=seen,
            original_value=original,
            lang=lang,
        )

    yield make("type", entity.type.value)
    for name in entity.names:
        yield make(f"name:{name.quality.value}", name.value, lang=name.lang)
    for ident in entity.identifiers:
        yield make(f"id:{ident.scheme.value}", ident.value, original=ident.original)
    for prop, values in (
        ("country", entity.countries),
        ("nationality", entity.nationalities),
        ("birthDate", entity.birth_dates),
        ("program", entity.programs),
        ("notes", entity.remarks),
    ):
        for value in values:
            yield make(prop, value)
    for address in entity.addresses:
        yield make("address", address.full)
    if entity.listed_on is not None:
        yield make("listingDate", entity.listed_on.isoformat())
    for rel, targets in entity.links.items():
        for target in targets:
            yield make(f"link:{rel}", target)
