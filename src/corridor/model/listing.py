"""Listing history: when an entry was on a jurisdiction's list, and on what basis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from corridor.model.interval import Interval


class Jurisdiction(StrEnum):
    """Who lists: the partners of the matrix."""

    EU = "EU"
    US = "US"
    UK = "UK"
    UN = "UN"
    CA = "CA"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True)
class ListingPeriod:
    """``entity_id`` was listed by ``jurisdiction`` during ``interval``.

    ``basis`` says how the bounds are known: ``snapshot`` (first and last snapshot that held
    the entry), ``stated`` (the list's own listing date), or ``curated`` (a cited record).
    ``from_snapshot``/``until_snapshot`` are the sha256 of the snapshots that opened and closed
    the period (``until_snapshot`` is None while the entry is still listed).
    """

    entity_id: str
    source: str
    jurisdiction: Jurisdiction
    interval: Interval
    basis: str
    from_snapshot: str | None = None
    until_snapshot: str | None = None

    def in_force(self, when: datetime) -> bool:
        return self.interval.contains(when)
