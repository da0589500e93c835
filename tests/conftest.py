"""Fixture policy (checked by ``tests/test_fixtures_policy.py``).

- Tests mirror the source tree: ``tests/<package path>/test_<module>.py``.
- Real data comes from the package's bundled extracts (``corridor.resources.data_dir(...)``:
  ``src/corridor/data/<family>/``, each family with a SOURCES.md saying where its bytes came
  from) or from ``../shared``; a test may also write a file itself in a documented official
  layout. Nothing is invented where a real record exists; what is hand-made says so.
- Data files kept under ``tests/`` are hand annotations and hand-written examples (the evidence
  gold and held-out sets): each says in its opening lines (a ``#`` header, or an ``"about"``
  field in JSON) what it is and how it was made. No article's sentences are copied into them.
- Tests that read ``../shared`` use the ``shared_dir`` fixture and skip with a reason when it is
  absent: the suite passes without it.
- Storage tests take the ``engine`` fixture, which runs each test against SQLite and, when
  ``CORRIDOR_TEST_PG_URL`` is set (``make test`` starts a throwaway cluster), PostgreSQL, each in a
  fresh schema.
- No test measures time: speed and memory belong to ``benchmarks/``. Hypothesis runs with the
  ``corridor`` profile registered below (no deadline, no too-slow health check), or ``ci``
  (the same, derandomised) when ``HYPOTHESIS_PROFILE=ci``, as ``make test`` sets it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, text

from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine

# the audit key of test registries (a real deployment keeps its key outside the database)
TEST_AUDIT_KEY = b"test-audit-key-" + b"0" * 17

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")

# Timing belongs to benchmarks: no example may fail for being slow on a busy machine.
hypothesis_settings.register_profile(
    "corridor", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("corridor"), derandomize=True
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "corridor"))

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


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
