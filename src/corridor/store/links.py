"""Links between list records of the same target: proposed by the resolver with their reasons,
judged by analysts (confirmed or rejected), never deleted: a rejected link stays, rejected.

One row per pair (``left_id`` < ``right_id``). ``judgement`` is ``proposed`` (the resolver's),
``confirmed`` or ``rejected`` (an analyst's, with who and when); the resolver never overrides
an analyst.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Engine, String, Table, Text, select

from corridor.exc import NotFound
from corridor.model import utcnow
from corridor.store.db import UTCDateTime, transaction
from corridor.store.schema import metadata

JUDGEMENTS = ("proposed", "confirmed", "rejected")

links_table = Table(
    "target_links",
    metadata,
    Column("left_id", String(200), primary_key=True),
    Column("right_id", String(200), primary_key=True),
    Column("rule", String(32), nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("judgement", String(16), nullable=False),
    Column("decided_by", String(64)),
    Column("note", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True, slots=True)
class StoredLink:
    left_id: str
    right_id: str
    rule: str
    reasons: list[str]
    judgement: str
    decided_by: str | None
    note: str | None
    updated_at: datetime

    @property
    def positive(self) -> bool:
        return self.judgement != "rejected"

    def to_dict(self) -> dict[str, Any]:
        return {
            "left_id": self.left_id, "right_id": self.right_id, "rule": self.rule,
            "reasons": list(self.reasons), "judgement": self.judgement,
            "decided_by": self.decided_by, "note": self.note,
            "updated_at": self.updated_at.isoformat(),
        }  # fmt: skip


def _row(row: Any) -> StoredLink:
    return StoredLink(row.left_id, row.right_id, row.rule, list(row.reasons), row.judgement,
                      row.decided_by, row.note, row.updated_at)  # fmt: skip


def all_links(engine: Engine) -> list[StoredLink]:
    with engine.connect() as conn:
        rows = conn.execute(select(links_table).order_by(links_table.c.left_id,
                                                         links_table.c.right_id))  # fmt: skip
        return [_row(r) for r in rows]


def save_proposals(engine: Engine, proposals: Iterable[tuple[str, str, str, list[str]]]) -> int:
    """Add the resolver's proposals; a pair already judged (or proposed) is left as it is.
    Returns how many were new."""
    now = utcnow()
    added = 0
    with transaction(engine) as conn:
        known = {(r.left_id, r.right_id) for r in conn.execute(
            select(links_table.c.left_id, links_table.c.right_id))}  # fmt: skip
        rows = []
        for left, right, rule, reasons in proposals:
            if (left, right) in known:
                continue
            known.add((left, right))
            rows.append({"left_id": left, "right_id": right, "rule": rule, "reasons": reasons,
                         "judgement": "proposed", "decided_by": None, "note": None,
                         "created_at": now, "updated_at": now})  # fmt: skip
        if rows:
            conn.execute(links_table.insert(), rows)
            added = len(rows)
    return added


def judge(
    engine: Engine, left: str, right: str, judgement: str, user: str, note: str | None
) -> StoredLink:
    """An analyst's judgement on a pair (a pair the resolver never proposed may be linked by
    hand: ``confirmed`` with the rule ``analyst``)."""
    a, b = sorted((left, right))
    now = utcnow()
    with transaction(engine) as conn:
        found = conn.execute(select(links_table).where(
            links_table.c.left_id == a, links_table.c.right_id == b)).first()  # fmt: skip
        values = {"judgement": judgement, "decided_by": user, "note": note, "updated_at": now}
        if found is None:
            if judgement == "rejected":
                raise NotFound(f"no link between {a} and {b} to reject")
            conn.execute(links_table.insert().values(
                left_id=a, right_id=b, rule="analyst", reasons=[note or "linked by hand"],
                created_at=now, **values))  # fmt: skip
        else:
            conn.execute(links_table.update().where(
                links_table.c.left_id == a, links_table.c.right_id == b).values(**values))  # fmt: skip
        row = conn.execute(select(links_table).where(
            links_table.c.left_id == a, links_table.c.right_id == b)).one()  # fmt: skip
    return _row(row)
