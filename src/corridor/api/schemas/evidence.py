"""Bodies of the ``/evidence`` routes: documents, claims, reviews, promotions and clusters."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from corridor.api.schemas.base import ApiModel, IsoDateTime
from corridor.api.schemas.flows import FigureRow


class IngestResult(ApiModel):
    document_id: str
    unchanged: bool = Field(description="True when the same text was ingested before")
    claims: int


class DocumentOut(ApiModel):
    id: str = Field(description="sha256 of the stored bytes")
    uri: str
    media_type: str
    title: str | None
    publisher: str | None
    published_at: IsoDateTime | None
    language: str | None
    retrieved_at: IsoDateTime
    chars: int


class ClaimOut(ApiModel):
    id: str
    document_id: str
    kind: str
    type: str
    start: int
    end: int
    text: str
    value: dict[str, Any] = Field(description="What the claim says; its fields depend on kind")
    confidence: float
    rule: str
    sentence: list[int] = Field(description="[start, end) of the sentence the claim rests on")
    key: str
    status: str
    links: dict[str, list[str]]
    created_at: IsoDateTime | None


class ReviewOut(ApiModel):
    claim_id: str
    action: str
    reviewer: str
    value: dict[str, Any] | None
    note: str | None
    created_at: IsoDateTime


class ClaimDetail(ClaimOut):
    sentence_text: str
    source: DocumentOut
    reviews: list[ReviewOut]
    flows_figure: FigureRow | None


class EvidenceSource(ApiModel):
    document_id: str
    uri: str
    title: str | None
    publisher: str | None
    published_at: IsoDateTime | None
    span: str
    sentence: str


class ClaimEvidence(ApiModel):
    claim: ClaimOut
    source: EvidenceSource
    reviews: list[ReviewOut]


class ProvenanceDocument(ApiModel):
    sha256: str
    uri: str
    title: str | None
    publisher: str | None
    published_at: str | None


class ProvenanceReview(ApiModel):
    status: str
    reviewer: str
    reviewed_at: IsoDateTime
    note: str | None


class Provenance(ApiModel):
    claim_id: str
    kind: str
    text: str
    span: str
    sentence: str
    document: ProvenanceDocument
    review: ProvenanceReview


class PromotionOut(ApiModel):
    claim_id: str
    status: str = Field(description="added, replaced or unchanged")
    figure: FigureRow
    provenance: Provenance


class Attached(ApiModel):
    id: int
    case_id: str
    claim_id: str
    by: str


class ClusterClaim(ApiModel):
    id: str
    document_id: str
    span: list[int]
    status: str


class ClusterOut(ApiModel):
    id: str
    kind: str
    type: str
    documents: list[str]
    claims: list[ClusterClaim]
