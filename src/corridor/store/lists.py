"""The list store: snapshots of official lists, their entries, statements and listing history.

Loading a snapshot of a source is one transaction that diffs it against the source's snapshot
in force (added, removed, changed by :meth:`Entity.content_hash`), records the change set, keeps
each value as a statement with ``first_seen``/``last_seen``, and opens or closes listing periods.

Order of snapshots: a snapshot's *date* is the list's own publication date, else the time it was
retrieved. Snapshots are applied in date order; loading one dated before the snapshot in force
is refused with :class:`~corridor.exc.Conflict` (history is never rewritten backwards: rebuild
the store and load the older files first). Loading a snapshot already loaded changes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Engine,
    Integer,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from corridor.exc import Conflict, NotFound
from corridor.model import Entity, Interval, Statement, utcnow
from corridor.model.listing import Jurisdiction, ListingPeriod
from corridor.model.statement import entity_statements
from corridor.model.time import to_datetime
from corridor.store.db import UTCDateTime, transaction
from corridor.store.schema import metadata

log = logging.getLogger(__name__)

CHUNK = 2000

snapshots_table = Table(
    "list_snapshots",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False, index=True),
    Column("sha256", String(64), nullable=False),
    Column("path", Text, nullable=False),
    Column("url", Text),
    Column("retrieved_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime),
    Column("effective_at", UTCDateTime, nullable=False),
    Column("loaded_at", UTCDateTime, nullable=False),
    Column("jurisdiction", String(8), nullable=False),
    Column("total", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("removed", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    # two concurrent loads of one file: the second fails here and rolls back
    UniqueConstraint("source", "sha256"),
)

entries_table = Table(
    "list_entries",
    metadata,
    Column("entity_id", String(200), primary_key=True),
    Column("source", String(64), nullable=False, index=True),
    Column("record_id", String(200), nullable=False),
    Column("type", String(32), nullable=False),
    Column("caption", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("snapshot", String(64), nullable=False),
    Column("active", Boolean, nullable=False, index=True),
)

statements_table = Table(
    "list_statements",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("source", String(64), nullable=False, index=True),
    Column("record_id", String(200), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("original_value", Text),
    Column("lang", String(16)),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("first_snapshot", String(64), nullable=False),
    Column("last_snapshot", String(64), nullable=False),
)

changes_table = Table(
    "list_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False, index=True),
    Column("snapshot", String(64), nullable=False, index=True),
    Column("entity_id", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("detail", JSON, nullable=False),
)

periods_table = Table(
    "listing_periods",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("source", String(64), nullable=False, index=True),
    Column("jurisdiction", String(8), nullable=False),
    Column("listed_from", UTCDateTime, nullable=False),
    Column("listed_until", UTCDateTime),
    Column("basis", String(16), nullable=False),
    Column("from_snapshot", String(64)),
    Column("until_snapshot", String(64)),
)


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


def _changed_props(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = sorted(set(old) | set(new))
    return [k for k in keys if k != "provenance" and old.get(k) != new.get(k)]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _convert(values: list[Any], proc: Any) -> list[Any]:
    """Apply a bind processor; most rows share the load's datetime: convert that once."""
    done: dict[int, Any] = {}
    out = []
    for value in values:
        if isinstance(value, datetime):
            key = id(value)
            if key not in done:
                done[key] = proc(value)
            out.append(done[key])
        else:
            out.append(proc(value))
    return out


def _bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``executemany`` straight to the driver, values converted once by each column's type.

    SQLAlchemy's per-row parameter handling costs more than the insert itself at 100k rows.
    """
    if not rows:
        return
    dialect = conn.dialect
    cols = list(rows[0])
    procs = [table.c[c].type.bind_processor(dialect) for c in cols]
    procs = [
        _dump_json if p is None and isinstance(table.c[c].type, JSON) else p
        for p, c in zip(procs, cols, strict=True)
    ]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    columns: list[list[Any]] = []
    for col, proc in zip(cols, procs, strict=True):
        values = [r[col] for r in rows]
        if proc is not None:
            values = _convert(values, proc)
        columns.append(values)
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _period_from_row(row: Any) -> ListingPeriod:
    return ListingPeriod(
        entity_id=row.entity_id,
        source=row.source,
        jurisdiction=Jurisdiction(row.jurisdiction),
        interval=Interval(row.listed_from, row.listed_until),
        basis=row.basis,
        from_snapshot=row.from_snapshot,
        until_snapshot=row.until_snapshot,
    )


def _entity_query() -> Select[Any]:
    return select(
        entries_table.c.data,
        entries_table.c.snapshot,
        snapshots_table.c.retrieved_at,
        snapshots_table.c.published_at,
        snapshots_table.c.url,
    ).join(
        snapshots_table,
        and_(
            snapshots_table.c.source == entries_table.c.source,
            snapshots_table.c.sha256 == entries_table.c.snapshot,
        ),
    )


def _entity_from_row(row: Any) -> Entity:
    """The stored entry, its provenance pointing at the last snapshot that held it."""
    entity = Entity.from_dict(row.data)
    entity.provenance = replace(
        entity.provenance,
        snapshot=row.snapshot,
        retrieved_at=row.retrieved_at,
        published_at=row.published_at,
        url=row.url,
    )
    return entity


class ListStore:
    """Snapshots, entries, statements, change sets and listing periods of official lists."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing -------------------------------------------------------------------------

    def load(
        self, entities: Iterable[Entity], snapshot: SnapshotInfo, jurisdiction: Jurisdiction
    ) -> LoadReport:
        """Apply one snapshot of one source, in one transaction."""
        new: dict[str, Entity] = {}
        for entity in entities:
            if entity.id in new:
                log.warning("duplicate entry %s in %s: keeping the first", entity.id, snapshot.path)
                continue
            new[entity.id] = entity
        with transaction(self.engine) as conn:
            done = conn.execute(
                select(snapshots_table).where(
                    snapshots_table.c.source == snapshot.source,
                    snapshots_table.c.sha256 == snapshot.sha256,
                )
            ).first()
            if done is not None:
                return LoadReport(snapshot.source, snapshot.sha256, True, [], [], [], done.total)
            current = self._current(conn, snapshot.source)
            if current is not None and snapshot.effective_at < current.effective_at:
                raise Conflict(
                    f"{snapshot.path} is a {snapshot.source} snapshot of "
                    f"{snapshot.effective_at.date()}, older than the one in force "
                    f"({current.effective_at.date()}, {current.sha256[:12]}); snapshots are "
                    "applied in date order: load older files first"
                )
            previous = None if current is None else current.sha256
            return self._apply(conn, new, snapshot, jurisdiction, previous)

    def _apply(
        self,
        conn: Connection,
        new: dict[str, Entity],
        snap: SnapshotInfo,
        jurisdiction: Jurisdiction,
        previous: str | None,
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
        changed = sorted(i for i in new if i in active and known[i] != hashes[i])
        same = [i for i in new if i in active and known[i] == hashes[i]]
        rewrite = [*added, *changed]
        details: dict[str, list[str]] = {}
        for part in _chunks(changed):
            for entity_id, data in conn.execute(
                select(entries_table.c.entity_id, entries_table.c.data).where(
                    entries_table.c.entity_id.in_(part)
                )
            ):
                details[entity_id] = _changed_props(data, new[entity_id].to_dict())

        self._write_entries(conn, [new[i] for i in rewrite], hashes, known, same, snap)
        for part in _chunks(removed):
            conn.execute(
                update(entries_table)
                .where(entries_table.c.entity_id.in_(part))
                .values(active=False)
            )
        self._write_statements(conn, [new[i] for i in rewrite], same, snap, previous)
        self._write_periods(conn, new, added, removed, snap, jurisdiction)
        change_rows = [
            {"source": snap.source, "snapshot": snap.sha256, "entity_id": i, "kind": kind,
             "detail": details.get(i, [])}
            for kind, ids in (("added", added), ("removed", removed), ("changed", changed))
            for i in ids
        ]  # fmt: skip
        if change_rows:
            _bulk_insert(conn, changes_table, change_rows)
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
        self,
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
            _bulk_insert(conn, entries_table, inserts)
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
        for part in _chunks(same):
            conn.execute(
                update(entries_table)
                .where(entries_table.c.entity_id.in_(part))
                .values(last_seen=when, snapshot=snap.sha256)
            )

    def _write_statements(
        self,
        conn: Connection,
        rewrite: list[Entity],
        same: list[str],
        snap: SnapshotInfo,
        previous: str | None,
    ) -> None:
        """Statements of unchanged entries are all still current: move them on in bulk."""
        when = snap.effective_at
        if previous is not None:
            for part in _chunks(same):
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
        for part in _chunks(list(fresh)):
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
            _bulk_insert(conn, statements_table, inserts)
        if existing:
            conn.execute(
                update(statements_table)
                .where(statements_table.c.id == bindparam("b_id"))
                .values(last_seen=when, last_snapshot=snap.sha256),
                [{"b_id": sid} for sid in existing],
            )

    def _write_periods(
        self,
        conn: Connection,
        new: dict[str, Entity],
        added: list[str],
        removed: list[str],
        snap: SnapshotInfo,
        jurisdiction: Jurisdiction,
    ) -> None:
        when = snap.effective_at
        if removed:
            for part in _chunks(removed):
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
        for part in _chunks(added):
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
        _bulk_insert(conn, periods_table, rows)

    # -- reading -------------------------------------------------------------------------

    @staticmethod
    def _current(conn: Connection, source: str) -> Any:
        return conn.execute(
            select(snapshots_table)
            .where(snapshots_table.c.source == source)
            .order_by(snapshots_table.c.effective_at.desc(), snapshots_table.c.seq.desc())
            .limit(1)
        ).first()

    def entities(
        self, *, sources: Sequence[str] | None = None, as_of: datetime | None = None
    ) -> list[Entity]:
        """Entries in force: in each source's current snapshot, or listed at ``as_of``.

        With ``as_of``, an entry is returned when one of its listing periods contains that
        instant; its data is the latest version the store holds.
        """
        query = _entity_query().order_by(entries_table.c.entity_id)
        if sources is not None:
            query = query.where(entries_table.c.source.in_(list(sources)))
        if as_of is None:
            query = query.where(entries_table.c.active.is_(True))
        else:
            when = to_datetime(as_of)
            listed = (
                select(periods_table.c.entity_id)
                .where(
                    periods_table.c.listed_from <= when,
                    or_(
                        periods_table.c.listed_until.is_(None), periods_table.c.listed_until > when
                    ),
                )
                .distinct()
            )
            query = query.where(entries_table.c.entity_id.in_(listed))
        with self.engine.connect() as conn:
            return [_entity_from_row(row) for row in conn.execute(query)]

    def get(self, entity_id: str) -> Entity:
        with self.engine.connect() as conn:
            row = conn.execute(
                _entity_query().where(entries_table.c.entity_id == entity_id)
            ).first()
        if row is None:
            raise NotFound(f"no list entry {entity_id!r}")
        return _entity_from_row(row)

    def is_active(self, entity_id: str) -> bool:
        with self.engine.connect() as conn:
            active = conn.execute(
                select(entries_table.c.active).where(entries_table.c.entity_id == entity_id)
            ).scalar_one_or_none()
        if active is None:
            raise NotFound(f"no list entry {entity_id!r}")
        return bool(active)

    def history(self, entity_id: str) -> list[ListingPeriod]:
        """The listing periods of one entry, oldest first; NotFound if the entry is unknown."""
        with self.engine.connect() as conn:
            exists = conn.execute(
                select(entries_table.c.entity_id).where(entries_table.c.entity_id == entity_id)
            ).first()
            if exists is None:
                raise NotFound(f"no list entry {entity_id!r}")
            rows = conn.execute(
                select(periods_table)
                .where(periods_table.c.entity_id == entity_id)
                .order_by(periods_table.c.listed_from, periods_table.c.id)
            ).all()
        return [_period_from_row(r) for r in rows]

    def periods(self, *, sources: Sequence[str] | None = None) -> list[ListingPeriod]:
        query = select(periods_table).order_by(
            periods_table.c.entity_id, periods_table.c.listed_from, periods_table.c.id
        )
        if sources is not None:
            query = query.where(periods_table.c.source.in_(list(sources)))
        with self.engine.connect() as conn:
            return [_period_from_row(r) for r in conn.execute(query)]

    def statements(self, entity_id: str) -> list[Statement]:
        """Every value the entry ever carried, with when it was first and last seen."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(statements_table)
                .where(statements_table.c.entity_id == entity_id)
                .order_by(statements_table.c.prop, statements_table.c.value)
            ).all()
        return [
            Statement(
                entity_id=r.entity_id, prop=r.prop, value=r.value, source=r.source,
                record_id=r.record_id, snapshot=r.last_snapshot, first_seen=r.first_seen,
                last_seen=r.last_seen, original_value=r.original_value, lang=r.lang,
            )
            for r in rows
        ]  # fmt: skip

    def revision(self) -> int:
        """A number that grows with every snapshot loaded: cheap cache invalidation for readers."""
        with self.engine.connect() as conn:
            seq = conn.execute(select(func.max(snapshots_table.c.seq))).scalar_one_or_none()
        return 0 if seq is None else int(seq)

    def status(self) -> list[SourceStatus]:
        """Per source: the snapshot in force, its date, counts and its last diff."""
        with self.engine.connect() as conn:
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
                cur = self._current(conn, source)
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

    def changes(self, source: str, snapshot: str | None = None) -> ChangeSet:
        """The change set of ``snapshot`` (a sha256 or its prefix), by default the latest."""
        with self.engine.connect() as conn:
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
                .where(
                    and_(changes_table.c.source == source, changes_table.c.snapshot == snap.sha256)
                )
                .order_by(changes_table.c.kind, changes_table.c.entity_id)
            ).all()
        return ChangeSet(
            source=source,
            snapshot=snap.sha256,
            effective_at=snap.effective_at,
            previous=snaps[index - 1].sha256 if index > 0 else None,
            changes=[Change(r.entity_id, r.kind, list(r.detail)) for r in rows],
        )
