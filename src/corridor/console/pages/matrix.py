"""The partners' matrix on a date: operators by jurisdiction, each cell linked to its evidence,
gaps and disagreements marked, CSV and JSON downloads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from corridor.blacklist.matrix import COLUMN_TITLES, COLUMNS, to_csv
from corridor.console.web import EngineDep, UserDep, render
from corridor.model.time import utcnow
from corridor.services import blacklist, cases

router = APIRouter(include_in_schema=False)


@router.get("/matrix")
def matrix(request: Request, engine: EngineDep, user: UserDep, as_of: str = "") -> HTMLResponse:
    when = as_of or utcnow().date().isoformat()
    rows = blacklist.matrix(engine, when)
    context = {
        "rows": rows,
        "as_of": when,
        "columns": COLUMNS,
        "titles": COLUMN_TITLES,
        "gaps": sum(1 for r in rows if r.gap),
        "disagreements": sum(1 for r in rows if r.disagreements),
    }
    return render(request, "matrix.html", context, user=user)


@router.get("/matrix.csv")
def matrix_csv(engine: EngineDep, user: UserDep, as_of: str) -> PlainTextResponse:
    rows = blacklist.matrix(engine, as_of)
    headers = {"Content-Disposition": f'attachment; filename="matrix-{as_of}.csv"'}
    return PlainTextResponse(to_csv(rows), media_type="text/csv", headers=headers)


@router.get("/matrix.json")
def matrix_json(engine: EngineDep, user: UserDep, as_of: str) -> dict[str, Any]:
    rows = blacklist.matrix(engine, as_of)
    return {"as_of": cases.parse_when(as_of).isoformat(), "rows": [r.to_dict() for r in rows]}
