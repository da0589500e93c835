"""``alembic upgrade head`` on an empty registry gives exactly the schema of the metadata."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from corridor.store.db import (
    MIGRATIONS,
    alembic_config,
    load_table_modules,
    make_engine,
    upgrade_schema,
)
from corridor.store.schema import metadata

PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A registry with no tables at all, on each backend."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("CORRIDOR_TEST_PG_URL not set: PostgreSQL backend not running")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(PG_URL, search_path=schema)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_upgrade_head_matches_the_metadata(empty_engine: Engine) -> None:
    load_table_modules()
    upgrade_schema(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables


def test_one_head_and_a_baseline() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    assert (MIGRATIONS / "versions").is_dir()
    assert scripts.get_revision("0001") is not None
