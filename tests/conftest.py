"""Fixture policy.

- Tests mirror the source tree: ``tests/<package path>/test_<module>.py``.
- Fixtures are small *real* extracts (``tests/fixtures/``, each folder with a SOURCES.md saying
  where its bytes came from) or files a test writes itself in a documented official layout.
  Nothing is invented where a real record exists.
- Tests that read ``../shared`` use the ``shared_dir`` fixture and skip with a reason when it is
  absent: the suite passes without it.
- Storage tests take the ``engine`` fixture, which runs each test against SQLite and, when
  ``CORRIDOR_TEST_PG_URL`` is set (``make test`` starts a throwaway cluster), PostgreSQL, each in a
  fresh schema.
- No test measures time: speed and memory belong to ``benchmarks/``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine

# the audit key of test registries (a real deployment keeps its key outside the database)
TEST_AUDIT_KEY = b"test-audit-key-" + b"0" * 17

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is not beside the project ({SHARED} missing)")
    return SHARED


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh registry with the whole schema, on each backend of the matrix."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'corridor.db'}")
        create_schema(eng)
        bind_audit_key(eng, TEST_AUDIT_KEY)
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("CORRIDOR_TEST_PG_URL not set: PostgreSQL backend not running")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(PG_URL, search_path=schema)
    create_schema(eng)
    bind_audit_key(eng, TEST_AUDIT_KEY)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(autouse=True)
def _reset_logging() -> Iterator[None]:
    """CLI tests configure logging; give every test the root logger as it found it."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
