"""Four-eyes decisions on screening hits, on each backend: remembered per query and entry, a
second reviewer confirms, every step in the audit chain, nothing half-written on refusal."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from corridor.blacklist.roles import Role, User
from corridor.exc import Conflict, Forbidden, InvalidData, ProcedureError
from corridor.services import blacklist
from corridor.services.hit_decisions import (
    decide_hit,
    decisions_on,
    list_hit_decisions,
    review_hit_decision,
)

ANA = User("ana", Role.ANALYST)
BOB = User("bob", Role.ANALYST)
DORA = User("dora", Role.DECISION_MAKER)
RITA = User("rita", Role.READ_ONLY)


def test_decision_is_remembered_and_confirmed_by_someone_else(engine: Engine) -> None:
    first = decide_hit(engine, ANA, "  Белавиа ", "ofac-44541", "true_positive", "IATA B2")
    assert first.status == "pending" and first.query == "Белавиа"
    # the same query, spelt with other case and spacing, finds it; another entry does not
    assert decisions_on(engine, "белавиа", ["ofac-44541", "eu-1"]) == {"ofac-44541": first}
    with pytest.raises(Forbidden, match="four eyes"):
        review_hit_decision(engine, ANA, first.id, agree=True, note="")
    with pytest.raises(Forbidden):
        review_hit_decision(engine, RITA, first.id, agree=True, note="")
    with pytest.raises(Conflict, match="pending"):
        decide_hit(engine, BOB, "БЕЛАВИА", "ofac-44541", "false_positive", "no")
    confirmed = review_hit_decision(engine, DORA, first.id, agree=True, note="same code")
    assert (confirmed.status, confirmed.reviewed_by) == ("confirmed", "dora")
    with pytest.raises(ProcedureError, match="already confirmed"):
        review_hit_decision(engine, BOB, first.id, agree=False, note="late")
    actions = [e["action"] for e in blacklist.audit_log(engine, target=f"hit-{first.id}")]
    assert actions == ["hit_confirmed", "hit_decision"]
    assert blacklist.verify_audit(engine).ok


def test_a_disputed_decision_may_be_taken_again(engine: Engine) -> None:
    first = decide_hit(engine, ANA, "Cham Wings", "ofac-21244", "false_positive", "other firm")
    with pytest.raises(InvalidData, match="note"):
        review_hit_decision(engine, BOB, first.id, agree=False, note=" ")
    disputed = review_hit_decision(engine, BOB, first.id, agree=False, note="same IATA 6Q")
    assert disputed.status == "disputed"
    second = decide_hit(engine, BOB, "cham wings", "ofac-21244", "true_positive", "IATA 6Q")
    assert decisions_on(engine, "Cham Wings")["ofac-21244"] == second
    assert [d.id for d in list_hit_decisions(engine, status="pending")] == [second.id]


def test_refusals_write_nothing(engine: Engine) -> None:
    before = len(blacklist.audit_log(engine, limit=1000))
    with pytest.raises(Forbidden):
        decide_hit(engine, RITA, "Belavia", "ofac-44541", "true_positive", "read only")
    with pytest.raises(InvalidData, match="verdict"):
        decide_hit(engine, ANA, "Belavia", "ofac-44541", "maybe", "unsure")
    with pytest.raises(InvalidData, match="note"):
        decide_hit(engine, ANA, "Belavia", "ofac-44541", "true_positive", "")
    assert list_hit_decisions(engine) == []
    assert len(blacklist.audit_log(engine, limit=1000)) == before
