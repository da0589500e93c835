"""Screening in the browser: hits explained, a four-eyes decision on a hit, and batch upload."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from corridor.services import blacklist
from corridor.services.hit_decisions import decisions_on

pytestmark = pytest.mark.browser


def test_four_eyes_decision_on_a_hit(sign_in: Any, post_as: Any, console: Any) -> None:
    ana = sign_in("ana")
    ana.goto(console.url + "/console/screening")
    ana.get_by_label("Name or code").fill("Белавиа")
    ana.get_by_label("Country (ISO code)").fill("by")
    ana.get_by_role("button", name="Screen", exact=True).click()
    hit = ana.locator("#hit-ofac-44541")
    hit.wait_for()
    assert "BELAVIA" in hit.locator("h3").inner_text()
    assert "US (ofac_sdn)" in hit.inner_text() and "snapshot" in hit.inner_text().lower()
    assert "country" in hit.locator("dd").nth(3).inner_text()  # the reasons list the features
    hit.get_by_label("Decision").select_option("true_positive")
    hit.get_by_label("Note (why)").fill("IATA B2 and the name agree")
    hit.get_by_role("button", name="Record decision").click()
    hit = ana.locator("#hit-ofac-44541")
    assert "waiting for a second reviewer" in hit.inner_text()
    assert "You took this decision" in hit.inner_text()
    (decision,) = decisions_on(console.engine, "белавиа", ["ofac-44541"]).values()
    # the first reviewer cannot confirm their own decision, even by posting the form
    review = f"/console/screening/decisions/{decision.id}/review"
    assert post_as(ana, review, {"agree": "yes", "note": "me again"}) == 403
    # a read-only user sees the decision but no form, and the server refuses the post
    rita = sign_in("rita")
    rita.goto(console.url + "/console/screening?q=%D0%91%D0%B5%D0%BB%D0%B0%D0%B2%D0%B8%D0%B0")
    assert "Confirming needs the role: analyst, decision_maker" in rita.inner_text(
        "#hit-ofac-44541"
    )
    assert rita.locator("#hit-ofac-44541 form").count() == 0
    assert post_as(rita, review, {"agree": "yes", "note": ""}) == 403
    # the second reviewer sees it remembered on the same query, and confirms
    bob = sign_in("bob")
    bob.goto(console.url + "/console/")
    bob.get_by_role("link", name="review", exact=True).first.click()
    hit = bob.locator("#hit-ofac-44541")
    assert "true positive — “IATA B2 and the name agree” by ana" in hit.inner_text()
    hit.get_by_label("Second reviewer's note").fill("agreed: same IATA code")
    hit.get_by_role("button", name="Confirm").click()
    assert "confirmed by bob" in bob.locator("#hit-ofac-44541").inner_text()
    entries = blacklist.audit_log(console.engine, target=f"hit-{decision.id}")
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("hit_confirmed", "bob"),
        ("hit_decision", "ana"),
    ]
    assert blacklist.verify_audit(console.engine).ok


def test_batch_upload_shows_progress_and_gives_the_hits(
    sign_in: Any, console: Any, tmp_path: Path
) -> None:
    names = ["Belavia", "Cham Wings", "Turkish Airlines", "Tsentrkurort"] * 20
    queries = tmp_path / "queries.csv"
    queries.write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names, 1)))
    page = sign_in("ana")
    page.goto(console.url + "/console/screening")
    page.get_by_label("Queries file").set_input_files(str(queries))
    page.get_by_role("button", name="Upload and screen").click()
    page.get_by_text("Finished.").wait_for()
    assert "80 of 80 queries screened" in page.inner_text("#batch")
    assert page.locator("#batch progress").get_attribute("value") == "80"
    with page.expect_download() as info:
        page.get_by_role("link", name="hits.csv").click()
    text = Path(info.value.path()).read_text()
    assert text.startswith("query_id,query_name,entity_id")
    assert len(re.findall(r",ofac-44541,", text)) == 20


def test_a_bad_batch_file_names_its_line(sign_in: Any, console: Any, tmp_path: Path) -> None:
    queries = tmp_path / "bad.csv"
    queries.write_text("id,name,type\n1,Belavia,airline\n")
    page = sign_in("ana")
    page.goto(console.url + "/console/screening")
    page.get_by_label("Queries file").set_input_files(str(queries))
    page.get_by_role("button", name="Upload and screen").click()
    alert = page.locator("#batch [role=alert]")
    alert.wait_for()
    assert "unknown type 'airline'" in alert.inner_text()
