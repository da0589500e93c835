"""The register side of the blacklist store: operators, curated listings, links and users."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    String,
    and_,
    case,
    cast,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from corridor.blacklist.matrix import CuratedFact, OperatorRef, describe_curated, evidence_date
from corridor.blacklist.operator import CuratedListing, Operator
from corridor.blacklist.roles import Role, User
from corridor.exc import Conflict, NotFound
from corridor.model.interval import Interval
from corridor.model.listing import Jurisdiction
from corridor.store.blacklist.tables import (
    curated,
    links,
    operators,
    users,
)

# -- operators and curated listings ------------------------------------------------------------


def upsert_operator(conn: Connection, op: Operator, when: datetime) -> bool:
    """Insert or update ``op``; True when something changed."""
    data = json.dumps(op.to_dict(), sort_keys=True, ensure_ascii=False)
    row = conn.execute(select(operators.c.data).where(operators.c.id == op.id)).first()
    if row is not None and row.data == data:
        return False
    values = {"name": op.name, "role": op.role, "country": op.country, "data": data}
    if row is None:
        conn.execute(operators.insert().values(id=op.id, created_at=when, **values))
    else:
        conn.execute(update(operators).where(operators.c.id == op.id).values(**values))
    return True


def replace_curated(conn: Connection, items: Sequence[CuratedListing], sha256: str) -> None:
    """Replace the curated records that came from the same document."""
    documents = {c.document for c in items}
    if documents:
        conn.execute(curated.delete().where(curated.c.document.in_(documents)))
    rows = [_curated_row(c, sha256) for c in items]
    if rows:
        conn.execute(curated.insert(), rows)


def _curated_row(c: CuratedListing, sha256: str) -> dict[str, Any]:
    return {
        "operator_id": c.operator_id,
        "jurisdiction": c.jurisdiction.value,
        "start": None if c.interval is None else c.interval.start,
        "end": None if c.interval is None else c.interval.end,
        "legal_act": c.legal_act,
        "verified": c.verified,
        "sources": c.sources,
        "document": c.document,
        "line": c.line,
        "document_sha256": sha256,
    }


def list_operators(conn: Connection) -> list[Operator]:
    rows = conn.execute(select(operators.c.data).order_by(operators.c.name, operators.c.id))
    return [Operator.from_dict(json.loads(r.data)) for r in rows]


def get_operator(conn: Connection, ref: str) -> Operator:
    """By id, or by exact name (case-insensitive)."""
    row = conn.execute(select(operators.c.data).where(operators.c.id == ref)).first()
    if row is None:
        row = conn.execute(
            select(operators.c.data).where(func.lower(operators.c.name) == ref.lower())
        ).first()
    if row is None:
        raise NotFound(f"no operator {ref!r}")
    return Operator.from_dict(json.loads(row.data))


def operator_refs(conn: Connection) -> list[OperatorRef]:
    """Id, name and country of every operator, by name: what the matrix needs."""
    query = select(operators.c.id, operators.c.name, operators.c.country)
    return [OperatorRef(*r) for r in conn.execute(query.order_by(operators.c.name, operators.c.id))]


def curated_facts(conn: Connection, when: datetime) -> list[CuratedFact]:
    """Curated records as facts about ``when``, the covering test done by the database."""
    covered = case(
        (curated.c.start.is_(None), None),
        (
            and_(curated.c.start <= when, or_(curated.c.end.is_(None), curated.c.end > when)),
            True,
        ),
        else_=False,
    )
    query = select(
        curated.c.operator_id,
        curated.c.jurisdiction,
        covered.label("covered"),
        curated.c.document,
        curated.c.line,
        curated.c.legal_act,
        curated.c.sources,
        cast(curated.c.start, String).label("start_text"),
        cast(curated.c.end, String).label("end_text"),
    ).order_by(curated.c.id)
    return [
        CuratedFact(
            r[0],
            r[1],
            None if r[2] is None else bool(r[2]),
            describe_curated(
                r[3],
                r[4],
                r[5],
                r[6],
                None if r[7] is None else r[7][:10],
                None if r[8] is None else r[8][:10],
            ),
            evidence_date(
                None if r[7] is None else date.fromisoformat(r[7][:10]),
                None if r[8] is None else date.fromisoformat(r[8][:10]),
                when.date(),
            ),
        )
        for r in conn.execute(query)
    ]


def list_curated(conn: Connection) -> list[CuratedListing]:
    rows = conn.execute(select(curated).order_by(curated.c.id))
    result = []
    for r in rows:
        interval = None if r.start is None else Interval(r.start, r.end)
        result.append(
            CuratedListing(
                operator_id=r.operator_id,
                jurisdiction=Jurisdiction(r.jurisdiction),
                interval=interval,
                legal_act=r.legal_act,
                verified=r.verified,
                sources=r.sources,
                document=r.document,
                line=r.line,
            )
        )
    return result


def set_link(
    conn: Connection,
    operator_id: str,
    entity_id: str,
    status: str,
    basis: str,
    reviewer: str | None,
    when: datetime | None,
) -> None:
    conn.execute(
        links.delete().where(links.c.operator_id == operator_id, links.c.entity_id == entity_id)
    )
    conn.execute(
        links.insert().values(
            operator_id=operator_id,
            entity_id=entity_id,
            status=status,
            basis=basis,
            reviewer=reviewer,
            reviewed_at=when,
        )
    )


def list_links(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(links))]


# -- users ---------------------------------------------------------------------------------------


def add_user(conn: Connection, name: str, role: Role, digest: str, when: datetime) -> None:
    try:
        with conn.begin_nested():
            conn.execute(
                users.insert().values(
                    name=name, role=role.value, token_hash=digest, created_at=when
                )
            )
    except IntegrityError as exc:
        raise Conflict(f"user {name!r} exists") from exc


def user_by_token_hash(conn: Connection, digest: str) -> User | None:
    row = conn.execute(select(users).where(users.c.token_hash == digest)).first()
    return None if row is None else User(row.name, Role(row.role))


def list_users(conn: Connection) -> list[User]:
    return [User(r.name, Role(r.role)) for r in conn.execute(select(users).order_by(users.c.name))]
