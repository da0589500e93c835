"""Concurrency benchmark (#17): real processes writing at once, on SQLite and PostgreSQL.

Run: ``.venv/bin/python benchmarks/bench_concurrency.py [--pg-url URL]`` (PostgreSQL also when
``CORRIDOR_TEST_PG_URL`` is set). For each backend:

1. **20 concurrent loads** of 20 different snapshots of one list: 20 ``corridor lists load``
   processes started together on the bundled EU annex CSV, each snapshot leaving out a different
   5 % of the rows and dated a day apart. Counted: exit codes (0 applied, 4 refused as older than
   the snapshot in force, anything else a failure) and *wrong in-force entries*: entries active
   in the store but not in the snapshot in force, plus entries of that snapshot not active.
2. **100 concurrent ``POST /cases``** against a running ``corridor serve`` (uvicorn, one
   process), 100 client threads released together. Counted: statuses (201 wanted; 409 allowed;
   500 is the failure), distinct case numbers, and whether ``audit verify`` passes after.

The probe of issue #17 measured, on main before this work: 2 of 6 concurrent-load runs left an
entry of an older snapshot in force, and 87 of 100 concurrent ``POST /cases`` answered 500.
Figures go to stdout and ``benchmarks/results/concurrency.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text

from corridor.blacklist.roles import Role
from corridor.model import utcnow
from corridor.resources import data_dir
from corridor.services import blacklist as service
from corridor.settings import load_audit_key, load_settings
from corridor.sources.context import SourceContext, iter_parsed
from corridor.sources.registry import load_registry
from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine
from corridor.store.lists import entries_table
from corridor.store.lists.load import current_snapshot

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "corridor"
ANNEX = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"
RESULTS = ROOT / "benchmarks" / "results" / "concurrency.json"
LOADS = 20
POSTS = 100


def out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def snapshots(folder: Path) -> list[tuple[Path, str]]:
    with ANNEX.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames or [], list(reader)
    made = []
    for k in range(LOADS):
        path = folder / f"snap{k:02d}" / ANNEX.name
        path.parent.mkdir(parents=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(r for i, r in enumerate(rows) if i % LOADS != k)
        made.append((path, (date(2026, 9, 1) + timedelta(days=k)).isoformat()))
    return made


def parsed_ids(path: Path) -> set[str]:
    spec = load_registry().lookup("eu_journal")
    context = SourceContext("eu_journal", path, "0" * 64, utcnow())
    return {e.id for e in iter_parsed(spec.load_parser(), context)}


def concurrent_loads(env: dict[str, str], db_url: str, folder: Path) -> dict[str, Any]:
    snaps = snapshots(folder)
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [str(CLI), "lists", "load", str(path), "--source", "eu_journal", "--retrieved-at", day],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for path, day in reversed(snaps)
    ]
    codes = [p.wait() for p in procs]
    seconds = time.perf_counter() - started
    engine = make_engine(db_url)
    with engine.connect() as conn:
        current = current_snapshot(conn, "eu_journal")
        active = set(
            conn.execute(
                select(entries_table.c.entity_id).where(
                    entries_table.c.source == "eu_journal", entries_table.c.active.is_(True)
                )
            ).scalars()
        )
    engine.dispose()
    expected = parsed_ids(Path(current.path))
    return {
        "processes": LOADS,
        "exit_codes": dict(Counter(codes)),
        "failures": sum(c not in (0, 4) for c in codes),
        "in_force_snapshot": Path(current.path).parent.name,
        "wrong_in_force_entries": len(active ^ expected),
        "seconds": round(seconds, 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def concurrent_posts(env: dict[str, str], db_url: str) -> dict[str, Any]:
    settings = load_settings(home=Path(env["CORRIDOR_HOME"]), db_url=db_url)
    engine = make_engine(db_url)
    create_schema(engine)
    bind_audit_key(engine, load_audit_key(settings))
    service.seed_operators(engine)
    token = service.add_user(engine, f"ana-{uuid.uuid4().hex[:6]}", Role.ANALYST, settings.secret)
    port = free_port()
    server = subprocess.Popen(
        [str(CLI), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        barrier = threading.Barrier(POSTS)
        statuses: list[int] = []
        ids: list[str] = []
        lock = threading.Lock()

        def post(i: int) -> None:
            with httpx.Client(timeout=120) as client:
                barrier.wait()
                res = client.post(
                    f"{base}/cases",
                    json={"operator": "Belavia", "reason": f"probe {i}"},
                    headers={"Authorization": f"Bearer {token}"},
                )
            with lock:
                statuses.append(res.status_code)
                if res.status_code == 201:
                    ids.append(res.json()["id"])

        started = time.perf_counter()
        threads = [threading.Thread(target=post, args=(i,)) for i in range(POSTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    verified = service.verify_audit(engine)
    engine.dispose()
    return {
        "requests": POSTS,
        "statuses": dict(Counter(statuses)),
        "server_errors": sum(s >= 500 for s in statuses),
        "distinct_case_ids": len(set(ids)),
        "audit_ok": verified.ok,
        "seconds": round(seconds, 1),
    }


def backend_run(name: str, db_url: str | None, folder: Path) -> dict[str, Any]:
    home = folder / "home"
    env = {**os.environ, "CORRIDOR_HOME": str(home), "CORRIDOR_ENV": "development"}
    url = db_url or f"sqlite:///{home / 'corridor.db'}"
    env["CORRIDOR_DB_URL"] = url
    loads = concurrent_loads(env, url, folder / "snaps")
    out(f"[{name}] 20 concurrent loads: {loads}")
    posts = concurrent_posts(env, url)
    out(f"[{name}] 100 concurrent POST /cases: {posts}")
    return {"loads": loads, "posts": posts}


def pg_database(admin_url: str) -> str:
    """A fresh database on the server of ``admin_url``; its URL."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-url", default=os.environ.get("CORRIDOR_TEST_PG_URL"))
    args = parser.parse_args()
    results: dict[str, Any] = {
        "probe_before": {"wrong_load_runs": "2 of 6", "post_cases_500": 87},
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="corridor-bench-") as tmp:
        results["sqlite"] = backend_run("sqlite", None, Path(tmp) / "sqlite")
        if args.pg_url:
            results["postgres"] = backend_run(
                "postgres", pg_database(args.pg_url), Path(tmp) / "pg"
            )
    out("before (probe of #17, main): 2 of 6 load runs wrong; 87 of 100 POST /cases = 500")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    out(f"written {RESULTS}")


if __name__ == "__main__":
    main()
