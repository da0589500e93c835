"""The procedure side of the blacklist store: cases, their evidence, the hash-chained audit log
and the published versions.
"""

from __future__ import annotations

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

from corridor.blacklist.audit import GENESIS, AuditRow, canonical, seal
from corridor.blacklist.case import Case, CaseState
from corridor.blacklist.measure import Measure
from corridor.exc import Conflict, NotFound
from corridor.model.time import to_datetime
from corridor.store.blacklist.tables import (
    audit_log,
    case_evidence,
    cases,
    publications,
)

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
