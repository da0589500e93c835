"""Decisions on screening hits, four eyes, every step in the audit chain.

A reviewer (``decide_hit``: analysts) marks a hit true or false positive with a note; a second
reviewer (``confirm_hit``), who must be someone else, confirms or disputes it. While a decision
is pending or confirmed, no new one is taken on the same query and entry; a disputed one may be
decided again. Each write and its audit entry commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine

from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.exc import Conflict, Forbidden, InvalidData, ProcedureError
from corridor.model.time import utcnow
from corridor.screening.decisions import VERDICTS, HitDecision, query_key
from corridor.store import blacklist as audit
from corridor.store import hit_decisions as repo
from corridor.store.db import transaction


def decide_hit(
    engine: Engine,
    user: User,
    query: str,
    entity_id: str,
    verdict: str,
    note: str,
    *,
    when: datetime | None = None,
) -> HitDecision:
    """The first reviewer's verdict on the hit of ``entity_id`` for ``query``."""
    user.require(ACTION_ROLES["decide_hit"], "decide on screening hits")
    if verdict not in VERDICTS:
        raise InvalidData.at(f"verdict must be one of {sorted(VERDICTS)}", field="verdict")
    if not note.strip():
        raise InvalidData.at("a decision needs a note saying why", field="note")
    key = query_key(query)
    if not key or not entity_id.strip():
        raise InvalidData.at("a decision needs the query and the list entry", field="query")
    now = when or utcnow()
    with transaction(engine) as conn:
        for earlier in repo.decisions_for(conn, key, [entity_id]):
            if earlier.status in ("pending", "confirmed"):
                raise Conflict(
                    f"hit decision {earlier.id} on this query and entry is {earlier.status} "
                    f"({earlier.verdict}, by {earlier.decided_by})"
                )
        decision = repo.insert_decision(
            conn,
            query=query.strip(),
            query_key=key,
            entity_id=entity_id,
            verdict=verdict,
            note=note.strip(),
            by=user.name,
            at=now,
        )
        audit.append_audit(
            conn,
            at=now,
            actor=user.name,
            action="hit_decision",
            target=f"hit-{decision.id}",
            payload={"query": decision.query, "entity_id": entity_id, "verdict": verdict,
                     "note": decision.note},
        )  # fmt: skip
    return decision


def review_hit_decision(
    engine: Engine,
    user: User,
    decision_id: int,
    *,
    agree: bool,
    note: str,
    when: datetime | None = None,
) -> HitDecision:
    """The second reviewer confirms (``agree``) or disputes a pending decision."""
    user.require(ACTION_ROLES["confirm_hit"], "confirm decisions on screening hits")
    if not note.strip() and not agree:
        raise InvalidData.at("disputing a decision needs a note saying why", field="note")
    now = when or utcnow()
    status = "confirmed" if agree else "disputed"
    with transaction(engine) as conn:
        decision = repo.get_decision(conn, decision_id)
        if decision.decided_by == user.name:
            raise Forbidden(
                f"{user.name} took hit decision {decision_id}: four eyes means a second "
                "reviewer confirms it"
            )
        if decision.status != "pending":
            raise ProcedureError(
                f"hit decision {decision_id} is already {decision.status} by {decision.reviewed_by}"
            )
        reviewed = repo.review_decision(
            conn, decision_id, status=status, by=user.name, at=now, note=note.strip()
        )
        audit.append_audit(
            conn,
            at=now,
            actor=user.name,
            action=f"hit_{status}",
            target=f"hit-{decision_id}",
            payload={"query": decision.query, "entity_id": decision.entity_id,
                     "verdict": decision.verdict, "note": note.strip()},
        )  # fmt: skip
    return reviewed


def decisions_on(
    engine: Engine, query: str, entity_ids: Sequence[str] | None = None
) -> dict[str, HitDecision]:
    """The latest decision per list entry for this query (what the next screening shows)."""
    with engine.connect() as conn:
        found = repo.decisions_for(conn, query_key(query), entity_ids)
    return {d.entity_id: d for d in found}


def list_hit_decisions(engine: Engine, *, status: str | None = None) -> list[HitDecision]:
    """Decisions, newest first; ``status="pending"`` is the second reviewers' queue."""
    with engine.connect() as conn:
        return repo.list_decisions(conn, status=status)


def get_hit_decision(engine: Engine, decision_id: int) -> HitDecision:
    with engine.connect() as conn:
        return repo.get_decision(conn, decision_id)
