"""Sign-in, the session cookie, CSRF and sign-out in a real browser, and ``/docs`` offline."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_pages_need_a_session_and_bad_tokens_are_refused(console: Any, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(console.url + "/console/cases")
    assert re.search(r"/console/signin\?next=/console/cases$", page.url)
    page.get_by_label("Your API token").fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("Sign-in refused: unknown API token")
    page.get_by_label("Your API token").fill(console.tokens["rita"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/console/cases$"))  # back where the user was going
    assert page.locator(".who").inner_text().startswith("rita read_only")
    cookie = next(c for c in context.cookies() if c["name"] == "corridor_session")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
    assert console.tokens["rita"] not in cookie["value"]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/console/signin$"))
    page.goto(console.url + "/console/")
    assert "/console/signin" in page.url
    context.close()


def test_a_form_without_its_csrf_token_is_refused(sign_in: Any, console: Any) -> None:
    page = sign_in("ana")
    response = page.request.post(
        console.url + "/console/cases",
        form={"operator": "Belavia", "reason": "no token"},
        max_redirects=0,
    )
    assert response.status == 403
    assert "security token" in response.text()
    wrong = page.request.post(
        console.url + "/console/cases",
        form={"operator": "Belavia", "reason": "stale", "csrf": "x" * 43},
        max_redirects=0,
    )
    assert wrong.status == 403


def test_keyboard_reaches_the_content_first(sign_in: Any) -> None:
    page = sign_in("ana")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_docs_render_offline_from_local_assets(console: Any, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(console.url) else outside.append(r.url))
    page.goto(console.url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "corridor" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 20
    assert outside == []
    context.close()
