"""The CLI starts lazily: help loads no service, store or heavy library; commands come from the
modules :data:`corridor.cli.COMMAND_MODULES` names. (How fast it starts is measured by
``benchmarks/bench_startup.py``, not here.)"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from typer.main import get_group

from corridor.cli import COMMAND_MODULES, main

# What `--help` must not pay for: the store, the services and the heavy third-party libraries.
HEAVY = (
    "corridor.services",
    "corridor.store",
    "corridor.sources",
    "corridor.batch",
    "corridor.settings",
    "corridor.screening.index",
    "sqlalchemy",
    "numpy",
    "pandas",
    "pyarrow",
    "duckdb",
    "pydantic_settings",
    "pydantic",
    "rapidfuzz",
    "icu",
    "yaml",
    "httpx",
    "structlog",
    "fastapi",
)

PROBE = """
import json, sys
from corridor.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as done:
    code = done.code
loaded = [m for m in sys.modules if m.startswith({heavy!r})]
print(json.dumps({{"code": code, "loaded": sorted(loaded)}}))
"""


def _loaded_by(*args: str) -> list[str]:
    """The heavy modules a fresh interpreter has imported after ``corridor ARGS``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stdout
    return list(report["loaded"])


def test_root_help_loads_nothing_heavy() -> None:
    assert _loaded_by("--help") == []


@pytest.mark.parametrize("command", [name for names in COMMAND_MODULES.values() for name in names])
def test_command_help_loads_nothing_heavy(command: str) -> None:
    assert _loaded_by(command, "--help") == []


def test_a_command_that_runs_loads_what_it_needs(tmp_path: Path) -> None:
    """The probe sees imports: a command that runs does read its settings and its data."""
    loaded = _loaded_by("--home", str(tmp_path), "rules", "list")
    assert "corridor.settings" in loaded
    assert "yaml" in loaded


def test_each_module_registers_the_commands_it_declares() -> None:
    for module_name, declared in COMMAND_MODULES.items():
        holder = typer.Typer()
        importlib.import_module(module_name).register(holder)
        assert set(get_group(holder).commands) == set(declared), module_name


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"corridor {version('corridor')}"


def test_unknown_command_is_still_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lits"]) == 2
    assert "No such command" in capsys.readouterr().err
