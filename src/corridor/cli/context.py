"""What every command gets: settings, a console, and the store opened on demand.

Nothing here is built before a command runs: ``corridor --help`` and ``corridor COMMAND --help``
never read the settings (pydantic-settings), open the store (SQLAlchemy) or draw a console (rich).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from corridor.settings import Settings


@dataclass
class AppContext:
    """Settings from the root options (``--home``, ``--db-url``, ``--verbose``) and the
    environment, read on first use; logging is configured when they are read."""

    overrides: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False

    @cached_property
    def settings(self) -> Settings:
        from corridor.logs import configure_logging
        from corridor.settings import load_settings

        settings = load_settings(**self.overrides)
        configure_logging("DEBUG" if self.verbose else settings.log_level, settings.log_format)
        return settings

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console()

    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True)

    @cached_property
    def engine(self) -> Engine:
        """The registry engine, schema ensured."""
        from corridor.services.registry import open_registry

        return open_registry(self.settings)


def get_context(ctx: typer.Context) -> AppContext:
    """The command's :class:`AppContext`, its settings read (so that bad settings fail every
    command the same way, before it does anything)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # pragma: no cover - the callback always sets it
        raise RuntimeError("corridor CLI context missing")
    obj.settings  # noqa: B018 - read now: configures logging, reports bad settings early
    return obj
