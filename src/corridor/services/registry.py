"""Opening the registry: the one place entry points get an engine from, schema ensured."""

from __future__ import annotations

from sqlalchemy import Engine

from corridor.settings import Settings
from corridor.store.db import create_schema, make_engine


def open_registry(settings: Settings) -> Engine:
    """The registry engine for ``settings.database_url`` (SQLite or PostgreSQL), with the
    whole schema created if it is not there yet."""
    engine = make_engine(settings.database_url)
    create_schema(engine)
    return engine
