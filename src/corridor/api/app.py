"""``create_app``: settings and engine are built here, once, and handed to routers."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from corridor import __version__
from corridor.api.errors import handle_corridor_error
from corridor.api.limits import BodyLimit
from corridor.api.schemas.base import ERROR_RESPONSES
from corridor.exc import CorridorError
from corridor.services.registry import open_registry
from corridor.services.worker import Worker
from corridor.settings import Settings, load_settings, refuse_default_secret

# Router modules; each exposes ``router: fastapi.APIRouter``.
ROUTER_MODULES: tuple[str, ...] = (
    "corridor.api.routers.health",
    "corridor.api.routers.lists",
    "corridor.api.routers.screening",
    "corridor.api.routers.yente",
    "corridor.api.routers.blacklist",
    "corridor.api.routers.rules",
    "corridor.api.routers.flows",
    "corridor.api.routers.evidence",
    "corridor.api.routers.partners",
    "corridor.api.routers.watch",
)


CONSOLE_MODULE = "corridor.console.app"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    refuse_default_secret(settings)
    worker = Worker(settings.ingest_workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        worker.close()

    app = FastAPI(
        lifespan=lifespan,
        title="corridor",
        version=__version__,
        description=(
            "Sanctions lists, screening, the transport-operator blacklist under COM(2021) 753, "
            "route measures, flows and evidence. Every result says where it came from."
        ),
        # /docs is served by the console from local Swagger UI assets (no CDN); no ReDoc
        docs_url=None,
        redoc_url=None,
    )
    engine = open_registry(settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.worker = worker
    app.add_exception_handler(CorridorError, handle_corridor_error)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    for name in ROUTER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        app.include_router(module.router, responses=ERROR_RESPONSES)
    # The analyst console (pages at /console, assets at /static, /docs offline); by name, like
    # the routers, so the API does not import its sibling entry point.
    importlib.import_module(CONSOLE_MODULE).install(app, settings)
    return app
