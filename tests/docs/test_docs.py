"""The documentation is tested: generated pages are current, and nothing users meet is missing.

None of this needs mkdocs: the pages are read as Markdown text, the generators are imported from
``scripts/``, and links are resolved the way mkdocs resolves them (relative to the page).
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import shlex
import sys
import unicodedata
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from corridor.api.app import create_app
from corridor.blacklist.measure import MeasureKind, Mode
from corridor.cli.errors import EXIT_CODES
from corridor.rules.spec import BUNDLED_RULES, Effect, Measure, RuleSpec
from corridor.settings import Settings
from corridor.sources.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SCRIPTS = ROOT / "scripts"

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_SNIPPET = re.compile(r'^\s*--8<-- "([^":]+)(?::[0-9:]*)?"', re.MULTILINE)
_DIRECTIVE = re.compile(r"^::: ([\w.]+)", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$", re.MULTILINE)


def load_script(name: str, folder: Path = SCRIPTS) -> ModuleType:
    """A generator from ``scripts/``, imported by path (``scripts`` is not a package)."""
    key = f"corridor_docs_{name}"  # not to shadow or reuse an installed module of that name
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(text: str) -> str:
    """Markdown without fenced code blocks (links and headings inside them do not count)."""
    return _FENCE.sub("", text)


def all_docs_text() -> str:
    return "\n".join(page_text(p) for p in pages())


def slugify(title: str) -> str:
    """The anchor Python-Markdown's toc gives a heading (its default slugify)."""
    text = _CODE.sub(lambda m: m[0].strip("`"), title)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@cache
def anchors(path: Path) -> frozenset[str]:
    """Anchors a page offers: its headings, and the objects its ``:::`` directives render."""
    text = prose(page_text(path))
    found: set[str] = set()
    seen: dict[str, int] = {}
    for match in _HEADING.finditer(text):
        slug = slugify(match[2])
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}_{count}")
    found.update(_DIRECTIVE.findall(text))
    return frozenset(found)


def _documents(anchor: str, page: Path) -> bool:
    if anchor in anchors(page):
        return True
    # mkdocstrings anchors members under their module: corridor.exc.NotFound
    return any(anchor.startswith(f"{module}.") for module in _DIRECTIVE.findall(page_text(page)))


# -- generated pages are current --------------------------------------------------------------


def test_cli_page_is_current() -> None:
    gen = load_script("gen_cli_docs")
    assert gen.main(["--check"]) == 0, "docs/cli.md is stale: run scripts/gen_cli_docs.py"


def test_cli_check_fails_on_a_stale_page(tmp_path: Path) -> None:
    gen = load_script("gen_cli_docs")
    stale = tmp_path / "cli.md"
    stale.write_text(page_text(DOCS / "cli.md").replace("corridor screen", "corridor scream"))
    assert gen.main(["--check", "--output", str(stale)]) == 1
    assert gen.main(["--output", str(stale)]) == 0
    assert gen.main(["--check", "--output", str(stale)]) == 0


def test_generated_tables_are_current() -> None:
    gen = load_script("gen_ref_docs")
    stale = [str(path) for path, (now, fresh) in gen.regenerate().items() if now != fresh]
    assert stale == [], f"stale tables in {stale}: run scripts/gen_ref_docs.py"


@given(
    before=st.text(alphabet=st.characters(blacklist_characters="<>")),
    old=st.text(alphabet=st.characters(blacklist_characters="<>")),
    body=st.text(alphabet=st.characters(blacklist_characters="<>")),
    after=st.text(alphabet=st.characters(blacklist_characters="<>")),
)
def test_fill_rewrites_only_between_markers(before: str, old: str, body: str, after: str) -> None:
    gen = load_script("gen_ref_docs")
    text = f"{before}<!-- gen:t -->\n{old}<!-- /gen:t -->{after}"
    filled = gen.fill(text, "t", body)
    assert filled.startswith(f"{before}<!-- gen:t -->\n")
    assert filled.endswith(f"<!-- /gen:t -->{after}")
    assert gen.fill(filled, "t", body) == filled


def test_fill_refuses_a_page_without_markers() -> None:
    gen = load_script("gen_ref_docs")
    with pytest.raises(ValueError, match="gen:routes"):
        gen.fill("no markers here", "routes", "| a |")


@pytest.mark.parametrize(
    ("name", "folder"),
    [("gen_cli_docs", SCRIPTS), ("gen_ref_docs", SCRIPTS), ("markup", DOCS / "_griffe")],
)
def test_doctests_of_the_generators(name: str, folder: Path) -> None:
    result = doctest.testmod(load_script(name, folder))
    assert result.failed == 0


# -- docstrings rendered as Markdown ----------------------------------------------------------


def test_markup_turns_roles_into_code() -> None:
    markup = load_script("markup", DOCS / "_griffe")
    text = "Raises :class:`~corridor.exc.NotFound`; see :func:`corridor.store.db.make_engine`."
    assert markup.to_markdown(text) == ("Raises `NotFound`; see `corridor.store.db.make_engine`.")
    assert markup.to_markdown(":meth:`the loader <corridor.x.load>`") == "`the loader`"


def test_markup_fences_doctest_blocks() -> None:
    markup = load_script("markup", DOCS / "_griffe")
    text = "Helpers.\n\n>>> 1 + 1\n2\n\nMore text.\n    >>> x\n    'y'"
    assert markup.to_markdown(text) == (
        "Helpers.\n\n```pycon\n>>> 1 + 1\n2\n```\n\nMore text.\n"
        "    ```pycon\n    >>> x\n    'y'\n    ```"
    )


@given(st.lists(st.sampled_from(["text", "", ">>> f(1)", "1", "    >>> g()", "    x"]), min_size=1))
def test_markup_only_adds_fences_and_is_stable(lines: list[str]) -> None:
    markup = load_script("markup", DOCS / "_griffe")
    once = markup.to_markdown("\n".join(lines))
    kept = [line for line in once.split("\n") if line.strip() not in ("```pycon", "```")]
    assert kept == lines
    assert markup.to_markdown(once) == once


# -- everything users meet is documented ------------------------------------------------------


def test_every_cli_command_is_documented() -> None:
    gen = load_script("gen_cli_docs")
    reference = page_text(DOCS / "cli.md")
    commands = gen.collect_commands()
    assert len(commands) > 40
    for command in commands:
        assert re.search(rf"^#+ `{re.escape(command.name)}`$", reference, re.MULTILINE), command
        for names, _help in command.options + command.arguments:
            assert f"`{names}`" in reference, (command.name, names)
    written = "\n".join(page_text(p) for p in pages() if p.name != "cli.md")
    top_level = {c.path[1] for c in commands if len(c.path) == 2}
    missing = sorted(name for name in top_level if f"corridor {name}" not in written)
    assert missing == [], f"commands no hand-written page mentions: {missing}"


def test_every_api_route_is_documented(tmp_path: Path) -> None:
    # the application as served: its OpenAPI description lists every route it includes
    paths = create_app(Settings(home=tmp_path)).openapi()["paths"]
    page = page_text(DOCS / "api.md")
    routes = [(method.upper(), path) for path, item in paths.items() for method in item]
    assert len(routes) > 20
    for method, path in routes:
        assert f"| {method} | `{path}` |" in page, (method, path)
    assert page.count("| `/") == len(routes), "api.md lists routes the application does not have"


def test_every_setting_is_documented() -> None:
    page = page_text(DOCS / "settings.md")
    for name in Settings.model_fields:
        variable = f"CORRIDOR_{name.upper()}"
        row = re.search(rf"^\| `{variable}` \|(.*)\|$", page, re.MULTILINE)
        assert row is not None, variable
        meaning = row[1].split(" | ")[-1].strip()
        assert meaning, f"{variable} has no meaning: describe it in corridor/settings.py"


def test_every_exit_code_is_in_the_errors_docstring() -> None:
    gen = load_script("gen_ref_docs")
    from corridor.cli import errors

    written = gen.docstring_table(errors.__doc__)
    for cls, code in EXIT_CODES.items():
        assert str(code) in written, f"exit code {code} of {cls.__name__} is not in the table"
        assert f"| `{cls.__name__}` |" in page_text(DOCS / "errors.md")


def test_every_bundled_rule_file_is_mentioned() -> None:
    text = all_docs_text()
    files = sorted(BUNDLED_RULES.glob("*.yml"))
    assert len(files) >= 17
    for path in files:
        assert path.relative_to(BUNDLED_RULES.parents[1]).as_posix() in text, path


def test_every_rule_field_and_effect_is_documented() -> None:
    page = page_text(DOCS / "rules.md")
    names = [*Measure.model_fields, *RuleSpec.model_fields, *(effect.value for effect in Effect)]
    missing = sorted({name for name in names if f"`{name}`" not in page})
    assert missing == [], f"rule fields or effects docs/rules.md does not describe: {missing}"


def test_every_measure_kind_and_mode_is_documented() -> None:
    page = page_text(DOCS / "blacklist.md")
    names = [kind.value for kind in MeasureKind] + [mode.value for mode in Mode]
    missing = [name for name in names if f"`{name}`" not in page]
    assert missing == [], f"measure kinds or modes docs/blacklist.md does not name: {missing}"


def test_file_formats_are_documented() -> None:
    from corridor.bookings.model import DOCUMENT_TYPES, ROW_COLUMNS
    from corridor.screening.files import OUTPUT_COLUMNS

    rules = page_text(DOCS / "rules.md")
    screening = page_text(DOCS / "screening.md")
    missing = [f"rules.md: {c}" for c in (*ROW_COLUMNS, *DOCUMENT_TYPES) if f"`{c}`" not in rules]
    missing += [f"screening.md: {c}" for c in OUTPUT_COLUMNS if f"`{c}`" not in screening]
    assert missing == []


def test_every_list_source_is_mentioned() -> None:
    lists_page = page_text(DOCS / "lists.md")
    data_page = page_text(DOCS / "data.md")
    for spec in load_registry():
        assert f"`{spec.name}`" in lists_page, spec.name
        assert f"data/lists/{spec.name}/SOURCES.md" in data_page, spec.name


def test_every_sources_file_is_included() -> None:
    included = set(_SNIPPET.findall(page_text(DOCS / "data.md")))
    for path in sorted((ROOT / "data").rglob("SOURCES.md")):
        assert path.relative_to(ROOT).as_posix() in included, path


# -- examples in the hand-written pages are real ----------------------------------------------


_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def _hand_written() -> list[Path]:
    return [p for p in pages() if p != DOCS / "cli.md" and p.parent != DOCS / "reference"]


def console_commands(text: str) -> list[str]:
    """The ``$ corridor ...`` lines of the console blocks of a page, continuations joined."""
    found: list[str] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        found += [line[2:] for line in joined.splitlines() if line.startswith("$ corridor ")]
    return found


def _params(command: Any) -> tuple[dict[str, bool], int, int | None]:
    """Options (name -> takes a value), required positionals, most positionals (None: any)."""
    options: dict[str, bool] = {"--help": False}
    for names, _help in command.options:
        spec = names.split(" <")[0]
        for name in _OPTION.findall(spec):
            options[name] = "<" in names
    required = sum("[required]" in help_text for _names, help_text in command.arguments)
    variadic = any("..." in names.split(" ")[0] for names, _help in command.arguments)
    return options, required, None if variadic else len(command.arguments)


def check_example(line: str, commands: dict[tuple[str, ...], Any]) -> list[str]:
    """What is wrong with one example: unknown command or option, wrong number of arguments."""
    words = shlex.split(line.split(" # ")[0].split("  #")[0])
    path: tuple[str, ...] = ("corridor",)
    index = 1
    while True:
        options, _, _ = _params(commands[path])
        while index < len(words) and words[index].startswith("-"):
            name = words[index].split("=")[0]
            if name not in options:
                return [f"{' '.join(path)} has no option {name}"]
            index += 1 + (options[name] and "=" not in words[index])
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
        word = words[index]
        if word.startswith("-") and word != "-":
            name = word.split("=")[0]
            if name not in options:
                return [f"{' '.join(path)} has no option {name}"]
            index += 1 + (options[name] and "=" not in word)
            continue
        positionals.append(word)
        index += 1
    if len(positionals) < required or (most is not None and len(positionals) > most):
        return [f"{' '.join(path)} takes {required}..{most} arguments, not {positionals}"]
    return []


@pytest.mark.parametrize("page", _hand_written(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_command_examples_are_real(page: Path) -> None:
    gen = load_script("gen_cli_docs")
    commands = {command.path: command for command in gen.collect_commands()}
    problems = [
        f"{line!r}: {problem}"
        for line in console_commands(page_text(page))
        for problem in check_example(line, commands)
    ]
    assert problems == []


def test_example_checker_finds_mistakes() -> None:
    gen = load_script("gen_cli_docs")
    commands = {command.path: command for command in gen.collect_commands()}
    assert check_example("corridor screen Belavia --limit 2", commands) == []
    assert check_example("corridor --home /tmp/x -v lists status", commands) == []
    assert check_example("corridor screen Belavia --limt 2", commands) != []
    assert check_example("corridor lists lod -s un_sc file.xml", commands) != []
    assert check_example("corridor lists load -s un_sc file.xml", commands) == []
    assert check_example("corridor lists load file.xml", commands) != []  # no --source
    assert check_example("corridor lists diff a b", commands) != []


@pytest.mark.parametrize("page", _hand_written(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_api_routes_named_in_pages_exist(page: Path) -> None:
    gen = load_script("gen_ref_docs")
    routes = {(method, path) for method, path, _tag, _summary in gen.api_routes()}
    named = re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`", page_text(page))
    missing = [f"{method} {path}" for method, path in named if (method, path) not in routes]
    assert missing == []


@pytest.mark.parametrize("page", _hand_written(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_repository_paths_named_in_pages_exist(page: Path) -> None:
    named = re.findall(
        r"`((?:src|data|scripts|tests|plans|benchmarks)/[^`\s<>*]+)`", page_text(page)
    )
    missing = [path for path in named if not (ROOT / path).exists()]
    assert missing == []


# -- the site holds together ------------------------------------------------------------------


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_internal_links_resolve(page: Path) -> None:
    for target in _LINK.findall(prose(page_text(page))):
        if re.match(r"^[a-z][a-z+.-]*:", target):
            continue  # https:, mailto:
        path_part, _, anchor = target.partition("#")
        linked = page if not path_part else (page.parent / path_part).resolve()
        assert linked.is_file(), f"{page.name}: {target} does not exist"
        assert linked.is_relative_to(DOCS), f"{page.name}: {target} is outside docs/"
        if anchor:
            assert _documents(anchor, linked), f"{page.name}: no #{anchor} in {linked.name}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_included_files_exist(page: Path) -> None:
    for included in _SNIPPET.findall(page_text(page)):
        assert (ROOT / included).is_file(), f"{page.name} includes missing {included}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_reference_modules_exist(page: Path) -> None:
    for module in _DIRECTIVE.findall(page_text(page)):
        assert importlib.util.find_spec(module) is not None, f"{page.name}: no module {module}"


def test_every_subpackage_has_reference() -> None:
    documented = {
        ".".join(module.split(".")[:2])
        for page in (DOCS / "reference").glob("*.md")
        for module in _DIRECTIVE.findall(page_text(page))
    }
    package = ROOT / "src" / "corridor"
    subpackages = {f"corridor.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert sorted(subpackages - documented) == []


def _nav_files(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in _nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in _nav_files(value)]
    return []


def _mkdocs_config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def test_mkdocstrings_reads_the_package_with_its_extension() -> None:
    plugins = [p for p in _mkdocs_config()["plugins"] if isinstance(p, dict)]
    python = next(p["mkdocstrings"] for p in plugins if "mkdocstrings" in p)["handlers"]["python"]
    assert [(ROOT / path / "corridor").is_dir() for path in python["paths"]] == [True]
    for extension in python["options"]["extensions"]:
        assert (ROOT / extension).is_file(), extension


def test_nav_lists_every_page_once() -> None:
    config = _mkdocs_config()
    nav = _nav_files(config["nav"])
    assert len(nav) == len(set(nav))
    assert sorted(nav) == sorted(p.relative_to(DOCS).as_posix() for p in pages())
