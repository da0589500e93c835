"""The blacklist repository on each backend: seed, cases with version checks, audit chain."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from corridor.blacklist.roles import Role, User
from corridor.exc import Conflict, NotFound, ProcedureError, Unauthorized
from corridor.model.time import to_datetime as d
from corridor.services import blacklist as service
from corridor.services import cases
from corridor.store import blacklist as repo

ANALYST = User("ana", Role.ANALYST)


def test_seed_loads_operators_and_curated_records(engine: Engine) -> None:
    report = service.seed_operators(engine)
    assert (report.operators, report.curated) == (11, 11)
    again = service.seed_operators(engine)
    assert again.changed == 0
    belavia = service.get_operator(engine, "belavia")
    assert {i["value"] for i in belavia["identifiers"]} == {"B2", "BRU", "EW-301PJ"}
    assert {c["jurisdiction"] for c in belavia["curated"]} == {"EU", "US"}
    with pytest.raises(NotFound):
        service.get_operator(engine, "Air Nowhere")


def test_tokens_are_hashed_at_rest(engine: Engine) -> None:
    token = service.add_user(engine, "ana", Role.ANALYST, "k")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM bl_users")).scalar_one()
    assert token not in stored and len(stored) == 64
    assert service.authenticate(engine, token, "k") == ANALYST
    with pytest.raises(Unauthorized):
        service.authenticate(engine, token, "other-secret")
    with pytest.raises(Unauthorized):
        service.authenticate(engine, None, "k")
    with pytest.raises(Conflict):
        service.add_user(engine, "ana", Role.AUDITOR, "k")


def test_stale_version_loses(engine: Engine) -> None:
    service.seed_operators(engine)
    case = cases.open_case(engine, ANALYST, "Belavia", "flights to Minsk", when=d("2021-11-01"))
    cases.transition(engine, ANALYST, case.id, "gather_evidence", "docs", expected_version=1)
    with pytest.raises(Conflict, match="changed since version 1"):
        cases.transition(engine, ANALYST, case.id, "gather_evidence", "docs", expected_version=1)
    assert cases.get_case(engine, case.id).version == 2


def test_refused_transition_leaves_case_and_audit_unchanged(engine: Engine) -> None:
    service.seed_operators(engine)
    case = cases.open_case(engine, ANALYST, "Belavia", "flights to Minsk")
    before = service.audit_log(engine, limit=1000)
    with pytest.raises(ProcedureError):
        cases.transition(engine, User("dora", Role.DECISION_MAKER), case.id, "adopt", "now")
    assert cases.get_case(engine, case.id) == case
    assert service.audit_log(engine, limit=1000) == before


def test_audit_chain_verifies_and_detects_edits_and_gaps(engine: Engine) -> None:
    service.seed_operators(engine)
    case = cases.open_case(engine, ANALYST, "Belavia", "flights to Minsk")
    cases.transition(engine, ANALYST, case.id, "gather_evidence", "documents")
    cases.add_evidence(engine, ANALYST, case.id, claim="c", document="doc.html", span="1-9")
    result = service.verify_audit(engine)
    assert result.ok and result.checked == 4
    with engine.begin() as conn:
        conn.execute(text("UPDATE bl_audit_log SET actor = 'mallory' WHERE seq = 2"))
    result = service.verify_audit(engine)
    assert result.problems == ["entry 2: content does not match its seal (edited or forged)"]
    with engine.begin() as conn:
        conn.execute(text("UPDATE bl_audit_log SET actor = 'ana' WHERE seq = 2"))
        conn.execute(text("DELETE FROM bl_audit_log WHERE seq = 3"))
    problems = service.verify_audit(engine).problems
    assert "gap: entries 3..3 are missing" in problems
    assert "entry 4: link to the previous entry is broken" in problems


def test_rehashed_edit_breaks_the_next_link(engine: Engine) -> None:
    from corridor.blacklist.audit import seal
    from corridor.store.audit_key import audit_key

    service.seed_operators(engine)
    cases.open_case(engine, ANALYST, "Belavia", "one")
    cases.open_case(engine, ANALYST, "Cham Wings Airlines", "two")
    with engine.begin() as conn:
        row = conn.execute(text("SELECT * FROM bl_audit_log WHERE seq = 2")).one()
        forged = seal(
            audit_key(engine),
            2,
            row.at,
            "mallory",
            row.action,
            row.target,
            row.payload,
            row.prev_hash,
        )
        conn.execute(
            text("UPDATE bl_audit_log SET actor='mallory', hash=:h WHERE seq=2"), {"h": forged}
        )
    assert service.verify_audit(engine).problems == [
        "entry 3: link to the previous entry is broken"
    ]


def test_case_ids_and_listing(engine: Engine) -> None:
    service.seed_operators(engine)
    a = cases.open_case(engine, ANALYST, "Belavia", "one")
    b = cases.open_case(engine, ANALYST, "Cham Wings Airlines", "two")
    assert (a.id, b.id) == ("case-00001", "case-00002")
    with engine.connect() as conn:
        assert [c.id for c in repo.list_cases(conn)] == [a.id, b.id]
