"""Evidence review in the console: the queue, a claim with its span in the article, and the
reviewer's decisions (accept, correct the reading, reject), attachment to a case and promotion
of a figure to flows, each checked against the user's role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from corridor.blacklist.roles import ACTION_ROLES, User
from corridor.evidence.claim import Claim
from corridor.evidence.document import Document
from corridor.exc import InvalidData
from corridor.flows.figure import Figure
from corridor.services.promote import Promotion, promote_claim, promoted_figure
from corridor.services.review import attach_to_case, review_claim
from corridor.settings import Settings
from corridor.store.evidence import EvidenceStore, Review

# The reading a reviewer may edit: scalar fields of the claim's value, and the dates of its
# period (a figure's ``period``, an event's ``date``) as ``period.start_date`` and so on.
EDITABLE = (str, int, float)
DATE_FIELDS = ("start_date", "end_date")


@dataclass
class ClaimView:
    claim: Claim
    document: Document
    before: str
    span: str
    after: str
    reading: dict[str, Any]
    reviews: list[Review] = field(default_factory=list)
    figure: Figure | None = None


def claim_queue(
    engine: Engine, *, status: str | None = "pending", kind: str | None = None
) -> list[tuple[Claim, Document]]:
    """Claims of ``status`` (pending: the review queue) with their documents."""
    store = EvidenceStore(engine)
    documents = {d.id: d for d in store.documents()}
    return [
        (c, documents[c.document_id])
        for c in store.claims(status=status or None, kind=kind or None)
        if c.document_id in documents
    ]


def claim_view(
    engine: Engine, settings: Settings, claim_id: str, *, context: int = 600
) -> ClaimView:
    """A claim, the article around its span (``context`` characters each side of its sentence)
    and the span itself, its editable reading, its reviews and the flows figure it became."""
    store = EvidenceStore(engine)
    claim = store.claim(claim_id)
    document = store.document(claim.document_id)
    text = document.text
    lo = max(0, min(claim.sentence_start, claim.start) - context)
    hi = min(len(text), max(claim.sentence_end, claim.end) + context)
    reading = reading_of(claim)
    figure = promoted_figure(settings, claim.id) if claim.kind == "figure" else None
    return ClaimView(
        claim=claim,
        document=document,
        before=("…" if lo > 0 else "") + text[lo : claim.start],
        span=text[claim.start : claim.end],
        after=text[claim.end : hi] + ("…" if hi < len(text) else ""),
        reading=reading,
        reviews=store.reviews(claim.id),
        figure=figure,
    )


def reading_of(claim: Claim) -> dict[str, Any]:
    """The editable fields of a claim's reading, nested dates as ``period.start_date``."""
    reading: dict[str, Any] = {}
    for key, value in claim.value.items():
        if isinstance(value, dict):
            for sub in DATE_FIELDS:
                if sub in value:
                    reading[f"{key}.{sub}"] = value[sub]
        elif isinstance(value, EDITABLE) or value is None:
            reading[key] = value
    return reading


def _corrected(claim: Claim, fields: dict[str, str]) -> dict[str, Any]:
    """The fields the reviewer changed, typed like the extractor's reading (a changed period
    date keeps the rest of its period: offsets, rule)."""
    changed: dict[str, Any] = {}
    reading = reading_of(claim)
    for key, raw in fields.items():
        if key not in reading:
            continue
        old = reading[key]
        text = raw.strip()
        if "." in key:
            outer, inner = key.split(".", 1)
            if str(old or "") != text:
                base = changed.get(outer) or dict(claim.value.get(outer) or {})
                base[inner] = text or None
                changed[outer] = base
            continue
        if old is not None and str(old) == text:
            continue
        if old is None and not text:
            continue
        if isinstance(old, bool):
            changed[key] = text.lower() in ("true", "yes", "1")
        elif isinstance(old, int | float):
            try:
                changed[key] = int(text) if isinstance(old, int) and text.isdigit() else float(text)
            except ValueError:
                raise InvalidData.at(f"{key} must be a number, not {text!r}", field=key) from None
        else:
            changed[key] = text or None
    return changed


def decide_claim(
    engine: Engine,
    user: User,
    claim_id: str,
    action: str,
    *,
    note: str | None = None,
    fields: dict[str, str] | None = None,
) -> Claim:
    """Accept, correct (with the edited reading) or reject a pending claim, as ``user``."""
    user.require(ACTION_ROLES["review_claim"], "review claims")
    value = None
    if action == "correct":
        claim = EvidenceStore(engine).claim(claim_id)
        value = _corrected(claim, fields or {})
        if not value:
            raise InvalidData.at(
                "a correction changes at least one field of the reading", field="value"
            )
    return review_claim(engine, claim_id, action, reviewer=user.name, value=value, note=note)


def attach_claim(engine: Engine, user: User, claim_id: str, case_id: str, note: str | None) -> int:
    """Attach a reviewed claim to a blacklist case (the blacklist service checks the role)."""
    return attach_to_case(engine, user, claim_id, case_id, note=note)


def promote(engine: Engine, settings: Settings, user: User, claim_id: str) -> Promotion:
    """Promote a reviewed figure claim to flows, as ``user``."""
    user.require(ACTION_ROLES["promote_claim"], "promote claims to flows")
    return promote_claim(engine, settings, claim_id)
