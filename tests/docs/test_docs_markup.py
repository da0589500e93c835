"""The griffe extension that renders corridor's docstrings as Markdown, and the generators'
doctests."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st


def test_markup_turns_roles_into_code(markup: ModuleType) -> None:
    text = "Raises :class:`~corridor.exc.NotFound`; see :func:`corridor.store.db.make_engine`."
    assert markup.to_markdown(text) == "Raises `NotFound`; see `corridor.store.db.make_engine`."
    assert markup.to_markdown(":meth:`the loader <corridor.x.load>`") == "`the loader`"


def test_markup_fences_doctest_blocks(markup: ModuleType) -> None:
    text = "Helpers.\n\n>>> 1 + 1\n2\n\nMore text.\n    >>> x\n    'y'"
    assert markup.to_markdown(text) == (
        "Helpers.\n\n```pycon\n>>> 1 + 1\n2\n```\n\nMore text.\n"
        "    ```pycon\n    >>> x\n    'y'\n    ```"
    )


def test_markup_leaves_fenced_code_alone(markup: ModuleType) -> None:
    text = "```python\n>>> inside a fence\n```"
    assert markup.to_markdown(text) == text


@given(st.lists(st.sampled_from(["text", "", ">>> f(1)", "1", "    >>> g()", "    x"]), min_size=1))
def test_markup_only_adds_fences_and_is_stable(markup: ModuleType, lines: list[str]) -> None:
    once = markup.to_markdown("\n".join(lines))
    kept = [line for line in once.split("\n") if line.strip() not in ("```pycon", "```")]
    assert kept == lines
    assert markup.to_markdown(once) == once


@pytest.mark.parametrize("name", ["gen_cli", "gen_ref", "markup"])
def test_doctests(name: str, request: pytest.FixtureRequest) -> None:
    module = request.getfixturevalue(name)
    assert doctest.testmod(module).failed == 0
