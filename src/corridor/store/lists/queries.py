"""Reading the list store: entries in force or at a date, one entry, its history and values.

Each function takes the engine and opens its own connection; :class:`corridor.store.lists.ListStore`
gives them as methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, and_, func, or_, select

from corridor.exc import NotFound
from corridor.model import Entity, Interval, Statement
from corridor.model.listing import Jurisdiction, ListingPeriod
from corridor.model.time import to_datetime
from corridor.store.lists.tables import (
    entries_table,
    periods_table,
    snapshots_table,
    statements_table,
)


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


def entities(
    engine: Engine, *, sources: Sequence[str] | None = None, as_of: datetime | None = None
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
                or_(periods_table.c.listed_until.is_(None), periods_table.c.listed_until > when),
            )
            .distinct()
        )
        query = query.where(entries_table.c.entity_id.in_(listed))
    with engine.connect() as conn:
        return [_entity_from_row(row) for row in conn.execute(query)]


def get(engine: Engine, entity_id: str) -> Entity:
    with engine.connect() as conn:
        row = conn.execute(_entity_query().where(entries_table.c.entity_id == entity_id)).first()
    if row is None:
        raise NotFound(f"no list entry {entity_id!r}")
    return _entity_from_row(row)


def is_active(engine: Engine, entity_id: str) -> bool:
    with engine.connect() as conn:
        active = conn.execute(
            select(entries_table.c.active).where(entries_table.c.entity_id == entity_id)
        ).scalar_one_or_none()
    if active is None:
        raise NotFound(f"no list entry {entity_id!r}")
    return bool(active)


def history(engine: Engine, entity_id: str) -> list[ListingPeriod]:
    """The listing periods of one entry, oldest first; NotFound if the entry is unknown."""
    with engine.connect() as conn:
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


def periods(engine: Engine, *, sources: Sequence[str] | None = None) -> list[ListingPeriod]:
    query = select(periods_table).order_by(
        periods_table.c.entity_id, periods_table.c.listed_from, periods_table.c.id
    )
    if sources is not None:
        query = query.where(periods_table.c.source.in_(list(sources)))
    with engine.connect() as conn:
        return [_period_from_row(r) for r in conn.execute(query)]


def statements(engine: Engine, entity_id: str) -> list[Statement]:
    """Every value the entry ever carried, with when it was first and last seen."""
    with engine.connect() as conn:
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


def revision(engine: Engine) -> int:
    """A number that grows with every snapshot loaded: cheap cache invalidation for readers."""
    with engine.connect() as conn:
        seq = conn.execute(select(func.max(snapshots_table.c.seq))).scalar_one_or_none()
    return 0 if seq is None else int(seq)
