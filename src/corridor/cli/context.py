"""What every command gets: settings, a console, and the store opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import typer
from rich.console import Console
from sqlalchemy import Engine

from corridor.services.registry import open_registry
from corridor.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    console: Console = field(default_factory=Console)
    err: Console = field(default_factory=lambda: Console(stderr=True))

    @cached_property
    def engine(self) -> Engine:
        """The registry engine, schema ensured."""
        return open_registry(self.settings)


def get_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # pragma: no cover - the callback always sets it
        raise RuntimeError("corridor CLI context missing")
    return obj
