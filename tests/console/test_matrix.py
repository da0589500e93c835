"""The partners' matrix on 3 December 2021: Belavia listed by the EU and not by the US."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_matrix_on_3_december_2021(sign_in: Any, console: Any) -> None:
    page = sign_in("rita")
    page.goto(console.url + "/console/matrix")
    page.get_by_label("Date", exact=True).fill("2021-12-03")
    page.get_by_role("button", name="Show").click()
    assert page.locator("h1").inner_text() == "Partners' matrix on 2021-12-03"
    row = page.locator('tr[data-operator="Belavia"]')
    eu = row.locator('td[data-column="EU"]')
    us = row.locator('td[data-column="US"]')
    assert eu.inner_text() == "listed" and "listed" in (eu.get_attribute("class") or "")
    assert us.inner_text().startswith("not listed") and "gap" in (us.get_attribute("class") or "")
    # the EU cell leads to its evidence: the curated record with its legal act
    eu.get_by_role("link").click()
    assert page.url.endswith("#ev-" + page.url.split("#ev-")[1])
    evidence = page.locator(page.url[page.url.index("#") :]).inner_text()
    assert "2021/2124" in evidence and "operators_listings.csv" in evidence
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    belavia = next(r for r in rows if r["operator"] == "Belavia")
    assert (belavia["EU"], belavia["US"]) == ("listed", "not listed")
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON").click()
    data = json.loads(Path(info.value.path()).read_text())
    assert data["as_of"].startswith("2021-12-03")
    cells = next(r for r in data["rows"] if r["operator"] == "Belavia")["cells"]
    assert cells["EU"]["listed"] is True and cells["US"]["listed"] is False
