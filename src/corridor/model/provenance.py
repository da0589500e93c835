"""Where a fact came from: source, snapshot, record, retrieval time and text span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from corridor.model.time import to_datetime


@dataclass(frozen=True, slots=True)
class Provenance:
    """The origin of one record or one value.

    ``snapshot`` is the sha256 of the file the record was read from; ``published_at`` is the
    list's own publication date when the file states one; ``span`` is a text span
    (``start:end`` character offsets, or a free locator such as ``row 12``) inside it.
    """

    source: str
    snapshot: str
    record_id: str
    retrieved_at: datetime
    published_at: datetime | None = None
    span: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "snapshot": self.snapshot,
            "record_id": self.record_id,
            "retrieved_at": self.retrieved_at.isoformat(),
            "published_at": None if self.published_at is None else self.published_at.isoformat(),
            "span": self.span,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        published = data.get("published_at")
        return cls(
            source=data["source"],
            snapshot=data["snapshot"],
            record_id=data["record_id"],
            retrieved_at=to_datetime(data["retrieved_at"]),
            published_at=None if published is None else to_datetime(published),
            span=data.get("span"),
            url=data.get("url"),
        )
