"""``/partners``: the partners register, a partner's card and timeline, commitments and whether
they held. Every route declares its response model; every row carries its source."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.api.routers.blacklist import UserDep
from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.partners.model import CommitmentStatus
from corridor.services import partner_outcomes, partner_promote
from corridor.services import partners as service
from corridor.settings import Settings

router = APIRouter(prefix="/partners", tags=["partners"])
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _promoter(user: UserDep) -> User:
    user.require(ACTION_ROLES["promote_claim"], "promote claims to the partners register")
    return user


Promoter = Annotated[User, Depends(_promoter)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class PartnerOut(_Open):
    id: str
    name: str
    kind: str
    country: str | None
    roles: list[str]
    members: list[str]
    note: str


class PartnerRow(PartnerOut):
    engagements: int
    commitments: int


class SourcedRow(_Open):
    id: str
    source: str
    source_url: str | None
    publisher: str
    published: dt.date | None
    source_file: str | None
    inferred: str
    provenance: str


class EngagementOut(SourcedRow):
    date: dt.date
    date_precision: str
    partners: list[str]
    kind: str
    eu_actor: str
    counterpart: str
    place: str
    asked: str
    outcome: str
    disputed_by: list[str] = []


class CommitmentOut(SourcedRow):
    partner: str
    actor: str
    kind: str
    summary: str
    words_ref: str | None
    words: str | None = None
    announced: dt.date | None
    in_effect_from: dt.date | None
    ended: dt.date | None
    status: CommitmentStatus
    status_basis: str
    measures: list[str]
    measure_titles: dict[str, str]
    engagements: list[str]
    nationalities: list[str]
    indicator: str
    disputed_by: list[str] = []


class HumanitarianOut(SourcedRow):
    date: dt.date
    period_end: dt.date | None
    place: str
    country: str
    kind: str
    organisation: str
    value: float | None
    unit: str
    approximate: bool
    summary: str


class MonthValue(BaseModel):
    month: str
    value: float


class ImpactOut(BaseModel):
    level_ratio: float
    level_ratio_low: float
    level_ratio_high: float
    trend_change: float
    p_value: float
    points_before: int
    points_after: int
    explanation: str


class OutcomeOut(BaseModel):
    commitment_id: str
    indicator: str
    series: str
    effective: dt.date | None
    verdict: str
    flagged: bool
    reason: str
    before: MonthValue | None
    after: MonthValue | None
    after_low: float | None
    after_high: float | None
    change: float | None
    impact: ImpactOut | None
    caveats: list[str]
    sources: list[str]


class MeasureLink(BaseModel):
    id: str
    title: str
    commitments: list[str]


class PartnerCard(BaseModel):
    partner: PartnerOut
    carriers: list[PartnerOut]
    engagements: list[EngagementOut]
    commitments: list[CommitmentOut]
    measures: list[MeasureLink]
    outcomes: list[OutcomeOut]
    humanitarian: list[HumanitarianOut]
    operators: list[dict[str, Any]]


class TimelineEventOut(BaseModel):
    date: dt.date
    kind: str
    ref: str
    title: str
    source: str
    inferred: str


class TimelineOut(BaseModel):
    partner: PartnerOut
    events: list[TimelineEventOut]
    chart: dict[str, Any]


class OutcomeSummary(BaseModel):
    commitments: int
    verdicts: dict[str, int]
    flagged: list[str]
    as_of: dt.date


class OutcomesOut(BaseModel):
    summary: OutcomeSummary
    outcomes: list[OutcomeOut]


class LoadOut(BaseModel):
    source: str
    sha256: str
    counts: dict[str, int]


class PromotionOut(BaseModel):
    claim_id: str
    status: str
    engagement: EngagementOut


def _outcome_dicts(
    engine: Engine, settings: Settings, *, year: int | None = None, partner: str | None = None
) -> list[dict[str, Any]]:
    return [
        o.to_dict() for o in partner_outcomes.outcomes(engine, settings, year=year, partner=partner)
    ]


@router.get("", response_model=list[PartnerRow], summary="Partners with roles and counts")
def get_partners(engine: EngineDep, role: str | None = None) -> list[dict[str, Any]]:
    return service.list_partners(engine, role=role)


@router.get("/commitments", response_model=list[CommitmentOut], summary="Commitments by status")
def get_commitments(
    engine: EngineDep,
    status: Annotated[list[CommitmentStatus] | None, Query()] = None,
    partner: str | None = None,
) -> list[dict[str, Any]]:
    """Commitments (of a partner, in some statuses), with measures and sources."""
    return service.list_commitments(engine, status=status, partner=partner)


@router.get("/outcomes", response_model=OutcomesOut, summary="Did the commitments hold?")
def get_outcomes(
    engine: EngineDep, settings: SettingsDep, year: int | None = None, partner: str | None = None
) -> dict[str, Any]:
    """The indicator in the 30 days after each commitment, the interval and caveats; flagged
    when it did not clearly move or there is no data."""
    found = partner_outcomes.outcomes(engine, settings, year=year, partner=partner)
    return {
        "summary": partner_outcomes.outcome_summary(found),
        "outcomes": [o.to_dict() for o in found],
    }


@router.get(
    "/measures/{measure_id}",
    response_model=list[CommitmentOut],
    summary="The commitments a route measure implements",
)
def get_measure_commitments(measure_id: str, engine: EngineDep) -> list[dict[str, Any]]:
    return service.commitments_for_measure(engine, measure_id)


@router.post("/load", response_model=LoadOut, summary="Reload the bundled reviewed register")
def post_load(engine: EngineDep, user: Promoter) -> dict[str, Any]:
    """Replace the reviewed rows with the bundled files (promoted engagements stay)."""
    return service.load_register(engine).to_dict()


@router.post(
    "/promote/{claim_id}",
    response_model=PromotionOut,
    summary="A reviewed diplomacy claim becomes an engagement",
)
def post_promote(claim_id: str, engine: EngineDep, user: Promoter) -> dict[str, Any]:
    result = partner_promote.promote_claim(engine, claim_id)
    data = result.to_dict()
    data["engagement"]["source"] = result.engagement.source.label
    return data


@router.get("/{partner_id}/timeline", response_model=TimelineOut, summary="A partner's timeline")
def get_timeline(partner_id: str, engine: EngineDep) -> dict[str, Any]:
    """Dated events and a Vega-Lite chart of them."""
    return service.timeline(engine, partner_id)


@router.get("/{partner_id}", response_model=PartnerCard, summary="Everything about one partner")
def get_partner(
    partner_id: str, engine: EngineDep, settings: SettingsDep, outcomes: bool = True
) -> dict[str, Any]:
    """Engagements, commitments, measures, outcome indicators, humanitarian records and
    operators registered in the country, each with its source."""
    found = _outcome_dicts(engine, settings, partner=partner_id) if outcomes else []
    return service.partner_card(engine, partner_id, outcomes=found)
