"""Fixtures of the docs tests.

The generators live in ``scripts/`` and the griffe extension in ``docs/_griffe/``; neither is a
package, so they are imported by path, once per session. Nothing here needs mkdocs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_by_path(path: Path) -> ModuleType:
    """The module in ``path``, imported under a name of its own (``corridor_docs_<stem>``)."""
    key = f"corridor_docs_{path.stem}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def gen_cli() -> ModuleType:
    return load_by_path(ROOT / "scripts" / "gen_cli_docs.py")


@pytest.fixture(scope="session")
def gen_ref() -> ModuleType:
    return load_by_path(ROOT / "scripts" / "gen_ref_docs.py")


@pytest.fixture(scope="session")
def markup() -> ModuleType:
    return load_by_path(ROOT / "docs" / "_griffe" / "markup.py")


@pytest.fixture(scope="session")
def cli_commands(gen_cli: ModuleType) -> dict[tuple[str, ...], Any]:
    """Every command of ``corridor`` by path (``("corridor", "lists", "load")``)."""
    return {command.path: command for command in gen_cli.collect_commands()}
