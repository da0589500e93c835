"""The list store's tables: snapshots, entries, statements, change sets, listing periods.

Defined on :data:`corridor.store.schema.metadata`; the Alembic baseline creates the same.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from corridor.store.db import UTCDateTime
from corridor.store.schema import metadata

__all__ = [
    "changes_table",
    "entries_table",
    "periods_table",
    "snapshots_table",
    "statements_table",
]

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
