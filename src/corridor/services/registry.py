"""Opening the registry: the one place entry points get an engine from, schema ensured."""

from __future__ import annotations

from sqlalchemy import Engine

from corridor.settings import Settings, load_audit_key
from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine


def open_registry(settings: Settings) -> Engine:
    """The registry engine for ``settings.database_url`` (SQLite or PostgreSQL), with the
    whole schema created if it is not there yet, and the audit key (kept outside the
    database: ``CORRIDOR_AUDIT_KEY`` or the key file) bound to it."""
    engine = make_engine(settings.database_url)
    create_schema(engine)
    bind_audit_key(engine, load_audit_key(settings))
    return engine
