"""Engines, the unit of work and dialect helpers.

>>> engine = make_engine("sqlite://")
>>> is_postgres(engine)
False
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, TypeDecorator, create_engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.pool import StaticPool

from corridor.store.schema import metadata

# Domain store modules define tables on the shared metadata when imported; the list is here so
# that creating the schema (and Alembic) sees every table without import side effects elsewhere.
TABLE_MODULES: tuple[str, ...] = (
    "corridor.store.lists",
    "corridor.store.blacklist",
    "corridor.store.evidence",
    "corridor.store.partners",
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, search_path: str | None = None) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and its folder created.

    ``search_path`` (PostgreSQL only) puts every table in that schema: tests use one per test.
    """
    if url.startswith("sqlite"):
        kwargs: dict[str, Any] = {}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            path = url.split("///", 1)[-1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            kwargs = {"connect_args": {"check_same_thread": False}}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    connect_args = {} if search_path is None else {"options": f"-csearch_path={search_path}"}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def is_postgres(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


def load_table_modules() -> None:
    """Import every domain store module so its tables are on :data:`metadata`."""
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet (used by tests and the embedded store)."""
    load_table_modules()
    metadata.create_all(engine)


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None, connection: Connection | None = None) -> Any:
    """An Alembic ``Config`` for the bundled migrations (no ``alembic.ini`` needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the registry to ``revision`` with Alembic (the way for a PostgreSQL deployment).

    :func:`create_schema` stays ``create_all`` for the embedded store and tests, so tables
    defined after the newest revision still appear there; a deployment runs this instead.
    """
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(connection=conn), revision)


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """The unit of work: everything inside commits together or not at all."""
    with engine.begin() as conn:
        yield conn
