"""What every command gets: settings, a console, and the store opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import typer
from rich.console import Console
from sqlalchemy import Engine

from corridor.settings import Settings, load_audit_key
from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine


@dataclass
class AppContext:
    settings: Settings
    console: Console = field(default_factory=Console)
    err: Console = field(default_factory=lambda: Console(stderr=True))

    @cached_property
    def engine(self) -> Engine:
        """The registry engine, schema ensured, the audit key bound."""
        engine = make_engine(self.settings.database_url)
        create_schema(engine)
        bind_audit_key(engine, load_audit_key(self.settings))
        return engine


def get_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # pragma: no cover - the callback always sets it
        raise RuntimeError("corridor CLI context missing")
    return obj
