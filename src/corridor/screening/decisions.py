"""Decisions on screening hits, with four eyes: one reviewer says whether a hit is the queried
party (``true_positive``) or not (``false_positive``) with a note; a second, different reviewer
confirms or disputes it. A decision is remembered for the same query and list entry, so the
next screening of that name shows it beside the hit.

>>> query_key("  Белавиа   Airlines ")
'белавиа airlines'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

VERDICTS: dict[str, str] = {
    "true_positive": "true positive: the entry is the party screened",
    "false_positive": "false positive: the entry is someone else",
}
# pending: waiting for the second reviewer; confirmed / disputed: the second reviewer's word.
STATUSES: tuple[str, ...] = ("pending", "confirmed", "disputed")


def query_key(text: str) -> str:
    """The query as remembered: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class HitDecision:
    """One reviewer's verdict on one hit and, once given, the second reviewer's."""

    id: int
    query: str
    entity_id: str
    verdict: str
    note: str
    decided_by: str
    decided_at: datetime
    status: str = "pending"
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None

    @property
    def key(self) -> str:
        return query_key(self.query)

    @property
    def settled(self) -> bool:
        """Confirmed by a second reviewer: the verdict stands."""
        return self.status == "confirmed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "query": self.query,
            "entity_id": self.entity_id,
            "verdict": self.verdict,
            "note": self.note,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat(),
            "status": self.status,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": None if self.reviewed_at is None else self.reviewed_at.isoformat(),
            "review_note": self.review_note,
        }
