"""The screening index is kept per store revision: on disk for the next process, in memory for
this one, and the revision is asked only when the store may have changed."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screening"))

from screening_helpers import sample

from corridor.model.listing import Jurisdiction
from corridor.screening.result import Query
from corridor.services.screening import IndexCache, screen_store
from corridor.services.screening_cache import FORMAT
from corridor.store.db import create_schema, make_engine
from corridor.store.lists import ListStore, SnapshotInfo


def _snapshot(sha: str, day: int) -> SnapshotInfo:
    when = datetime(2024, 5, day, tzinfo=UTC)
    return SnapshotInfo("ofac_sdn", sha * 64, "sdn.csv", when, when)


def _load(engine: Engine, entities: list, sha: str, day: int) -> None:  # type: ignore[type-arg]
    logging.disable(logging.CRITICAL)
    try:
        ListStore(engine).load(entities, _snapshot(sha, day), Jurisdiction.US)
    finally:
        logging.disable(logging.NOTSET)


@pytest.fixture
def sqlite(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'corridor.db'}")
    create_schema(engine)
    _load(engine, sample(), "a", 3)
    return engine


def _count_revision_queries(engine: Engine) -> list[str]:
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "max(" in statement.lower() and "seq" in statement.lower():
            seen.append(statement)

    return seen


def _hit_ids(engine: Engine, cache: IndexCache, name: str) -> list[str]:
    results = screen_store(engine, [Query(id="1", names=(name,))], threshold=0.8, cache=cache)
    return [h.entity_id for h in results[0].hits]


def test_a_second_process_reads_the_index_instead_of_building_it(
    sqlite: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first = IndexCache(sqlite, folder, secret="s")
    assert _hit_ids(sqlite, first, "Belavia") == ["ofac-44541"]
    files = list(folder.glob("*.index"))
    assert len(files) == 1 and files[0].read_bytes().startswith(FORMAT)

    second = IndexCache(sqlite, folder, secret="s")

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was built again")

    monkeypatch.setattr(second, "_build", no_build)
    assert _hit_ids(sqlite, second, "Belavia") == ["ofac-44541"]


def test_a_file_signed_with_another_secret_or_tampered_is_rebuilt(
    sqlite: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    _hit_ids(sqlite, IndexCache(sqlite, folder, secret="one"), "Belavia")
    other = IndexCache(sqlite, folder, secret="two")
    built: list[str] = []
    real_build = other._build

    def counting_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append("yes")
        return real_build(*args, **kwargs)

    other._build = counting_build  # type: ignore[method-assign]
    assert _hit_ids(sqlite, other, "Belavia") == ["ofac-44541"]
    assert built == ["yes"]
    path = next(folder.glob("*.index"))
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    again = IndexCache(sqlite, folder, secret="two")
    assert again._read(*path.stem.split("-")) is None


def test_the_revision_is_asked_only_after_a_write(sqlite: Engine, tmp_path: Path) -> None:
    cache = IndexCache(sqlite, tmp_path / "cache", recheck=3600)
    queries = _count_revision_queries(sqlite)
    for _ in range(20):
        assert _hit_ids(sqlite, cache, "Belavia") == ["ofac-44541"]
    assert len(queries) == 1  # the first request; nothing was written since


def test_a_load_by_another_process_is_seen_at_the_next_request(
    sqlite: Engine, tmp_path: Path
) -> None:
    """A long recheck interval: only the changed database files can tell the cache."""
    folder = tmp_path / "cache"
    cache = IndexCache(sqlite, folder, recheck=3600)
    assert _hit_ids(sqlite, cache, "Belavia") == ["ofac-44541"]
    without_belavia = [e for e in sample() if e.id != "ofac-44541"]
    database = sqlite.url.database
    script = (
        "import logging, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'screening')!r})\n"
        "from datetime import UTC, datetime\n"
        "from screening_helpers import sample\n"
        "from corridor.model.listing import Jurisdiction\n"
        "from corridor.store.db import make_engine\n"
        "from corridor.store.lists import ListStore, SnapshotInfo\n"
        "logging.disable(logging.CRITICAL)\n"
        "when = datetime(2024, 5, 4, tzinfo=UTC)\n"
        f"engine = make_engine('sqlite:///{database}')\n"
        "entities = [e for e in sample() if e.id != 'ofac-44541']\n"
        "ListStore(engine).load(entities, SnapshotInfo('ofac_sdn', 'b' * 64, 'sdn.csv', when,"
        " when), Jurisdiction.US)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert len(without_belavia) == len(sample()) - 1
    assert _hit_ids(sqlite, cache, "Belavia") == []
    assert len(list(folder.glob("*.index"))) == 1  # the older revision's file was removed


def test_postgres_like_stores_are_rechecked_after_the_interval(
    sqlite: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without database files to watch, the revision is asked again after ``recheck``."""
    cache = IndexCache(sqlite, None, recheck=0.0)
    cache._files = ()
    queries = _count_revision_queries(sqlite)
    _hit_ids(sqlite, cache, "Belavia")
    _hit_ids(sqlite, cache, "Belavia")
    assert len(queries) == 2
    slow = IndexCache(sqlite, None, recheck=3600)
    slow._files = ()
    queries.clear()
    _hit_ids(sqlite, slow, "Belavia")
    _load(sqlite, [e for e in sample() if e.id != "ofac-44541"], "c", 5)
    assert _hit_ids(sqlite, slow, "Belavia") == ["ofac-44541"]  # not asked yet: bounded delay
    slow.invalidate()
    assert _hit_ids(sqlite, slow, "Belavia") == []
    assert len(queries) == 2


def test_kept_and_reloaded_on_each_backend(engine: Engine, tmp_path: Path) -> None:
    """SQLite and PostgreSQL alike: the index is written, read back by a new cache, and a load
    is seen once the revision is asked again (at once here: ``recheck=0``)."""
    _load(engine, sample(), "a", 3)
    folder = tmp_path / "cache"
    assert _hit_ids(engine, IndexCache(engine, folder, recheck=0.0), "Belavia") == ["ofac-44541"]
    cache = IndexCache(engine, folder, recheck=0.0)
    assert _hit_ids(engine, cache, "Belavia") == ["ofac-44541"]
    assert len(list(folder.glob("*.index"))) == 1
    _load(engine, [e for e in sample() if e.id != "ofac-44541"], "b", 4)
    assert _hit_ids(engine, cache, "Belavia") == []
    assert len(list(folder.glob("*.index"))) == 1
