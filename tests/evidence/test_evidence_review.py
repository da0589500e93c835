from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.blacklist.roles import Role, User
from corridor.evidence.document import make_document
from corridor.exc import NotFound, ProcedureError
from corridor.services.blacklist import seed_operators
from corridor.services.cases import case_file, open_case
from corridor.services.evidence import ingest_document
from corridor.services.review import attach_to_case, review_claim
from corridor.store.audit_key import bind_audit_key
from corridor.store.db import create_schema, make_engine
from corridor.store.evidence import EvidenceStore

TEXT = "Belavia flew 300 migrants to Minsk last week, officials said on Friday.\n"


def test_reviewed_claim_attaches_to_a_blacklist_case(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    create_schema(engine)
    bind_audit_key(engine, b"test-audit-key-for-this-registry")
    try:
        seed_operators(engine)
    except NotFound as exc:  # the seed belongs to the blacklist area; skip without it
        pytest.skip(f"operator seed not available: {exc}")
    analyst = User("ana", Role.ANALYST)
    case = open_case(engine, analyst, "Belavia", "carried migrants to Minsk")
    doc = make_document(TEXT.encode(), uri="urn:t", media_type="text/plain", published="2021-11-12")
    ingest_document(engine, doc)
    figure = EvidenceStore(engine).claims(kind="figure")[0]
    with pytest.raises(ProcedureError):
        attach_to_case(engine, analyst, figure.id, case.id)
    review_claim(engine, figure.id, "accept", reviewer="ana")
    attach_to_case(engine, analyst, figure.id, case.id)
    text = str(case_file(engine, case.id))
    assert figure.id in text and doc.id in text and f"{figure.start}:{figure.end}" in text


def test_attach_checks_the_role_first_and_keeps_the_note(engine: Engine) -> None:
    from corridor.exc import Forbidden

    try:
        seed_operators(engine)
    except NotFound as exc:
        pytest.skip(f"operator seed not available: {exc}")
    analyst, dora = User("ana", Role.ANALYST), User("dora", Role.DECISION_MAKER)
    case = open_case(engine, analyst, "Belavia", "carried migrants to Minsk")
    doc = make_document(TEXT.encode(), uri="urn:t", media_type="text/plain", published="2021-11-12")
    ingest_document(engine, doc)
    figure = EvidenceStore(engine).claims(kind="figure")[0]
    with pytest.raises(Forbidden):  # before the claim is even looked at (it is pending)
        attach_to_case(engine, dora, figure.id, case.id)
    review_claim(engine, figure.id, "accept", reviewer="ana")
    with pytest.raises(NotFound):
        attach_to_case(engine, analyst, figure.id, "case-99999")
    attach_to_case(engine, analyst, figure.id, case.id, note="flights named in the article")
    file = case_file(engine, case.id)
    (item,) = file["evidence"]
    assert figure.id in item["claim"] and "[note: flights named in the article]" in item["claim"]
    assert [a["action"] for a in file["audit"]] == ["open_case", "add_evidence"]
