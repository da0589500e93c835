"""Every page, as the role that uses it: each control labelled, nothing wider than a phone, and a
screenshot. With ``CORRIDOR_SCREENSHOTS=<folder>`` (``make screenshots`` passes docs/console)
the PNGs are kept there for the docs; otherwise they go to a temporary folder."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from corridor.blacklist.measure import Measure, MeasureKind
from corridor.blacklist.roles import Role, User
from corridor.model.time import utcnow
from corridor.services import cases
from corridor.services.hit_decisions import decide_hit, decisions_on
from corridor.store.evidence import EvidenceStore

pytestmark = pytest.mark.browser

# Form controls with no label, no aria-label and no aria-labelledby (hidden inputs aside).
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML)"""
TOO_WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


def _pages(console: Any) -> list[tuple[str, str, str]]:
    claim = EvidenceStore(console.engine).claims(kind="figure")[0]
    return [
        ("home", "ana", "/console/"),
        ("screening", "bob", "/console/screening?q=Belavia&country=by#hit-ofac-44541"),
        ("operators", "ana", "/console/operators"),
        ("cases", "ana", "/console/cases"),
        ("matrix", "rita", "/console/matrix?as_of=2021-12-03"),
        ("flows", "rita", "/console/flows"),
        ("evidence", "ana", "/console/evidence?status=all"),
        ("claim", "ana", f"/console/evidence/claims/{claim.id}"),
        ("partners", "rita", "/console/partners"),
        ("partner", "ana", "/console/partners/IQ"),
    ]


def test_every_page_is_labelled_fits_a_phone_and_is_pictured(
    sign_in: Any, console: Any, tmp_path: Path
) -> None:
    out = Path(os.environ.get("CORRIDOR_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    _pending_decision(console)
    pages = [*_pages(console), ("case", "dora", f"/console/cases/{_case_in_force(console)}")]
    laptops: dict[str, Any] = {}
    phones: dict[str, Any] = {}
    for name, who, path in pages:
        laptop = laptops.get(who) or laptops.setdefault(who, sign_in(who))
        laptop.goto(console.url + path, timeout=90_000)  # flows imports altair on first use
        if name in ("flows", "partner"):
            laptop.wait_for_selector(".vega[data-rendered] svg")
        assert laptop.evaluate(UNLABELLED) == [], f"{name}: controls without a label"
        laptop.screenshot(path=str(out / f"{name}.png"), full_page=True)
        phone = phones.get(who) or phones.setdefault(who, sign_in(who, width=390, height=844))
        phone.goto(console.url + path)
        if name in ("flows", "partner"):
            phone.wait_for_selector(".vega[data-rendered] svg")
        assert phone.evaluate(TOO_WIDE) <= 1, f"{name}: wider than a phone"
        if name == "screening":
            phone.screenshot(path=str(out / "screening-phone.png"), full_page=True)
    for name, _, _ in pages:
        data = (out / f"{name}.png").read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, name


def _case_in_force(console: Any) -> str:
    """A case taken to in force through the service (the browser walk is in test_cases)."""
    engine = console.engine
    ana, dora, cem = (User("ana", Role.ANALYST), User("dora", Role.DECISION_MAKER),
                      User("cem", Role.COMMITTEE_MEMBER))  # fmt: skip
    now = utcnow()
    case = cases.open_case(engine, ana, "Fly Baghdad", "Baghdad-Minsk flights, 2021")
    cases.add_evidence(engine, ana, case.id, claim="Baghdad-Minsk flights in autumn 2021",
                           document="data/operators/operators_listings.csv", span="line 6")  # fmt: skip
    measure = Measure((MeasureKind.SUSPEND_OPERATIONS,), now, now + timedelta(days=300),
                      routes=("BGW-MSQ",))  # fmt: skip
    for action, user, extra in [
        ("gather_evidence", ana, {}),
        ("notify", ana, {"reply_deadline": now + timedelta(days=5)}),
        ("hear", ana, {}),
        ("propose", ana, {"measure": measure}),
        ("adopt", dora, {}),
        ("endorse", cem, {}),
    ]:
        cases.transition(engine, user, case.id, action, f"{action} (screenshot)", **extra)
    return case.id


def _pending_decision(console: Any) -> None:
    """A decision by ana waiting for a second reviewer, as bob sees it."""
    if not decisions_on(console.engine, "Belavia", ["ofac-44541"]):
        decide_hit(console.engine, User("ana", Role.ANALYST), "Belavia", "ofac-44541",
                   "true_positive", "IATA B2 and ICAO BRU agree")  # fmt: skip


def test_flows_charts_have_tooltips_rules_and_sources(sign_in: Any, console: Any) -> None:
    page = sign_in("rita")
    page.goto(console.url + "/console/flows", timeout=90_000)
    charts = page.locator("figure.chart")
    assert charts.count() >= 1
    page.wait_for_selector(".vega[data-rendered] svg")
    first = charts.first
    caption = first.locator("figcaption").inner_text()
    assert "\nSources: " in caption and "Generated " in caption
    assert "Sources: —" not in caption
    # the measures are labelled rules on some chart; marks answer the pointer with a tooltip
    assert page.locator("g.mark-rule.role-mark").count() >= 1
    item = first.locator("g.role-mark > path, g.role-mark > line").first
    box = item.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#vg-tooltip-element.visible")
    assert "value" in page.inner_text("#vg-tooltip-element")
