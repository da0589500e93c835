"""Tables and repository of the operator blacklist: operators, curated listings, links to list
entries, users, cases, evidence, the audit log and published versions.

Every function takes a :class:`~sqlalchemy.engine.Connection` so the service runs a write and
its audit entry in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
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

from corridor.blacklist.audit import GENESIS, AuditRow, canonical, seal
from corridor.blacklist.case import Case, CaseState
from corridor.blacklist.matrix import CuratedFact, OperatorRef, describe_curated
from corridor.blacklist.measure import Measure
from corridor.blacklist.operator import CuratedListing, Operator
from corridor.blacklist.roles import Role, User
from corridor.exc import Conflict, NotFound
from corridor.model.interval import Interval
from corridor.model.listing import Jurisdiction
from corridor.model.time import to_datetime
from corridor.store.db import UTCDateTime
from corridor.store.schema import metadata

operators = Table(
    "bl_operators",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("country", String(8)),
    Column("data", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

curated = Table(
    "bl_curated_listings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), nullable=False, index=True),
    Column("jurisdiction", String(8), nullable=False),
    Column("start", UTCDateTime),
    Column("end", UTCDateTime),
    Column("legal_act", Text, nullable=False),
    Column("verified", Boolean, nullable=False),
    Column("sources", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("document_sha256", String(64), nullable=False),
)

links = Table(
    "bl_operator_links",
    metadata,
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("status", String(16), nullable=False),  # proposed, confirmed, rejected
    Column("basis", Text, nullable=False),
    Column("reviewer", String(100)),
    Column("reviewed_at", UTCDateTime),
)

users = Table(
    "bl_users",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

cases = Table(
    "bl_cases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("operator_id", String(64), ForeignKey("bl_operators.id"), nullable=False, index=True),
    Column("state", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

case_evidence = Table(
    "bl_case_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(32), ForeignKey("bl_cases.id"), nullable=False, index=True),
    Column("claim", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("span", Text),
    Column("url", Text),
    Column("reviewer", String(100), nullable=False),
    Column("reviewed_at", UTCDateTime, nullable=False),
)

audit_log = Table(
    "bl_audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),  # ISO 8601 UTC text: exactly the form that is hashed
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

publications = Table(
    "bl_publications",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("published_at", UTCDateTime, nullable=False),
    Column("published_by", String(100), nullable=False),
    Column("content", Text, nullable=False),
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


# -- cases ---------------------------------------------------------------------------------------


def _case_data(case: Case) -> str:
    return json.dumps(case.to_dict(), sort_keys=True, ensure_ascii=False)


def case_from_data(text: str) -> Case:
    d = json.loads(text)

    def opt(key: str) -> datetime | None:
        return None if d.get(key) is None else to_datetime(d[key])

    return Case(
        id=d["id"],
        operator_id=d["operator_id"],
        state=CaseState(d["state"]),
        version=d["version"],
        opened_at=to_datetime(d["opened_at"]),
        opened_by=d["opened_by"],
        reply_deadline=opt("reply_deadline"),
        heard_at=opt("heard_at"),
        adopted_at=opt("adopted_at"),
        measure=None if d.get("measure") is None else Measure.from_dict(d["measure"]),
        in_force_since=opt("in_force_since"),
        history=tuple(d.get("history") or ()),
    )


def next_case_id(conn: Connection) -> str:
    count = conn.execute(select(func.count()).select_from(cases)).scalar_one()
    return f"case-{count + 1:05d}"


def insert_case(conn: Connection, case: Case, when: datetime) -> None:
    conn.execute(
        cases.insert().values(
            id=case.id,
            operator_id=case.operator_id,
            state=case.state.value,
            version=case.version,
            data=_case_data(case),
            updated_at=when,
        )
    )


def update_case(conn: Connection, case: Case, expected_version: int, when: datetime) -> None:
    """Write ``case`` if the stored version is still ``expected_version``, else Conflict."""
    result = conn.execute(
        update(cases)
        .where(cases.c.id == case.id, cases.c.version == expected_version)
        .values(
            state=case.state.value, version=case.version, data=_case_data(case), updated_at=when
        )
    )
    if result.rowcount != 1:
        raise Conflict(
            f"case {case.id} changed since version {expected_version}; reload and try again"
        )


def get_case(conn: Connection, case_id: str) -> Case:
    row = conn.execute(select(cases.c.data).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotFound(f"no case {case_id!r}")
    return case_from_data(row.data)


def list_cases(conn: Connection, *, states: Sequence[CaseState] | None = None) -> list[Case]:
    query = select(cases.c.data).order_by(cases.c.id)
    if states:
        query = query.where(cases.c.state.in_([s.value for s in states]))
    return [case_from_data(r.data) for r in conn.execute(query)]


def add_evidence(conn: Connection, case_id: str, item: dict[str, Any]) -> int:
    result = conn.execute(case_evidence.insert().values(case_id=case_id, **item))
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def list_evidence(conn: Connection, case_id: str) -> list[dict[str, Any]]:
    query = select(case_evidence).where(case_evidence.c.case_id == case_id)
    return [dict(r._mapping) for r in conn.execute(query.order_by(case_evidence.c.id))]


# -- audit ---------------------------------------------------------------------------------------


def append_audit(
    conn: Connection,
    *,
    at: datetime,
    actor: str,
    action: str,
    target: str,
    payload: dict[str, Any],
) -> int:
    """Append one entry after the last; a concurrent append makes this one fail (Conflict)."""
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
    at_text = at.isoformat()
    body = canonical(payload)
    digest = seal(seq, at_text, actor, action, target, body, prev)
    try:
        with conn.begin_nested():
            conn.execute(
                audit_log.insert().values(
                    seq=seq,
                    at=at_text,
                    actor=actor,
                    action=action,
                    target=target,
                    payload=body,
                    prev_hash=prev,
                    hash=digest,
                )
            )
    except IntegrityError as exc:
        raise Conflict("another write was logged at the same time; try again") from exc
    return seq


AUDIT_COLUMNS = "seq, at, actor, action, target, payload, prev_hash, hash"


def iter_audit(conn: Connection, *, batch: int = 50_000) -> Iterator[AuditRow]:
    """Every audit row in sequence order, streamed through the raw DB-API cursor."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(f"SELECT {AUDIT_COLUMNS} FROM bl_audit_log ORDER BY seq")
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                break
            yield from rows
    finally:
        cursor.close()


def audit_entries(
    conn: Connection, *, target: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    query = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if target is not None:
        query = query.where(audit_log.c.target == target)
    return [dict(r._mapping) for r in conn.execute(query)]


# -- publications --------------------------------------------------------------------------------


def last_publication(conn: Connection) -> tuple[int, dict[str, Any]] | None:
    row = conn.execute(select(publications).order_by(publications.c.number.desc()).limit(1)).first()
    return None if row is None else (row.number, json.loads(row.content))


def get_publication(conn: Connection, number: int) -> dict[str, Any]:
    row = conn.execute(select(publications).where(publications.c.number == number)).first()
    if row is None:
        raise NotFound(f"no published version {number}")
    content: dict[str, Any] = json.loads(row.content)
    return content


def insert_publication(
    conn: Connection, number: int, content: dict[str, Any], by: str, when: datetime
) -> None:
    try:
        with conn.begin_nested():
            conn.execute(
                publications.insert().values(
                    number=number,
                    published_at=when,
                    published_by=by,
                    content=json.dumps(content, sort_keys=True, ensure_ascii=False),
                )
            )
    except IntegrityError as exc:
        raise Conflict(f"version {number} was published at the same time") from exc
