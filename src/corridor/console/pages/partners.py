"""Partners: the register, and one partner's card (engagements, commitments with whether they
held, route measures, humanitarian records, operators registered there) with its timeline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from corridor.console.web import EngineDep, SettingsDep, UserDep, render
from corridor.services import partner_outcomes
from corridor.services import partners as service

router = APIRouter(include_in_schema=False)


@router.get("/partners")
def partners(request: Request, engine: EngineDep, user: UserDep, role: str = "") -> HTMLResponse:
    rows = service.list_partners(engine, role=role or None)
    return render(request, "partners.html", {"rows": rows, "role": role}, user=user)


@router.get("/partners/{partner_id}")
def partner(
    request: Request, partner_id: str, engine: EngineDep, settings: SettingsDep, user: UserDep
) -> HTMLResponse:
    found = partner_outcomes.outcomes(engine, settings, partner=partner_id)
    card = service.partner_card(engine, partner_id, outcomes=[o.to_dict() for o in found])
    chart = service.timeline(engine, partner_id)["chart"]
    return render(request, "partner.html", {"card": card, "chart": chart}, user=user)
