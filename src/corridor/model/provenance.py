"""Where a fact came from: source, snapshot, record, retrieval time and text span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
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


SAMPLE_NOTE = "SAMPLE: made by hand for the demo and tests, not an official list file"


def is_sample_path(path: str) -> bool:
    """Whether a list file was made by hand for the demo: it sits in a ``sample-*`` folder or
    is named ``*_sample.*`` (as the bundled EU FSF files are). Such data is marked wherever it
    surfaces (list status, hits, matrix cells)."""
    parts = PurePath(path).parts
    return any(p.lower().startswith("sample") or "_sample." in p.lower() for p in parts)
