"""A case from opening to in force in the browser, each step taken by the role that may, and the
register's search."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from corridor.model.time import utcnow
from corridor.services import cases

pytestmark = pytest.mark.browser


def _act(page: Any, action: str, reason: str) -> Any:
    form = page.get_by_role("form", name=action)
    form.get_by_label(f"Reason to {action.replace('_', ' ')}").fill(reason)
    return form


def test_a_case_from_opening_to_in_force(sign_in: Any, post_as: Any, console: Any) -> None:
    ana = sign_in("ana")
    ana.goto(console.url + "/console/cases")
    ana.get_by_label("Operator").select_option(label="Cham Wings Airlines")
    ana.get_by_label("Reason").fill("charter flights Damascus-Minsk, autumn 2021")
    ana.get_by_role("button", name="Open the case").click()
    assert ana.locator("#state").inner_text() == "opened"
    case_url = ana.url
    case_id = case_url.rsplit("/", 1)[1]
    # refused steps say why: the analyst may not adopt, and nobody adopts before a hearing
    ana.get_by_text("Steps you cannot take now, and why").click()
    refusals = ana.locator("details").inner_text()
    assert "adopt needs the role decision_maker" in refusals
    assert post_as(ana, f"/console/cases/{case_id}/act", {"action": "adopt", "reason": "x"}) == 403

    _act(ana, "gather_evidence", "flight data and bookings").get_by_role("button").click()
    assert ana.locator("#state").inner_text() == "evidence gathered"
    ana.get_by_label("Claim").fill("extra Damascus-Minsk flights in Oct-Nov 2021")
    ana.get_by_label("Document").fill("data/operators/operators_listings.csv")
    ana.get_by_label("Span").fill("line 4")
    ana.get_by_role("button", name="Attach evidence").click()
    assert "line 4" in ana.locator("#evidence + div table").inner_text()

    form = _act(ana, "notify", "letter sent")
    form.get_by_label("Reply deadline").fill((utcnow() + timedelta(days=5)).date().isoformat())
    form.get_by_role("button").click()
    assert "operator's reply" in ana.inner_text("main")
    _act(ana, "hear", "reply received").get_by_role("button").click()
    form = _act(ana, "propose", "suspend operations into the Union")
    form.get_by_label("Measures").select_option(["suspend_operations", "ban_technical_stops"])
    form.get_by_label("Until (at most 12 months)").fill(
        (utcnow() + timedelta(days=330)).date().isoformat()
    )
    form.get_by_label("Routes").fill("DAM-MSQ")
    form.get_by_role("button").click()
    assert ana.locator("#state").inner_text() == "proposed"
    assert ana.get_by_role("form", name="adopt").count() == 0

    dora = sign_in("dora")
    dora.goto(case_url)
    _act(dora, "adopt", "Commission decision").get_by_role("button").click()
    assert dora.locator("#state").inner_text() == "adopted"
    assert "committee endorsement (14 days from adoption)" in dora.inner_text("main")
    assert dora.get_by_role("form", name="endorse").count() == 0

    cem = sign_in("cem")
    cem.goto(case_url)
    _act(cem, "endorse", "committee opinion").get_by_role("button").click()
    assert cem.locator("#state").inner_text() == "in force"
    assert "measure expires (at most 12 months)" in cem.inner_text("main")
    stages = cem.locator("ol.timeline li")
    assert stages.last.inner_text().startswith("in force")
    assert cem.locator("ol.timeline li.done").count() == 6

    case = cases.get_case(console.engine, case_id)
    assert case.state.value == "in_force" and case.measure is not None
    assert [h["by"] for h in case.history] == ["ana"] * 5 + ["dora", "cem"]


def test_register_search_and_filters(sign_in: Any, console: Any) -> None:
    page = sign_in("rita")
    page.goto(console.url + "/console/operators")
    total = page.locator("table tbody tr").count()
    assert total > 5
    page.get_by_label("Name, alias or identifier").fill("belav")
    page.get_by_role("button", name="Search").click()
    assert "Belavia" in page.locator("table tbody").inner_text()
    page.get_by_label("Name, alias or identifier").fill("")
    page.get_by_label("Country").select_option("sy")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table tbody tr")
    assert 0 < rows.count() < total
    assert all(c == "sy" for c in rows.locator("td[data-label=country]").all_inner_texts())
    assert page.get_by_role("button", name="Open a case").count() == 0
