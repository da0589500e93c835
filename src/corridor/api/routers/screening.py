"""``POST /screen`` (batch of queries) and yente-compatible ``POST /match/{dataset}``.

The built index is kept on ``app.state`` (and under ``CORRIDOR_HOME``) and rebuilt when the list
store's snapshots change; :class:`corridor.services.screening.IndexCache` asks the store's
revision only when the database may have changed, not on every request. Pydantic models live
here only: the screening itself works on slotted objects.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.api.schemas.screening import MatchResults
from corridor.exc import InvalidData
from corridor.model import EntityType, to_datetime
from corridor.screening.result import Hit
from corridor.screening.result import Query as ScreenQuery
from corridor.services.screening import IndexCache, index_cache, screen
from corridor.settings import Settings

router = APIRouter(tags=["screening"])

# FtM schemata and the entity types they mean.
SCHEMA_TYPES: dict[str, EntityType] = {
    "Person": EntityType.PERSON,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "PublicBody": EntityType.ORGANIZATION,
    "Airline": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
    "LegalEntity": EntityType.UNKNOWN,
    "Thing": EntityType.UNKNOWN,
}
TYPE_SCHEMA: dict[str, str] = {
    "person": "Person",
    "organization": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "unknown": "LegalEntity",
}
NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "firstName", "lastName")
ID_PROPS = (
    "imoNumber",
    "registrationNumber",
    "taxNumber",
    "idNumber",
    "passportNumber",
    "swiftBic",
    "callSign",
    "mmsi",
    "serialNumber",
    "icaoCode",
    "iataCode",
)
# The label that tells screening a property's scheme (corridor/ids/code_labels.yml); a property
# without one (registrationNumber: a company's or an aircraft's) is read from its value alone.
ID_LABELS: dict[str, str] = {
    "imoNumber": "IMO",
    "mmsi": "MMSI",
    "taxNumber": "TIN",
    "passportNumber": "passport",
    "swiftBic": "SWIFT",
    "serialNumber": "MSN",
    "icaoCode": "ICAO",
    "iataCode": "IATA",
}


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
) -> ScreenResponse:
    """Screen a batch of names against the lists; every hit carries its reasons."""
    queries = [_to_query(i, q) for i, q in enumerate(body.queries)]
    threshold = settings.screen_threshold if body.threshold is None else body.threshold
    as_of = None if body.as_of is None else to_datetime(body.as_of)
    index, periods = cache.get(body.lists, as_of)
    results = screen(
        queries, index, threshold=threshold, as_of=as_of, periods=periods, limit=body.limit
    )
    return ScreenResponse(
        results=[r.to_dict() for r in results],
        threshold=threshold,
        as_of=body.as_of,
        index={"entities": len(index), "names": len(index.names), "fingerprint": index.fingerprint},
    )


# --- yente compatibility -------------------------------------------------------------------


class EntityExample(BaseModel):
    """A FollowTheMoney query entity, as yente takes it."""

    id: str | None = None
    schema_: str = Field("LegalEntity", alias="schema")
    properties: dict[str, list[str | int | float]] = Field(default_factory=dict)

    model_config = {"populate_by_name": True}


class EntityMatchQuery(BaseModel):
    queries: dict[str, EntityExample]


def _example_query(key: str, example: EntityExample) -> ScreenQuery:
    props = {k: [str(v) for v in vs] for k, vs in example.properties.items()}
    names = [n for p in NAME_PROPS for n in props.get(p, [])]
    if not names and props.get("firstName") and props.get("lastName"):
        names = [f"{props['firstName'][0]} {props['lastName'][0]}"]
    codes = [
        f"{ID_LABELS[p]} {v}" if p in ID_LABELS else v for p in ID_PROPS for v in props.get(p, [])
    ]
    if not names and not codes:
        raise InvalidData.at("query entity has no name and no identifier", field=key)
    countries = [c.lower() for p in ("nationality", "country", "jurisdiction") for c in
                 props.get(p, [])]  # fmt: skip
    return ScreenQuery(
        id=key,
        names=tuple(names or codes),
        type=SCHEMA_TYPES.get(example.schema_),
        countries=tuple(countries),
        birth_dates=tuple(props.get("birthDate", [])),
        identifiers=tuple(codes),
    )


def _ftm_result(hit: Hit, entity_props: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "id": hit.entity_id,
        "caption": hit.caption,
        "schema": TYPE_SCHEMA.get(hit.entity_type, "LegalEntity"),
        "properties": entity_props,
        "datasets": [hit.source],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": round(hit.score, 4),
        "match": hit.match,
        "features": {f.name: round(f.contribution, 4) for f in hit.features if f.score != 0},
        "explanations": {f.name: f.to_dict() for f in hit.features},
        "in_force": hit.in_force,
    }


@router.post("/match/{dataset}", response_model=MatchResults)
def match_endpoint(
    body: EntityMatchQuery,
    dataset: str = Path(..., description="'default' for all lists, or a source name."),
    limit: int = Query(5, ge=1, le=100),
    threshold: float | None = Query(None, ge=0.0, le=1.0),
    settings: Settings = Depends(get_settings),
    cache: IndexCache = Depends(get_cache),
) -> dict[str, Any]:
    """yente's match API: FtM query entities in, scored FtM entities out."""
    cutoff = settings.screen_threshold if threshold is None else threshold
    sources = None if dataset in ("default", "all", "sanctions") else dataset.split(",")
    index, periods = cache.get(sources)
    responses: dict[str, Any] = {}
    for key, example in body.queries.items():
        query = _example_query(key, example)
        result = screen([query], index, threshold=cutoff, periods=periods, limit=limit)[0]
        results = []
        for hit in result.hits:
            entity = index.entities[index.positions[hit.entity_id]]
            props: dict[str, list[str]] = {"name": [n.value for n in entity.names[:1]]}
            if len(entity.names) > 1:
                props["alias"] = [n.value for n in entity.names[1:]]
            for prop, values in (
                ("country", entity.countries),
                ("nationality", entity.nationalities),
                ("birthDate", entity.birth_dates),
                ("program", entity.programs),
            ):
                if values:
                    props[prop] = list(values)
            results.append(_ftm_result(hit, props))
        responses[key] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": {
                "id": example.id,
                "schema": example.schema_,
                "properties": {k: [str(v) for v in vs] for k, vs in example.properties.items()},
            },
        }
    return {
        "responses": responses,
        "matcher": {"name": "corridor", "threshold": cutoff},
        "limit": limit,
    }
