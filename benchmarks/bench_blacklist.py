"""Benchmark of the blacklist register: 100,000 operators and 1,000,000 audit entries.

Targets (issue #4): the partners' matrix for all operators under 2 s; ``audit verify`` over a
million entries under 10 s; memory reported. Baselines measured in the same run:

- matrix: one query per operator for its curated records (the obvious ORM-style loop), timed
  on a sample and scaled to all operators;
- audit: one ``SELECT`` per entry, then hash check (naive per-row verification), timed on a
  sample and scaled to the million.

Run: ``.venv/bin/python benchmarks/bench_blacklist.py`` (SQLite file in a temporary folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from corridor.blacklist.audit import GENESIS, canonical, seal
from corridor.blacklist.operator import Operator
from corridor.model.entity import Identifier, IdScheme
from corridor.model.time import to_datetime
from corridor.services import blacklist as service
from corridor.store import blacklist as repo
from corridor.store.db import create_schema, make_engine

N_OPERATORS = 100_000
N_AUDIT = 1_000_000
SAMPLE_OPS = 2_000
SAMPLE_AUDIT = 20_000
JURISDICTIONS = ("EU", "US", "UK", "CA", "UN")
OUT = Path(__file__).resolve().parent / "results" / "blacklist.json"


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(engine_url: str) -> None:
    engine = make_engine(engine_url)
    create_schema(engine)
    rng = random.Random(4)
    now = to_datetime("2021-12-02")
    op_rows, cur_rows = [], []
    for i in range(N_OPERATORS):
        op = Operator(
            id=f"op-{i:06d}",
            name=f"Operator {i}",
            role="air carrier",
            country="by",
            identifiers=[Identifier(IdScheme.ICAO_AIRLINE, f"X{i:05d}")],
        )
        op_rows.append(
            {
                "id": op.id,
                "name": op.name,
                "role": op.role,
                "country": op.country,
                "data": json.dumps(op.to_dict(), sort_keys=True),
                "created_at": now,
            }
        )
        start = now + timedelta(days=rng.randint(-400, 400))
        end = None if rng.random() < 0.5 else start + timedelta(days=rng.randint(1, 600))
        cur_rows.append(
            {
                "operator_id": op.id,
                "jurisdiction": rng.choice(JURISDICTIONS),
                "start": start,
                "end": end,
                "legal_act": "synthetic",
                "verified": True,
                "sources": "benchmark",
                "document": "bench.csv",
                "line": i + 2,
                "document_sha256": "0" * 64,
            }
        )
    with engine.begin() as conn:
        conn.execute(repo.operators.insert(), op_rows)
        conn.execute(repo.curated.insert(), cur_rows)
    prev = GENESIS
    batch: list[dict[str, object]] = []
    raw = engine.raw_connection()
    cur = raw.cursor()
    sql = (
        "INSERT INTO bl_audit_log (seq, at, actor, action, target, payload, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    at0 = now
    for seq in range(1, N_AUDIT + 1):
        at = (at0 + timedelta(seconds=seq)).isoformat()
        payload = canonical({"reason": "r", "version": seq % 7})
        target = f"case-{seq % 5000:05d}"
        digest = seal(seq, at, "ana", "transition", target, payload, prev)
        batch.append((seq, at, "ana", "transition", target, payload, prev, digest))  # type: ignore[arg-type]
        prev = digest
        if len(batch) == 100_000:
            cur.executemany(sql, batch)
            batch.clear()
    if batch:
        cur.executemany(sql, batch)
    raw.commit()
    raw.close()
    engine.dispose()


def naive_matrix(engine_url: str, as_of: str) -> float:
    """Per-operator queries: seconds for SAMPLE_OPS operators."""
    engine = make_engine(engine_url)
    when = to_datetime(as_of)
    started = time.perf_counter()
    with engine.connect() as conn:
        ids = [r.id for r in conn.execute(select(repo.operators.c.id).limit(SAMPLE_OPS))]
        for op_id in ids:
            rows = conn.execute(
                select(repo.curated).where(repo.curated.c.operator_id == op_id)
            ).all()
            _ = [r for r in rows if r.start is not None and r.start <= when]
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def naive_verify(engine_url: str) -> float:
    """One SELECT per entry: seconds for SAMPLE_AUDIT entries."""
    engine = make_engine(engine_url)
    raw = engine.raw_connection()
    cur = raw.cursor()
    started = time.perf_counter()
    prev = GENESIS
    for seq in range(1, SAMPLE_AUDIT + 1):
        cur.execute("SELECT * FROM bl_audit_log WHERE seq = ?", (seq,))
        s, at, actor, action, target, payload, prev_hash, digest = cur.fetchone()
        text = f"{s}\x1f{at}\x1f{actor}\x1f{action}\x1f{target}\x1f{payload}\x1f{prev_hash}"
        assert prev_hash == prev and hashlib.sha256(text.encode()).hexdigest() == digest
        prev = digest
    elapsed = time.perf_counter() - started
    raw.close()
    engine.dispose()
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        fill(url)
        fill_s = time.perf_counter() - started
        rss_fill = rss_mb()
        engine = make_engine(url)

        started, cpu = time.perf_counter(), time.process_time()
        rows = service.matrix(engine, "2021-12-03")
        matrix_s = time.perf_counter() - started
        matrix_cpu = time.process_time() - cpu
        rss_matrix = rss_mb()
        gaps = sum(1 for r in rows if r.gap)
        assert len(rows) == N_OPERATORS

        started, cpu = time.perf_counter(), time.process_time()
        result = service.verify_audit(engine)
        verify_s = time.perf_counter() - started
        verify_cpu = time.process_time() - cpu
        rss_verify = rss_mb()
        assert result.ok and result.checked == N_AUDIT, result.problems[:3]
        engine.dispose()

        naive_m = naive_matrix(url, "2021-12-03")
        naive_v = naive_verify(url)

    figures = {
        "operators": N_OPERATORS,
        "audit_entries": N_AUDIT,
        "fill_seconds": round(fill_s, 2),
        "matrix_seconds": round(matrix_s, 3),
        "matrix_cpu_seconds": round(matrix_cpu, 3),
        "matrix_target_seconds": 2.0,
        "matrix_gaps": gaps,
        "verify_seconds": round(verify_s, 3),
        "verify_cpu_seconds": round(verify_cpu, 3),
        "verify_target_seconds": 10.0,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb_after_fill": round(rss_fill, 1),
        "peak_rss_mb_after_matrix": round(rss_matrix, 1),
        "peak_rss_mb_after_verify": round(rss_verify, 1),
        "baseline_matrix_per_operator_queries": {
            "sample_operators": SAMPLE_OPS,
            "sample_seconds": round(naive_m, 3),
            "scaled_seconds_all_operators": round(naive_m * N_OPERATORS / SAMPLE_OPS, 2),
        },
        "baseline_verify_select_per_entry": {
            "sample_entries": SAMPLE_AUDIT,
            "sample_seconds": round(naive_v, 3),
            "scaled_seconds_million": round(naive_v * N_AUDIT / SAMPLE_AUDIT, 2),
        },
        "backend": "sqlite (file)",
        "python": sys.version.split()[0],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        sys.stdout.write(f"{key}: {value}\n")
    ok = matrix_s < 2.0 and verify_s < 10.0
    sys.stdout.write("targets met\n" if ok else "TARGETS MISSED\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
