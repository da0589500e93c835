"""Reviewed evidence claims about diplomacy become engagements of the partners register.

An accepted (or corrected: the reviewer's values win) claim of a meeting, a commitment, an
agreement or a statement becomes one :class:`~corridor.partners.model.Engagement` with the way
back to the article: its address, publisher and date, the claim id, the character span and the
reviewer. Anything that would have to be guessed is refused with the field to correct: a claim
that names no known partner (correct it with ``{"partners": "IQ"}``), or one with no date and a
document with no publication date. Promoting the same claim again rewrites nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from corridor.evidence.claim import Claim
from corridor.evidence.document import Document
from corridor.exc import CorridorError, InvalidData, ProcedureError, RefusedOperation
from corridor.partners.model import Engagement, EngagementKind
from corridor.partners.register import Register
from corridor.services.partners import get_register
from corridor.services.promote import decision_of, place_country
from corridor.store import partners as store
from corridor.store.db import transaction
from corridor.store.evidence import EvidenceStore, Review

REVIEWED = ("accepted", "corrected")
# Evidence event types (and quotes) that are engagements, and the engagement kind of each.
PROMOTABLE: dict[str, EngagementKind] = {
    "diplomatic_meeting": EngagementKind.MEETING,
    "diplomatic_commitment": EngagementKind.STATEMENT,
    "agreement": EngagementKind.AGREEMENT,
    "statement": EngagementKind.STATEMENT,
}


@dataclass(frozen=True, slots=True)
class EngagementPromotion:
    """One claim written to the register: ``status`` is ``added``, ``replaced`` or ``unchanged``."""

    claim_id: str
    engagement: Engagement
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "status": self.status,
            "engagement": self.engagement.model_dump(mode="json"),
        }


def engagement_kind(claim: Claim) -> EngagementKind:
    """The engagement kind of a claim; refuses claims that are not about diplomacy."""
    if claim.kind == "quote":
        return EngagementKind.STATEMENT
    corrected = claim.value.get("engagement_kind")
    if corrected:
        try:
            return EngagementKind(str(corrected))
        except ValueError:
            raise InvalidData.at(
                f"unknown engagement kind {corrected!r}", field="engagement_kind"
            ) from None
    kind = PROMOTABLE.get(claim.type)
    if claim.kind != "event" or kind is None:
        known = ", ".join(PROMOTABLE)
        raise RefusedOperation(
            f"claim {claim.id} is a {claim.kind}/{claim.type} claim; engagements come from "
            f"{known} events or quotes"
        )
    return kind


def partners_of(claim: Claim, register: Register) -> tuple[str, ...]:
    """The register's partners a claim names: the reviewer's ``partners``, else its actor,
    target and places read as countries or carrier names."""
    given = claim.value.get("partners")
    if given:
        names = [p.strip() for p in str(given).replace(",", ";").split(";") if p.strip()]
    else:
        names = [str(claim.value.get(k) or "") for k in ("actor", "target")]
        names += [str(p) for p in claim.value.get("places") or []]
    found: list[str] = []
    for name in names:
        if not name:
            continue
        partner = register.get(name)
        if partner is None:
            partner = next((p for p in register.partners if p.name.lower() == name.lower()), None)
        if partner is None:
            code = place_country(name)
            partner = None if code is None else register.get(code.upper())
        if partner is not None and partner.id not in found:
            found.append(partner.id)
        elif partner is None and given:
            raise InvalidData.at(f"claim {claim.id}: unknown partner {name!r}", field="partners")
    if not found:
        raise InvalidData.at(
            f"claim {claim.id} names no partner of the register (actor {claim.value.get('actor')!r}, "
            f"target {claim.value.get('target')!r}); correct it with {{'partners': 'IQ'}}",
            field="partners",
        )
    return tuple(found)


def engagement_from_claim(
    claim: Claim, document: Document, review: Review, register: Register
) -> Engagement:
    """The engagement a reviewed claim stands for; refuses what it would have to guess."""
    if claim.status not in REVIEWED:
        raise ProcedureError(
            f"claim {claim.id} is {claim.status}: only accepted or corrected claims become engagements"
        )
    kind = engagement_kind(claim)
    partners = partners_of(claim, register)
    period = claim.value.get("date") if isinstance(claim.value.get("date"), dict) else None
    inferred = [
        f"promoted from evidence claim {claim.id} (chars {claim.start}:{claim.end}, "
        f"{claim.status} by {review.reviewer} on {review.created_at.date()})",
    ]
    if period and period.get("start_date"):
        when = str(period["start_date"])
    elif document.published_at is not None:
        when = document.published_at.date().isoformat()
        inferred.append("date: the document's publication day (the claim gives none)")
    else:
        raise InvalidData.at(
            f"claim {claim.id} has no date and its document none either", field="date"
        )
    web = document.uri.startswith(("http://", "https://"))
    url = document.uri if web else f"evidence:{document.id}"
    actor = claim.value.get("actor")
    target = claim.value.get("target")
    data = {
        "id": f"EV-{claim.id[:12]}",
        "date": when,
        "partners": ";".join(partners),
        "kind": kind.value,
        "counterpart": str(actor or ""),
        "eu_actor": str(target or ""),
        "outcome": f"{claim.type.replace('_', ' ')} reported in the document (see the claim's span)",
        "source_url": url,
        "source_file": None,
        "publisher": document.publisher or "publisher unknown",
        "published": None if document.published_at is None else document.published_at.date(),
        "provenance": f"evidence:{claim.id}",
    }
    if not web:
        inferred.append(f"the document has no web address (stored as {document.uri!r})")
    return Engagement.model_validate({**data, "inferred": "; ".join(inferred)})


def promote_claim(engine: Engine, claim_id: str) -> EngagementPromotion:
    """Write a reviewed diplomacy claim to the register as an engagement."""
    evidence = EvidenceStore(engine)
    claim = evidence.claim(claim_id)
    if claim.status not in REVIEWED:
        raise ProcedureError(f"claim {claim.id} is {claim.status}: accept or correct it first")
    review = decision_of(evidence.reviews(claim.id))
    document = evidence.document(claim.document_id)
    register = get_register(engine)
    engagement = engagement_from_claim(claim, document, review, register)
    with transaction(engine) as conn:
        before = store.get_engagement(conn, engagement.id)
        if before == engagement:
            return EngagementPromotion(claim.id, engagement, "unchanged")
        store.replace_engagement(conn, engagement)
    return EngagementPromotion(claim.id, engagement, "replaced" if before else "added")


@dataclass(frozen=True, slots=True)
class EngagementRefusal:
    """A reviewed claim that could not become an engagement, and why."""

    claim_id: str
    reason: str


def promote_reviewed(engine: Engine) -> tuple[list[EngagementPromotion], list[EngagementRefusal]]:
    """Promote every accepted or corrected diplomacy claim; the ones refused say why."""
    evidence = EvidenceStore(engine)
    done: list[EngagementPromotion] = []
    refused: list[EngagementRefusal] = []
    for status in REVIEWED:
        for claim in evidence.claims(status=status):
            if claim.kind != "quote" and (claim.kind != "event" or claim.type not in PROMOTABLE):
                continue
            try:
                done.append(promote_claim(engine, claim.id))
            except CorridorError as exc:
                refused.append(EngagementRefusal(claim.id, exc.message))
    return done, refused
