"""The home page: what waits for the signed-in user (decisions to confirm, deadlines, claims)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from corridor.console.web import EngineDep, UserDep, render
from corridor.services import cases, evidence
from corridor.services.hit_decisions import list_hit_decisions

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, engine: EngineDep, user: UserDep) -> HTMLResponse:
    pending = [d for d in list_hit_decisions(engine, status="pending") if d.decided_by != user.name]
    context = {
        "pending_hits": pending,
        "due": cases.due(engine, timedelta(days=30)),
        "cases": cases.list_cases(engine),
        "claims_pending": len(evidence.claims(engine, status="pending")),
    }
    return render(request, "home.html", context, user=user)
