"""Benchmark: one year of synthetic OpenSky flightlist rows (30 million) to daily arrivals per
origin airport, with DuckDB (corridor.flows.importers.opensky.daily_arrivals_duckdb) and, as the
baseline, pandas doing the same group-by, both in the same run.

The rows are written once to a Parquet file (origin and destination as dictionary-encoded ICAO
codes of real airports from airportsdata, ``lastseen`` as a UTC timestamp spread over 2021).
Each engine runs in its own child process so its peak memory (ru_maxrss) is its own; wall time,
CPU time and the load average are recorded, because the machine is shared (2 cores).
Usage: .venv/bin/python benchmarks/bench_flows.py [--rows N]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "flows.json"
CHUNK = 5_000_000
ROUTES = 40_000


def make_rows(path: Path, rows: int, seed: int = 6) -> float:
    """Write ``rows`` synthetic flightlist rows; the seconds it took."""
    import airportsdata
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    started = time.perf_counter()
    codes = sorted(k for k, v in airportsdata.load("ICAO").items() if v["iata"])[:4000]
    rng = np.random.default_rng(seed)
    popularity = rng.pareto(1.2, len(codes)) + 1
    popularity /= popularity.sum()
    # a fixed network of routes between real airports, busy ones more often (Zipf-like)
    route_origin = rng.choice(len(codes), ROUTES, p=popularity).astype("int16")
    route_dest = rng.choice(len(codes), ROUTES, p=popularity).astype("int16")
    weights = 1.0 / np.arange(1, ROUTES + 1) ** 0.8
    weights /= weights.sum()
    dictionary = pa.array(codes)
    start = np.datetime64("2021-01-01T00:00:00", "s").astype("int64")
    writer = None
    try:
        for offset in range(0, rows, CHUNK):
            n = min(CHUNK, rows - offset)
            route = rng.choice(ROUTES, n, p=weights)
            origin, dest = route_origin[route], route_dest[route]
            seen = start + rng.integers(0, 365 * 86400, n)
            table = pa.table(
                {
                    "icao24": pa.array(rng.integers(0, 2**24, n).astype("int32")),
                    "origin": pa.DictionaryArray.from_arrays(pa.array(origin), dictionary),
                    "destination": pa.DictionaryArray.from_arrays(pa.array(dest), dictionary),
                    "lastseen": pa.array(seen.astype("datetime64[s]"), pa.timestamp("s", "UTC")),
                }
            )
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return time.perf_counter() - started


def run_duckdb(path: str) -> dict[str, float]:
    import duckdb  # imported before the clock starts, as pandas is below

    from corridor.flows.importers.opensky import daily_arrivals_duckdb

    assert duckdb.__version__
    started = time.perf_counter()
    table = daily_arrivals_duckdb(path)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "groups": table.num_rows,
        "arrivals": sum(table["arrivals"].to_pylist()),
    }


def run_pandas(path: str) -> dict[str, float]:
    import pandas as pd
    import pyarrow.parquet  # noqa: F401  (the reader pandas uses; imported before the clock)

    started = time.perf_counter()
    frame = pd.read_parquet(path, columns=["origin", "destination", "lastseen"])
    frame["day"] = frame["lastseen"].dt.floor("D")
    counts = frame.groupby(["day", "destination", "origin"], observed=True).size()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "groups": len(counts), "arrivals": int(counts.sum())}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(engine: str, path: str) -> None:
    before = _cpu()
    result = (run_duckdb if engine == "duckdb" else run_pandas)(path)
    result["cpu_seconds"] = _cpu() - before  # includes the imports inside run_*
    result["load_average_1min"] = __import__("os").getloadavg()[0]
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(engine: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000_000)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-flows-") as tmp:
        path = Path(tmp) / "flightlist_2021.parquet"
        print(f"writing {args.rows:,} synthetic flightlist rows ...")
        made = make_rows(path, args.rows)
        size_mb = path.stat().st_size / 2**20
        print(f"  {made:.1f} s, {size_mb:.0f} MB Parquet")
        duck = measure("duckdb", path)
        print(
            f"duckdb: {duck['seconds']:.2f} s wall, {duck['cpu_seconds']:.1f} s CPU, peak RSS {duck['peak_rss_mb']:.0f} MB, "
            f"{duck['groups']:,} (day, destination, origin) groups"
        )
        pand = measure("pandas", path)
        print(
            f"pandas (baseline): {pand['seconds']:.2f} s wall, {pand['cpu_seconds']:.1f} s CPU, peak RSS {pand['peak_rss_mb']:.0f} MB, "
            f"{pand['groups']:,} groups"
        )
    same = duck["groups"] == pand["groups"] and duck["arrivals"] == pand["arrivals"] == args.rows
    print(
        f"same result: {same}; duckdb {pand['seconds'] / duck['seconds']:.1f}x faster; target < 10 s: {duck['seconds'] < 10}"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "flightlist rows -> daily arrivals per destination and origin",
                "rows": args.rows,
                "parquet_mb": round(size_mb, 1),
                "generate_seconds": round(made, 2),
                "duckdb": duck,
                "pandas_baseline": pand,
                "same_result": same,
                "target_seconds": 10,
                "machine": {
                    "python": platform.python_version(),
                    "cpus": __import__("os").cpu_count(),
                },
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
