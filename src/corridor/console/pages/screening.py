"""Screening: one name or code with optional facts, hits with their reasons, listing periods and
snapshot, four-eyes decisions on hits, and batch upload with progress and download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response

from corridor.api.routers.screening import get_cache
from corridor.console.web import (
    EngineDep,
    SettingsDep,
    UserDep,
    check_csrf,
    render,
    see_other,
    url,
)
from corridor.exc import Forbidden, InvalidData, NotFound
from corridor.model import EntityType
from corridor.model.time import to_datetime
from corridor.screening.decisions import VERDICTS
from corridor.screening.result import Query
from corridor.services.hit_decisions import decide_hit, decisions_on, review_hit_decision
from corridor.services.screening import IndexCache, screen_store
from corridor.services.screening_jobs import BatchJob, start_batch

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


# The screening index of the API's ``/screen``: one per app, kept on disk per store revision.
CacheDep = Annotated[IndexCache, Depends(get_cache)]


def _jobs(request: Request) -> dict[str, BatchJob]:
    jobs = getattr(request.app.state, "console_batch_jobs", None)
    if not isinstance(jobs, dict):
        jobs = request.app.state.console_batch_jobs = {}
    return jobs


@router.get("/screening")
def screening(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    user: UserDep,
    cache: CacheDep,
    q: str = "",
    type: str = "",
    country: str = "",
    dob: str = "",
    identifier: str = "",
    as_of: str = "",
) -> HTMLResponse:
    form = {"q": q, "type": type, "country": country, "dob": dob, "identifier": identifier,
            "as_of": as_of}  # fmt: skip
    context: dict[str, object] = {"form": form, "types": [t.value for t in EntityType],
                                  "verdicts": VERDICTS, "result": None}  # fmt: skip
    if q.strip():
        try:
            etype = EntityType(type) if type else None
        except ValueError:
            raise InvalidData.at(f"unknown type {type!r}", field="type") from None
        when = None
        if as_of:
            try:
                when = to_datetime(as_of)
            except ValueError:
                raise InvalidData.at(f"cannot read {as_of!r} as a date", field="as_of") from None
        query = Query(
            id="1",
            names=(q.strip(),),
            type=etype,
            countries=(country.strip().lower(),) if country.strip() else (),
            birth_dates=(dob.strip(),) if dob.strip() else (),
            identifiers=(identifier.strip(),) if identifier.strip() else (),
        )
        (result,) = screen_store(
            engine, [query], threshold=settings.screen_threshold, as_of=when, limit=10,
            cache=cache,
        )  # fmt: skip
        context["result"] = result
        context["decisions"] = decisions_on(engine, q, [h.entity_id for h in result.hits])
        context["threshold"] = settings.screen_threshold
    template = "_hits.html" if request.headers.get("hx-target") == "results" else "screening.html"
    return render(request, template, context, user=user)


@router.post("/screening/decisions")
def decide(
    request: Request,
    engine: EngineDep,
    user: UserDep,
    query: Annotated[str, Form()],
    entity_id: Annotated[str, Form()],
    verdict: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    decide_hit(engine, user, query, entity_id, verdict, note)
    return see_other(url("/screening", q=query) + f"#hit-{entity_id}", request)


@router.post("/screening/decisions/{decision_id}/review")
def review(
    request: Request,
    decision_id: int,
    engine: EngineDep,
    user: UserDep,
    agree: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    decision = review_hit_decision(engine, user, decision_id, agree=agree == "yes", note=note)
    return see_other(url("/screening", q=decision.query) + f"#hit-{decision.entity_id}", request)


@router.post("/screening/batch")
async def batch_upload(
    request: Request,
    settings: SettingsDep,
    user: UserDep,
    cache: CacheDep,
    file: UploadFile,
    as_of: Annotated[str, Form()] = "",
) -> HTMLResponse:
    content = await file.read()
    when = to_datetime(as_of) if as_of else None
    job = start_batch(
        settings.home / "console" / "batch", user.name, file.filename or "upload.csv", content,
        cache, threshold=settings.screen_threshold, as_of=when,
    )  # fmt: skip
    _jobs(request)[job.id] = job
    return render(request, "_batch.html", {"job": job}, user=user)


def _job(request: Request, job_id: str, user: UserDep) -> BatchJob:
    job = _jobs(request).get(job_id)
    if job is None:
        raise NotFound(f"no batch job {job_id} (jobs last until the server restarts)")
    if job.owner != user.name:
        raise Forbidden(f"batch job {job_id} belongs to {job.owner}")
    return job


@router.get("/screening/batch/{job_id}")
def batch_progress(request: Request, job_id: str, user: UserDep) -> HTMLResponse:
    return render(request, "_batch.html", {"job": _job(request, job_id, user)}, user=user)


@router.get("/screening/batch/{job_id}/hits.{fmt}")
def batch_download(request: Request, job_id: str, fmt: str, user: UserDep) -> FileResponse:
    job = _job(request, job_id, user)
    if fmt not in ("csv", "jsonl") or job.status != "finished":
        raise NotFound(f"batch job {job_id} has no {fmt} results (status {job.status})")
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    stem = job.filename.rsplit(".", 1)[0]
    return FileResponse(job.output(f".{fmt}"), media_type=media, filename=f"{stem}-hits.{fmt}")
