"""The partner card: an analyst opens Iraq and sees every engagement, commitment, measure and
outcome indicator with its sources, and the timeline chart."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_open_iraq_from_the_register(sign_in: Any, console: Any) -> None:
    page = sign_in("rita")
    page.goto(console.url + "/console/partners")
    assert page.locator('tr[data-partner="IQ"]').count() == 1
    page.locator('tr[data-partner="IQ"]').get_by_role("link", name="Iraq").click()
    assert page.locator("h1").inner_text() == "Iraq"
    suspension = page.locator('tr[data-commitment="C03"]')
    assert "M04" in suspension.inner_text()
    assert "shafaq.com" in suspension.locator('td[data-label="source"]').inner_text()
    flagged = page.locator('tr[data-commitment="C02"] td[data-label="did it hold?"]')
    assert flagged.inner_text().startswith("FLAGGED")
    assert page.locator('tr[data-engagement="E23"]').count() == 1
    assert (
        "M03"
        in page.locator("text=Route measures")
        .locator("xpath=following-sibling::ul[1]")
        .inner_text()
    )
    page.wait_for_selector("div.vega svg")  # the timeline chart is drawn from local assets


def test_unknown_partner_says_so(sign_in: Any, console: Any) -> None:
    page = sign_in("ana")
    response = page.goto(console.url + "/console/partners/ZZ")
    assert response is not None and response.status == 404
    assert "no partner 'ZZ'" in page.content()
