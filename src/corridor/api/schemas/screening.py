"""Bodies of yente's match API (``POST /match/{dataset}``) as corridor answers it."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from corridor.api.schemas.base import ApiModel


class FtmResult(ApiModel):
    """A scored FtM entity, with corridor's explanation of every feature."""

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str]
    target: bool
    first_seen: str | None
    last_seen: str | None
    last_change: str | None
    score: float
    match: bool
    features: dict[str, float]
    explanations: dict[str, dict[str, Any]]
    in_force: bool | None


class Total(ApiModel):
    value: int
    relation: str


class QueryEcho(ApiModel):
    id: str | None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]


class MatchResponse(ApiModel):
    status: int
    results: list[FtmResult]
    total: Total
    query: QueryEcho


class Matcher(ApiModel):
    name: str
    threshold: float


class MatchResults(ApiModel):
    responses: dict[str, MatchResponse]
    matcher: Matcher
    limit: int
