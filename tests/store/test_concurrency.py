"""Writers that cannot race, with real processes on each backend.

- 20 processes load 20 different snapshots of one list at once: every load either applies or
  is refused as older than the snapshot in force (exit 4), and afterwards the entries in force
  are exactly those of the snapshot in force (0 wrong in-force entries).
- The same snapshot loaded by several processes at once: one applies, the others find it done.
- Processes opening cases at once: every case gets its own number, no raw database error, and
  the audit chain verifies.

Snapshots are the bundled real EU annex CSV (Regulation 765/2006, OpenSanctions transcription),
each with a different 5 % of its rows left out.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from corridor.blacklist.roles import Role
from corridor.cli.errors import exit_code_for
from corridor.exc import CorridorError
from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services import blacklist as service
from corridor.services import cases
from corridor.sources.context import SourceContext, iter_parsed
from corridor.sources.registry import load_registry
from corridor.store.audit_key import audit_key, bind_audit_key
from corridor.store.db import make_engine
from corridor.store.lists import entries_table, periods_table, snapshots_table
from corridor.store.lists.load import current_snapshot

ROOT = Path(__file__).resolve().parents[2]
ANNEX = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"
LOADS = 20
CTX = mp.get_context("fork")


# set in the parent before forking: the key and search path of the engine under test
_KEY: list[bytes] = []


def _url(engine: Engine) -> tuple[str, str | None]:
    """What a child process needs to open the same registry."""
    url = engine.url.render_as_string(hide_password=False)
    _KEY[:] = [audit_key(engine)]
    search_path = None
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            search_path = conn.exec_driver_sql("SHOW search_path").scalar()
    return url, search_path


def _child_engine(url: str, search_path: str | None) -> Engine:
    engine = make_engine(url, search_path=search_path)
    bind_audit_key(engine, _KEY[0])
    return engine


def _load(args: tuple[str, str | None, str, str, Any]) -> int:
    url, options, path, day, barrier = args
    from corridor.services.lists import load_path

    engine = _child_engine(url, options)
    barrier.wait()
    try:
        load_path(engine, "eu_journal", Path(path), retrieved_at=to_datetime(day))
    except CorridorError as error:
        return exit_code_for(error)
    except Exception:  # noqa: BLE001 - a raw database error is what this test looks for
        return 70
    finally:
        engine.dispose()
    return 0


def _parsed_ids(path: Path) -> set[str]:
    spec = load_registry().lookup("eu_journal")
    context = SourceContext("eu_journal", path, "0" * 64, to_datetime("2026-09-01"))
    return {e.id for e in iter_parsed(spec.load_parser(), context)}


def _snapshots(tmp_path: Path) -> list[tuple[Path, str, set[str]]]:
    with ANNEX.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        rows = list(reader)
    result = []
    start = to_datetime("2026-09-01")
    for k in range(LOADS):
        kept = [r for i, r in enumerate(rows) if i % LOADS != k]
        path = tmp_path / f"snap{k:02d}" / "32006R0765.csv"
        path.parent.mkdir()
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(kept)
        ids = _parsed_ids(path)
        result.append((path, (start + timedelta(days=k)).date().isoformat(), ids))
    return result


def _run_all(jobs: list[tuple[str, str | None, str, str]]) -> list[int]:
    barrier = CTX.Barrier(len(jobs))
    procs = []
    queue: Any = CTX.Queue()

    def target(job: tuple[str, str | None, str, str], i: int) -> None:
        queue.put((i, _load((*job, barrier))))

    for i, job in enumerate(jobs):
        proc = CTX.Process(target=target, args=(job, i))
        proc.start()
        procs.append(proc)
    codes = dict(queue.get(timeout=600) for _ in procs)
    for proc in procs:
        proc.join(timeout=60)
    return [codes[i] for i in range(len(jobs))]


@pytest.fixture
def snapshots(tmp_path: Path) -> list[tuple[Path, str, set[str]]]:
    return _snapshots(tmp_path)


def _in_force(engine: Engine) -> tuple[str, set[str], set[str]]:
    with engine.connect() as conn:
        current = current_snapshot(conn, "eu_journal")
        active = set(
            conn.execute(
                select(entries_table.c.entity_id).where(
                    entries_table.c.source == "eu_journal", entries_table.c.active.is_(True)
                )
            ).scalars()
        )
        open_periods = set(
            conn.execute(
                select(periods_table.c.entity_id).where(
                    periods_table.c.source == "eu_journal", periods_table.c.listed_until.is_(None)
                )
            ).scalars()
        )
    return current.path, active, open_periods


def test_concurrent_loads_of_different_snapshots(
    engine: Engine, snapshots: list[tuple[Path, str, set[str]]]
) -> None:
    url, options = _url(engine)
    jobs = [(url, options, str(path), day) for path, day, _ in reversed(snapshots)]
    codes = _run_all(jobs)
    assert set(codes) <= {0, 4}, codes  # applied, or refused as older than the one in force
    assert 0 in codes
    path, active, open_periods = _in_force(engine)
    expected = next(ids for p, _, ids in snapshots if str(p) == path)
    wrong = active ^ expected
    assert not wrong, f"{len(wrong)} wrong in-force entries"
    assert open_periods == expected
    with engine.connect() as conn:
        loaded = conn.execute(select(func.count()).select_from(snapshots_table)).scalar_one()
    assert loaded == codes.count(0)


def test_same_snapshot_loaded_at_once(
    engine: Engine, snapshots: list[tuple[Path, str, set[str]]]
) -> None:
    url, options = _url(engine)
    path, day, ids = snapshots[0]
    codes = _run_all([(url, options, str(path), day)] * 6)
    assert codes == [0] * 6
    _, active, _ = _in_force(engine)
    assert active == ids
    with engine.connect() as conn:
        loaded = conn.execute(select(func.count()).select_from(snapshots_table)).scalar_one()
    assert loaded == 1


def _open_cases(args: tuple[str, str | None, str, int, Any]) -> list[str]:
    url, options, token, n, barrier = args
    engine = _child_engine(url, options)
    user = service.authenticate(engine, token, "s" * 32)
    barrier.wait()
    opened = []
    for i in range(n):
        try:
            opened.append(cases.open_case(engine, user, "belavia", f"probe {os.getpid()} {i}").id)
        except CorridorError as error:
            opened.append(f"refused:{type(error).__name__}")
    engine.dispose()
    return opened


def test_processes_opening_cases_at_once(engine: Engine) -> None:
    service.seed_operators(engine)
    token = service.add_user(engine, "ana", Role.ANALYST, "s" * 32)
    url, options = _url(engine)
    workers, each = 4, 15
    barrier = CTX.Barrier(workers)
    queue: Any = CTX.Queue()

    def target() -> None:
        queue.put(_open_cases((url, options, token, each, barrier)))

    procs = [CTX.Process(target=target) for _ in range(workers)]
    for proc in procs:
        proc.start()
    results: list[str] = [cid for _ in procs for cid in queue.get(timeout=600)]
    for proc in procs:
        proc.join(timeout=60)
    assert not [r for r in results if r.startswith("refused")]
    assert len(results) == len(set(results)) == workers * each
    assert {c.id for c in cases.list_cases(engine)} == set(results)
    result = service.verify_audit(engine)
    assert result.ok, result.problems
