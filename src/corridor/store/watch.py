"""What changed in the lists since a store revision: the rows re-screening a watchlist needs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, and_, select

from corridor.store.lists.tables import changes_table, snapshots_table


@dataclass(frozen=True, slots=True)
class ChangedEntry:
    entity_id: str
    kind: str  # added, changed, removed
    source: str
    snapshot: str
    seq: int


def changes_since(engine: Engine, seq: int) -> list[ChangedEntry]:
    """Entries added, changed or removed by the snapshots loaded after revision ``seq``, the
    latest change of each entry last."""
    query = (
        select(changes_table.c.entity_id, changes_table.c.kind, changes_table.c.source,
               changes_table.c.snapshot, snapshots_table.c.seq)
        .join(snapshots_table, and_(snapshots_table.c.source == changes_table.c.source,
                                    snapshots_table.c.sha256 == changes_table.c.snapshot))
        .where(snapshots_table.c.seq > seq)
        .order_by(snapshots_table.c.seq, changes_table.c.id)
    )  # fmt: skip
    with engine.connect() as conn:
        return [ChangedEntry(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(query)]
