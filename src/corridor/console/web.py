"""What every console page shares: templates, the signed-in user, CSRF, rendering and errors.

The session is Starlette's signed cookie (``itsdangerous``, keyed with ``CORRIDOR_SECRET``),
HttpOnly and SameSite=Lax, holding the user's name and a CSRF token; the user and role are read
again from the registry on every request, so a change of role takes effect at once.
"""

from __future__ import annotations

import hmac
import secrets
from functools import cache
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Engine

from corridor import __version__
from corridor.api.deps import get_engine, get_settings
from corridor.blacklist.roles import ACTION_ROLES, Role, User
from corridor.exc import Forbidden
from corridor.model.time import utcnow
from corridor.services import blacklist
from corridor.settings import Settings

PREFIX = "/console"
SESSION_COOKIE = "corridor_session"
SESSION_HOURS = 8

# The navigation: path under PREFIX, label, roles that see it (None: everyone signed in).
NAV: tuple[tuple[str, str], ...] = (
    ("/", "Home"),
    ("/screening", "Screening"),
    ("/operators", "Operators"),
    ("/cases", "Cases"),
    ("/matrix", "Partners' matrix"),
    ("/flows", "Flows"),
    ("/evidence", "Evidence"),
    ("/partners", "Partners"),
)


class SignInRequired(Exception):
    """Raised by :func:`signed_in` when there is no valid session; becomes a redirect."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@cache
def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("corridor.console", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Every state-changing request carries the session's token, in a form field or a header."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or sent is None or not hmac.compare_digest(expected, sent):
        raise Forbidden("the form's security token is missing or stale: reload the page and retry")


def user_named(engine: Engine, name: object) -> User | None:
    if not isinstance(name, str):
        return None
    return next((u for u in blacklist.list_users(engine) if u.name == name), None)


def signed_in(request: Request, engine: Annotated[Engine, Depends(get_engine)]) -> User:
    """The signed-in user (checked against the registry), or a redirect to the sign-in page."""
    user = user_named(engine, request.session.get("user"))
    if user is None:
        request.session.pop("user", None)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    return user


UserDep = Annotated[User, Depends(signed_in)]


def reader(action: str, what: str) -> Any:
    """A dependency: the signed-in user, if their role may ``action`` (``read_cases``...)."""

    def dependency(user: UserDep) -> User:
        user.require(ACTION_ROLES[action], what)
        return user

    return Depends(dependency)


CaseReader = Annotated[User, reader("read_cases", "read case files")]
EvidenceReader = Annotated[User, reader("read_evidence", "read stored evidence")]
EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def may(user: User, action: str) -> bool:
    """Whether ``user``'s role allows ``action`` (a key of ``ACTION_ROLES``)."""
    return user.role in ACTION_ROLES[action]


def needs(action: str) -> str:
    """The roles that may do ``action``, for the reason shown beside a refused control."""
    return ", ".join(sorted(r.value for r in ACTION_ROLES[action]))


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    status: int = 200,
) -> HTMLResponse:
    """Render a page (or, for htmx, the same template's partial) with what every page needs."""
    data: dict[str, Any] = {
        "user": user,
        "roles": Role,
        "csrf": csrf_token(request),
        "nav": NAV,
        "prefix": PREFIX,
        "path": request.url.path,
        "version": __version__,
        "now": utcnow(),
        "may": (lambda action: user is not None and may(user, action)),
        "needs": needs,
        "htmx": request.headers.get("hx-request") == "true",
    }
    data.update(context or {})
    return templates().TemplateResponse(request, name, data, status_code=status)


def url(path: str, **query: str) -> str:
    """A console URL with query parameters."""
    q = "&".join(f"{k}={quote(v)}" for k, v in query.items() if v)
    return PREFIX + path + (f"?{q}" if q else "")


def see_other(location: str, request: Request) -> Response:
    """Redirect after a POST; htmx gets ``HX-Redirect`` so it loads the whole page."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": location})
    return Response(status_code=303, headers={"Location": location})
