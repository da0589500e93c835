"""``GET /lists/status`` and ``GET /entities/{id}``: the lists in force and one entry in full."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import Engine

from corridor.api.deps import get_engine
from corridor.model import utcnow
from corridor.services import lists as service

router = APIRouter(tags=["lists"])


class SourceStatusResponse(BaseModel):
    source: str
    jurisdiction: str
    snapshot: str
    path: str
    url: str | None
    published_at: datetime | None
    retrieved_at: datetime
    loaded_at: datetime
    entries: int
    added: int
    removed: int
    changed: int
    snapshots: int


class ListingPeriodResponse(BaseModel):
    source: str
    listed_from: datetime
    listed_until: datetime | None
    basis: str
    from_snapshot: str | None
    until_snapshot: str | None
    in_force: bool


class StatementResponse(BaseModel):
    prop: str
    value: str
    original_value: str | None
    first_seen: datetime
    last_seen: datetime
    last_snapshot: str


class EntityResponse(BaseModel):
    id: str
    caption: str
    active: bool
    entity: dict[str, Any]
    listing: dict[str, list[ListingPeriodResponse]]
    statements: list[StatementResponse]


@router.get("/lists/status", response_model=list[SourceStatusResponse])
def lists_status(engine: Engine = Depends(get_engine)) -> list[SourceStatusResponse]:
    """Per source: the snapshot in force, the list's date, entry counts and the last diff."""
    return [
        SourceStatusResponse.model_validate(s, from_attributes=True) for s in service.status(engine)
    ]


@router.get("/entities/{entity_id}", response_model=EntityResponse)
def get_entity(entity_id: str, engine: Engine = Depends(get_engine)) -> EntityResponse:
    """One list entry with its provenance, listing history per jurisdiction and value history."""
    entity = service.entity(engine, entity_id)
    now = utcnow()
    listing: dict[str, list[ListingPeriodResponse]] = {}
    for period in service.history(engine, entity_id):
        listing.setdefault(period.jurisdiction.value, []).append(
            ListingPeriodResponse(
                source=period.source,
                listed_from=period.interval.start,
                listed_until=period.interval.end,
                basis=period.basis,
                from_snapshot=period.from_snapshot,
                until_snapshot=period.until_snapshot,
                in_force=period.in_force(now),
            )
        )
    statements = [
        StatementResponse(
            prop=s.prop,
            value=s.value,
            original_value=s.original_value,
            first_seen=s.first_seen,
            last_seen=s.last_seen,
            last_snapshot=s.snapshot,
        )
        for s in service.statements(engine, entity_id)
    ]
    return EntityResponse(
        id=entity.id,
        caption=entity.caption,
        active=service.is_active(engine, entity_id),
        entity=entity.to_dict(),
        listing=listing,
        statements=statements,
    )
