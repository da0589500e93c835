"""The operator blacklist over HTTP: operators, cases, evidence, matrix, publication, audit.

Writes need ``Authorization: Bearer <token>``; the user's role decides what they may do.
Errors become statuses in :mod:`corridor.api.errors` only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.api.schemas import blacklist as out
from corridor.blacklist.matrix import to_csv
from corridor.blacklist.measure import Measure
from corridor.blacklist.publication import render
from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.services import blacklist as service
from corridor.services import cases
from corridor.settings import Settings

router = APIRouter(tags=["blacklist"])

EngineDep = Annotated[Engine, Depends(get_engine)]


def current_user(
    engine: EngineDep,
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header()] = None,
) -> User:
    token = None
    if authorization is not None and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    return service.authenticate(engine, token, settings.secret)


UserDep = Annotated[User, Depends(current_user)]


def case_reader(user: UserDep) -> User:
    """The authenticated user, if their role may read case files (every role may)."""
    user.require(ACTION_ROLES["read_cases"], "read case files")
    return user


ReaderDep = Annotated[User, Depends(case_reader)]


class MeasureBody(BaseModel):
    kinds: list[str] = Field(min_length=1)
    start: datetime
    end: datetime
    modes: list[str] = ["air"]
    places: list[str] = []
    routes: list[str] = []

    def to_measure(self) -> Measure:
        return Measure.from_dict(self.model_dump(mode="json"))


class OpenCaseBody(BaseModel):
    operator: str
    reason: str


class TransitionBody(BaseModel):
    action: str
    reason: str
    version: int | None = Field(None, description="The version you read; 409 if it changed.")
    when: datetime | None = None
    reply_deadline: datetime | None = None
    measure: MeasureBody | None = None


class EvidenceBody(BaseModel):
    claim: str
    document: str
    span: str | None = None
    url: str | None = None


class LinkBody(BaseModel):
    entity_id: str
    confirm: bool
    reason: str


@router.get("/operators", summary="Operators in the register")
def list_operators(engine: EngineDep) -> list[out.OperatorOut]:
    return [out.OperatorOut.model_validate(op.to_dict()) for op in service.list_operators(engine)]


@router.get("/operators/{ref}", summary="One operator with curated records, links and cases")
def get_operator(ref: str, engine: EngineDep, _user: ReaderDep) -> out.OperatorDetail:
    return out.OperatorDetail.model_validate(service.get_operator(engine, ref))


@router.post("/operators/{ref}/links", status_code=204, summary="Review a list-entry match")
def review_link(ref: str, body: LinkBody, engine: EngineDep, user: UserDep) -> Response:
    service.review_link(engine, user, ref, body.entity_id, confirm=body.confirm, reason=body.reason)
    return Response(status_code=204)


@router.post("/cases", status_code=201, summary="Open a case against an operator")
def open_case(body: OpenCaseBody, engine: EngineDep, user: UserDep) -> out.CaseOut:
    return out.CaseOut.model_validate(
        cases.open_case(engine, user, body.operator, body.reason).to_dict()
    )


@router.get("/cases", summary="All cases")
def list_cases(engine: EngineDep, _user: ReaderDep) -> list[out.CaseOut]:
    return [out.CaseOut.model_validate(c.to_dict()) for c in cases.list_cases(engine)]


@router.get("/cases/due", summary="Measures expiring and reply deadlines passing soon")
def cases_due(
    engine: EngineDep, _user: ReaderDep, within_days: Annotated[int, Query(ge=0, le=36_500)] = 30
) -> list[out.DueOut]:
    return [out.DueOut.model_validate(d) for d in cases.due(engine, timedelta(days=within_days))]


@router.get("/cases/{case_id}", summary="The case file: case, operator, evidence, audit")
def case_file(case_id: str, engine: EngineDep, _user: ReaderDep) -> out.CaseFile:
    return out.CaseFile.model_validate(cases.case_file(engine, case_id))


@router.post("/cases/{case_id}/transitions", summary="Move a case one step")
def transition(case_id: str, body: TransitionBody, engine: EngineDep, user: UserDep) -> out.CaseOut:
    case = cases.transition(
        engine,
        user,
        case_id,
        body.action,
        body.reason,
        expected_version=body.version,
        when=body.when,
        reply_deadline=body.reply_deadline,
        measure=None if body.measure is None else body.measure.to_measure(),
    )
    return out.CaseOut.model_validate(case.to_dict())


@router.post("/cases/{case_id}/evidence", status_code=201, summary="Attach an evidence item")
def add_evidence(
    case_id: str, body: EvidenceBody, engine: EngineDep, user: UserDep
) -> out.EvidenceAdded:
    item = cases.add_evidence(
        engine,
        user,
        case_id,
        claim=body.claim,
        document=body.document,
        span=body.span,
        url=body.url,
    )
    return out.EvidenceAdded(id=item, case_id=case_id)


@router.get(
    "/matrix",
    summary="The partners' matrix on a date",
    response_model=out.Matrix,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def matrix(
    engine: EngineDep,
    as_of: Annotated[str, Query(description="Date or instant (ISO 8601, UTC).")],
    format: Literal["json", "csv"] = "json",
) -> out.Matrix | PlainTextResponse:
    rows = service.matrix(engine, as_of)
    if format == "csv":
        return PlainTextResponse(to_csv(rows), media_type="text/csv")
    return out.Matrix.model_validate(
        {"as_of": cases.parse_when(as_of).isoformat(), "rows": [r.to_dict() for r in rows]}
    )


@router.post("/blacklist/publish", status_code=201, summary="Publish the next version")
def publish(
    engine: EngineDep, user: UserDep, settings: Annotated[Settings, Depends(get_settings)]
) -> out.Publication:
    """Only a production installation publishes official versions; others are marked DEMO."""
    content = service.publish(engine, user, official=settings.env == "production")
    return out.Publication.model_validate(content)


_RENDERED = ("text/csv", "application/x-ndjson", "text/html")


@router.get(
    "/blacklist/versions/{number}",
    summary="A published version",
    response_model=out.Publication,
    responses={200: {"content": {m: {"schema": {"type": "string"}} for m in _RENDERED}}},
)
def get_version(
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    engine: EngineDep,
    format: Literal["json", "csv", "ftm", "html"] = "json",
) -> out.Publication | Response:
    content = service.get_publication(engine, number)
    if format == "json":
        return out.Publication.model_validate(content)
    media = {"csv": "text/csv", "ftm": "application/x-ndjson", "html": "text/html"}[format]
    return Response(render(content, format), media_type=media)


@router.get("/blacklist/diff", summary="Operators added, removed and changed between versions")
def diff(
    engine: EngineDep,
    a: Annotated[int, Query(ge=1, le=2**31 - 1)],
    b: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> out.VersionDiff:
    return out.VersionDiff.model_validate(service.diff(engine, a, b))


@router.get("/audit/verify", summary="Verify the audit chain (auditors, decision makers)")
def verify(engine: EngineDep, user: UserDep) -> out.Verification:
    user.require(ACTION_ROLES["read_audit"], "read the audit log")
    return out.Verification.model_validate(service.verify_audit(engine).to_dict())
