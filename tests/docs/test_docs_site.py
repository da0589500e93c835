"""The site holds together, checked on the Markdown without mkdocs: links and anchors resolve the
way mkdocs resolves them (relative to the page), included files and documented modules exist,
and the navigation lists every page once."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from corridor.resources import data_dir

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_SNIPPET = re.compile(r'^\s*--8<-- "([^":]+)(?::[0-9:]*)?"', re.MULTILINE)
_DIRECTIVE = re.compile(r"^::: ([\w.]+)", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$", re.MULTILINE)


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def prose(text: str) -> str:
    """Markdown without fenced code blocks (links and headings inside them do not count)."""
    return _FENCE.sub("", text)


def slugify(title: str) -> str:
    """The anchor Python-Markdown's toc gives a heading (its default slugify)."""
    text = _CODE.sub(lambda m: m[0].strip("`"), title)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@cache
def anchors(page: Path) -> frozenset[str]:
    """Anchors a page offers: its headings, and the objects its ``:::`` directives render."""
    text = prose(page.read_text(encoding="utf-8"))
    found: set[str] = set()
    seen: dict[str, int] = {}
    for match in _HEADING.finditer(text):
        slug = slugify(match[2])
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}_{count}")
    found.update(_DIRECTIVE.findall(text))
    return frozenset(found)


def has_anchor(page: Path, anchor: str) -> bool:
    if anchor in anchors(page):
        return True
    # mkdocstrings anchors members under their module: corridor.exc.NotFound
    modules = _DIRECTIVE.findall(page.read_text(encoding="utf-8"))
    return any(anchor.startswith(f"{module}.") for module in modules)


def test_anchors_follow_headings_and_directives(tmp_path: Path) -> None:
    assert slugify("How a hit is explained") == "how-a-hit-is-explained"
    assert slugify("`corridor lists load`") == "corridor-lists-load"
    assert slugify("Publication and the partners' matrix") == "publication-and-the-partners-matrix"
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n## Roles\n\n## Roles\n\n```\n# not a heading\n```\n\n::: corridor.exc\n"
    )
    assert anchors(page) == {"title", "roles", "roles_1", "corridor.exc"}
    assert has_anchor(page, "corridor.exc.NotFound")
    assert not has_anchor(page, "not-a-heading")


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_internal_links_resolve(page: Path) -> None:
    for target in _LINK.findall(prose(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z+.-]*:", target):
            continue  # https:, mailto:
        path_part, _, anchor = target.partition("#")
        linked = page if not path_part else (page.parent / path_part).resolve()
        assert linked.is_file(), f"{page_id(page)}: {target} does not exist"
        assert linked.is_relative_to(DOCS), f"{page_id(page)}: {target} is outside docs/"
        if anchor:
            assert has_anchor(linked, anchor), f"{page_id(page)}: no #{anchor} in {target}"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_included_files_exist(page: Path) -> None:
    for included in _SNIPPET.findall(page.read_text(encoding="utf-8")):
        assert (ROOT / included).is_file(), f"{page_id(page)} includes missing {included}"


def test_every_sources_file_is_included() -> None:
    included = set(_SNIPPET.findall((DOCS / "data.md").read_text(encoding="utf-8")))
    for path in sorted((data_dir()).rglob("SOURCES.md")):
        assert path.relative_to(ROOT).as_posix() in included, path


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_reference_modules_exist(page: Path) -> None:
    for module in _DIRECTIVE.findall(page.read_text(encoding="utf-8")):
        assert importlib.util.find_spec(module) is not None, f"{page_id(page)}: no {module}"


def test_every_subpackage_has_reference() -> None:
    documented = {
        ".".join(module.split(".")[:2])
        for page in (DOCS / "reference").glob("*.md")
        for module in _DIRECTIVE.findall(page.read_text(encoding="utf-8"))
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


def test_nav_lists_every_page_once() -> None:
    nav = _nav_files(_mkdocs_config()["nav"])
    assert len(nav) == len(set(nav))
    assert sorted(nav) == sorted(page_id(p) for p in PAGES)


def test_mkdocstrings_reads_the_package_with_its_extension() -> None:
    plugins = [p for p in _mkdocs_config()["plugins"] if isinstance(p, dict)]
    python = next(p["mkdocstrings"] for p in plugins if "mkdocstrings" in p)["handlers"]["python"]
    assert [(ROOT / path / "corridor").is_dir() for path in python["paths"]] == [True]
    for extension in python["options"]["extensions"]:
        assert (ROOT / extension).is_file(), extension
