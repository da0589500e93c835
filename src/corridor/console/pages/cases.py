"""Cases under COM(2021) 753: the list, opening one, and the case page with its lifecycle
timeline, deadlines, evidence (with spans) and the actions this user's role allows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from corridor.blacklist.case import CaseState
from corridor.blacklist.measure import Measure, MeasureKind, Mode
from corridor.blacklist.steps import deadlines, steps, timeline
from corridor.console.web import (
    CaseReader,
    EngineDep,
    UserDep,
    check_csrf,
    render,
    see_other,
    url,
)
from corridor.model.time import utcnow
from corridor.services import blacklist, cases

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/cases")
def case_list(
    request: Request, engine: EngineDep, user: CaseReader, state: str = ""
) -> HTMLResponse:
    states = [CaseState(state)] if state in {s.value for s in CaseState} else None
    operators = {op.id: op for op in blacklist.list_operators(engine)}
    context = {
        "cases": cases.list_cases(engine, states=states),
        "operators": operators,
        "states": [s.value for s in CaseState],
        "state": state,
    }
    return render(request, "cases.html", context, user=user)


@router.post("/cases")
def open_case(
    request: Request,
    engine: EngineDep,
    user: UserDep,
    operator: Annotated[str, Form()],
    reason: Annotated[str, Form()],
) -> Response:
    case = cases.open_case(engine, user, operator, reason)
    return see_other(url(f"/cases/{case.id}"), request)


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: str, engine: EngineDep, user: CaseReader) -> HTMLResponse:
    file = cases.case_file(engine, case_id)
    case = cases.get_case(engine, case_id)
    now = utcnow()
    context = {
        "file": file,
        "case": case,
        "timeline": timeline(case),
        "deadlines": deadlines(case, now),
        "steps": steps(case, user, now),
        "kinds": [k.value for k in MeasureKind],
        "modes": [m.value for m in Mode],
        "today": now.date().isoformat(),
    }
    return render(request, "case.html", context, user=user)


@router.post("/cases/{case_id}/act")
def act(
    request: Request,
    case_id: str,
    engine: EngineDep,
    user: UserDep,
    action: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    version: Annotated[int | None, Form()] = None,
    deadline: Annotated[str, Form()] = "",
    kinds: Annotated[list[str] | None, Form()] = None,
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    modes: Annotated[list[str] | None, Form()] = None,
    routes: Annotated[str, Form()] = "",
    places: Annotated[str, Form()] = "",
) -> Response:
    measure = None
    if kinds or start or end:
        measure = Measure.from_dict(
            {
                "kinds": kinds or [],
                "start": start,
                "end": end,
                "modes": modes or ["air"],
                "routes": [r.strip() for r in routes.split(",") if r.strip()],
                "places": [p.strip() for p in places.split(",") if p.strip()],
            }
        )
    cases.transition(
        engine,
        user,
        case_id,
        action,
        reason,
        expected_version=version,
        reply_deadline=cases.parse_when(deadline, "deadline") if deadline else None,
        measure=measure,
    )
    return see_other(url(f"/cases/{case_id}"), request)


@router.post("/cases/{case_id}/evidence")
def add_evidence(
    request: Request,
    case_id: str,
    engine: EngineDep,
    user: UserDep,
    claim: Annotated[str, Form()],
    document: Annotated[str, Form()],
    span: Annotated[str, Form()] = "",
    address: Annotated[str, Form()] = "",
) -> Response:
    cases.add_evidence(
        engine, user, case_id, claim=claim, document=document, span=span or None,
        url=address or None,
    )  # fmt: skip
    return see_other(url(f"/cases/{case_id}") + "#evidence", request)
