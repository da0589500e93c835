"""Dependencies routers ask for: settings and the registry engine, built in create_app."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from corridor.settings import Settings


def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


def get_engine(request: Request) -> Engine:
    engine = request.app.state.engine
    assert isinstance(engine, Engine)
    return engine
