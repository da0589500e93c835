"""``POST /screen``: a batch of queries, every hit with its reasons (yente's ``/match`` is in
:mod:`corridor.api.routers.yente`).

The built index is kept on ``app.state`` (and under ``CORRIDOR_HOME``) and rebuilt when the list
store's snapshots change; :class:`corridor.services.screening.IndexCache` asks the store's
revision only when the database may have changed, not on every request. Pydantic models live
here only: the screening itself works on slotted objects.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.exc import InvalidData
from corridor.model import EntityType, to_datetime
from corridor.screening.result import Query as ScreenQuery
from corridor.services.lists import sample_sources
from corridor.services.screening import IndexCache, index_cache, screen
from corridor.settings import Settings

router = APIRouter(tags=["screening"])


def get_cache(request: Request, engine: Engine = Depends(get_engine)) -> IndexCache:
    cache = getattr(request.app.state, "screening_cache", None)
    if not isinstance(cache, IndexCache):
        cache = index_cache(get_settings(request), engine)
        request.app.state.screening_cache = cache
    return cache


class QueryIn(BaseModel):
    """One name (or several) to screen, with optional facts that confirm or refute hits."""

    id: str | None = None
    name: str | None = Field(None, examples=["Белавиа"])
    names: list[str] = Field(default_factory=list)
    type: EntityType | None = None
    country: list[str] = Field(default_factory=list, examples=[["by"]])
    birth_date: list[str] = Field(default_factory=list)
    identifier: list[str] = Field(default_factory=list, examples=[["EW-78843"]])


class ScreenRequest(BaseModel):
    queries: list[QueryIn] = Field(min_length=1, max_length=1000)
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    as_of: date | None = None
    lists: list[str] | None = None
    limit: int = Field(5, ge=1, le=100)


class ScreenResponse(BaseModel):
    results: list[dict[str, Any]]
    threshold: float
    as_of: date | None
    index: dict[str, Any]


def _to_query(number: int, item: QueryIn) -> ScreenQuery:
    names = [n for n in [item.name, *item.names] if n and n.strip()]
    if not names and not item.identifier:
        raise InvalidData.at("a query needs a name or an identifier", field=f"queries[{number}]")
    return ScreenQuery(
        id=item.id or str(number + 1),
        names=tuple(names or item.identifier),
        type=item.type,
        countries=tuple(c.lower() for c in item.country),
        birth_dates=tuple(item.birth_date),
        identifiers=tuple(item.identifier),
    )


@router.post("/screen", response_model=ScreenResponse)
def screen_endpoint(
    body: ScreenRequest,
    settings: Settings = Depends(get_settings),
    cache: IndexCache = Depends(get_cache),
    engine: Engine = Depends(get_engine),
) -> ScreenResponse:
    """Screen a batch of names against the lists; every hit carries its reasons, and
    ``sample: true`` when it comes from a hand-made sample list (not official)."""
    queries = [_to_query(i, q) for i, q in enumerate(body.queries)]
    threshold = settings.screen_threshold if body.threshold is None else body.threshold
    as_of = None if body.as_of is None else to_datetime(body.as_of)
    index, periods = cache.get(body.lists, as_of)
    results = screen(
        queries, index, threshold=threshold, as_of=as_of, periods=periods, limit=body.limit
    )
    samples = sample_sources(engine)
    found = [r.to_dict() for r in results]
    for result in found:
        for hit in result.get("hits", []):
            hit["sample"] = hit.get("source") in samples
    return ScreenResponse(
        results=found,
        threshold=threshold,
        as_of=body.as_of,
        index={"entities": len(index), "names": len(index.names), "fingerprint": index.fingerprint},
    )
