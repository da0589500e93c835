"""Benchmark of the console's pages on the demo store: server time per page (issue #15 target:
under 300 ms). Each page is requested through the ASGI app in-process (no network, no browser),
signed in as an analyst, 15 times after one warm-up; medians and the CPU seconds they used.

Baseline, measured in the same run: the flows page without its chart cache (the analysis and
chart building on every request), beside the page with it.

Run after ``make demo``: ``.venv/bin/python benchmarks/bench_console.py`` (reads
``.corridor/demo``, or ``CORRIDOR_HOME``); writes ``benchmarks/results/console.json``.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.blacklist.roles import Role
from corridor.services import blacklist, cases, evidence
from corridor.services.flow_charts import flow_charts
from corridor.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "console.json"
REPEAT = 15
TARGET_MS = 300.0


def timed(call: object, repeat: int = REPEAT) -> tuple[float, float]:
    """Median wall milliseconds and median CPU milliseconds of ``call()``."""
    assert callable(call)
    call()
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    home = Path(os.environ.get("CORRIDOR_HOME") or ROOT / ".corridor" / "demo")
    if not (home / "corridor.db").is_file():
        print(f"no demo store at {home}: run 'make demo' first", file=sys.stderr)
        return 1
    settings = Settings(home=home)
    app = create_app(settings)
    engine = app.state.engine
    token = blacklist.add_user(engine, f"bench-{os.getpid()}", Role.ANALYST, settings.secret)
    client = TestClient(app)
    page = client.get("/console/signin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    client.post("/console/signin", data={"token": token, "csrf": csrf.group(1)})
    some_case = next(iter(cases.list_cases(engine)), None)
    claims = evidence.claims(engine)
    paths = [
        "/console/",
        "/console/screening?q=Belavia&country=by",
        "/console/screening?q=%D0%91%D0%B5%D0%BB%D0%B0%D0%B2%D0%B8%D0%B0",
        "/console/operators?q=air",
        "/console/cases",
        "/console/matrix?as_of=2021-12-03",
        "/console/flows",
        "/console/evidence?status=all",
    ]
    if some_case is not None:
        paths.append(f"/console/cases/{some_case.id}")
    if claims:
        paths.append(f"/console/evidence/claims/{claims[0].id}")
    results: dict[str, dict[str, float]] = {}
    print(f"{'page':58} {'median ms':>10} {'cpu ms':>8}")
    for path in paths:

        def get(path: str = path) -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        wall, cpu = timed(get)
        results[path] = {"median_ms": round(wall, 1), "cpu_ms": round(cpu, 1)}
        flag = "" if wall < TARGET_MS else "  over target"
        print(f"{path[:58]:58} {wall:10.1f} {cpu:8.1f}{flag}")
    base_wall, base_cpu = timed(lambda: flow_charts(settings), repeat=5)
    print(
        f"{'baseline: flows charts rebuilt on every request':58} {base_wall:10.1f} {base_cpu:8.1f}"
    )
    worst = max(r["median_ms"] for r in results.values())
    print(f"slowest page median {worst:.1f} ms (target {TARGET_MS:.0f} ms)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "store": str(home), "repeat": REPEAT, "target_ms": TARGET_MS, "pages": results,
        "baseline_flows_uncached": {"median_ms": round(base_wall, 1), "cpu_ms": round(base_cpu, 1)},
    }, indent=2) + "\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
