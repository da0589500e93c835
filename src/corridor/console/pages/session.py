"""Sign-in with an API token (the same tokens and roles as the CLI and API) and sign-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from corridor.console.web import (
    PREFIX,
    EngineDep,
    SettingsDep,
    check_csrf,
    render,
    see_other,
    user_named,
)
from corridor.exc import Unauthorized
from corridor.services import blacklist

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


def _safe_next(value: str | None) -> str:
    """Only paths inside the console: never an address elsewhere (open redirect)."""
    if value and value.startswith(PREFIX + "/") and not value.startswith("//"):
        return value
    return PREFIX + "/"


@router.get("/signin")
def signin_page(request: Request, engine: EngineDep, next: str | None = None) -> HTMLResponse:
    user = user_named(engine, request.session.get("user"))
    return render(request, "signin.html", {"next": _safe_next(next), "signed_in_as": user})


@router.post("/signin", response_model=None)
def signin(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    try:
        user = blacklist.authenticate(engine, token.strip(), settings.secret)
    except Unauthorized as exc:
        context = {"next": _safe_next(next), "failed": exc.message, "signed_in_as": None}
        return render(request, "signin.html", context, status=401)
    request.session.clear()  # a fresh session (and CSRF token) for the signed-in user
    request.session["user"] = user.name
    return see_other(_safe_next(next), request)


@router.post("/signout")
def signout(request: Request) -> Response:
    request.session.clear()
    return see_other(PREFIX + "/signin", request)
