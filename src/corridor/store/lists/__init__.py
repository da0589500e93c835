"""The list store: snapshots of official lists, their entries, statements and listing history.

Loading a snapshot of a source is one transaction that diffs it against the source's snapshot
in force (added, removed, changed by :meth:`Entity.content_hash`), records the change set, keeps
each value as a statement with ``first_seen``/``last_seen``, and opens or closes listing periods.

Order of snapshots: a snapshot's *date* is the list's own publication date, else the time it was
retrieved. Snapshots are applied in date order; loading one dated before the snapshot in force
is refused with :class:`~corridor.exc.Conflict` (history is never rewritten backwards: rebuild
the store and load the older files first). Loading a snapshot already loaded changes nothing.

:class:`ListStore` is the one port; the work is in one module per noun:

- :mod:`corridor.store.lists.tables`: the tables;
- :mod:`corridor.store.lists.load`: loading a snapshot (diff, entries, statements, periods),
  with :mod:`corridor.store.lists.bulk` for the bulk writes;
- :mod:`corridor.store.lists.queries`: entries in force or at a date, one entry's history and
  values;
- :mod:`corridor.store.lists.status`: per source, the snapshot in force and its change sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from corridor.model import Entity, Statement
from corridor.model.listing import Jurisdiction, ListingPeriod
from corridor.store.lists import queries
from corridor.store.lists import status as lists_status
from corridor.store.lists.load import LoadReport, SnapshotInfo, load_snapshot
from corridor.store.lists.status import Change, ChangeSet, SourceStatus
from corridor.store.lists.tables import (
    changes_table,
    entries_table,
    periods_table,
    snapshots_table,
    statements_table,
)

__all__ = [
    "Change",
    "ChangeSet",
    "ListStore",
    "LoadReport",
    "SnapshotInfo",
    "SourceStatus",
    "changes_table",
    "entries_table",
    "periods_table",
    "snapshots_table",
    "statements_table",
]


class ListStore:
    """Snapshots, entries, statements, change sets and listing periods of official lists."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(
        self,
        entities: Iterable[Entity],
        snapshot: SnapshotInfo,
        jurisdiction: Jurisdiction,
        *,
        allow_shrink: bool = False,
    ) -> LoadReport:
        """Apply one snapshot of one source, in one transaction (see :func:`load_snapshot`)."""
        return load_snapshot(
            self.engine, entities, snapshot, jurisdiction, allow_shrink=allow_shrink
        )

    def entities(
        self, *, sources: Sequence[str] | None = None, as_of: datetime | None = None
    ) -> list[Entity]:
        """Entries in force: in each source's current snapshot, or listed at ``as_of``."""
        return queries.entities(self.engine, sources=sources, as_of=as_of)

    def get(self, entity_id: str) -> Entity:
        """One entry (NotFound if unknown), its provenance the last snapshot that held it."""
        return queries.get(self.engine, entity_id)

    def is_active(self, entity_id: str) -> bool:
        return queries.is_active(self.engine, entity_id)

    def history(self, entity_id: str) -> list[ListingPeriod]:
        """The listing periods of one entry, oldest first; NotFound if the entry is unknown."""
        return queries.history(self.engine, entity_id)

    def periods(self, *, sources: Sequence[str] | None = None) -> list[ListingPeriod]:
        return queries.periods(self.engine, sources=sources)

    def statements(self, entity_id: str) -> list[Statement]:
        """Every value the entry ever carried, with when it was first and last seen."""
        return queries.statements(self.engine, entity_id)

    def revision(self) -> int:
        """A number that grows with every snapshot loaded: cheap cache invalidation for readers."""
        return queries.revision(self.engine)

    def status(self) -> list[SourceStatus]:
        """Per source: the snapshot in force, its date, counts and its last diff."""
        return lists_status.status(self.engine)

    def snapshot_dates(self) -> list[tuple[str, str, datetime, str]]:
        """(source, jurisdiction, effective date, path) of every snapshot held, oldest first."""
        return lists_status.snapshot_dates(self.engine)

    def changes(self, source: str, snapshot: str | None = None) -> ChangeSet:
        """The change set of ``snapshot`` (a sha256 or its prefix), by default the latest."""
        return lists_status.changes(self.engine, source, snapshot)
