"""yente-compatible routes: ``/match/{dataset}``, ``/search/{dataset}``, ``/entities/{id}``,
``/catalog``, ``/algorithms``. Request and response shapes are yente 5.5's (checked against
yente's own pydantic models in the tests); the work is in :mod:`corridor.services.yente`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from corridor.api.deps import get_engine, get_settings
from corridor.api.schemas.yente import (
    Algorithms,
    Catalog,
    EntityOut,
    MatchResponse,
    SearchResponse,
)
from corridor.services.screening import IndexCache, index_cache
from corridor.services.yente import (
    DEFAULT_CUTOFF,
    MAX_LIMIT,
    MatchParams,
    YenteService,
    algorithms,
)
from corridor.settings import Settings

router = APIRouter(tags=["yente"])

DATASET = Path(
    description="A source (`ofac_sdn`, `ftm_zala`...) or a collection of all of them "
    "(`default`, `sanctions`, `all`).",
    examples=["default"],
)


def get_service(request: Request, settings: Settings = Depends(get_settings)) -> YenteService:
    engine = get_engine(request)
    cache = getattr(request.app.state, "screening_cache", None)
    if not isinstance(cache, IndexCache):  # the same index /screen uses
        cache = index_cache(settings, engine)
        request.app.state.screening_cache = cache
    return YenteService(engine, cache, settings.screen_threshold)


class EntityExample(BaseModel):
    """A FollowTheMoney query entity; a property's value may be a string or a list."""

    id: str | None = None
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ..., examples=[{"firstName": ["Alexander"], "lastName": ["Lukashenko"]}]
    )

    model_config = {"populate_by_name": True}


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    queries: dict[str, EntityExample]


@router.post("/match/{dataset}", response_model=MatchResponse, response_model_by_alias=True)
def match(
    body: EntityMatchQuery,
    response: Response,
    dataset: str = DATASET,
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="Results per query."),
    threshold: float | None = Query(
        None, ge=0.0, le=1.0, description="Score a result needs for `match: true`."
    ),
    cutoff: float = Query(
        DEFAULT_CUTOFF, ge=0.0, le=1.0, description="Results scoring at or under this are left out."
    ),
    algorithm: str = Query("best", description="`corridor` (also `best`)."),
    include_dataset: list[str] = Query([]),
    exclude_dataset: list[str] = Query([]),
    exclude_schema: list[str] = Query([]),
    exclude_entity_ids: list[str] = Query([], max_length=50),
    topics: list[str] = Query([]),
    fuzzy: bool = Query(False, description="Accepted for yente clients; not used."),
    service: YenteService = Depends(get_service),
) -> dict[str, Any]:
    """yente's matching API: FtM query entities in, scored FtM entities out, each with
    `match`, `score` and `explanations` (nomenklatura's FeatureResult); corridor adds `snapshot`
    and each explanation's `weight`."""
    queries = {k: v.model_dump(by_alias=True) for k, v in body.queries.items()}
    params = MatchParams(
        limit=limit,
        threshold=service.threshold if threshold is None else threshold,
        cutoff=cutoff,
        algorithm=algorithm,
        include_dataset=include_dataset,
        exclude_dataset=exclude_dataset,
        exclude_schema=exclude_schema,
        exclude_entity_ids=exclude_entity_ids,
        topics=topics,
        config=body.config,
    )
    result = service.match(dataset, queries, params)
    response.headers["x-batch-size"] = str(len(result["responses"]))
    return result


@router.get("/search/{dataset}", response_model=SearchResponse, response_model_by_alias=True)
def search(
    dataset: str = DATASET,
    q: str = Query("", description="Name to look for; empty lists every entity."),
    schema: str = Query("Thing", description="Only entities of this FtM schema."),
    countries: list[str] = Query([]),
    include_dataset: list[str] = Query([]),
    exclude_dataset: list[str] = Query([]),
    exclude_schema: list[str] = Query([]),
    limit: int = Query(10, ge=0, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=9499),
    service: YenteService = Depends(get_service),
) -> dict[str, Any]:
    """yente's simple search: entities whose names are like `q`, with facets."""
    return service.search(
        dataset,
        q,
        schema=schema,
        countries=countries,
        include_dataset=include_dataset,
        exclude_dataset=exclude_dataset,
        exclude_schema=exclude_schema,
        limit=limit,
        offset=offset,
    )


@router.get("/entities/{entity_id}", response_model=EntityOut, response_model_by_alias=True)
def entity(
    entity_id: str = Path(..., description="corridor id (`ofac_sdn-44541`) or its FtM form."),
    nested: bool = Query(True, description="Include the listings as nested Sanction entities."),
    service: YenteService = Depends(get_service),
) -> dict[str, Any]:
    """One entry as an FtM entity (yente's EntityResponse), with corridor's view of it (its
    stored form, listing history per jurisdiction, value history) in extra keys."""
    return service.entity(entity_id, nested=nested)


@router.get("/catalog", response_model=Catalog)
def catalog(service: YenteService = Depends(get_service)) -> dict[str, Any]:
    """The datasets (corridor's sources) and the collections that hold them, as yente lists
    them."""
    return service.catalog()


@router.get("/algorithms", response_model=Algorithms)
def list_algorithms() -> dict[str, Any]:
    """The scoring algorithm corridor implements, its features and weights."""
    return algorithms()
