"""The documentation is current and complete: generated pages match the code, and everything a
user meets (commands, routes, settings, errors, rule files and fields, list sources, file
formats) is documented. None of this needs mkdocs; the generators are the ``gen_cli`` and
``gen_ref`` fixtures (``scripts/gen_cli_docs.py``, ``scripts/gen_ref_docs.py``)."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.api.app import create_app
from corridor.blacklist.measure import MeasureKind, Mode
from corridor.bookings.model import DOCUMENT_TYPES, ROW_COLUMNS
from corridor.cli.errors import EXIT_CODES
from corridor.resources import data_dir
from corridor.rules.spec import Effect, Measure, RuleSpec
from corridor.screening.files import OUTPUT_COLUMNS
from corridor.settings import Settings
from corridor.sources.registry import load_registry

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def undocumented(names: list[str], text: str) -> list[str]:
    """The names that do not appear as code (```name```) in ``text``."""
    return sorted({name for name in names if f"`{name}`" not in text})


# -- generated pages are current --------------------------------------------------------------


def test_cli_page_is_current(gen_cli: ModuleType) -> None:
    assert gen_cli.main(["--check"]) == 0, "docs/cli.md is stale: run scripts/gen_cli_docs.py"


def test_cli_check_fails_on_a_stale_page(gen_cli: ModuleType, tmp_path: Path) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text(page("cli.md").replace("corridor screen", "corridor scream"))
    assert gen_cli.main(["--check", "--output", str(stale)]) == 1
    assert gen_cli.main(["--output", str(stale)]) == 0
    assert gen_cli.main(["--check", "--output", str(stale)]) == 0


def test_generated_tables_are_current(gen_ref: ModuleType) -> None:
    stale = [str(path) for path, (now, fresh) in gen_ref.regenerate().items() if now != fresh]
    assert stale == [], f"stale tables in {stale}: run scripts/gen_ref_docs.py"


_TEXT = st.text(alphabet=st.characters(blacklist_characters="<>"))


@given(before=_TEXT, old=_TEXT, body=_TEXT, after=_TEXT)
def test_fill_rewrites_only_between_markers(
    gen_ref: ModuleType, before: str, old: str, body: str, after: str
) -> None:
    text = f"{before}<!-- gen:t -->\n{old}<!-- /gen:t -->{after}"
    filled = gen_ref.fill(text, "t", body)
    assert filled.startswith(f"{before}<!-- gen:t -->\n")
    assert filled.endswith(f"<!-- /gen:t -->{after}")
    assert gen_ref.fill(filled, "t", body) == filled


def test_fill_refuses_a_page_without_markers(gen_ref: ModuleType) -> None:
    with pytest.raises(ValueError, match="gen:routes"):
        gen_ref.fill("no markers here", "routes", "| a |")


# -- everything users meet is documented ------------------------------------------------------


def test_every_cli_command_is_documented(cli_commands: dict[tuple[str, ...], Any]) -> None:
    reference = page("cli.md")
    assert len(cli_commands) > 40
    for command in cli_commands.values():
        assert re.search(rf"^#+ `{re.escape(command.name)}`$", reference, re.MULTILINE), command
        for names, _help in command.options + command.arguments:
            assert f"`{names}`" in reference, (command.name, names)
    written = "\n".join(
        p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md") if p.name != "cli.md"
    )
    top_level = {path[1] for path in cli_commands if len(path) == 2}
    missing = sorted(name for name in top_level if f"corridor {name}" not in written)
    assert missing == [], f"commands no hand-written page mentions: {missing}"


def test_every_api_route_is_documented(tmp_path: Path) -> None:
    # the application as served: its OpenAPI description lists every route it includes
    paths = create_app(Settings(home=tmp_path)).openapi()["paths"]
    text = page("api.md")
    routes = [(method.upper(), path) for path, item in paths.items() for method in item]
    assert len(routes) > 20
    for method, path in routes:
        assert f"| {method} | `{path}` |" in text, (method, path)
    assert text.count("| `/") == len(routes), "api.md lists routes the application does not have"


def test_every_setting_is_documented() -> None:
    text = page("settings.md")
    for name in Settings.model_fields:
        variable = f"CORRIDOR_{name.upper()}"
        row = re.search(rf"^\| `{variable}` \|(.*)\|$", text, re.MULTILINE)
        assert row is not None, variable
        meaning = row[1].split(" | ")[-1].strip()
        assert meaning, f"{variable} has no meaning: describe it in corridor/settings.py"


def test_every_error_class_and_exit_code_is_documented(gen_ref: ModuleType) -> None:
    from corridor.cli import errors

    written = gen_ref.docstring_table(errors.__doc__)
    for cls, code in EXIT_CODES.items():
        assert str(code) in written, f"exit code {code} of {cls.__name__} is not in the table"
        assert f"| `{cls.__name__}` |" in page("errors.md")


def test_every_bundled_rule_file_is_mentioned() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    rules_dir = data_dir("rules")
    files = sorted(rules_dir.glob("*.yml"))
    assert len(files) >= 17
    for path in files:
        assert "src/corridor/data/" + path.relative_to(rules_dir.parent).as_posix() in text, path


def test_every_rule_field_and_effect_is_documented() -> None:
    names = [*Measure.model_fields, *RuleSpec.model_fields, *(effect.value for effect in Effect)]
    assert undocumented(names, page("rules.md")) == []


def test_every_measure_kind_and_mode_is_documented() -> None:
    names = [kind.value for kind in MeasureKind] + [mode.value for mode in Mode]
    assert undocumented(names, page("blacklist.md")) == []


def test_file_formats_are_documented() -> None:
    assert undocumented([*ROW_COLUMNS, *DOCUMENT_TYPES], page("rules.md")) == []
    assert undocumented(list(OUTPUT_COLUMNS), page("screening.md")) == []


def test_every_list_source_is_mentioned() -> None:
    for spec in load_registry():
        assert f"`{spec.name}`" in page("lists.md"), spec.name
        assert f"src/corridor/data/lists/{spec.name}/SOURCES.md" in page("data.md"), spec.name
