"""Start-up benchmark (#11): ``corridor --help``, ``corridor COMMAND --help``, ``corridor screen
NAME`` on the demo store and the API's ``POST /screen`` latency, beside the code before #11.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeat N] [--requests N]``.

The baseline is main's commit before #11 (:data:`BASELINE`), checked out in a temporary git
worktree with its own virtualenv installed the way its Makefile did (``uv pip install -e .``,
no bytecode compiled: these machines set ``PYTHONDONTWRITEBYTECODE=1``). Both are measured in
the same run, alternating, on the same demo store (the lists ``scripts/demo.d/10-lists.sh``
loads, loaded once by the current code; the baseline reads a copy of the same SQLite file).
The baseline is also run with its bytecode compiled (into a separate ``PYTHONPYCACHEPREFIX``), to
tell what bytecode alone gives from what lazy loading and the kept index give.

For each command: the median of ``--repeat`` runs of wall time and of CPU seconds (user + system
of the child process). ``screen NAME`` is measured once the index is kept (the steady state:
every run after the first following a load); the first run after a load is reported apart.
The API figures are p50/p99 of ``--requests`` single-name ``POST /screen`` requests through
FastAPI's TestClient in each version's own interpreter, after one warm-up request.
Figures go to stdout and to ``benchmarks/results/startup.json``. The baseline worktree, its venv
and the demo store are kept under the temporary folder for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "startup.json"
BASELINE = "46ff990"  # main before #11 ("Review: evidence CLI tests share their ingest setup")
WORK = Path(tempfile.gettempdir()) / f"corridor-bench-startup-{BASELINE}"
# The demo store: what scripts/demo.d/10-lists.sh loads (source, path under the package data).
DEMO_LISTS = (
    ("ofac_sdn", "lists/ofac_sdn/2021-07-07", "2021-07-07"),
    ("ofac_sdn", "lists/ofac_sdn/2024-05-03", "2024-05-03"),
    ("uk_ofsi", "lists/uk_ofsi/2016-03-23/ConList.csv", "2016-03-23"),
    ("uk_ofsi", "lists/uk_ofsi/2025-04-10/ConList.xlsx", "2025-04-10"),
    ("un_sc", "lists/un_sc/2026-02-27/consolidated.xml", "2026-02-27"),
    ("ca_sema", "lists/ca_sema/2025-05-25/sema-lmes.xml", "2025-05-25"),
    ("eu_journal", "lists/eu_journal/2026-08-22/32006R0765.csv", "2026-08-22"),
    ("eu_fsf", "lists/eu_fsf/sample-2021-12-03/eu_fsf_sample.xml", "2021-12-03"),
    ("eu_fsf", "lists/eu_fsf/sample-2022-07-20/eu_fsf_sample.xml", "2022-07-20"),
    ("ftm", "lists/ftm/yente-t1/entities.ftm.json", "2024-07-05"),
)
SCREEN_NAME = "Belavia"
TARGETS = {"help_s": 0.3, "screen_s": 1.0, "api_p99_ms": 10.0}

API_SCRIPT = r"""
import json, logging, resource, sys, time
from pathlib import Path
logging.disable(logging.WARNING)
from fastapi.testclient import TestClient
from corridor.api.app import create_app
from corridor.settings import Settings
home, requests = Path(sys.argv[1]), int(sys.argv[2])
names = [line.split(",")[1] for line in sys.argv[3].splitlines()[1:] if line.count(",") >= 1]
client = TestClient(create_app(Settings(home=home)))
assert client.post("/screen", json={"queries": [{"name": names[0]}]}).status_code == 200
timings = []
cpu = time.process_time()
for i in range(requests):
    body = {"queries": [{"name": names[i % len(names)]}], "limit": 5}
    started = time.perf_counter()
    response = client.post("/screen", json=body)
    timings.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, response.text
cpu = time.process_time() - cpu
timings.sort()
print(json.dumps({
    "requests": requests,
    "p50_ms": timings[len(timings) // 2],
    "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
    "cpu_ms_per_request": cpu * 1000 / requests,
}))
"""


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system of the child) and stdout of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORRIDOR_", "VIRTUAL_ENV"))}
    env.update(CORRIDOR_HOME=str(home), PYTHONDONTWRITEBYTECODE="1", COLUMNS="120")
    env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def uv() -> str:
    found = shutil.which("uv", path=str(ROOT / ".venv" / "bin")) or shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: run `make install`")
    return found


def baseline_venv() -> Path:
    """The baseline checkout and its venv, installed as its Makefile did (kept between runs)."""
    tree, venv = WORK / "tree", WORK / "venv"
    if not (tree / "pyproject.toml").is_file():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), BASELINE],
            check=True,
            capture_output=True,
        )
    if not (venv / "bin" / "corridor").is_file():
        out(f"installing the baseline {BASELINE} into {venv} (once; from the uv cache)")
        subprocess.run(
            [uv(), "venv", "--quiet", "--clear", "--python", sys.executable, str(venv)], check=True
        )
        install = [uv(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")]
        install += ["-e", str(tree)]
        # from uv's cache alone first: online, uv may fetch and build PyICU's sdist again
        if subprocess.run([*install, "--offline"], capture_output=True).returncode != 0:
            subprocess.run(install, check=True)
    return venv


def demo_store(corridor: Path) -> Path:
    """A home with the demo lists loaded by the current code (kept between runs)."""
    home = WORK / "home-current"
    if not (home / "corridor.db").is_file():
        out("loading the demo lists into the benchmark store (once)")
        shutil.rmtree(home, ignore_errors=True)
        data = ROOT / "src" / "corridor" / "data"
        for source, rel, day in DEMO_LISTS:
            cmd = [str(corridor), "lists", "load", str(data / rel), "--source", source]
            run([*cmd, "--retrieved-at", day, "--allow-shrink"], base_env(home))
    return home


def baseline_store(current: Path) -> Path:
    """A copy of the demo store for the baseline (its own folder: no kept index in it)."""
    home = WORK / "home-baseline"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    shutil.copy2(current / "corridor.db", home / "corridor.db")
    return home


def median_of(samples: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "wall_s": round(statistics.median(w for w, _ in samples), 3),
        "cpu_s": round(statistics.median(c for _, c in samples), 3),
        "runs": len(samples),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median)")
    parser.add_argument("--requests", type=int, default=300, help="API requests per version")
    args = parser.parse_args()

    current = ROOT / ".venv"
    base = baseline_venv()
    home = demo_store(current / "bin" / "corridor")
    base_home = baseline_store(home)
    prefix = WORK / "pycache-prefix"
    if not prefix.is_dir():  # the baseline's bytecode, kept apart from its install
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
        subprocess.run(
            [
                str(base / "bin" / "python"),
                "-m",
                "compileall",
                "-qq",
                "-j",
                "0",
                str(base / "lib"),
                str(WORK / "tree" / "src"),
            ],
            env=env,
        )

    versions: dict[str, tuple[Path, dict[str, str]]] = {
        "after": (current, base_env(home)),
        "before (as installed)": (base, base_env(base_home)),
        "before, bytecode compiled": (
            base,
            {**base_env(base_home), "PYTHONPYCACHEPREFIX": str(prefix)},
        ),
    }
    commands = {
        "--help": ["--help"],
        "lists --help": ["lists", "--help"],
        "lists load --help": ["lists", "load", "--help"],
        f"screen {SCREEN_NAME}": ["screen", SCREEN_NAME, "--limit", "1"],
    }
    # first screen after a load: the index is built (and, after #11, written)
    shutil.rmtree(home / "cache", ignore_errors=True)
    first = {
        name: run([str(venv / "bin" / "corridor"), "screen", SCREEN_NAME], env)[:2]
        for name, (venv, env) in versions.items()
    }
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        name: {label: [] for label in commands} for name in versions
    }
    for _ in range(args.repeat):  # alternate the versions so that load hits them alike
        for label, cmd in commands.items():
            for name, (venv, env) in versions.items():
                wall, cpu, _ = run([str(venv / "bin" / "corridor"), *cmd], env)
                samples[name][label].append((wall, cpu))

    names_csv = (ROOT / "src" / "corridor" / "data" / "demo" / "names.csv").read_text()
    api: dict[str, Any] = {}
    for name, (venv, env) in versions.items():
        if name == "before, bytecode compiled":
            continue  # the API server compiles once at start: bytecode does not change its p99
        script = [str(venv / "bin" / "python"), "-c", API_SCRIPT]
        target = home if name == "after" else base_home
        _, _, printed = run([*script, str(target), str(args.requests), names_csv], env)
        api[name] = json.loads(printed.strip().splitlines()[-1])

    figures: dict[str, Any] = {
        name: {label: median_of(found) for label, found in by_label.items()}
        for name, by_label in samples.items()
    }
    out(f"\nstart-up, median of {args.repeat} runs each (wall s / CPU s), same run, alternating")
    out(f"{'command':<22}" + "".join(f"{name:>30}" for name in versions))
    for label in commands:
        row = "".join(
            f"{figures[n][label]['wall_s']:>19.3f} / {figures[n][label]['cpu_s']:<8.3f}"
            for n in versions
        )
        out(f"{label:<22}{row}")
    row = "".join(f"{first[n][0]:>19.3f} / {first[n][1]:<8.3f}" for n in versions)
    out(f"{'screen, 1st after load':<22}{row}")
    out(f"\nAPI POST /screen, {args.requests} single-name requests (TestClient)")
    for name, found in api.items():
        out(
            f"  {name:<24} p50 {found['p50_ms']:.2f} ms  p99 {found['p99_ms']:.2f} ms  "
            f"CPU {found['cpu_ms_per_request']:.2f} ms/request"
        )
    after = figures["after"]
    reached = {
        "--help < 0.3 s (CPU)": after["--help"]["cpu_s"] < TARGETS["help_s"],
        "COMMAND --help < 0.3 s (CPU)": after["lists --help"]["cpu_s"] < TARGETS["help_s"],
        "screen NAME < 1 s (wall)": after[f"screen {SCREEN_NAME}"]["wall_s"] < TARGETS["screen_s"],
        "API p99 < 10 ms": api["after"]["p99_ms"] < TARGETS["api_p99_ms"],
    }
    out("\ntargets: " + ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in reached.items()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "startup (#11)",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "baseline": BASELINE,
        "machine": {"cores": os.cpu_count(), "load_avg": os.getloadavg()},
        "repeat": args.repeat,
        "commands": figures,
        "screen_first_after_load": {
            n: {"wall_s": round(w, 3), "cpu_s": round(c, 3)} for n, (w, c) in first.items()
        },
        "api_screen": api,
        "targets": reached,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    out(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
