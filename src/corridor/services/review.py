"""The review workflow: a claim starts ``pending``; a reviewer accepts, corrects or rejects it.

Decisions are final for the claim they are made on (a second decision is a
:class:`~corridor.exc.ProcedureError`); every decision is kept with its reviewer and time.
Accepted and corrected claims can be exported with their source (:func:`as_evidence`) to be
attached to a blacklist case (:func:`attach_to_case`); reviewed figures become flows figures in
:mod:`corridor.services.promote`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.evidence.claim import Claim
from corridor.exc import InvalidData, ProcedureError
from corridor.services.cases import add_evidence
from corridor.store.evidence import EvidenceStore

ACTIONS: dict[str, str] = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}


def review_claim(
    engine: Engine,
    claim_id: str,
    action: str,
    *,
    reviewer: str,
    value: dict[str, Any] | None = None,
    note: str | None = None,
) -> Claim:
    """Record one decision on a pending claim and return the claim as it now is."""
    if action not in ACTIONS:
        raise InvalidData.at(
            f"unknown action {action!r}; use one of {sorted(ACTIONS)}", field="action"
        )
    if not reviewer.strip():
        raise InvalidData.at("a reviewer is required", field="reviewer")
    if action == "correct" and not value:
        raise InvalidData.at("a correction needs the corrected value", field="value")
    if action != "correct" and value is not None:
        raise InvalidData.at("only a correction carries a value", field="value")
    store = EvidenceStore(engine)
    claim = store.claim(claim_id)
    if claim.status != "pending":
        raise ProcedureError(f"claim {claim.id} was already {claim.status}")
    merged = None if value is None else {**claim.value, **value}
    return store.record_review(
        claim.id,
        action=action,
        status=ACTIONS[action],
        reviewer=reviewer,
        value=merged,
        note=note,
        expected_status="pending",
    )


def as_evidence(engine: Engine, claim_id: str) -> dict[str, Any]:
    """An accepted or corrected claim with its source, ready to attach to a case or a flow."""
    store = EvidenceStore(engine)
    claim = store.claim(claim_id)
    if claim.status not in ("accepted", "corrected"):
        raise ProcedureError(
            f"claim {claim.id} is {claim.status}: only reviewed claims are evidence"
        )
    document = store.document(claim.document_id)
    return {
        "claim": claim.to_dict(),
        "source": {
            "document_id": document.id,
            "uri": document.uri,
            "title": document.title,
            "publisher": document.publisher,
            "published_at": None
            if document.published_at is None
            else document.published_at.isoformat(),
            "span": f"{claim.start}:{claim.end}",
            "sentence": document.text[claim.sentence_start : claim.sentence_end],
        },
        "reviews": [r.to_dict() for r in store.reviews(claim.id)],
    }


def attach_to_case(
    engine: Engine, user: User, claim_id: str, case_id: str, *, note: str | None = None
) -> int:
    """Attach a reviewed claim to a blacklist case, with its document, span and address.

    The case keeps the claim id and a one-line statement of it (and the analyst's ``note``); the
    document is named by its sha256, so the case file leads back to the exact characters the
    claim rests on. The blacklist service checks the role and writes the case's audit entry;
    the role is checked first here too, so a user who may not add evidence learns nothing about
    the claim.
    """
    user.require(ACTION_ROLES["add_evidence"], "add evidence")
    evidence = as_evidence(engine, claim_id)
    claim = evidence["claim"]
    source = evidence["source"]
    statement = f"evidence claim {claim['id']} ({claim['kind']}/{claim['type']}): {claim['text']}"
    if note is not None and note.strip():
        statement += f" [note: {note.strip()}]"
    return add_evidence(
        engine,
        user,
        case_id,
        claim=statement,
        document=source["document_id"],
        span=source["span"],
        url=source["uri"],
    )
