"""Use cases of blacklist cases under COM(2021) 753: opening, the procedure's steps, evidence,
the case file and deadlines due.

Every write checks the user's role, runs in one transaction with its audit entry, and leaves
the store as it was when it fails.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from corridor.blacklist.case import Case, CaseState, Transition, apply
from corridor.blacklist.measure import Measure
from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.exc import Conflict, InvalidData
from corridor.model.time import to_datetime, utcnow
from corridor.store import blacklist as repo
from corridor.store.db import transaction


def parse_when(value: str | datetime, field: str = "date") -> datetime:
    """A date or instant from user input as aware UTC; InvalidData when unreadable."""
    try:
        return to_datetime(value)
    except ValueError as exc:
        raise InvalidData.at(f"cannot read {value!r} as a date: {exc}", field=field) from exc


def need_reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidData.at("a reason is required", field="reason")


# -- cases -----------------------------------------------------------------------------------


def open_case(
    engine: Engine, user: User, operator_ref: str, reason: str, *, when: datetime | None = None
) -> Case:
    """Open a case against an operator (analysts); the case and its audit entry in one transaction."""
    user.require(ACTION_ROLES["open"], "open a case")
    need_reason(reason)
    now = when or utcnow()
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        op = repo.get_operator(conn, operator_ref)
        entry = {"action": "open", "to": "opened", "by": user.name, "reason": reason}
        case = Case(
            id=repo.next_case_id(conn),
            operator_id=op.id,
            state=CaseState.OPENED,
            version=1,
            opened_at=now,
            opened_by=user.name,
            history=({**entry, "at": now.isoformat()},),
        )
        repo.insert_case(conn, case, now)
        repo.append_audit(
            conn,
            at=now,
            actor=user.name,
            action="open_case",
            target=case.id,
            payload={"operator_id": op.id, "reason": reason},
        )
    return case


def transition(
    engine: Engine,
    user: User,
    case_id: str,
    action: str,
    reason: str,
    *,
    expected_version: int | None = None,
    when: datetime | None = None,
    reply_deadline: datetime | None = None,
    measure: Measure | None = None,
) -> Case:
    """Apply ``action`` to the case; refuses if someone changed it since ``expected_version``."""
    now = when or utcnow()
    step = Transition(action, user, reason, now, reply_deadline=reply_deadline, measure=measure)
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        case = repo.get_case(conn, case_id, for_update=True)
        if expected_version is not None and expected_version != case.version:
            raise Conflict(
                f"case {case_id} changed since version {expected_version} "
                f"(now {case.version}); reload and try again"
            )
        new = apply(case, step)
        repo.update_case(conn, new, case.version, now)
        repo.append_audit(
            conn,
            at=now,
            actor=user.name,
            action=action,
            target=case_id,
            payload={
                "from": case.state.value,
                "to": new.state.value,
                "version": new.version,
                "reason": reason,
                "measure": None if new.measure is None else new.measure.to_dict(),
            },
        )
    return new


def get_case(engine: Engine, case_id: str) -> Case:
    """One case; :class:`NotFound` for an unknown id."""
    with engine.connect() as conn:
        return repo.get_case(conn, case_id)


def list_cases(engine: Engine, *, states: list[CaseState] | None = None) -> list[Case]:
    """Cases, optionally only those in ``states``."""
    with engine.connect() as conn:
        return repo.list_cases(conn, states=states)


def add_evidence(
    engine: Engine,
    user: User,
    case_id: str,
    *,
    claim: str,
    document: str,
    span: str | None = None,
    url: str | None = None,
    when: datetime | None = None,
) -> int:
    """Attach an evidence item (claim -> document/span) reviewed by ``user``."""
    user.require(ACTION_ROLES["add_evidence"], "add evidence")
    if not claim.strip() or not document.strip():
        raise InvalidData.at("evidence needs a claim and a document", field="claim")
    now = when or utcnow()
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        repo.get_case(conn, case_id)
        item = {
            "claim": claim,
            "document": document,
            "span": span,
            "url": url,
            "reviewer": user.name,
            "reviewed_at": now,
        }
        item_id = repo.add_evidence(conn, case_id, item)
        repo.append_audit(
            conn,
            at=now,
            actor=user.name,
            action="add_evidence",
            target=case_id,
            payload={**item, "id": item_id, "reviewed_at": now.isoformat()},
        )
    return item_id


def case_file(engine: Engine, case_id: str) -> dict[str, Any]:
    """The case, its operator, and the chain from each claim to its source and reviewer."""
    with engine.connect() as conn:
        case = repo.get_case(conn, case_id)
        op = repo.get_operator(conn, case.operator_id)
        evidence = repo.list_evidence(conn, case_id)
        audit = repo.audit_entries(conn, target=case_id, limit=1000)
    return {
        "case": case.to_dict(),
        "operator": op.to_dict(),
        "evidence": [{**e, "reviewed_at": e["reviewed_at"].isoformat()} for e in evidence],
        "audit": [
            {
                "seq": a["seq"],
                "at": a["at"],
                "actor": a["actor"],
                "action": a["action"],
                "hash": a["hash"],
            }
            for a in reversed(audit)
        ],
    }


def due(engine: Engine, within: timedelta, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Measures expiring and reply deadlines passing before ``now + within`` (or already past)."""
    now = now or utcnow()
    horizon = now + within
    result: list[dict[str, Any]] = []
    for case in list_cases(engine, states=[CaseState.IN_FORCE, CaseState.NOTIFIED]):
        if case.state is CaseState.IN_FORCE and case.measure is not None:
            if case.measure.end <= horizon:
                result.append(_due(case, "measure expires", case.measure.end, now))
        elif case.reply_deadline is not None and case.reply_deadline <= horizon:
            result.append(_due(case, "reply deadline", case.reply_deadline, now))
    return sorted(result, key=lambda d: str(d["due"]))


def _due(case: Case, what: str, when: datetime, now: datetime) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "operator_id": case.operator_id,
        "what": what,
        "due": when.isoformat(),
        "overdue": when <= now,
        "days": (when - now).days,
    }


# -- matrix ----------------------------------------------------------------------------------
