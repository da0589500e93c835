"""Engines, the unit of work and dialect helpers.

Writers cannot race. :func:`transaction` is the one way to write:

- on SQLite the driver's own transaction handling is switched off (``isolation_level=None``,
  the recipe in SQLAlchemy's pysqlite notes) and a write transaction starts with
  ``BEGIN IMMEDIATE``: it takes the database's write lock before its first read, so a
  read-modify-write sees the state it then changes. Readers (``engine.connect()``) start a
  plain ``BEGIN``, a consistent snapshot under WAL that never blocks a writer.
- on PostgreSQL a write transaction takes transaction-scoped advisory locks
  (``pg_advisory_xact_lock``) on the names it is given (``list:<source>``, ``audit`` ...)
  before its first read; rows it rewrites are read ``FOR UPDATE`` by the repositories.

A transaction that cannot get its lock in time, or that PostgreSQL aborts as a deadlock or a
serialisation failure, ends in :class:`corridor.exc.Conflict` (HTTP 409, exit 4).

>>> engine = make_engine("sqlite://")
>>> is_postgres(engine)
False
>>> with transaction(engine, locks=("demo",)) as conn:
...     conn.exec_driver_sql("SELECT 1").scalar()
1
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, TypeDecorator, create_engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from corridor.exc import Conflict
from corridor.store.schema import metadata

# seconds a writer waits for SQLite's write lock before giving up with Conflict
SQLITE_LOCK_TIMEOUT = 60.0
# the execution option that makes a transaction a writer (BEGIN IMMEDIATE on SQLite)
WRITE_OPTION = "corridor_write"

# Domain store modules define tables on the shared metadata when imported; the list is here so
# that creating the schema (and Alembic) sees every table without import side effects elsewhere.
TABLE_MODULES: tuple[str, ...] = (
    "corridor.store.lists",
    "corridor.store.blacklist",
    "corridor.store.evidence",
    "corridor.store.hit_decisions",
    "corridor.store.partners",
    "corridor.store.links",
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
    # the driver begins no transaction of its own: SQLAlchemy's "begin" event does (below)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_LOCK_TIMEOUT * 1000)}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the write lock at once; readers get a snapshot (WAL) without locking."""
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


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
            kwargs = {"connect_args": {"check_same_thread": False, "timeout": SQLITE_LOCK_TIMEOUT}}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
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
    """Create every table that does not exist yet (used by tests and the embedded store).

    Under the write lock, so processes starting at once do not create a table twice.
    """
    load_table_modules()
    with transaction(engine, locks=("schema",)) as conn:
        metadata.create_all(conn)


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


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for a lock name.

    >>> lock_key("audit") == lock_key("audit") != lock_key("list:ofac_sdn")
    True
    """
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def take_locks(conn: Connection, names: Sequence[str]) -> None:
    """Transaction-scoped locks on ``names`` (PostgreSQL advisory locks; SQLite holds one
    write lock for the whole database already). Taken in sorted order: no lock-order deadlock."""
    if conn.dialect.name != "postgresql":
        return
    for name in sorted(set(names)):
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%(k)s)", {"k": lock_key(name)})


# SQLSTATEs PostgreSQL uses for a transaction that lost a race
_PG_RACE_CODES = {"40001", "40P01", "55P03"}


def _lost_race(error: DBAPIError) -> bool:
    code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if code in _PG_RACE_CODES:
        return True
    text = str(error.orig).lower()
    return isinstance(error, OperationalError) and (
        "database is locked" in text or "database is busy" in text
    )


@contextmanager
def transaction(engine: Engine, *, locks: Sequence[str] = ()) -> Iterator[Connection]:
    """The unit of work: everything inside commits together or not at all.

    A writer: ``BEGIN IMMEDIATE`` on SQLite, the advisory ``locks`` on PostgreSQL, both before
    the first read. A lock not obtained in time, a deadlock or a serialisation failure becomes
    :class:`Conflict`.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                take_locks(conn, locks)
                yield conn
    except DBAPIError as exc:
        if _lost_race(exc):
            raise Conflict(
                "another write held the store too long or collided with this one; "
                f"nothing was changed, try again ({type(exc.orig).__name__})"
            ) from exc
        raise
