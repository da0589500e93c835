"""Mount the console on the API's app: session cookie, static assets, pages, offline ``/docs``.

Called by :func:`corridor.api.app.create_app`. Errors raised by service functions keep the one
mapping to HTTP statuses (:func:`corridor.api.errors.status_for`); under ``/console`` they are
rendered as a page (or, for htmx, a fragment) that says what was refused and why.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from corridor.api.errors import handle_corridor_error, status_for
from corridor.console.web import (
    PREFIX,
    SESSION_COOKIE,
    SESSION_HOURS,
    SignInRequired,
    render,
    user_named,
)
from corridor.exc import CorridorError
from corridor.settings import Settings

# Page modules; each exposes ``router: fastapi.APIRouter`` (paths under PREFIX).
PAGE_MODULES: tuple[str, ...] = (
    "corridor.console.pages.session",
    "corridor.console.pages.home",
    "corridor.console.pages.screening",
    "corridor.console.pages.operators",
    "corridor.console.pages.cases",
    "corridor.console.pages.matrix",
    "corridor.console.pages.flows",
    "corridor.console.pages.evidence",
    "corridor.console.pages.partners",
)
STATIC = "/static"


def install(app: FastAPI, settings: Settings) -> None:
    """Add the console to ``app`` (built with ``docs_url=None``: ``/docs`` is served here)."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=settings.env == "production",
    )
    app.mount(STATIC, StaticFiles(packages=[("corridor.console", "static")]), name="static")
    for name in PAGE_MODULES:
        app.include_router(importlib.import_module(name).router, prefix=PREFIX)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=307)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API",
            swagger_js_url=f"{STATIC}/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC}/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url=f"{STATIC}/vendor/swagger-ui/favicon-32x32.png",
        )

    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(CorridorError, _corridor_error)


async def _to_sign_in(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInRequired)
    location = f"{PREFIX}/signin?next={error.next_url}"
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


async def _corridor_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CorridorError)
    if not request.url.path.startswith(PREFIX):
        return await handle_corridor_error(request, error)
    status = status_for(error)
    template = "_error.html" if request.headers.get("hx-request") == "true" else "error.html"
    user = user_named(request.app.state.engine, request.session.get("user"))
    return render(request, template, {"error": error, "status": status}, user=user, status=status)
