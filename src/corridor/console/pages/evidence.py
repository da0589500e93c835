"""Evidence review: the queue of claims, a claim with its span highlighted in the article and
its reading editable, accept / correct / reject, attach to a case, promote a figure to flows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from corridor.blacklist.case import CaseState
from corridor.console.web import (
    EngineDep,
    EvidenceReader,
    SettingsDep,
    UserDep,
    check_csrf,
    render,
    see_other,
    url,
)
from corridor.evidence.claim import KINDS, STATUSES
from corridor.services import cases
from corridor.services.claim_review import (
    attach_claim,
    claim_queue,
    claim_view,
    decide_claim,
    promote,
)

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
# Cases a claim may still be attached to.
OPEN_STATES: list[CaseState] = [
    s for s in CaseState
    if s not in (CaseState.CLOSED, CaseState.EXPIRED, CaseState.REPEALED, CaseState.LAPSED)
]  # fmt: skip


@router.get("/evidence")
def queue(
    request: Request,
    engine: EngineDep,
    user: EvidenceReader,
    status: str = "pending",
    kind: str = "",
) -> HTMLResponse:
    context = {
        "items": claim_queue(engine, status=status if status != "all" else None, kind=kind),
        "status": status,
        "kind": kind,
        "statuses": STATUSES,
        "kinds": KINDS,
    }
    return render(request, "evidence.html", context, user=user)


@router.get("/evidence/claims/{claim_id}")
def claim_page(
    request: Request, claim_id: str, engine: EngineDep, settings: SettingsDep, user: EvidenceReader
) -> HTMLResponse:
    context = {
        "view": claim_view(engine, settings, claim_id),
        "cases": cases.list_cases(engine, states=OPEN_STATES),
    }
    return render(request, "claim.html", context, user=user)


@router.post("/evidence/claims/{claim_id}/review")
async def review(request: Request, claim_id: str, engine: EngineDep, user: UserDep) -> Response:
    form = await request.form()
    action = str(form.get("action", ""))
    note = str(form.get("note", "")) or None
    fields = {str(k)[6:]: str(v) for k, v in form.items() if str(k).startswith("value.")}
    decide_claim(engine, user, claim_id, action, note=note, fields=fields)
    return see_other(url(f"/evidence/claims/{claim_id}"), request)


@router.post("/evidence/claims/{claim_id}/attach")
def attach(
    request: Request,
    claim_id: str,
    engine: EngineDep,
    user: UserDep,
    case_id: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    attach_claim(engine, user, claim_id, case_id, note or None)
    return see_other(url(f"/cases/{case_id}") + "#evidence", request)


@router.post("/evidence/claims/{claim_id}/promote")
def promote_figure(
    request: Request, claim_id: str, engine: EngineDep, settings: SettingsDep, user: UserDep
) -> Response:
    promote(engine, settings, user, claim_id)
    return see_other(url(f"/evidence/claims/{claim_id}"), request)
