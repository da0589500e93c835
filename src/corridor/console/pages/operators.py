"""The operator register: search and filters, and one operator with its records and cases."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from corridor.console.web import CaseReader, EngineDep, UserDep, render
from corridor.services import blacklist
from corridor.services.register import search_operators

router = APIRouter(include_in_schema=False)


@router.get("/operators")
def operators(
    request: Request,
    engine: EngineDep,
    user: UserDep,
    q: str = "",
    country: str = "",
    role: str = "",
    cases: str = "",
) -> HTMLResponse:
    view = search_operators(engine, text=q, country=country, role=role, with_case=cases == "yes")
    form = {"q": q, "country": country, "role": role, "cases": cases}
    return render(request, "operators.html", {"view": view, "form": form}, user=user)


@router.get("/operators/{ref}")
def operator(request: Request, ref: str, engine: EngineDep, user: CaseReader) -> HTMLResponse:
    return render(request, "operator.html", {"op": blacklist.get_operator(engine, ref)}, user=user)
