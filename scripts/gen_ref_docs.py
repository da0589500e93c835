"""Fill the generated tables of the docs from the code and the bundled data.

    .venv/bin/python scripts/gen_ref_docs.py           # rewrite the tables in place
    .venv/bin/python scripts/gen_ref_docs.py --check   # exit 1 when any table is stale

A generated table sits in a hand-written page between ``<!-- gen:NAME -->`` and
``<!-- /gen:NAME -->``; only the lines between the two markers are rewritten.

| block | page | made from |
| --- | --- | --- |
| ``errors`` | ``docs/errors.md`` | ``corridor.exc``, ``corridor.cli.errors``, ``corridor.api.errors`` |
| ``settings`` | ``docs/settings.md`` | ``corridor.settings.Settings`` and its module docstring |
| ``routes`` | ``docs/api.md`` | the routers listed in ``corridor.api.app.ROUTER_MODULES`` |
| ``roles`` | ``docs/blacklist.md`` | ``procedure.yml`` and ``corridor.blacklist.roles.ACTION_ROLES`` |
| ``features`` | ``docs/screening.md`` | ``corridor.screening.features.FEATURES`` |
| ``metrics`` | ``docs/flows.md`` | ``corridor.flows.metric.Metric`` |
| ``sources`` | ``docs/lists.md`` | ``src/corridor/sources/sources.yml`` |
| ``measures`` | ``docs/rules.md`` | the bundled route measures in ``src/corridor/data/rules/`` |
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_ROW = re.compile(r"^\|\s*(?P<key>[^|]+?)\s*\|\s*(?P<value>[^|]+?)\s*\|")


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell (not inside backticks)."""
    text = " ".join(text.split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _first_line(doc: str | None) -> str:
    return (inspect.cleandoc(doc or "").split("\n\n")[0]).replace("\n", " ").strip()


def docstring_table(doc: str | None) -> dict[str, list[str]]:
    """The rows of the Markdown tables of a docstring: first cell -> the other cells.

    reStructuredText literals (double backticks) become Markdown code.

    >>> docstring_table("| a | b | c |\\n| --- | --- | --- |\\n| ``X`` | the ``x`` | 1 |")
    {'a': ['b', 'c'], 'X': ['the `x`', '1']}
    """
    rows: dict[str, list[str]] = {}
    for line in inspect.cleandoc(doc or "").splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= {"|", "-", " ", ":"}:
            continue
        cells = [cell.strip().replace("``", "`") for cell in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def render_errors() -> str:
    """Exit codes and HTTP statuses of every error class, and the codes no class has."""
    from corridor import exc
    from corridor.api.errors import status_for
    from corridor.cli.errors import EXIT_CODES, exit_code_for
    from corridor.cli.errors import __doc__ as exit_doc

    classes = [
        cls
        for _, cls in inspect.getmembers(exc, inspect.isclass)
        if issubclass(cls, exc.CorridorError) and cls.__module__ == exc.__name__
    ]
    classes.sort(key=lambda cls: (cls is not exc.CorridorError, inspect.getsourcelines(cls)[1]))
    lines = ["| error | meaning | exit code | HTTP status |", "| --- | --- | --- | --- |"]
    for cls in classes:
        error = cls("example")
        lines.append(
            f"| `{cls.__name__}` | {_cell(_first_line(cls.__doc__))} "
            f"| {exit_code_for(error)} | {status_for(error)} |"
        )
    mapped = {str(code) for code in EXIT_CODES.values()}
    other = {code: cells[0] for code, cells in docstring_table(exit_doc).items() if code.isdigit()}
    lines += ["", "| exit code | when, without an error class |", "| --- | --- |"]
    for code, meaning in sorted(other.items(), key=lambda item: int(item[0])):
        if code not in mapped:
            lines.append(f"| {code} | {_cell(meaning)} |")
    return "\n".join(lines)


def _type_name(annotation: Any) -> str:
    """A field's type for a table cell: ``Literal`` values and union members each in code."""
    if typing.get_origin(annotation) is typing.Literal:
        return " \\| ".join(f"`{value}`" for value in typing.get_args(annotation))
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return " \\| ".join(_type_name(member) for member in typing.get_args(annotation))
    if annotation is type(None):
        return "`None`"
    name = getattr(annotation, "__name__", None)
    if isinstance(name, str) and not typing.get_args(annotation):
        return f"`{name}`"
    return f"`{str(annotation).replace('typing.', '')}`"


def render_settings() -> str:
    """Every ``CORRIDOR_*`` variable with its type, default and meaning."""
    from corridor import settings as module
    from corridor.settings import Settings

    prefix = str(Settings.model_config.get("env_prefix", ""))
    table = docstring_table(module.__doc__)
    lines = ["| variable | type | default | meaning |", "| --- | --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        variable = f"{prefix}{name}".upper()
        written = [*table.get(variable, []), "", ""]
        meaning = field.description or written[0]
        # the written default says what an unset value means ("SQLite in HOME")
        default = f"`{field.default}`" if field.default is not None else written[1]
        lines.append(f"| `{variable}` | {_type_name(field.annotation)} | {default} | {meaning} |")
    return "\n".join(lines)


def api_routes() -> list[tuple[str, str, str, str]]:
    """``(method, path, tag, summary)`` of every route the routers in ``ROUTER_MODULES`` declare."""
    from fastapi.routing import APIRoute

    from corridor.api.app import ROUTER_MODULES

    rows: list[tuple[str, str, str, str]] = []
    for name in ROUTER_MODULES:
        module = importlib.import_module(name)
        for route in module.router.routes:
            if not isinstance(route, APIRoute) or not route.include_in_schema:
                continue
            summary = route.summary or _first_line(route.endpoint.__doc__)
            tag = str(route.tags[0]) if route.tags else ""
            for method in sorted(route.methods or ()):
                rows.append((method, route.path, tag, summary))
    return rows


def render_routes() -> str:
    lines = ["| method | path | part | what it does |", "| --- | --- | --- | --- |"]
    for method, path, tag, summary in api_routes():
        lines.append(f"| {method} | `{path}` | {tag} | {_cell(summary)} |")
    return "\n".join(lines)


def render_sources() -> str:
    """The official list sources of ``sources.yml``."""
    from corridor.sources.registry import load_registry

    lines = [
        "| source | list | jurisdiction | format | licence | bundled excerpt |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for spec in load_registry():
        bundled = "" if spec.bundled is None else f"`src/corridor/data/{spec.bundled}`"
        lines.append(
            f"| `{spec.name}` | {_cell(spec.title)} | {spec.jurisdiction.value} "
            f"| {_cell(spec.format)} | {_cell(spec.licence)} | {bundled} |"
        )
    return "\n".join(lines)


def render_measures() -> str:
    """The bundled route measures, one row per file."""
    from corridor.resources import data_dir
    from corridor.rules.spec import load_measure

    rules_dir = data_dir("rules")

    lines = [
        "| file | measure | imposed by | in force from | rules | readings |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path in sorted(rules_dir.glob("*.yml")):
        measure = load_measure(path)
        relative = "src/corridor/data/" + path.relative_to(rules_dir.parent).as_posix()
        readings = ", ".join(measure.variants)
        lines.append(
            f"| `{relative}` | **{measure.id}** {_cell(measure.title)} | {_cell(measure.actor)} "
            f"| {measure.effective_from.isoformat()} | {len(measure.rules)} | {readings} |"
        )
    return "\n".join(lines)


def render_features() -> str:
    """The screening features with their weights, as the scorer declares them."""
    from corridor.screening.features import FEATURES

    lines = ["| feature | weight | says |", "| --- | --- | --- |"]
    for feature in FEATURES:
        lines.append(f"| `{feature.name}` | {feature.weight:g} | {_cell(feature.doc)} |")
    return "\n".join(lines)


def render_metrics() -> str:
    """What each flows metric counts; figures of different metrics are never added."""
    from corridor.flows.metric import Metric

    lines = ["| metric | counts |", "| --- | --- |"]
    lines += [f"| `{metric.value}` | {_cell(metric.meaning)} |" for metric in Metric]
    return "\n".join(lines)


def render_roles() -> str:
    """Who may take which step of ``procedure.yml`` and which other write (``ACTION_ROLES``)."""
    from corridor.blacklist.case import load_procedure
    from corridor.blacklist.roles import ACTION_ROLES, Role

    actions = load_procedure().actions
    lines = ["| role | steps of a case | other actions |", "| --- | --- | --- |"]
    for role in Role:
        steps = [f"`{name}`" for name, spec in actions.items() if role in spec.roles]
        other = [f"`{name}`" for name, roles in ACTION_ROLES.items() if role in roles]
        lines.append(
            f"| `{role.value}` | {', '.join(steps) or 'none'} | {', '.join(other) or 'reads only'} |"
        )
    return "\n".join(lines)


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "errors": ("errors.md", render_errors),
    "settings": ("settings.md", render_settings),
    "routes": ("api.md", render_routes),
    "roles": ("blacklist.md", render_roles),
    "features": ("screening.md", render_features),
    "metrics": ("flows.md", render_metrics),
    "sources": ("lists.md", render_sources),
    "measures": ("rules.md", render_measures),
}


def fill(text: str, name: str, body: str) -> str:
    """``text`` with the lines between the markers of block ``name`` replaced by ``body``."""
    pattern = re.compile(
        rf"(<!-- gen:{re.escape(name)} -->\n)(.*?)(<!-- /gen:{re.escape(name)} -->)", re.DOTALL
    )
    if pattern.search(text) is None:
        raise ValueError(f"no <!-- gen:{name} --> ... <!-- /gen:{name} --> markers")
    return pattern.sub(lambda m: m[1] + body.rstrip("\n") + "\n" + m[3], text, count=1)


def regenerate(docs: Path = DOCS) -> dict[Path, tuple[str, str]]:
    """Each page with generated blocks: ``(current text, regenerated text)``."""
    pages: dict[Path, tuple[str, str]] = {}
    for name, (page, render) in BLOCKS.items():
        path = docs / page
        current, text = pages.get(path, (path.read_text(encoding="utf-8"),) * 2)
        pages[path] = (current, fill(text, name, render()))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fill the generated tables of docs/.")
    parser.add_argument("--check", action="store_true", help="fail when a table is stale")
    args = parser.parse_args(argv)
    stale = 0
    for path, (current, text) in regenerate().items():
        if current == text:
            continue
        if args.check:
            sys.stderr.write(f"{path} is stale: run scripts/gen_ref_docs.py\n")
            stale += 1
        else:
            path.write_text(text, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
