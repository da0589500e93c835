"""Tables and repository of the partners register (SQLite and PostgreSQL).

Each row is kept whole as JSON (``data``, the validated model) beside the columns queries need:
dates, status, kind, and link tables for an engagement's partners and a commitment's route
measures, so "which commitments does M15 implement" is one indexed query either way.

Reviewed rows (``provenance = 'reviewed'``) are replaced together by a load; engagements promoted
from evidence claims (``provenance = 'evidence:<claim id>'``) survive a reload. Every function
takes a :class:`~sqlalchemy.engine.Connection`: the service owns the transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Connection

from corridor.exc import Conflict
from corridor.partners.model import Commitment, Engagement, HumanitarianRecord, Partner
from corridor.partners.register import Register
from corridor.store.db import UTCDateTime
from corridor.store.schema import metadata

REVIEWED = "reviewed"

partners = Table(
    "pt_partners",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(2)),
    Column("data", Text, nullable=False),
)

engagements = Table(
    "pt_engagements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("date", Date, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("provenance", String(64), nullable=False),
    Column("data", Text, nullable=False),
)

engagement_partners = Table(
    "pt_engagement_partners",
    metadata,
    Column(
        "engagement_id",
        String(64),
        ForeignKey("pt_engagements.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # no foreign key: a reload replaces the partners while promoted engagements stay; the service
    # checks that every partner an engagement names exists before it writes
    Column("partner_id", String(32), primary_key=True, index=True),
)

commitments = Table(
    "pt_commitments",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("partner_id", String(32), ForeignKey("pt_partners.id"), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("announced", Date),
    Column("in_effect_from", Date),
    Column("ended", Date),
    Column("provenance", String(64), nullable=False),
    Column("data", Text, nullable=False),
)

commitment_measures = Table(
    "pt_commitment_measures",
    metadata,
    Column(
        "commitment_id",
        String(64),
        ForeignKey("pt_commitments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("measure_id", String(16), primary_key=True, index=True),
)

humanitarian = Table(
    "pt_humanitarian",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("date", Date, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("country", String(2), nullable=False, index=True),
    Column("provenance", String(64), nullable=False),
    Column("data", Text, nullable=False),
)

loads = Table(
    "pt_loads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("loaded_at", UTCDateTime, nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("counts", Text, nullable=False),
)


def _engagement_rows(engagement: Engagement) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    row = {
        "id": engagement.id,
        "date": engagement.date,
        "kind": engagement.kind.value,
        "provenance": engagement.provenance,
        "data": engagement.model_dump_json(),
    }
    links = [{"engagement_id": engagement.id, "partner_id": p} for p in engagement.partners]
    return row, links


def replace_reviewed(
    conn: Connection, register: Register, *, source: str, sha256: str, at: datetime
) -> dict[str, int]:
    """Replace every reviewed row with ``register``'s; promoted engagements stay. Counts written."""
    for table in (commitment_measures, humanitarian):
        conn.execute(delete(table))
    conn.execute(delete(commitments))
    reviewed = select(engagements.c.id).where(engagements.c.provenance == REVIEWED)
    conn.execute(
        delete(engagement_partners).where(engagement_partners.c.engagement_id.in_(reviewed))
    )
    conn.execute(delete(engagements).where(engagements.c.provenance == REVIEWED))
    kept = set(conn.scalars(select(engagement_partners.c.partner_id)))
    wanted = {p.id for p in register.partners}
    gone = kept - wanted
    if gone:
        raise Conflict(
            "promoted engagements name partners the new files drop: " + ", ".join(sorted(gone))
        )
    conn.execute(delete(partners))
    if register.partners:
        conn.execute(
            insert(partners),
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind.value,
                    "country": p.country,
                    "data": p.model_dump_json(),
                }
                for p in register.partners
            ],
        )
    reviewed_engagements = [e for e in register.engagements if e.provenance == REVIEWED]
    for engagement in reviewed_engagements:
        add_engagement(conn, engagement)
    for commitment in register.commitments:
        add_commitment(conn, commitment)
    if register.humanitarian:
        conn.execute(
            insert(humanitarian),
            [
                {
                    "id": h.id,
                    "date": h.date,
                    "kind": h.kind.value,
                    "country": h.country,
                    "provenance": h.provenance,
                    "data": h.model_dump_json(),
                }
                for h in register.humanitarian
            ],
        )
    counts = {
        "partners": len(register.partners),
        "engagements": len(reviewed_engagements),
        "commitments": len(register.commitments),
        "humanitarian": len(register.humanitarian),
    }
    conn.execute(
        insert(loads),
        {"loaded_at": at, "source": source, "sha256": sha256, "counts": str(counts)},
    )
    return counts


def add_engagement(conn: Connection, engagement: Engagement) -> None:
    row, links = _engagement_rows(engagement)
    conn.execute(insert(engagements), row)
    conn.execute(insert(engagement_partners), links)


def get_engagement(conn: Connection, engagement_id: str) -> Engagement | None:
    data = conn.scalar(select(engagements.c.data).where(engagements.c.id == engagement_id))
    return None if data is None else Engagement.model_validate_json(data)


def replace_engagement(conn: Connection, engagement: Engagement) -> None:
    """Write ``engagement`` in place of the one with its id (if any)."""
    conn.execute(
        delete(engagement_partners).where(engagement_partners.c.engagement_id == engagement.id)
    )
    conn.execute(delete(engagements).where(engagements.c.id == engagement.id))
    add_engagement(conn, engagement)


def add_commitment(conn: Connection, commitment: Commitment) -> None:
    conn.execute(
        insert(commitments),
        {
            "id": commitment.id,
            "partner_id": commitment.partner,
            "status": commitment.status.value,
            "announced": commitment.announced,
            "in_effect_from": commitment.in_effect_from,
            "ended": commitment.ended,
            "provenance": commitment.provenance,
            "data": commitment.model_dump_json(),
        },
    )
    if commitment.measures:
        conn.execute(
            insert(commitment_measures),
            [{"commitment_id": commitment.id, "measure_id": m} for m in commitment.measures],
        )


def read_register(conn: Connection) -> Register:
    """The whole register as stored."""
    return Register(
        partners=tuple(
            Partner.model_validate_json(d)
            for d in conn.scalars(select(partners.c.data).order_by(partners.c.id))
        ),
        engagements=tuple(
            Engagement.model_validate_json(d)
            for d in conn.scalars(
                select(engagements.c.data).order_by(engagements.c.date, engagements.c.id)
            )
        ),
        commitments=tuple(
            Commitment.model_validate_json(d)
            for d in conn.scalars(select(commitments.c.data).order_by(commitments.c.id))
        ),
        humanitarian=tuple(
            HumanitarianRecord.model_validate_json(d)
            for d in conn.scalars(
                select(humanitarian.c.data).order_by(humanitarian.c.date, humanitarian.c.id)
            )
        ),
    )


def commitment_ids_for_measure(conn: Connection, measure_id: str) -> list[str]:
    """The commitments a route measure implements (the link table read backwards)."""
    query = (
        select(commitment_measures.c.commitment_id)
        .where(commitment_measures.c.measure_id == measure_id)
        .order_by(commitment_measures.c.commitment_id)
    )
    return list(conn.scalars(query))


def last_load(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(select(loads).order_by(loads.c.id.desc()).limit(1)).mappings().first()
    return None if row is None else dict(row)


def has_data(conn: Connection) -> bool:
    return conn.scalar(select(partners.c.id).limit(1)) is not None


__all__ = [
    "add_commitment",
    "add_engagement",
    "commitment_ids_for_measure",
    "get_engagement",
    "has_data",
    "last_load",
    "read_register",
    "replace_engagement",
    "replace_reviewed",
]
