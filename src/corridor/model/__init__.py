"""Plain types of the domain: no I/O, no storage, no third-party services."""

from corridor.model.entity import (
    Address,
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
)
from corridor.model.interval import Interval, IntervalCollection
from corridor.model.provenance import Provenance
from corridor.model.statement import Statement
from corridor.model.time import to_date, to_datetime, utcnow

__all__ = [
    "Address",
    "Entity",
    "EntityType",
    "IdScheme",
    "Identifier",
    "Interval",
    "IntervalCollection",
    "Name",
    "NameQuality",
    "Provenance",
    "Statement",
    "to_date",
    "to_datetime",
    "utcnow",
]
