"""Bodies of the blacklist routes: operators, cases, the matrix, publications and the audit."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from corridor.api.schemas.base import ApiModel, IsoDate, IsoDateTime


class IdentifierOut(ApiModel):
    scheme: str
    value: str
    original: str | None
    country: str | None


class OperatorOut(ApiModel):
    id: str
    name: str
    role: str
    country: str | None
    aliases: list[str]
    identifiers: list[IdentifierOut]
    parent_id: str | None


class CuratedOut(ApiModel):
    """One curated record: who lists the operator, when, under which act, from which line."""

    operator_id: str
    jurisdiction: str
    start: IsoDateTime | None
    end: IsoDateTime | None
    legal_act: str
    verified: bool
    sources: str
    document: str
    line: int


class LinkOut(ApiModel):
    """A list entry proposed, confirmed or rejected as this operator."""

    operator_id: str
    entity_id: str
    status: str = Field(description="proposed, confirmed or rejected")
    basis: str
    reviewer: str | None
    reviewed_at: datetime | None


class MeasureOut(ApiModel):
    kinds: list[str]
    start: IsoDateTime
    end: IsoDateTime
    modes: list[str]
    places: list[str]
    routes: list[str]


class StepOut(ApiModel):
    """One step of a case's procedure: who moved it, from which state to which, and why."""

    action: str
    from_: str | None = Field(None, alias="from", description="None for the opening step")
    to: str
    by: str
    role: str | None = Field(None, description="None for the opening step")
    reason: str
    at: IsoDateTime


class CaseOut(ApiModel):
    id: str
    operator_id: str
    state: str
    version: int
    opened_at: IsoDateTime
    opened_by: str
    reply_deadline: IsoDateTime | None
    heard_at: IsoDateTime | None
    adopted_at: IsoDateTime | None
    measure: MeasureOut | None
    in_force_since: IsoDateTime | None
    history: list[StepOut]


class OperatorDetail(OperatorOut):
    curated: list[CuratedOut]
    links: list[LinkOut]
    cases: list[CaseOut]


class DueOut(ApiModel):
    case_id: str
    operator_id: str
    what: str = Field(description="measure expires or reply deadline")
    due: IsoDateTime
    overdue: bool
    days: int


class CaseEvidenceOut(ApiModel):
    id: int
    case_id: str
    claim: str
    document: str
    span: str | None
    url: str | None
    reviewer: str
    reviewed_at: IsoDateTime


class AuditEntryOut(ApiModel):
    seq: int
    at: IsoDateTime
    actor: str
    action: str
    hash: str


class CaseFile(ApiModel):
    case: CaseOut
    operator: OperatorOut
    evidence: list[CaseEvidenceOut]
    audit: list[AuditEntryOut]


class EvidenceAdded(ApiModel):
    id: int
    case_id: str


class CellOut(ApiModel):
    """One partner's position on one operator, curated records and list snapshots side by side."""

    status: str
    listed: bool
    curated: bool | None
    curated_date: str | None = Field(
        None, description="Date of the listing or lifting the curated record gives"
    )
    lists: bool | None
    lists_date: str | None = Field(
        None, description="Date of the list snapshot the lists' answer comes from"
    )
    disagree: bool
    decided_by: str | None = Field(
        None, description="curated or lists: the more recent dated evidence, when they disagree"
    )
    undated: bool
    sample: bool = Field(False, description="Fed by a hand-made sample list (not official)")
    evidence: list[str]


class MatrixRowOut(ApiModel):
    operator_id: str
    operator: str
    country: str | None
    cells: dict[str, CellOut]
    listed_by: list[str]
    gap: list[str]
    unknown: list[str] = Field(
        default_factory=list, description="Partners with no data ('-'): never a gap"
    )
    disagreements: list[str]


class Matrix(ApiModel):
    as_of: IsoDateTime
    rows: list[MatrixRowOut]


class EntryOut(ApiModel):
    """One operator with a measure in force in a published version."""

    operator_id: str
    name: str
    aliases: list[str]
    country: str | None
    identifiers: list[str]
    case_id: str
    measures: list[str]
    modes: list[str]
    places: list[str]
    routes: list[str]
    start: IsoDate
    end: IsoDate


class Changes(ApiModel):
    added: list[str]
    removed: list[str]
    changed: list[str]


class AuditHead(ApiModel):
    seq: int = Field(description="Number of the newest audit entry (0: none yet)")
    hash: str = Field(description="Its seal (HMAC-SHA256, hex)")


class Publication(ApiModel):
    number: int
    published_at: IsoDateTime
    official: bool = Field(False, description="False: a DEMO publication (not made in production)")
    entries: list[EntryOut]
    diff: Changes | None = Field(None, description="What changed since the previous version")
    audit_head: AuditHead | None = Field(
        None,
        description="The audit log's head when this version was published: keep it, and check "
        "it later with `corridor audit anchor --publication FILE`",
    )


class VersionDiff(Changes):
    from_: int = Field(alias="from")
    to: int


class Verification(ApiModel):
    ok: bool
    checked: int
    head: AuditHead | None = None
    anchors_checked: int = Field(0, description="Heads exported with publications, checked")
    rows_compared: int = Field(0, description="Register rows compared with the log's state")
    problems: list[str]
