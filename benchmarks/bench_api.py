"""API capacity benchmark (#17): ``POST /screen`` throughput and ``/check`` latency under ingest.

Run: ``.venv/bin/python benchmarks/bench_api.py [--seconds 10] [--clients 4]``. A real
``corridor serve`` (uvicorn, one process) on a fresh ``CORRIDOR_HOME`` holding the bundled EU annex
list; the client runs on the same host (threads, one keep-alive connection each).

1. ``POST /screen``: ``--clients`` threads send one-name queries (names of the loaded list,
   mixed with names that are not on it) for ``--seconds``; requests per second and p50/p99.
2. ``POST /check`` latency while a long evidence text (about 0.5 MB, built from the news
   articles in ``../shared/seeds``) is ingested through ``POST /evidence/documents``, twice in
   the same run: with ingest in the worker process (``CORRIDOR_INGEST_WORKERS=1``, the default)
   and, as the baseline, inline in the server (``CORRIDOR_INGEST_WORKERS=0``, as before #17).
   Skipped when ``../shared`` is absent.

Targets: ``/screen`` >= 300 rps with p99 < 50 ms; ``/check`` p99 < 50 ms during an ingest. The
machine is shared (its load average is recorded); results go to ``benchmarks/results/api.json``.
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
from pathlib import Path
from typing import Any

import httpx

from corridor.blacklist.roles import Role
from corridor.resources import data_dir
from corridor.services import blacklist as blacklist_service
from corridor.services.registry import open_registry
from corridor.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "corridor"
SEEDS = ROOT.parent / "shared" / "seeds"
ANNEX = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"
RESULTS = ROOT / "benchmarks" / "results" / "api.json"
BOOKING = {
    "id": "PNR-1",
    "sale_time": "2021-11-01T09:00:00Z",
    "segments": [
        {"operating_carrier": "TK", "origin": "IST", "destination": "MSQ",
         "departure": "2021-11-20T06:00:00Z"},
    ],
    "passengers": [{"nationalities": ["IQ"]}],
}  # fmt: skip


def out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, home: Path, workers: int, processes: int = 1) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "CORRIDOR_HOME": str(home), "CORRIDOR_ENV": "development",
               "CORRIDOR_INGEST_WORKERS": str(workers), "CORRIDOR_MAX_BODY_BYTES": "4000000"}  # fmt: skip
        self.proc = subprocess.Popen(
            [str(CLI), "serve", "--port", str(self.port), "--workers", str(processes)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def names() -> list[str]:
    with ANNEX.open(encoding="utf-8-sig", newline="") as handle:
        listed = [r["name"] for r in csv.DictReader(handle) if r.get("name")]
    return [*listed[:200], "Ivan Petrov", "Cham Wings", "Belavia", "Anna Kowalska"]


def screen_load(base: str, seconds: float, clients: int) -> dict[str, Any]:
    pool = names()
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        i = offset
        with httpx.Client(base_url=base, timeout=30) as http:
            http.post("/screen", json={"queries": [{"name": pool[0]}]})  # warm the index
            while time.perf_counter() < stop_at:
                body = {"queries": [{"name": pool[i % len(pool)]}]}
                started = time.perf_counter()
                res = http.post("/screen", json=body)
                mine.append((time.perf_counter() - started) * 1000)
                bad += res.status_code != 200
                i += clients
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(pct(latencies, 0.50), 2),
        "p99_ms": round(pct(latencies, 0.99), 2),
    }


def long_text() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    text = "\n\n".join(parts)
    while len(text) < 500_000:
        text += "\n\n" + "\n\n".join(parts)
    return text[:500_000]


def check_during_ingest(home: Path, workers: int, text: str) -> dict[str, Any]:
    server = Server(home, workers)
    try:
        settings = load_settings(home=home)
        engine = open_registry(settings)
        token = blacklist_service.add_user(
            engine, f"ana{workers}{time.time_ns()}", Role.ANALYST, settings.secret
        )
        engine.dispose()
        headers = {"Authorization": f"Bearer {token}"}
        done = threading.Event()
        ingest: dict[str, Any] = {}

        def run_ingest() -> None:
            started = time.perf_counter()
            with httpx.Client(base_url=server.base, timeout=600) as http:
                res = http.post(
                    "/evidence/documents",
                    json={"text": text + f"\n{workers}", "uri": "bench.txt"},
                    headers=headers,
                )
            ingest.update(status=res.status_code, seconds=round(time.perf_counter() - started, 1))
            done.set()

        with httpx.Client(base_url=server.base, timeout=30) as http:
            for _ in range(20):  # warm
                http.post("/check", json=BOOKING)
            worker = threading.Thread(target=run_ingest)
            worker.start()
            latencies: list[float] = []
            while not done.is_set():
                started = time.perf_counter()
                http.post("/check", json=BOOKING)
                latencies.append((time.perf_counter() - started) * 1000)
                time.sleep(0.01)
            worker.join()
    finally:
        server.stop()
    return {
        "ingest_workers": workers,
        "ingest": ingest,
        "check_requests": len(latencies),
        "check_p50_ms": round(pct(latencies, 0.50), 2),
        "check_p99_ms": round(pct(latencies, 0.99), 2),
        "check_max_ms": round(max(latencies), 2) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2, help="server processes, 2nd run")
    args = parser.parse_args()
    results: dict[str, Any] = {"load_average_before": os.getloadavg(), "cpus": os.cpu_count()}
    cpu_before = os.times()
    with tempfile.TemporaryDirectory(prefix="corridor-bench-api-") as name:
        home = Path(name) / "home"
        env = {**os.environ, "CORRIDOR_HOME": str(home)}
        subprocess.run(
            [str(CLI), "lists", "load", str(ANNEX), "--source", "eu_journal"],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        results["screen"] = []
        for processes in (1, args.processes):
            server = Server(home, 1, processes)
            try:
                row = {"server_processes": processes,
                       **screen_load(server.base, args.seconds, args.clients)}  # fmt: skip
            finally:
                server.stop()
            results["screen"].append(row)
            out(f"POST /screen: {row}  (target >= 300 rps, p99 < 50 ms)")
        if SEEDS.is_dir():
            text = long_text()
            results["check_during_ingest"] = [
                check_during_ingest(home, 1, text),
                check_during_ingest(home, 0, text),
            ]
            for row in results["check_during_ingest"]:
                label = "worker process" if row["ingest_workers"] else "inline (baseline)"
                out(f"/check during a 0.5 MB ingest, {label}: {row}")
        else:
            out("../shared absent: /check-during-ingest skipped")
    after = os.times()
    results["client_cpu_seconds"] = round(
        (after.user - cpu_before.user) + (after.system - cpu_before.system), 1
    )
    results["load_average_after"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    out(f"load average before/after: {results['load_average_before']} / "
        f"{results['load_average_after']}; written {RESULTS}")  # fmt: skip


if __name__ == "__main__":
    main()
