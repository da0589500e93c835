"""Examples in the hand-written pages are real: each ``$ corridor ...`` line is a command that
exists, with options it has and the arguments it takes, and each route and repository path a
page names exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
# the generated reference and the pages mkdocstrings fills are not hand-written
HAND_WRITTEN = sorted(
    p for p in DOCS.rglob("*.md") if p != DOCS / "cli.md" and p.parent != DOCS / "reference"
)

_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")

Commands = dict[tuple[str, ...], Any]


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def console_commands(text: str) -> list[str]:
    """The ``$ corridor ...`` lines of the console blocks of a page, continuations joined."""
    found: list[str] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        joined = re.sub(r"\s*\\\n\s*", " ", block)
        found += [line[2:] for line in joined.splitlines() if line.startswith("$ corridor ")]
    return found


def _params(command: Any) -> tuple[dict[str, bool], int, int | None]:
    """Options (name -> takes a value), required positionals, most positionals (None: any)."""
    options: dict[str, bool] = {"--help": False}
    for names, _help in command.options:
        for name in _OPTION.findall(names.split(" <")[0]):
            options[name] = "<" in names
    required = sum("[required]" in help_text for _names, help_text in command.arguments)
    variadic = any("..." in names.split(" ")[0] for names, _help in command.arguments)
    return options, required, None if variadic else len(command.arguments)


def _take_option(word: str, next_index: int, options: dict[str, bool]) -> int | None:
    """The index after an option and its value, or None when the command has no such option."""
    name = word.split("=")[0]
    if name not in options:
        return None
    return next_index + (options[name] and "=" not in word)


def check_example(line: str, commands: Commands) -> list[str]:
    """What is wrong with one example: unknown command or option, missing required option,
    wrong number of arguments. Comments (`` # ...``) are ignored."""
    words = shlex.split(line.split(" # ")[0].split("  #")[0])
    path: tuple[str, ...] = ("corridor",)
    index = 1
    while True:
        options, _, _ = _params(commands[path])
        while index < len(words) and words[index].startswith("-"):
            after = _take_option(words[index], index + 1, options)
            if after is None:
                return [f"{' '.join(path)} has no option {words[index]}"]
            index = after
        if not commands[path].is_group:
            break
        if index >= len(words) or (*path, words[index]) not in commands:
            return [f"{' '.join(path)} has no command {words[index : index + 1]}"]
        path = (*path, words[index])
        index += 1
    options, required, most = _params(commands[path])
    given = {word.split("=")[0] for word in words}
    absent = [
        spec.split(" <")[0]
        for spec, help_text in commands[path].options
        if "[required]" in help_text and not set(_OPTION.findall(spec.split(" <")[0])) & given
    ]
    if absent:
        return [f"{' '.join(path)} needs {absent}"]
    positionals: list[str] = []
    while index < len(words):
        if words[index].startswith("-") and words[index] != "-":
            after = _take_option(words[index], index + 1, options)
            if after is None:
                return [f"{' '.join(path)} has no option {words[index]}"]
            index = after
            continue
        positionals.append(words[index])
        index += 1
    if len(positionals) < required or (most is not None and len(positionals) > most):
        return [f"{' '.join(path)} takes {required}..{most} arguments, not {positionals}"]
    return []


def test_example_checker_finds_mistakes(cli_commands: Commands) -> None:
    assert check_example("corridor screen Belavia --limit 2", cli_commands) == []
    assert check_example("corridor --home /tmp/x -v lists status", cli_commands) == []
    assert check_example("corridor lists load -s un_sc file.xml  # a comment", cli_commands) == []
    assert check_example("corridor screen Belavia --limt 2", cli_commands) != []
    assert check_example("corridor lists lod -s un_sc file.xml", cli_commands) != []
    assert check_example("corridor lists load file.xml", cli_commands) != []  # no --source
    assert check_example("corridor lists diff a b", cli_commands) != []  # one argument


def test_console_commands_join_continuations() -> None:
    text = "```console\n$ corridor cases act C1 propose \\\n    --kind ban_transit\n$ ls\n```\n"
    assert console_commands(text) == ["corridor cases act C1 propose --kind ban_transit"]


@pytest.mark.parametrize("page", HAND_WRITTEN, ids=page_id)
def test_command_examples_are_real(page: Path, cli_commands: Commands) -> None:
    problems = [
        f"{line!r}: {problem}"
        for line in console_commands(page.read_text(encoding="utf-8"))
        for problem in check_example(line, cli_commands)
    ]
    assert problems == []


@pytest.mark.parametrize("page", HAND_WRITTEN, ids=page_id)
def test_api_routes_named_in_pages_exist(page: Path, gen_ref: ModuleType) -> None:
    routes = {(method, path) for method, path, _tag, _summary in gen_ref.api_routes()}
    named = re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`", page.read_text("utf-8"))
    assert [f"{method} {path}" for method, path in named if (method, path) not in routes] == []


@pytest.mark.parametrize("page", HAND_WRITTEN, ids=page_id)
def test_repository_paths_named_in_pages_exist(page: Path) -> None:
    pattern = r"`((?:src|data|scripts|tests|plans|benchmarks)/[^`\s<>*]+)`"
    named = re.findall(pattern, page.read_text(encoding="utf-8"))
    assert [path for path in named if not (ROOT / path).exists()] == []
