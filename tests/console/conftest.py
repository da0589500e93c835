"""A real console for the browser tests: a store with the bundled operators, one user per role,
real list entries, a hand-made article and the bundled border figures, served by uvicorn on a
free port of 127.0.0.1, and Debian's chromium driven by playwright (never a downloaded browser).

The browser tests skip with a reason when ``/usr/bin/chromium`` is missing; ``make test``
installs it (``scripts/chromium.sh``).
"""

from __future__ import annotations

import logging
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screening"))

from screening_helpers import sample

from corridor.api.app import create_app
from corridor.blacklist.roles import Role
from corridor.evidence.document import make_document
from corridor.model.listing import Jurisdiction
from corridor.services import blacklist
from corridor.services.evidence import ingest_document
from corridor.services.flows import bundled_flows_dir, load_file
from corridor.settings import Settings
from corridor.store.lists import ListStore, SnapshotInfo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
]
USERS = {
    "ana": Role.ANALYST,
    "bob": Role.ANALYST,
    "dora": Role.DECISION_MAKER,
    "cem": Role.COMMITTEE_MEMBER,
    "rita": Role.READ_ONLY,
    "aldo": Role.AUDITOR,
}
# Hand-made for these tests (not from any article): a figure the extractor reads with its
# period and border, so that it can be accepted and promoted to flows.
ARTICLE = (
    "Border update\n\n"
    "According to the Polish Border Guard, 2,310 attempts to cross the border from Belarus "
    "were recorded in September 2021. Officers said the crossings came at night.\n"
)


@dataclass
class Console:
    url: str
    tokens: dict[str, str]
    settings: Settings
    engine: Engine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fill(app: Any, settings: Settings) -> dict[str, str]:
    engine = app.state.engine
    blacklist.seed_operators(engine)
    tokens = {name: blacklist.add_user(engine, name, role, settings.secret)
              for name, role in USERS.items()}  # fmt: skip
    when = datetime(2024, 5, 3, tzinfo=UTC)
    logging.disable(logging.CRITICAL)
    try:
        snapshot = SnapshotInfo("ofac_sdn", "a" * 64, "sdn.csv", when, when)
        ListStore(engine).load(sample(), snapshot, Jurisdiction.US)
    finally:
        logging.disable(logging.NOTSET)
    doc = make_document(ARTICLE.encode(), uri="urn:test:console-border-update",
                        media_type="text/plain", title="Border update (hand-made)",
                        publisher="Test Desk", published="2021-10-05")  # fmt: skip
    ingest_document(engine, doc)
    load_file(settings, bundled_flows_dir() / "border_flows.csv")
    return tokens


@pytest.fixture(scope="session")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    import uvicorn

    settings = Settings(home=tmp_path_factory.mktemp("console"))
    app = create_app(settings)
    tokens = _fill(app, settings)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            ws="none", lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="console-server")
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield Console(f"http://127.0.0.1:{port}", tokens, settings, app.state.engine)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: scripts/chromium.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)  # fmt: skip
        yield chromium
        chromium.close()


SignIn = Callable[..., Any]


@pytest.fixture
def sign_in(console: Console, browser: Any) -> Iterator[SignIn]:
    """``sign_in("ana")``: a page of a fresh browser context signed in as that user."""
    contexts: list[Any] = []

    def open_as(name: str, *, width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(console.url + "/console/signin")
        page.get_by_label("Your API token").fill(console.tokens[name])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r".*/console/$"))
        return page

    yield open_as
    for context in contexts:
        context.close()


def _post_as(page: Any, path: str, form: dict[str, str]) -> int:
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    base = page.url.split("/console/")[0]
    response = page.request.post(base + path, form={**form, "csrf": token}, max_redirects=0)
    return int(response.status)


@pytest.fixture
def post_as() -> Callable[[Any, str, dict[str, str]], int]:
    """POST a form from a page's session (with its CSRF token) and get the status: how a test
    checks that the server, not only the page, refuses a role."""
    return _post_as
