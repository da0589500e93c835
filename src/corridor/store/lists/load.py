"""Loading a snapshot of a list: one transaction that diffs, records and dates every entry.

A snapshot of a source is diffed against the source's snapshot in force (added, removed, changed
by :meth:`Entity.content_hash`); the change set is recorded, each value kept as a statement with
``first_seen``/``last_seen``, and listing periods opened or closed. Snapshots apply in date
order (see :mod:`corridor.store.lists`); a snapshot loaded before changes nothing.

Loads of one source are serialised by a per-source lock taken before the first read (the write
lock on SQLite, an advisory lock ``list:<source>`` on PostgreSQL): two loads at once apply one
after the other, each diffed against what the other left. A snapshot that would remove more
than :data:`MAX_SHRINK` of a list of at least :data:`SHRINK_FLOOR` entries is refused unless
``allow_shrink`` is given: a truncated or wrong file must not empty a list in force.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, func, select, update
from sqlalchemy.engine import Connection

from corridor.exc import Conflict, RefusedOperation
from corridor.model import Entity, Statement, utcnow
from corridor.model.listing import Jurisdiction
from corridor.model.statement import entity_statements
from corridor.model.time import to_datetime
from corridor.store.db import transaction
from corridor.store.lists.bulk import bulk_insert, chunks
from corridor.store.lists.tables import (
    changes_table,
    entries_table,
    periods_table,
    snapshots_table,
    statements_table,
)

# the store's one logger name, as before the store was split into modules
log = logging.getLogger("corridor.store.lists")

# share of the entries in force a snapshot may remove without --allow-shrink
MAX_SHRINK = 0.5
# lists smaller than this are not guarded (a share of a handful means little)
SHRINK_FLOOR = 20


@dataclass(frozen=True)
class SnapshotInfo:
    """One file of one source: its hash, where it came from and when."""

    source: str
    sha256: str
    path: str
    retrieved_at: datetime
    published_at: datetime | None
    url: str | None = None

    @property
    def effective_at(self) -> datetime:
        """The snapshot's date: the list's publication date, else the retrieval time."""
        return self.published_at if self.published_at is not None else self.retrieved_at


@dataclass(frozen=True)
class LoadReport:
    """What loading a snapshot did; ``unchanged`` when it had been loaded before."""

    source: str
    snapshot: str
    unchanged: bool
    added: list[str]
    removed: list[str]
    changed: list[str]
    total: int


def _changed_props(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = sorted(set(old) | set(new))
    return [k for k in keys if k != "provenance" and old.get(k) != new.get(k)]


def load_snapshot(
    engine: Engine,
    entities: Iterable[Entity],
    snapshot: SnapshotInfo,
    jurisdiction: Jurisdiction,
    *,
    allow_shrink: bool = False,
    max_shrink: float = MAX_SHRINK,
) -> LoadReport:
    """Apply one snapshot of one source, in one transaction, under the source's load lock."""
    new: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in new:
            log.warning("duplicate entry %s in %s: keeping the first", entity.id, snapshot.path)
            continue
        new[entity.id] = entity
    with transaction(engine, locks=(f"list:{snapshot.source}",)) as conn:
        done = conn.execute(
            select(snapshots_table).where(
                snapshots_table.c.source == snapshot.source,
                snapshots_table.c.sha256 == snapshot.sha256,
            )
        ).first()
        if done is not None:
            return LoadReport(snapshot.source, snapshot.sha256, True, [], [], [], done.total)
        current = current_snapshot(conn, snapshot.source)
        if current is not None and snapshot.effective_at < current.effective_at:
            raise Conflict(
                f"{snapshot.path} is a {snapshot.source} snapshot of "
                f"{snapshot.effective_at.date()}, older than the one in force "
                f"({current.effective_at.date()}, {current.sha256[:12]}); snapshots are "
                "applied in date order: load older files first"
            )
        previous = None if current is None else current.sha256
        return _apply(conn, new, snapshot, jurisdiction, previous, allow_shrink, max_shrink)


def _apply(
    conn: Connection,
    new: dict[str, Entity],
    snap: SnapshotInfo,
    jurisdiction: Jurisdiction,
    previous: str | None,
    allow_shrink: bool = False,
    max_shrink: float = MAX_SHRINK,
) -> LoadReport:
    when = snap.effective_at
    rows = conn.execute(
        select(
            entries_table.c.entity_id, entries_table.c.content_hash, entries_table.c.active
        ).where(entries_table.c.source == snap.source)
    ).all()
    known = {r.entity_id: r.content_hash for r in rows}
    active = {r.entity_id for r in rows if r.active}
    hashes = {i: e.content_hash() for i, e in new.items()}
    added = sorted(i for i in new if i not in active)
    removed = sorted(i for i in active if i not in new)
    if not allow_shrink and len(active) >= SHRINK_FLOOR and len(removed) > max_shrink * len(active):
        raise RefusedOperation(
            f"{snap.path} would remove {len(removed)} of the {len(active)} {snap.source} entries "
            f"in force ({len(removed) / len(active):.0%}, more than {max_shrink:.0%}) and keep "
            f"{len(active) - len(removed)}: is the file complete? Nothing was changed; load it "
            "with --allow-shrink if the list really shrank"
        )
    changed = sorted(i for i in new if i in active and known[i] != hashes[i])
    same = [i for i in new if i in active and known[i] == hashes[i]]
    rewrite = [*added, *changed]
    details: dict[str, list[str]] = {}
    for part in chunks(changed):
        for entity_id, data in conn.execute(
            select(entries_table.c.entity_id, entries_table.c.data).where(
                entries_table.c.entity_id.in_(part)
            )
        ):
            details[entity_id] = _changed_props(data, new[entity_id].to_dict())

    _write_entries(conn, [new[i] for i in rewrite], hashes, known, same, snap)
    for part in chunks(removed):
        conn.execute(
            update(entries_table).where(entries_table.c.entity_id.in_(part)).values(active=False)
        )
    _write_statements(conn, [new[i] for i in rewrite], same, snap, previous)
    _write_periods(conn, new, added, removed, snap, jurisdiction)
    change_rows = [
        {"source": snap.source, "snapshot": snap.sha256, "entity_id": i, "kind": kind,
         "detail": details.get(i, [])}
        for kind, ids in (("added", added), ("removed", removed), ("changed", changed))
        for i in ids
    ]  # fmt: skip
    if change_rows:
        bulk_insert(conn, changes_table, change_rows)
    conn.execute(
        snapshots_table.insert().values(
            source=snap.source,
            sha256=snap.sha256,
            path=snap.path,
            url=snap.url,
            retrieved_at=snap.retrieved_at,
            published_at=snap.published_at,
            effective_at=when,
            loaded_at=utcnow(),
            jurisdiction=jurisdiction.value,
            total=len(new),
            added=len(added),
            removed=len(removed),
            changed=len(changed),
        )
    )
    log.info(
        "loaded %s snapshot %s: %d entries, +%d -%d ~%d",
        snap.source, snap.sha256[:12], len(new), len(added), len(removed), len(changed),
    )  # fmt: skip
    return LoadReport(snap.source, snap.sha256, False, added, removed, changed, len(new))


def _write_entries(
    conn: Connection,
    rewrite: list[Entity],
    hashes: dict[str, str],
    known: dict[str, str],
    same: list[str],
    snap: SnapshotInfo,
) -> None:
    """Write added and changed entries in full; only touch the dates of unchanged ones.

    An unchanged entry keeps the data (and provenance) of the snapshot it was last written
    from; readers take the snapshot columns from :data:`entries_table` instead.
    """
    when = snap.effective_at
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for entity in rewrite:
        values = {
            "data": entity.to_dict(),
            "content_hash": hashes[entity.id],
            "caption": entity.caption,
            "type": entity.type.value,
            "record_id": entity.record_id,
            "last_seen": when,
            "snapshot": snap.sha256,
        }
        if entity.id in known:
            updates.append({"b_id": entity.id, **values})
        else:
            inserts.append(
                {"entity_id": entity.id, "source": snap.source, "first_seen": when,
                 "active": True, **values}
            )  # fmt: skip
    if inserts:
        bulk_insert(conn, entries_table, inserts)
    if updates:
        stmt = (
            update(entries_table)
            .where(entries_table.c.entity_id == bindparam("b_id"))
            .values(
                data=bindparam("data"),
                content_hash=bindparam("content_hash"),
                caption=bindparam("caption"),
                type=bindparam("type"),
                record_id=bindparam("record_id"),
                last_seen=bindparam("last_seen"),
                snapshot=bindparam("snapshot"),
                active=True,
            )
        )
        conn.execute(stmt, updates)
    for part in chunks(same):
        conn.execute(
            update(entries_table)
            .where(entries_table.c.entity_id.in_(part))
            .values(last_seen=when, snapshot=snap.sha256)
        )


def _write_statements(
    conn: Connection,
    rewrite: list[Entity],
    same: list[str],
    snap: SnapshotInfo,
    previous: str | None,
) -> None:
    """Statements of unchanged entries are all still current: move them on in bulk."""
    when = snap.effective_at
    if previous is not None:
        for part in chunks(same):
            conn.execute(
                update(statements_table)
                .where(
                    statements_table.c.source == snap.source,
                    statements_table.c.last_snapshot == previous,
                    statements_table.c.entity_id.in_(part),
                )
                .values(last_seen=when, last_snapshot=snap.sha256)
            )
    fresh: dict[str, Statement] = {}
    for entity in rewrite:
        for stmt in entity_statements(entity, when):
            fresh.setdefault(stmt.id, stmt)
    existing: set[str] = set()
    for part in chunks(list(fresh)):
        existing.update(
            conn.execute(
                select(statements_table.c.id).where(statements_table.c.id.in_(part))
            ).scalars()
        )
    inserts = [
        {"id": sid, "entity_id": s.entity_id, "source": s.source, "record_id": s.record_id,
         "prop": s.prop, "value": s.value, "original_value": s.original_value,
         "lang": s.lang, "first_seen": when, "last_seen": when,
         "first_snapshot": snap.sha256, "last_snapshot": snap.sha256}
        for sid, s in fresh.items()
        if sid not in existing
    ]  # fmt: skip
    if inserts:
        bulk_insert(conn, statements_table, inserts)
    if existing:
        conn.execute(
            update(statements_table)
            .where(statements_table.c.id == bindparam("b_id"))
            .values(last_seen=when, last_snapshot=snap.sha256),
            [{"b_id": sid} for sid in existing],
        )


def _write_periods(
    conn: Connection,
    new: dict[str, Entity],
    added: list[str],
    removed: list[str],
    snap: SnapshotInfo,
    jurisdiction: Jurisdiction,
) -> None:
    when = snap.effective_at
    if removed:
        for part in chunks(removed):
            conn.execute(
                update(periods_table)
                .where(
                    periods_table.c.source == snap.source,
                    periods_table.c.entity_id.in_(part),
                    periods_table.c.listed_until.is_(None),
                )
                .values(listed_until=when, until_snapshot=snap.sha256)
            )
    if not added:
        return
    last_end: dict[str, datetime] = {}
    for part in chunks(added):
        for row in conn.execute(
            select(periods_table.c.entity_id, func.max(periods_table.c.listed_until))
            .where(periods_table.c.source == snap.source, periods_table.c.entity_id.in_(part))
            .group_by(periods_table.c.entity_id)
        ):
            if row[1] is not None:
                last_end[row[0]] = row[1]
    rows: list[dict[str, Any]] = []
    for entity_id in added:
        start, basis = when, "snapshot"
        listed_on = new[entity_id].listed_on
        if listed_on is not None:
            stated = to_datetime(listed_on)
            floor = last_end.get(entity_id)
            if stated < when and (floor is None or stated >= floor):
                start, basis = stated, "stated"
        rows.append(
            {"entity_id": entity_id, "source": snap.source,
             "jurisdiction": jurisdiction.value, "listed_from": start, "listed_until": None,
             "basis": basis, "from_snapshot": snap.sha256, "until_snapshot": None}
        )  # fmt: skip
    bulk_insert(conn, periods_table, rows)


def current_snapshot(conn: Connection, source: str) -> Any:
    """The snapshot row in force for ``source`` (latest date, then latest loaded), or None."""
    return conn.execute(
        select(snapshots_table)
        .where(snapshots_table.c.source == source)
        .order_by(snapshots_table.c.effective_at.desc(), snapshots_table.c.seq.desc())
        .limit(1)
    ).first()
