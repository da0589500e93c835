"""A griffe extension: corridor's docstrings as Markdown for mkdocstrings.

The docstrings in ``src/corridor`` are written for ``help()`` and doctest: Sphinx roles
(``:class:`Foo```) and bare doctest blocks (``>>> x``). Rendered as Markdown, a role shows its
markup and a doctest block becomes nested block quotes. This extension rewrites both before
mkdocstrings renders a docstring: a role becomes code (``Foo``; ``~a.b.C`` becomes ``C``), and a
doctest block becomes a fenced ``pycon`` block. The source files are not changed.

``mkdocs.yml`` loads it by path; :func:`to_markdown` needs no griffe, so the docs tests check it
without the docs group installed.
"""

from __future__ import annotations

import re
from typing import Any

try:
    from griffe import Extension  # type: ignore[import-not-found,unused-ignore]
except ModuleNotFoundError:  # the docs tests import to_markdown without griffe
    Extension = object  # type: ignore[misc,assignment,unused-ignore]

_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<]*?)(?:\s*<([^>`]+)>)?`")


def _role(match: re.Match[str]) -> str:
    short, text, target = match[1], match[2].strip(), match[3]
    if target is not None and text:
        return f"`{text}`"
    name = target or text
    return f"`{name.rsplit('.', 1)[-1] if short else name}`"


def _fence_doctests(lines: list[str]) -> list[str]:
    out: list[str] = []
    fenced = False
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or not stripped.startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = line[: len(line) - len(stripped)]
        out.append(f"{indent}```pycon")
        while index < len(lines) and lines[index].strip() and lines[index].startswith(indent):
            out.append(lines[index])
            index += 1
        out.append(f"{indent}```")
    return out


def to_markdown(docstring: str) -> str:
    """A docstring with Sphinx roles as code and doctest blocks fenced.

    >>> to_markdown("See :class:`~corridor.exc.NotFound`.")
    'See `NotFound`.'
    """
    text = _ROLE.sub(_role, docstring)
    return "\n".join(_fence_doctests(text.split("\n")))


class DocstringMarkup(Extension):  # type: ignore[misc,unused-ignore]
    """Rewrite every docstring griffe reads with :func:`to_markdown`."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        docstring = getattr(obj, "docstring", None)
        if docstring is not None:
            docstring.value = to_markdown(docstring.value)
