"""The fixture policy of ``tests/conftest.py`` holds: every bundled data family says where its
bytes came from, and every data file kept under ``tests/`` says what it is."""

from __future__ import annotations

import json
from pathlib import Path

from corridor.resources import data_dir

TESTS = Path(__file__).resolve().parent


def test_every_bundled_data_folder_has_sources() -> None:
    root = data_dir()
    folders = {p.parent for p in root.rglob("*") if p.is_file() and p.name != "SOURCES.md"}
    folders.discard(root)
    assert folders
    missing = [
        str(folder.relative_to(root))
        for folder in sorted(folders)
        if not any(
            (parent / "SOURCES.md").is_file()
            for parent in [folder, *folder.parents]
            if parent != root and root in parent.parents
        )
    ]
    assert not missing, f"bundled data without a SOURCES.md: {missing}"


def _says_what_it_is(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        return isinstance(data, dict) and bool(str(data.get("about", "")).strip())
    return text.lstrip().startswith("#")


def test_data_files_under_tests_say_what_they_are() -> None:
    files = [
        p
        for p in TESTS.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    unexplained = [str(p.relative_to(TESTS)) for p in files if not _says_what_it_is(p)]
    assert not unexplained, f"data files under tests/ without a header: {unexplained}"
