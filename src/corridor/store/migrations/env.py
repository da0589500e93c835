"""Alembic environment: the target is :data:`corridor.store.schema.metadata` with every table
module loaded. The connection comes from ``config.attributes["connection"]`` (set by
:func:`corridor.store.db.upgrade_schema`), else from the ``sqlalchemy.url`` option."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from corridor.store.db import load_table_modules, make_engine
from corridor.store.schema import metadata

load_table_modules()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url for the migrations")
    engine = make_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


run_migrations()
