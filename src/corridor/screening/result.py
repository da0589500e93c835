"""Screening queries and results: cheap slotted objects; pydantic lives at the API edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corridor.model import EntityType


@dataclass(frozen=True, slots=True)
class Query:
    """What to screen: one or more names, and optional facts that confirm or refute a hit."""

    id: str
    names: tuple[str, ...]
    type: EntityType | None = None
    countries: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": list(self.names),
            "type": None if self.type is None else self.type.value,
            "countries": list(self.countries),
            "birth_dates": list(self.birth_dates),
            "identifiers": list(self.identifiers),
        }


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """One feature's verdict on a query/entity pair: ``score`` times ``weight`` adds up."""

    name: str
    score: float
    weight: float
    detail: str
    query_value: str | None = None
    candidate_value: str | None = None

    @property
    def contribution(self) -> float:
        return self.score * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "weight": self.weight,
            "detail": self.detail,
            "query_value": self.query_value,
            "candidate_value": self.candidate_value,
        }


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best pair of names: as written and normalised, and how alike they are."""

    query_name: str
    matched_name: str
    query_normalised: str
    matched_normalised: str
    similarity: float
    quality: str
    method: str


@dataclass(slots=True)
class Hit:
    """One listed entity a query may be, with every reason for the score."""

    entity_id: str
    caption: str
    entity_type: str
    source: str
    record_id: str
    programs: list[str]
    name: NameMatch | None
    features: list[FeatureScore]
    score: float
    threshold: float
    in_force: bool | None = None
    listed: list[dict[str, Any]] = field(default_factory=list)
    snapshot: str | None = None

    @property
    def match(self) -> bool:
        return self.score >= self.threshold

    def reasons(self) -> str:
        """One line for a table: what agreed, what disagreed."""
        parts = []
        if self.name is not None:
            parts.append(
                f"name {self.name.similarity:.2f} "
                f"({self.name.query_normalised!r}~{self.name.matched_normalised!r})"
            )
        for feat in self.features:
            if feat.name != "name" and feat.score != 0:
                parts.append(f"{feat.name} {feat.contribution:+.2f}: {feat.detail}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        name = None
        if self.name is not None:
            name = {
                "query": self.name.query_name,
                "matched": self.name.matched_name,
                "query_normalised": self.name.query_normalised,
                "matched_normalised": self.name.matched_normalised,
                "similarity": round(self.name.similarity, 4),
                "quality": self.name.quality,
                "method": self.name.method,
            }
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "type": self.entity_type,
            "source": self.source,
            "record_id": self.record_id,
            "snapshot": self.snapshot,
            "programs": list(self.programs),
            "score": round(self.score, 4),
            "threshold": self.threshold,
            "match": self.match,
            "in_force": self.in_force,
            "listed": list(self.listed),
            "name": name,
            "features": [f.to_dict() for f in self.features],
        }


@dataclass(slots=True)
class ScreenResult:
    """All hits for one query, best first."""

    query: Query
    hits: list[Hit]
    as_of: str | None = None

    @property
    def matches(self) -> list[Hit]:
        return [h for h in self.hits if h.match]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query.to_dict(),
            "as_of": self.as_of,
            "hits": [h.to_dict() for h in self.hits],
        }
