"""Reviewing a claim from the console: the editable reading (with the period's dates), a
correction keeps what the reviewer did not touch, and the role is checked."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from corridor.blacklist.roles import Role, User
from corridor.evidence.document import make_document
from corridor.exc import Forbidden, InvalidData
from corridor.services.claim_review import decide_claim, reading_of
from corridor.services.evidence import claims, ingest_document

# Hand-made for this test, not from any article.
TEXT = (
    "Border update\n\nAccording to the Polish Border Guard, 2,310 attempts to cross the border "
    "from Belarus were recorded in September 2021.\n"
)


def _figure(engine: Engine) -> str:
    doc = make_document(TEXT.encode(), uri="urn:test:review", media_type="text/plain",
                        title="Border update", publisher="Test Desk", published="2021-10-05")  # fmt: skip
    ingest_document(engine, doc)
    (claim,) = [c for c in claims(engine, kind="figure") if "2,310" in c.text]
    return claim.id


def test_a_correction_of_value_and_period_keeps_the_rest(engine: Engine) -> None:
    claim_id = _figure(engine)
    (claim,) = [c for c in claims(engine) if c.id == claim_id]
    reading = reading_of(claim)
    assert reading["value"] == 2310 and reading["period.start_date"] == "2021-09-01"
    fields = {k: "" if v is None else str(v) for k, v in reading.items()}
    fields["value"] = "2300"
    fields["period.end_date"] = "2021-09-29"
    ana = User("ana", Role.ANALYST)
    with pytest.raises(Forbidden):
        decide_claim(engine, User("rita", Role.READ_ONLY), claim_id, "accept")
    with pytest.raises(InvalidData, match="at least one field"):
        decide_claim(engine, ana, claim_id, "correct", fields=dict(fields, value="2310",
                     **{"period.end_date": reading["period.end_date"]}))  # fmt: skip
    corrected = decide_claim(engine, ana, claim_id, "correct", note="typo", fields=fields)
    assert corrected.status == "corrected"
    assert corrected.value["value"] == 2300
    assert corrected.value["period"]["end_date"] == "2021-09-29"
    assert corrected.value["period"]["start"] == claim.value["period"]["start"]  # offsets kept
    assert corrected.value["metric"] == claim.value["metric"]
