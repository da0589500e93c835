"""The procedure side of the blacklist store: cases, their evidence, the sealed audit log
and the published versions.

Every write runs inside :func:`corridor.store.db.transaction` with :data:`AUDIT_LOCK`: on
SQLite the write lock, on PostgreSQL an advisory lock, both taken before the first read, so
case numbers and audit sequence numbers are read and written by one writer at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from corridor.blacklist.audit import GENESIS, AuditRow, Head, canonical, head_seal, seal
from corridor.blacklist.audit_state import Register
from corridor.blacklist.case import Case, CaseState
from corridor.blacklist.measure import Measure
from corridor.exc import Conflict, NotFound
from corridor.model.time import to_datetime
from corridor.store.audit_key import audit_key
from corridor.store.blacklist.tables import (
    audit_head,
    audit_log,
    case_evidence,
    cases,
    links,
    publications,
    users,
)

# the lock every blacklist write takes (PostgreSQL advisory lock; SQLite's write lock)
AUDIT_LOCK = ("audit",)

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
    """The next case number; unique because writers hold :data:`AUDIT_LOCK` while they read it
    and insert (a writer without it gets Conflict from :func:`insert_case`, never a duplicate)."""
    count = conn.execute(select(func.count()).select_from(cases)).scalar_one()
    return f"case-{count + 1:05d}"


def insert_case(conn: Connection, case: Case, when: datetime) -> None:
    try:
        with conn.begin_nested():
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
    except IntegrityError as exc:
        raise Conflict(f"case {case.id} was opened at the same time; try again") from exc


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


def get_case(conn: Connection, case_id: str, *, for_update: bool = False) -> Case:
    """A case; ``for_update`` locks its row until the transaction ends (PostgreSQL)."""
    query = select(cases.c.data).where(cases.c.id == case_id)
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
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
    """Append one sealed entry after the last and move the sealed head, in ``conn``'s
    transaction; a concurrent append (a writer without the lock) fails with Conflict."""
    key = audit_key(conn)
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
    at_text = at.isoformat()
    body = canonical(payload)
    digest = seal(key, seq, at_text, actor, action, target, body, prev)
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
    _move_head(conn, seq, digest, head_seal(key, seq, digest))
    return seq


def _move_head(conn: Connection, seq: int, digest: str, mac: str) -> None:
    values = {"seq": seq, "hash": digest, "mac": mac}
    moved = conn.execute(update(audit_head).where(audit_head.c.id == 1).values(**values))
    if moved.rowcount == 0:
        conn.execute(audit_head.insert().values(id=1, **values))


def get_head(conn: Connection) -> Head | None:
    """The sealed head of the log, or None when there is none."""
    row = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
    return None if row is None else Head(row.seq, row.hash, row.mac)


def audit_hash(conn: Connection, seq: int) -> str | None:
    """The stored seal of entry ``seq``, or None when there is no such entry."""
    return conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == seq)).scalar()


def publication_anchors(conn: Connection) -> list[tuple[int, int, str]]:
    """(number, seq, hash) of the audit head each published version exported."""
    anchors = []
    for number, content in conn.execute(select(publications.c.number, publications.c.content)):
        head = json.loads(content).get("audit_head")
        if isinstance(head, dict) and head.get("seq"):
            anchors.append((int(number), int(head["seq"]), str(head["hash"])))
    return anchors


def stored_register(conn: Connection) -> Register:
    """The rows the audit log speaks of, as :class:`Register` for comparison with it."""
    register = Register()
    for r in conn.execute(select(cases.c.id, cases.c.state, cases.c.version, cases.c.operator_id,
                                 cases.c.data)):  # fmt: skip
        try:
            data = json.loads(r.data)
            inner = (str(data.get("state")), int(data.get("version")))
        except (ValueError, TypeError):
            inner = ("unreadable", -1)
        register.cases[r.id] = (r.state, r.version, r.operator_id, *inner)
    register.users = {r.name: r.role for r in conn.execute(select(users.c.name, users.c.role))}
    register.links = {
        (r.operator_id, r.entity_id): r.status
        for r in conn.execute(select(links.c.operator_id, links.c.entity_id, links.c.status))
    }
    for r in conn.execute(select(case_evidence)):
        fields = {k: getattr(r, k) for k in ("claim", "document", "span", "url", "reviewer")}
        register.evidence[int(r.id)] = (r.case_id, fields)
    for number, content in conn.execute(select(publications.c.number, publications.c.content)):
        register.publications[int(number)] = hashlib.sha256(content.encode()).hexdigest()
    return register


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
) -> str:
    """Store a published version; returns the sha256 of the stored text (for the log)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    try:
        with conn.begin_nested():
            conn.execute(
                publications.insert().values(
                    number=number,
                    published_at=when,
                    published_by=by,
                    content=text,
                )
            )
    except IntegrityError as exc:
        raise Conflict(f"version {number} was published at the same time") from exc
    return hashlib.sha256(text.encode()).hexdigest()
