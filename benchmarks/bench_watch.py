"""Watchlist re-screening benchmark: a watchlist screened against the 1,000 entries a list
update changed, beside a full re-screen against every list, in one run.

Run: ``.venv/bin/python benchmarks/bench_watch.py [WATCHLIST_SIZE]`` (needs ``../shared``;
default 20,000 names). The entries are the five full lists from ``../shared/data/lists``
(parsed as ``bench_screening`` does); the "changed" set is 1,000 of them drawn at random (seed
1). The watchlist is hand-made for the benchmark: one name in twenty is a listed name, the rest
are listed first names joined to listed surnames of other entries (names that look real but
mostly should not hit). Both runs screen the same names with the same threshold; the delta run
is what ``corridor watch run`` does after a load (an index of the changed entries only).

Figures (names per second, CPU seconds, the linear projection to 1,000,000 names) go to stdout
and ``benchmarks/results/watch.json``. The projection is a projection: 1M names were not run on
this shared 2-core machine.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_screening import SHARED, load_entities, out

RESULTS = Path(__file__).resolve().parent / "results" / "watch.json"
CHANGED = 1000
THRESHOLD = 0.8


def watchlist(entities: list[Any], size: int) -> list[Any]:
    from corridor.model import EntityType
    from corridor.screening.result import Query

    rng = random.Random(1)
    people = [e for e in entities if e.type is EntityType.PERSON]
    words = [n.value.split() for e in people for n in e.names[:1] if len(n.value.split()) >= 2]
    firsts = [w[0] for w in words]
    lasts = [w[-1] for w in words]
    queries = []
    for i in range(size):
        if i % 20 == 0:
            name = rng.choice(entities).names[0].value
        else:
            name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        queries.append(Query(id=str(i), names=(name,)))
    return queries


def timed(queries: list[Any], index: Any) -> dict[str, float]:
    from corridor.services.screening import screen

    wall, cpu = time.perf_counter(), time.process_time()
    results = screen(queries, index, threshold=THRESHOLD)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    hits = sum(len(r.hits) for r in results)
    return {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "names_per_second": round(len(queries) / wall, 1), "hits": hits}  # fmt: skip


def main() -> None:
    from corridor.screening.index import ScreeningIndex

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    if not SHARED.is_dir():
        out(f"skip: {SHARED} missing")
        return
    entities, _loaded = load_entities()
    rng = random.Random(1)
    changed = rng.sample(entities, CHANGED)
    queries = watchlist(entities, size)
    started = time.perf_counter()
    delta_index = ScreeningIndex.build(changed)
    delta_build = time.perf_counter() - started
    full_index = ScreeningIndex.build(entities)
    delta = timed(queries, delta_index)
    full = timed(queries, full_index)
    delta["index_build_seconds"] = round(delta_build, 2)
    project = {k: round(1_000_000 / v["names_per_second"], 1) for k, v in
               (("delta", delta), ("full", full))}  # fmt: skip
    out(f"{size} names; {len(entities)} entries in the lists; {CHANGED} changed")
    out(f"  delta re-screen (watch run): {delta}")
    out(f"  full re-screen (baseline):   {full}")
    out(f"  projected to 1,000,000 names: delta {project['delta']} s, full {project['full']} s "
        "(linear; not run)")  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"watchlist": size, "entries": len(entities),
                                   "changed": CHANGED, "delta": delta, "full": full,
                                   "projected_1m_seconds": project}, indent=2) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
