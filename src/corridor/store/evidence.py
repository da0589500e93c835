"""Evidence tables and their repository: documents, claims and review decisions.

A document is stored once per sha256 of its bytes; ingesting it again changes nothing. Claims
are stored with the document in one transaction. Review decisions are rows (who, when, what),
never updates in place: a claim's status is its latest decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.engine import Connection, RowMapping

from corridor.evidence.claim import Claim
from corridor.evidence.document import Document
from corridor.exc import Conflict, NotFound
from corridor.model.time import utcnow
from corridor.store.db import UTCDateTime, transaction
from corridor.store.schema import metadata

documents = Table(
    "evidence_documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("uri", Text, nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("published_at", UTCDateTime),
    Column("language", String(16)),
    Column("retrieved_at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("original", LargeBinary, nullable=False),
)

claims = Table(
    "evidence_claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "document_id", String(64), ForeignKey("evidence_documents.id"), nullable=False, index=True
    ),
    Column("kind", String(16), nullable=False),
    Column("type", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("rule", String(128), nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("key", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False, default="pending"),
    Column("links", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

reviews = Table(
    "evidence_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(32), ForeignKey("evidence_claims.id"), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("reviewer", String(128), nullable=False),
    Column("value", JSON),
    Column("note", Text),
    Column("created_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True, slots=True)
class IngestReport:
    document_id: str
    uri: str
    unchanged: bool
    claims: int


@dataclass(frozen=True, slots=True)
class Review:
    claim_id: str
    action: str
    reviewer: str
    value: dict[str, Any] | None
    note: str | None
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "action": self.action,
            "reviewer": self.reviewer,
            "value": self.value,
            "note": self.note,
            "created_at": self.created_at.isoformat(),
        }


def _claim_from_row(row: RowMapping) -> Claim:
    return Claim(
        id=row["id"],
        document_id=row["document_id"],
        kind=row["kind"],
        type=row["type"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        value=dict(row["value"]),
        confidence=row["confidence"],
        rule=row["rule"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        key=row["key"],
        status=row["status"],
        links=dict(row["links"] or {}),
        created_at=row["created_at"],
    )


def _document_from_row(row: RowMapping) -> Document:
    return Document(
        id=row["id"],
        uri=row["uri"],
        media_type=row["media_type"],
        text=row["text"],
        original=bytes(row["original"]),
        retrieved_at=row["retrieved_at"],
        title=row["title"],
        publisher=row["publisher"],
        published_at=row["published_at"],
        language=row["language"],
    )


class EvidenceStore:
    """The evidence repository on a registry engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def ingest(self, document: Document, found: Sequence[Claim]) -> IngestReport:
        """Store a document and its claims in one transaction; a known document is left as is."""
        with transaction(self.engine) as conn:
            exists = conn.execute(
                select(documents.c.id).where(documents.c.id == document.id)
            ).first()
            if exists is not None:
                count = len(
                    conn.execute(
                        select(claims.c.id).where(claims.c.document_id == document.id)
                    ).all()
                )
                return IngestReport(document.id, document.uri, True, count)
            conn.execute(
                documents.insert().values(
                    id=document.id,
                    uri=document.uri,
                    media_type=document.media_type,
                    title=document.title,
                    publisher=document.publisher,
                    published_at=document.published_at,
                    language=document.language,
                    retrieved_at=document.retrieved_at,
                    text=document.text,
                    original=document.original,
                )
            )
            now = utcnow()
            rows = [
                {
                    "id": c.id,
                    "document_id": document.id,
                    "kind": c.kind,
                    "type": c.type,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "value": c.value,
                    "confidence": c.confidence,
                    "rule": c.rule,
                    "sentence_start": c.sentence_start,
                    "sentence_end": c.sentence_end,
                    "key": c.key,
                    "status": "pending",
                    "links": c.links,
                    "created_at": now,
                }
                for c in found
            ]
            if rows:
                conn.execute(claims.insert(), rows)
            return IngestReport(document.id, document.uri, False, len(rows))

    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents).order_by(documents.c.published_at, documents.c.id)
            )
            return [_document_from_row(r) for r in rows.mappings()]

    def document(self, document_id: str) -> Document:
        """The document with this id or a unique id prefix; raises :class:`NotFound`."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(documents).where(documents.c.id.startswith(document_id)).limit(2)
                )
                .mappings()
                .all()
            )
        if len(rows) != 1:
            raise NotFound(f"no single evidence document {document_id!r}")
        return _document_from_row(rows[0])

    def claims(
        self,
        *,
        document_id: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        type_: str | None = None,
    ) -> list[Claim]:
        query = select(claims)
        if document_id is not None:
            query = query.where(claims.c.document_id == document_id)
        if kind is not None:
            query = query.where(claims.c.kind == kind)
        if status is not None:
            query = query.where(claims.c.status == status)
        if type_ is not None:
            query = query.where(claims.c.type == type_)
        query = query.order_by(claims.c.document_id, claims.c.start, claims.c.id)
        with self.engine.connect() as conn:
            return [_claim_from_row(r) for r in conn.execute(query).mappings()]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id or a unique id prefix; raises :class:`NotFound`."""
        with self.engine.connect() as conn:
            return self._claim(conn, claim_id)

    def _claim(self, conn: Connection, claim_id: str) -> Claim:
        rows = (
            conn.execute(select(claims).where(claims.c.id.startswith(claim_id)).limit(2))
            .mappings()
            .all()
        )
        if len(rows) != 1:
            raise NotFound(f"no single evidence claim {claim_id!r}")
        return _claim_from_row(rows[0])

    def record_review(
        self,
        claim_id: str,
        *,
        action: str,
        status: str,
        reviewer: str,
        value: dict[str, Any] | None = None,
        note: str | None = None,
        expected_status: str | None = None,
    ) -> Claim:
        """Append a decision and set the claim's status, in one transaction.

        A correction replaces the claim's value; the review row keeps the previous one.
        """
        with transaction(self.engine) as conn:
            claim = self._claim(conn, claim_id)
            if expected_status is not None and claim.status != expected_status:
                raise Conflict(f"claim {claim.id} is {claim.status}, not {expected_status}")
            recorded = None if value is None else {"previous": claim.value, "value": value}
            conn.execute(
                reviews.insert().values(
                    claim_id=claim.id,
                    action=action,
                    reviewer=reviewer,
                    value=recorded,
                    note=note,
                    created_at=utcnow(),
                )
            )
            update = claims.update().where(claims.c.id == claim.id).values(status=status)
            if value is not None:
                update = update.values(value=value)
            conn.execute(update)
            return self._claim(conn, claim.id)

    def reviews(self, claim_id: str) -> list[Review]:
        query = select(reviews).where(reviews.c.claim_id == claim_id).order_by(reviews.c.id)
        with self.engine.connect() as conn:
            return [
                Review(
                    claim_id=r["claim_id"],
                    action=r["action"],
                    reviewer=r["reviewer"],
                    value=r["value"],
                    note=r["note"],
                    created_at=r["created_at"],
                )
                for r in conn.execute(query).mappings()
            ]
