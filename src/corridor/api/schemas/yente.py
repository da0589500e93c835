"""Bodies of the yente-compatible routes, as yente 5.5 shapes them (``EntityResponse``,
``ScoredEntityResponse``, ``EntityMatchResponse``, ``SearchResponse``, ``DataCatalogModel``,
``AlgorithmResponse``) plus the keys corridor adds where yente's models ignore extras."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from corridor.api.schemas.base import ApiModel, IsoDateTime


class FtmEntity(ApiModel):
    """An FtM entity in yente's JSON form."""

    id: str = Field(description="FtM id: corridor's id with dots for underscores")
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[Any]] = Field(
        description="FtM property values; with ?nested=true, `sanctions` holds Sanction entities"
    )
    datasets: list[str]
    referents: list[str]
    target: bool
    first_seen: IsoDateTime | None
    last_seen: IsoDateTime | None
    last_change: IsoDateTime | None


class Explanation(ApiModel):
    """nomenklatura's FeatureResult, with corridor's weight of the feature."""

    score: float
    detail: str | None
    query: str | None
    candidate: str | None
    weight: float = Field(description="corridor: the feature's weight (score x weight adds up)")


class ScoredEntity(FtmEntity):
    score: float
    match: bool = Field(description="score reaches the threshold")
    explanations: dict[str, Explanation]
    snapshot: str | None = Field(description="corridor: the list snapshot the entry comes from")


class Total(ApiModel):
    value: int
    relation: str


class QueryEcho(ApiModel):
    id: str | None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]] = Field(description="the query as FtM cleaned it")


class EntityMatches(ApiModel):
    status: int
    results: list[ScoredEntity]
    total: Total = Field(description="matches (score >= threshold) before the limit")
    query: QueryEcho


class MatchResponse(ApiModel):
    responses: dict[str, EntityMatches]
    limit: int


class FacetValue(ApiModel):
    name: str
    label: str
    count: int


class Facet(ApiModel):
    label: str
    values: list[FacetValue]


class SearchResponse(ApiModel):
    results: list[FtmEntity]
    facets: dict[str, Facet]
    total: Total
    limit: int
    offset: int


class ListingOut(ApiModel):
    source: str
    listed_from: IsoDateTime
    listed_until: IsoDateTime | None
    basis: str
    from_snapshot: str | None
    until_snapshot: str | None
    in_force: bool


class StatementOut(ApiModel):
    prop: str
    value: str
    original_value: str | None
    first_seen: IsoDateTime
    last_seen: IsoDateTime
    last_snapshot: str


class CorridorView(ApiModel):
    """corridor's own view of the entry (one extra key, ignored by yente's models)."""

    active: bool
    listing: dict[str, list[ListingOut]] = Field(description="listing periods per jurisdiction")
    entity: dict[str, Any] = Field(description="the stored entry with its provenance")
    statements: list[StatementOut] = Field(description="every value, first and last seen")


class EntityOut(FtmEntity):
    corridor: CorridorView


class DatasetOut(ApiModel):
    name: str
    title: str
    summary: str | None = None
    updated_at: IsoDateTime | None = None
    last_export: IsoDateTime | None = None
    entity_count: int | None = None
    thing_count: int | None = None
    version: str | None = None
    index_version: str | None = None
    load: bool
    category: str | None = None
    tags: list[str] = Field(default_factory=list)
    children: list[str] = Field(default_factory=list)


class Catalog(ApiModel):
    datasets: list[DatasetOut]
    current: list[str]
    outdated: list[str]
    index_stale: bool


class FeatureDoc(ApiModel):
    description: str | None
    coefficient: float
    url: str


class AlgorithmDocs(ApiModel):
    name: str
    description: str | None
    config: dict[str, Any]
    features: dict[str, FeatureDoc]


class Algorithm(ApiModel):
    name: str
    description: str | None
    features: dict[str, FeatureDoc]
    docs: AlgorithmDocs


class Algorithms(ApiModel):
    algorithms: list[Algorithm]
    default: str
    best: str
