"""Claims: what an extractor says a document says, with offsets, confidence and the rule.

A claim's id is a hash of the document, kind, type and span, so extracting the same document
again yields the same ids. ``key`` is a text-free signature used to cluster near-duplicates
across documents (same figure, same event by the same actor).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

ClaimKind = Literal["figure", "event", "quote", "entity"]
KINDS: tuple[str, ...] = ("figure", "event", "quote", "entity")
STATUSES: tuple[str, ...] = ("pending", "accepted", "corrected", "rejected")


def claim_id(document_id: str, kind: str, type_: str, start: int, end: int) -> str:
    raw = f"{document_id}|{kind}|{type_}|{start}|{end}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


@dataclass(slots=True)
class Claim:
    """One claim at ``[start, end)`` of a document's text; ``sentence`` is the span it rests on."""

    document_id: str
    kind: str
    type: str
    start: int
    end: int
    text: str
    value: dict[str, Any]
    confidence: float
    rule: str
    sentence_start: int
    sentence_end: int
    key: str = ""
    status: str = "pending"
    id: str = ""
    created_at: datetime | None = None
    links: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = claim_id(self.document_id, self.kind, self.type, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "kind": self.kind,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "confidence": self.confidence,
            "rule": self.rule,
            "sentence": [self.sentence_start, self.sentence_end],
            "key": self.key,
            "status": self.status,
            "links": self.links,
            "created_at": None if self.created_at is None else self.created_at.isoformat(),
        }


def make_key(*parts: object) -> str:
    """A stable signature of the normalised parts (lower-cased strings, sorted lists)."""
    norm: list[object] = []
    for part in parts:
        if isinstance(part, str):
            norm.append(part.lower().strip())
        elif isinstance(part, list | tuple | set):
            norm.append(sorted(str(p).lower() for p in part))
        else:
            norm.append(part)
    return hashlib.sha1(json.dumps(norm, default=str).encode()).hexdigest()[:16]
