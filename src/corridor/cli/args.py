"""A repeated option is honoured or refused, never silently reduced to its last value.

Click keeps the last value of an option given twice (``--metric attempt --metric
prevented_entry`` would read as ``prevented_entry`` alone). Options that accept several values
are declared as lists (``multiple``) and say so in their help ("repeatable"); for every other
option, :func:`repeated_option` finds the repetition before the command runs so the CLI can
refuse it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

# Click objects (typer bundles its own click) are used through the attributes they share.


def _options(command: Any) -> list[Any]:
    return [p for p in command.params if getattr(p, "param_type_name", "") == "option"]


def _takes_value(command: Any, token: str) -> bool:
    name = token.split("=", 1)[0]
    for param in _options(command):
        if name in (*param.opts, *param.secondary_opts):
            return not param.is_flag and not param.count and "=" not in token
    return False


def leaf_command(root: Any, args: Sequence[str]) -> tuple[Any, list[str], str]:
    """The command ``args`` invoke, the tokens after its name, and its full name."""
    command, rest, names = root, list(args), []
    while hasattr(command, "commands"):
        i, found = 0, None
        while i < len(rest):
            token = rest[i]
            if token == "--":
                break
            if token.startswith("-"):
                i += 2 if _takes_value(command, token) else 1
                continue
            # a lazy group builds its commands on demand: ask it, with a bare context
            found = command.get_command(command.context_class(command), token)
            break
        if found is None:
            break
        names.append(token)
        command, rest = found, rest[i + 1 :]
    return command, rest, " ".join(names)


def repeated_option(root: Any, args: Sequence[str]) -> str | None:
    """A message when an option that takes one value is given more than once, else None."""
    command, rest, name = leaf_command(root, args)
    counts: Counter[str] = Counter()
    single: dict[str, Any] = {}
    for param in _options(command):
        if not param.multiple and not param.count:
            for opt in (*param.opts, *param.secondary_opts):
                single[opt] = param
    for token in rest:
        if token == "--":
            break
        param = single.get(token.split("=", 1)[0])
        if param is not None:
            counts[param.opts[0]] += 1
    for opt, count in counts.items():
        if count > 1:
            return (
                f"{opt} was given {count} times but `corridor {name}` takes one value; "
                "options that take several say 'repeatable' in --help"
            )
    return None
