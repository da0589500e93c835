"""Hostile-file benchmark (#17): each hostile or odd input, run through the real CLI.

Run: ``.venv/bin/python benchmarks/bench_hostile.py``. Every case is one ``corridor`` process
on a fresh ``CORRIDOR_HOME`` (the list cases on a store holding the bundled EU annex list, so
that a shrinking snapshot has something to shrink). For each: the exit code (never 70: that
is an internal error), the process's own peak memory (``wait4`` rusage, MB) and wall time.
Targets: 0 exit 70, peak < 500 MB, each < 10 s.

The probe of issue #17 measured on main before this work: a 180 KB xlsx zip bomb ran past 120 s
at 1.9 GB, a 2 MB one took 4.3 GB; a CSV field over 131,072 characters, deep FtM JSON,
``lists load /`` and a missing file ended in exit 70. Results go to
``benchmarks/results/hostile.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "corridor"
RESULTS = ROOT / "benchmarks" / "results" / "hostile.json"
ANNEX = (
    ROOT / "src" / "corridor" / "data" / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"
)
FLOWS_HEADER = "reporter,border,metric,period_start,period_end,value,approximate,note,source\n"
GOOD_FLOW = "PL,BY-PL,attempt,2021-09-01,2021-09-30,7000,false,,https://strazgraniczna.pl\n"
LIMIT_MB, LIMIT_S = 500, 10


def out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def zip_bomb(path: Path, megabytes: int) -> Path:
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        member.write(b'<?xml version="1.0"?><worksheet><sheetData><row><c><v>')
        for _ in range(megabytes):
            member.write(chunk)
    return path


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def cases(tmp: Path) -> list[tuple[str, list[str], Callable[[], object]]]:
    """(name, corridor arguments, preparation) for every hostile input."""
    annex_header = ANNEX.read_text(encoding="utf-8").split("\n", 1)[0]
    first_row = ANNEX.read_text(encoding="utf-8").split("\n")[1]
    one_entry = tmp / "shrink" / ANNEX.name
    deep = tmp / "deep.ftm.json"
    nested = tmp / "sub" / "inner"
    booking = json.dumps({"id": "B1", "sale_time": "2021-11-01T00:00:00Z", "segments": "IST-MSQ",
                          "passengers": [{"nationalities": 42}]})  # fmt: skip
    return [
        ("xlsx zip bomb 180 KB (300 MB unpacked)", ["lists", "load", str(tmp / "bomb1.xlsx"),
         "--source", "uk_ofsi"], lambda: zip_bomb(tmp / "bomb1.xlsx", 300)),
        ("xlsx zip bomb 2 MB (2 GB unpacked)", ["lists", "load", str(tmp / "bomb2.xlsx"),
         "--source", "uk_ofsi"], lambda: zip_bomb(tmp / "bomb2.xlsx", 2048)),
        ("flows xlsx zip bomb", ["flows", "load", str(tmp / "bomb1.xlsx"), "--kind",
         "frontex_xlsx"], lambda: None),
        ("CSV field of 200,000 characters", ["lists", "load", str(tmp / "long" / ANNEX.name),
         "--source", "eu_journal"], lambda: write(tmp / "long" / ANNEX.name,
         annex_header + "\n32006R0765,1,EU-BLR,I.A,x,24.9.2004,\"" + "a" * 200_000 + "\",P\n")),
        ("FtM JSON nested 100,000 deep", ["lists", "load", str(deep), "--source", "ftm"],
         lambda: write(deep, '{"id":"x","schema":"Company","properties":{"name":' + "[" * 100_000
                       + "]" * 100_000 + "}}\n")),
        ("Windows-1252 CSV where UTF-8 is expected", ["lists", "load", str(tmp / "cp" / ANNEX.name),
         "--source", "eu_journal"], lambda: write(tmp / "cp" / ANNEX.name,
         ANNEX.read_text(encoding="utf-8").encode("cp1252", errors="replace") + b"\xe9\x9d\n")),
        ("NUL bytes in a CSV", ["lists", "load", str(tmp / "nul" / ANNEX.name), "--source",
         "eu_journal"], lambda: write(tmp / "nul" / ANNEX.name, annex_header + "\n\0\0\0,1\n")),
        ("lists load /", ["lists", "load", "/", "--source", "ofac_sdn"], lambda: None),
        ("missing file", ["lists", "load", str(tmp / "missing.csv"), "--source", "eu_journal"],
         lambda: None),
        ("list file only in a sub-folder", ["lists", "load", str(tmp / "sub"), "--source",
         "ofac_sdn"], lambda: write(nested / "sdn.csv", "1,BELAVIA\n")),
        ("XML billion laughs", ["lists", "load", str(tmp / "laughs.xml"), "--source", "un_sc"],
         lambda: write(tmp / "laughs.xml", '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">'
                       '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><CONSOLIDATED_LIST>&b;'
                       "</CONSOLIDATED_LIST>")),
        ("one-entry snapshot replacing the annex list", ["lists", "load", str(one_entry),
         "--source", "eu_journal", "--retrieved-at", "2026-09-01"],
         lambda: write(one_entry, annex_header + "\n" + first_row + "\n")),
        ("flows: NaN, 1e308, empty reporter, duplicate", ["flows", "load", str(tmp / "f.csv"),
         "--kind", "border_csv"], lambda: write(tmp / "f.csv", FLOWS_HEADER + GOOD_FLOW + GOOD_FLOW
         + "PL,BY-PL,attempt,2021-10-01,2021-10-31,nan,false,,x\n"
         + "PL,BY-PL,attempt,2021-11-01,2021-11-30,1e308,false,,x\n"
         + ",BY-PL,attempt,2021-12-01,2021-12-31,5,false,,x\n")),
        ("bookings: mistyped and non-UTF-8 lines (batch goes on)", ["check", "--input",
         str(tmp / "b.jsonl"), "--output", str(tmp / "out.parquet")],
         lambda: write(tmp / "b.jsonl", (booking + "\n").encode() + b'{"id": "caf\xe9"}\n')),
        ("bookings: missing input", ["check", "--input", str(tmp / "none.jsonl"), "--output",
         str(tmp / "out2.parquet")], lambda: None),
    ]  # fmt: skip


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(CLI), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        proc.returncode = 0
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, seconds, err.strip()


def main() -> None:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="corridor-hostile-") as name:
        tmp = Path(name)
        base = tmp / "base-home"
        env = {**os.environ, "CORRIDOR_HOME": str(base), "CORRIDOR_ENV": "development"}
        code, *_ = run(["lists", "load", str(ANNEX), "--source", "eu_journal",
                        "--retrieved-at", "2026-08-22"], env)  # fmt: skip
        assert code == 0, "the annex list should load"
        for title, args, prepare in cases(tmp):
            prepare()
            home = tmp / f"home-{len(rows)}"
            shutil.copytree(base, home)
            code, peak, seconds, err = run(args, {**env, "CORRIDOR_HOME": str(home)})
            ok = code != 70 and peak < LIMIT_MB and seconds < LIMIT_S
            last = err.splitlines()[0] if err else ""
            rows.append({"case": title, "exit": code, "peak_mb": round(peak, 1),
                         "seconds": round(seconds, 2), "ok": ok, "message": last[:200]})  # fmt: skip
            out(f"{'ok ' if ok else 'BAD'} exit {code:>3}  {peak:6.1f} MB  {seconds:5.2f} s  "
                f"{title}: {last[:110]}")  # fmt: skip
    summary = {
        "cases": len(rows),
        "exit_70": sum(r["exit"] == 70 for r in rows),
        "max_peak_mb": max(r["peak_mb"] for r in rows),
        "max_seconds": max(r["seconds"] for r in rows),
        "all_ok": all(r["ok"] for r in rows),
        "targets": {"exit_70": 0, "peak_mb": LIMIT_MB, "seconds": LIMIT_S},
        "before_probe": "zip bombs: >120 s at 1.9 GB and 4.3 GB; long field, deep JSON, "
        "lists load / and a missing file: exit 70",
        "load_average": os.getloadavg(),
    }
    out(json.dumps(summary))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"summary": summary, "cases": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
