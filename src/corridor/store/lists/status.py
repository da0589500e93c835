"""What the list store holds per source: the snapshot in force, its counts, its change sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, and_, func, select

from corridor.exc import NotFound
from corridor.model.provenance import is_sample_path
from corridor.store.lists.load import current_snapshot
from corridor.store.lists.tables import changes_table, entries_table, snapshots_table


@dataclass(frozen=True)
class SourceStatus:
    """A source's snapshot in force, its date, counts and its last diff."""

    source: str
    jurisdiction: str
    snapshot: str
    path: str
    url: str | None
    published_at: datetime | None
    retrieved_at: datetime
    loaded_at: datetime
    entries: int
    added: int
    removed: int
    changed: int
    snapshots: int

    @property
    def sample(self) -> bool:
        """The snapshot in force was made by hand for the demo, not taken from the source."""
        return is_sample_path(self.path)


@dataclass(frozen=True)
class Change:
    """One entry added, removed or changed by a snapshot; ``props`` names what changed."""

    entity_id: str
    kind: str
    props: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChangeSet:
    """The changes a snapshot made to its source."""

    source: str
    snapshot: str
    effective_at: datetime
    previous: str | None
    changes: list[Change]


def status(engine: Engine) -> list[SourceStatus]:
    """Per source: the snapshot in force, its date, counts and its last diff."""
    with engine.connect() as conn:
        sources = conn.execute(
            select(snapshots_table.c.source, func.count())
            .group_by(snapshots_table.c.source)
            .order_by(snapshots_table.c.source)
        ).all()
        counts: dict[str, int] = {
            row[0]: int(row[1])
            for row in conn.execute(
                select(entries_table.c.source, func.count())
                .where(entries_table.c.active.is_(True))
                .group_by(entries_table.c.source)
            )
        }
        result = []
        for source, n_snapshots in sources:
            cur = current_snapshot(conn, source)
            result.append(
                SourceStatus(
                    source=source, jurisdiction=cur.jurisdiction, snapshot=cur.sha256,
                    path=cur.path, url=cur.url, published_at=cur.published_at,
                    retrieved_at=cur.retrieved_at, loaded_at=cur.loaded_at,
                    entries=int(counts.get(source, 0)), added=cur.added,
                    removed=cur.removed, changed=cur.changed, snapshots=int(n_snapshots),
                )
            )  # fmt: skip
    return result


def changes(engine: Engine, source: str, snapshot: str | None = None) -> ChangeSet:
    """The change set of ``snapshot`` (a sha256 or its prefix), by default the latest."""
    with engine.connect() as conn:
        snaps = conn.execute(
            select(snapshots_table)
            .where(snapshots_table.c.source == source)
            .order_by(snapshots_table.c.effective_at, snapshots_table.c.seq)
        ).all()
        if not snaps:
            raise NotFound(f"no snapshot of {source!r} loaded")
        index = len(snaps) - 1
        if snapshot is not None:
            hits = [i for i, s in enumerate(snaps) if s.sha256.startswith(snapshot)]
            if len(hits) != 1:
                raise NotFound(f"no single {source} snapshot {snapshot!r}")
            index = hits[0]
        snap = snaps[index]
        rows = conn.execute(
            select(changes_table)
            .where(and_(changes_table.c.source == source, changes_table.c.snapshot == snap.sha256))
            .order_by(changes_table.c.kind, changes_table.c.entity_id)
        ).all()
    return ChangeSet(
        source=source,
        snapshot=snap.sha256,
        effective_at=snap.effective_at,
        previous=snaps[index - 1].sha256 if index > 0 else None,
        changes=[Change(r.entity_id, r.kind, list(r.detail)) for r in rows],
    )


def snapshot_dates(engine: Engine) -> list[tuple[str, str, datetime, str]]:
    """Every snapshot held: its source, jurisdiction, effective date and file path, oldest
    first."""
    query = select(
        snapshots_table.c.source,
        snapshots_table.c.jurisdiction,
        snapshots_table.c.effective_at,
        snapshots_table.c.path,
    ).order_by(snapshots_table.c.effective_at)
    with engine.connect() as conn:
        return [(r[0], r[1], r[2], r[3]) for r in conn.execute(query)]
