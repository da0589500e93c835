"""Benchmark: bundled rules over 10 million synthetic bookings, against the reference evaluator.

Run: ``.venv/bin/python benchmarks/bench_rules.py [--n 10000000]``. Measured in one run:

- generating the bookings (vectorised numpy/Arrow, Parquet rows);
- the DuckDB engine over the file (in a child process, so its peak memory is its own), three
  times; the median run is reported, with every run's seconds;
- the reference evaluator (plain Python, one row at a time, on rows already in memory) on a
  sample, three times, the median: the baseline;
- ``POST /check`` latency for one booking (p50, p99) through the in-process ASGI client;
- nested booking JSON lines (one PNR per line, made from a slice of the same rows): bookings per
  second through flattening, validation and the engine.

Wall-clock figures depend on what else the machine runs (``load_average`` is recorded); CPU
seconds are given beside them, and ``speedup_cpu`` compares rows per CPU second.

Figures are printed and written to ``benchmarks/results/rules.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from corridor.bookings.model import PassengerSegment
from corridor.bookings.synth import write_synthetic
from corridor.rules.evaluate import evaluate_row
from corridor.rules.spec import load_rules

RESULTS = Path(__file__).resolve().parent / "results" / "rules.json"
CHILD = """
import json, sys, time
from pathlib import Path
from corridor.batch.local import DuckDBEngine
from corridor.rules.spec import load_rules
start = time.perf_counter()
report = DuckDBEngine(memory_limit="2GB").run(
    load_rules(), Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
)
seconds = time.perf_counter() - start
sys.stdout.write(json.dumps({"seconds": seconds, **report.to_dict()}))
"""
BOOKING = {
    "id": "PNR-BENCH",
    "sale_time": "2021-11-01T09:00:00Z",
    "ticket_type": "one_way",
    "segments": [
        {
            "operating_carrier": "TK",
            "origin": "IST",
            "destination": "TAS",
            "departure": "2021-11-20T06:00:00Z",
        },
        {
            "operating_carrier": "B2",
            "origin": "TAS",
            "destination": "MSQ",
            "departure": "2021-11-20T12:00:00Z",
        },
    ],
    "passengers": [{"nationalities": ["SY"]}, {"nationalities": ["BY"]}],
}


def split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(";") if v)


def reference_sample(path: Path, size: int) -> dict[str, float]:
    rules = load_rules()
    table = pq.ParquetFile(path).iter_batches(batch_size=size)
    rows = next(table).to_pylist()
    segments = [
        PassengerSegment(
            booking_id=r["booking_id"],
            passenger_id=r["passenger_id"],
            segment_no=r["segment_no"],
            sale_time=r["sale_time"],
            ticket_type=r["ticket_type"],
            point_of_sale=r["point_of_sale"],
            operating_carrier=r["operating_carrier"],
            marketing_carrier=r["marketing_carrier"],
            flight_number=r["flight_number"],
            origin=r["origin"],
            destination=r["destination"],
            departure=r["departure"],
            is_connection=r["is_connection"],
            nationalities=split(r["nationalities"]),
            document_type=r["document_type"],
            residence_permits=split(r["residence_permits"]),
            visas=split(r["visas"]),
        )
        for r in rows
    ]
    start, cpu = time.perf_counter(), time.process_time()
    for segment in segments:
        evaluate_row(rules, segment)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "rows": len(segments),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows_per_second": len(segments) / seconds,
        "rows_per_cpu_second": len(segments) / cpu_seconds,
    }


NESTED_SQL = """
COPY (
  SELECT booking_id AS id, any_value(sale_time) AS sale_time, any_value(ticket_type) AS ticket_type,
         any_value(point_of_sale) AS point_of_sale,
         list_sort(list(DISTINCT {{'segment_no': segment_no, 'operating_carrier': operating_carrier,
                        'marketing_carrier': marketing_carrier, 'flight_number': flight_number,
                        'origin': origin, 'destination': destination,
                        'departure': departure}})) AS segments,
         list(DISTINCT {{'id': passenger_id, 'nationalities': string_split(nationalities, ';'),
                        'document_type': document_type}}) AS passengers
  FROM (SELECT * FROM read_parquet('{source}') LIMIT {rows})
  GROUP BY booking_id
) TO '{target}' (FORMAT json)
"""


def run_engine(source: Path, folder: Path) -> dict[str, Any]:
    """One run of the DuckDB engine in a child process: wall and CPU seconds, counts."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(source),
            str(folder / "d.parquet"),
            str(folder / "r.csv"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    engine = json.loads(child.stdout.strip().splitlines()[-1])
    cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "name": "duckdb",
        "seconds": engine["seconds"],
        "rows": engine["rows"],
        "rejected": engine["rejected"],
        "decisions": engine["decisions"],
        "rows_per_second": engine["rows"] / engine["seconds"],
        "cpu_seconds": cpu_seconds,
        "rows_per_cpu_second": engine["rows"] / cpu_seconds,
    }


def nested_jsonl(source: Path, folder: Path, rows: int) -> dict[str, float]:
    """Bookings per second for nested JSON lines (flatten, validate, decide, write)."""
    import duckdb

    from corridor.batch.local import DuckDBEngine
    from corridor.batch.run import run_batch

    target = folder / "bookings.jsonl"
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(NESTED_SQL.format(source=source, rows=rows, target=target))
    bookings = sum(1 for _ in target.open())
    start = time.perf_counter()
    report = run_batch(
        DuckDBEngine(), load_rules(), target, folder / "nd.parquet", folder / "nr.csv"
    )
    seconds = time.perf_counter() - start
    return {
        "bookings": bookings,
        "rows": report.rows,
        "rejected": report.rejected,
        "seconds": seconds,
        "bookings_per_second": bookings / seconds,
    }


def post_check_latency(requests: int) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from corridor.api.app import create_app
    from corridor.settings import Settings

    with tempfile.TemporaryDirectory() as home:
        client = TestClient(create_app(Settings(home=Path(home))))
        for _ in range(20):
            client.post("/check", json=BOOKING)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.post("/check", json=BOOKING)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    times.sort()
    return {
        "requests": requests,
        "p50_ms": times[len(times) // 2],
        "p99_ms": times[int(len(times) * 0.99) - 1],
        "max_ms": times[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000_000, help="bookings")
    parser.add_argument("--sample", type=int, default=50_000, help="reference sample rows")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--nested-rows", type=int, default=250_000, help="rows made into PNRs")
    parser.add_argument("--runs", type=int, default=3, help="engine and reference runs (median)")
    args = parser.parse_args()
    out: dict[str, object] = {"bookings": args.n, "rules": len(load_rules())}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "bookings.parquet"
        start = time.perf_counter()
        synth = write_synthetic(source, args.n)
        out["generate"] = {"seconds": time.perf_counter() - start, "rows": synth["rows"]}
        runs = [run_engine(source, folder) for _ in range(args.runs)]
        engine = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]  # the median run
        out["engine"] = {
            **engine,
            "runs_seconds": [r["seconds"] for r in runs],
            "peak_memory_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
        references = [reference_sample(source, args.sample) for _ in range(args.runs)]
        reference = sorted(references, key=lambda r: r["rows_per_second"])[len(references) // 2]
        reference["runs_rows_per_second"] = [r["rows_per_second"] for r in references]
        out["baseline_reference_evaluator"] = reference
        out["speedup"] = engine["rows_per_second"] / reference["rows_per_second"]
        out["speedup_cpu"] = engine["rows_per_cpu_second"] / reference["rows_per_cpu_second"]
        out["nested_jsonl"] = nested_jsonl(source, folder, args.nested_rows)
        out["load_average"] = list(os.getloadavg())
    out["post_check"] = post_check_latency(args.requests)
    out["targets"] = {"engine_seconds": 30, "peak_memory_mb": 3072, "speedup": 50, "p99_ms": 20}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    sys.stdout.write(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
