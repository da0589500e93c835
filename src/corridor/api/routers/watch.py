"""``/watch``: watchlists (customers, passengers, operators) re-screened against what changed in the
lists since their last run. Keeping and running one needs an analyst's token; reading its last
report any known user's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import Field
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.api.routers.blacklist import UserDep
from corridor.api.schemas.base import ApiModel
from corridor.blacklist.roles import ACTION_ROLES
from corridor.services import watch as service
from corridor.settings import Settings

router = APIRouter(prefix="/watch", tags=["watch"])
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


class WatchEntry(ApiModel):
    """One name or code to watch, with the columns of ``corridor screen --input``."""

    id: str | None = Field(None, max_length=200, description="Your id for the entry")
    name: str = Field(min_length=1, max_length=1000, description="Names, `;`-separated")
    type: str | None = Field(None, max_length=40, description="person, organization, vessel ...")
    country: str | None = Field(None, max_length=200, description="Country codes, `;`-separated")
    dob: str | None = Field(None, max_length=200, description="Dates of birth, `;`-separated")
    identifier: str | None = Field(None, max_length=200, description="Codes, `;`-separated")


class WatchlistIn(ApiModel):
    name: str = Field(min_length=1, max_length=64, description="Letters, digits, `-` and `_`")
    entries: list[WatchEntry] = Field(min_length=1, max_length=100_000)


class WatchlistKept(ApiModel):
    name: str
    entries: int = Field(description="Entries kept; the next run screens them against every list")


class WatchHit(ApiModel):
    query_id: str
    query: str
    entity_id: str
    caption: str
    source: str
    score: float
    snapshot: str | None = Field(description="The list snapshot that caused this change")
    previous_score: float | None = None


class WatchReportOut(ApiModel):
    name: str
    revision: int = Field(description="The list store's revision the run screened against")
    screened: int = Field(description="Watchlist entries screened")
    entries: int = Field(
        description="List entries screened against: those changed since the last run"
    )
    new: list[WatchHit]
    changed: list[WatchHit]
    removed: list[WatchHit]


@router.post("", status_code=201, summary="Keep a watchlist (replaces one of the same name)")
def add_watchlist(body: WatchlistIn, settings: SettingsDep, user: UserDep) -> WatchlistKept:
    user.require(ACTION_ROLES["manage_watchlist"], "keep watchlists")
    rows = [e.model_dump(exclude_none=True) for e in body.entries]
    return WatchlistKept(name=body.name, entries=service.add_rows(settings.home, body.name, rows))


@router.post("/{name}/run", summary="Re-screen a watchlist against what changed since its last run")
def run_watchlist(
    name: str, engine: EngineDep, settings: SettingsDep, user: UserDep
) -> WatchReportOut:
    user.require(ACTION_ROLES["manage_watchlist"], "run watchlists")
    report = service.run(engine, settings.home, name, threshold=settings.screen_threshold)
    return WatchReportOut.model_validate(report.to_dict())


@router.get("/{name}", summary="The report of a watchlist's last run")
def last_report(name: str, settings: SettingsDep, user: UserDep) -> WatchReportOut:
    user.require(ACTION_ROLES["read_watchlist"], "read watchlists")
    report: dict[str, Any] = service.last(settings.home, name)
    return WatchReportOut.model_validate(report)
