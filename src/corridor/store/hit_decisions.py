"""The table of decisions on screening hits and its repository functions.

Functions take a :class:`~sqlalchemy.engine.Connection` so that the service writes a decision
and its audit entry in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, Integer, String, Table, Text, select, update
from sqlalchemy.engine import Connection, RowMapping

from corridor.exc import Conflict, NotFound
from corridor.screening.decisions import HitDecision
from corridor.store.db import UTCDateTime
from corridor.store.schema import metadata

hit_decisions = Table(
    "hit_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("query_key", Text, nullable=False),
    Column("query", Text, nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("verdict", String(32), nullable=False),
    Column("note", Text, nullable=False),
    Column("decided_by", String(100), nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("reviewed_by", String(100)),
    Column("reviewed_at", UTCDateTime),
    Column("review_note", Text),
    Index("ix_hit_decisions_query_entity", "query_key", "entity_id"),
)


def _decision(row: RowMapping) -> HitDecision:
    return HitDecision(
        id=row["id"],
        query=row["query"],
        entity_id=row["entity_id"],
        verdict=row["verdict"],
        note=row["note"],
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        status=row["status"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"],
        review_note=row["review_note"],
    )


def insert_decision(
    conn: Connection,
    *,
    query: str,
    query_key: str,
    entity_id: str,
    verdict: str,
    note: str,
    by: str,
    at: datetime,
) -> HitDecision:
    values: dict[str, Any] = {
        "query_key": query_key,
        "query": query,
        "entity_id": entity_id,
        "verdict": verdict,
        "note": note,
        "decided_by": by,
        "decided_at": at,
        "status": "pending",
    }
    result = conn.execute(hit_decisions.insert().values(**values))
    key = result.inserted_primary_key
    assert key is not None
    return get_decision(conn, int(key[0]))


def get_decision(conn: Connection, decision_id: int) -> HitDecision:
    row = conn.execute(select(hit_decisions).where(hit_decisions.c.id == decision_id)).mappings()
    found = row.first()
    if found is None:
        raise NotFound(f"no hit decision {decision_id}")
    return _decision(found)


def review_decision(
    conn: Connection, decision_id: int, *, status: str, by: str, at: datetime, note: str
) -> HitDecision:
    """Record the second reviewer's word; :class:`Conflict` if someone gave it first."""
    result = conn.execute(
        update(hit_decisions)
        .where(hit_decisions.c.id == decision_id, hit_decisions.c.status == "pending")
        .values(status=status, reviewed_by=by, reviewed_at=at, review_note=note)
    )
    if result.rowcount != 1:
        raise Conflict(f"hit decision {decision_id} was reviewed by someone else meanwhile")
    return get_decision(conn, decision_id)


def decisions_for(
    conn: Connection, query_key: str, entity_ids: Sequence[str] | None = None
) -> list[HitDecision]:
    """Decisions on this query (and these entries), oldest first."""
    stmt = select(hit_decisions).where(hit_decisions.c.query_key == query_key)
    if entity_ids is not None:
        stmt = stmt.where(hit_decisions.c.entity_id.in_(list(entity_ids)))
    rows = conn.execute(stmt.order_by(hit_decisions.c.id)).mappings()
    return [_decision(r) for r in rows]


def list_decisions(
    conn: Connection, *, status: str | None = None, limit: int = 200
) -> list[HitDecision]:
    """The latest decisions, newest first, optionally of one status."""
    stmt = select(hit_decisions)
    if status is not None:
        stmt = stmt.where(hit_decisions.c.status == status)
    rows = conn.execute(stmt.order_by(hit_decisions.c.id.desc()).limit(limit)).mappings()
    return [_decision(r) for r in rows]
