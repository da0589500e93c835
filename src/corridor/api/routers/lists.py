"""``GET /lists/status``: the lists in force (one entry in full: ``GET /entities/{id}``, in
:mod:`corridor.api.routers.yente`)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import Engine

from corridor.api.deps import get_engine
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


@router.get("/lists/status", response_model=list[SourceStatusResponse])
def lists_status(engine: Engine = Depends(get_engine)) -> list[SourceStatusResponse]:
    """Per source: the snapshot in force, the list's date, entry counts and the last diff."""
    return [
        SourceStatusResponse.model_validate(s, from_attributes=True) for s in service.status(engine)
    ]
