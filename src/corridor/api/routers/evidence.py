"""``/evidence``: documents, claims, their review and near-duplicate clusters; reviewed claims
become flows figures (``POST /claims/{id}/figure``) or blacklist case evidence
(``POST /claims/{id}/attach``).

Reads need a known user's token (any role): stored documents and claims name people and
sources. Writes (ingest, review, promotion, attachment) need the blacklist API's bearer
token of a user whose role allows them (``ACTION_ROLES`` in :mod:`corridor.blacklist.roles`), and
the review records that user, not a name the caller types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from corridor.api.deps import get_engine, get_settings
from corridor.api.routers.blacklist import UserDep
from corridor.api.schemas import evidence as out
from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.services import evidence as evidence_service
from corridor.services.evidence import claim_clusters
from corridor.services.promote import figure_row, promote_claim, promoted_figure
from corridor.services.review import as_evidence, attach_to_case, review_claim
from corridor.services.worker import Worker, ingest_in_worker, ingest_options
from corridor.settings import Settings

router = APIRouter(prefix="/evidence", tags=["evidence"])
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def allowed(action: str, what: str) -> Callable[[User], User]:
    """A dependency: the authenticated user, if their role may do ``action``."""

    def dependency(user: UserDep) -> User:
        user.require(ACTION_ROLES[action], what)
        return user

    return dependency


Ingester = Annotated[User, Depends(allowed("ingest_evidence", "ingest documents"))]
Reviewer = Annotated[User, Depends(allowed("review_claim", "review claims"))]
Promoter = Annotated[User, Depends(allowed("promote_claim", "promote claims to flows"))]
Reader = Annotated[User, Depends(allowed("read_evidence", "read stored evidence"))]


class DocumentIn(BaseModel):
    text: str = Field(min_length=1)
    uri: str
    published: str | None = None
    publisher: str | None = None
    title: str | None = None


class ReviewIn(BaseModel):
    action: str = Field(description="accept, correct or reject")
    value: dict[str, Any] | None = None
    note: str | None = None


class AttachIn(BaseModel):
    case_id: str = Field(min_length=1, description="The blacklist case, e.g. case-00001")
    note: str | None = Field(None, description="Why this claim belongs in the case")


@router.post("/documents", status_code=201, summary="Ingest a text and extract its claims")
async def post_document(
    body: DocumentIn, request: Request, engine: EngineDep, settings: SettingsDep, user: Ingester
) -> out.IngestResult:
    """Operators and people found are linked to the loaded lists, as ``evidence ingest`` does.

    The extraction runs in a worker process: the server keeps answering other requests.
    """
    options = ingest_options(
        settings,
        uri=body.uri,
        published=body.published,
        publisher=body.publisher,
        title=body.title,
    )
    worker: Worker = request.app.state.worker
    report = await ingest_in_worker(worker, engine, body.text, options)
    return out.IngestResult(
        document_id=report.document_id, unchanged=report.unchanged, claims=report.claims
    )


@router.get("/documents", summary="Stored documents with hash, title, publisher and date")
def get_documents(engine: EngineDep, _user: Reader) -> list[out.DocumentOut]:
    return [out.DocumentOut.model_validate(d.summary()) for d in evidence_service.documents(engine)]


@router.get(
    "/documents/{document_id}", summary="One stored document: hash, address, title, publisher, date"
)
def get_document(document_id: str, engine: EngineDep, _user: Reader) -> out.DocumentOut:
    return out.DocumentOut.model_validate(evidence_service.document(engine, document_id).summary())


@router.get("/claims", summary="Claims, filtered by document, kind, status or type")
def get_claims(
    engine: EngineDep,
    _user: Reader,
    document: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    type: str | None = None,
) -> list[out.ClaimOut]:
    claims = evidence_service.claims(
        engine, document_id=document, kind=kind, status=status, type_=type
    )
    return [out.ClaimOut.model_validate(c.to_dict()) for c in claims]


@router.get("/claims/{claim_id}")
def get_claim(
    claim_id: str, engine: EngineDep, settings: SettingsDep, _user: Reader
) -> out.ClaimDetail:
    """A claim with its sentence, source, reviews and the flows figure it became (if any)."""
    claim = evidence_service.claim(engine, claim_id)
    document = evidence_service.document(engine, claim.document_id)
    data = claim.to_dict()
    data["sentence_text"] = document.text[claim.sentence_start : claim.sentence_end]
    data["source"] = document.summary()
    data["reviews"] = [r.to_dict() for r in evidence_service.reviews(engine, claim.id)]
    figure = promoted_figure(settings, claim.id) if claim.kind == "figure" else None
    data["flows_figure"] = None if figure is None else figure_row(figure)
    return out.ClaimDetail.model_validate(data)


@router.post("/claims/{claim_id}/review", summary="Accept, correct or reject a claim")
def post_review(claim_id: str, body: ReviewIn, engine: EngineDep, user: Reviewer) -> out.ClaimOut:
    claim = review_claim(
        engine, claim_id, body.action, reviewer=user.name, value=body.value, note=body.note
    )
    return out.ClaimOut.model_validate(claim.to_dict())


@router.get("/claims/{claim_id}/evidence")
def get_evidence(claim_id: str, engine: EngineDep, _user: Reader) -> out.ClaimEvidence:
    """A reviewed claim with its source, to attach to a blacklist case or a flow."""
    return out.ClaimEvidence.model_validate(as_evidence(engine, claim_id))


@router.post("/claims/{claim_id}/figure", summary="A reviewed figure claim becomes a flows figure")
def post_figure(
    claim_id: str, engine: EngineDep, settings: SettingsDep, response: Response, user: Promoter
) -> out.PromotionOut:
    """201 when written, 200 when the claim was promoted before (nothing changes)."""
    promotion = promote_claim(engine, settings, claim_id)
    response.status_code = 201 if promotion.status == "added" else 200
    return out.PromotionOut.model_validate(promotion.to_dict())


@router.post(
    "/claims/{claim_id}/attach", status_code=201, summary="Attach a reviewed claim to a case"
)
def post_attach(claim_id: str, body: AttachIn, engine: EngineDep, user: UserDep) -> out.Attached:
    item = attach_to_case(engine, user, claim_id, body.case_id, note=body.note)
    return out.Attached(id=item, case_id=body.case_id, claim_id=claim_id, by=user.name)


@router.get("/clusters", summary="Near-duplicate claims across documents, with all sources")
def get_clusters(engine: EngineDep, _user: Reader, kind: str | None = None) -> list[out.ClusterOut]:
    return [out.ClusterOut.model_validate(c.to_dict()) for c in claim_clusters(engine, kind=kind)]
