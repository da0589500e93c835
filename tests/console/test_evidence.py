"""A claim reviewed in the browser: span highlighted, accepted, promoted to flows and attached to
a case; a read-only user sees it but cannot act."""

from __future__ import annotations

from typing import Any

import pytest

from corridor.blacklist.roles import Role, User
from corridor.flows.metric import Metric
from corridor.services import cases
from corridor.services.promote import promoted_figure
from corridor.store.evidence import EvidenceStore

pytestmark = pytest.mark.browser


def test_a_claim_accepted_promoted_and_attached(sign_in: Any, post_as: Any, console: Any) -> None:
    claim = next(
        c for c in EvidenceStore(console.engine).claims(kind="figure") if "2,310" in c.text
    )
    case = cases.open_case(
        console.engine, User("ana", Role.ANALYST), "Tsentrkurort", "tour packages to Minsk"
    )
    rita = sign_in("rita")
    rita.goto(console.url + f"/console/evidence/claims/{claim.id}")
    assert "Reviewing claims needs the role: analyst" in rita.inner_text("main")
    path = f"/console/evidence/claims/{claim.id}/review"
    assert post_as(rita, path, {"action": "accept"}) == 403

    ana = sign_in("ana")
    ana.goto(console.url + "/console/evidence?kind=figure")
    ana.get_by_role("link", name=claim.id[:10]).click()
    assert "2,310" in ana.locator("mark#span").inner_text()
    assert ana.locator("#claim-status").inner_text() == "pending"
    assert ana.get_by_label("metric").input_value() == "attempts"
    ana.get_by_label("Note").fill("as printed in the article")
    ana.get_by_role("button", name="Accept").click()
    assert ana.locator("#claim-status").inner_text() == "accepted"
    assert "accept by ana" in ana.inner_text("main")
    ana.get_by_role("button", name="Promote the figure to flows").click()
    assert "In flows as attempt 2310" in ana.locator("#promoted").inner_text()
    figure = promoted_figure(console.settings, claim.id)
    assert figure is not None and figure.metric is Metric.ATTEMPT and figure.value == 2310
    assert figure.reporter == "news:PL"
    ana.get_by_label("Case", exact=True).select_option(case.id)
    ana.get_by_label("Why it belongs in the case").fill("scale of the crossings")
    ana.get_by_role("button", name="Attach to the case").click()
    assert ana.url.endswith(f"/console/cases/{case.id}#evidence")
    evidence = ana.locator("#evidence + div table").inner_text()
    assert claim.id in evidence and f"{claim.start}:{claim.end}" in evidence
