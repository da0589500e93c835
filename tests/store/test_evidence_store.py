from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from corridor.evidence.document import make_document
from corridor.evidence.extract.pipeline import extract_claims
from corridor.exc import InvalidData, NotFound, ProcedureError
from corridor.services.review import as_evidence, review_claim
from corridor.store.evidence import EvidenceStore

TEXT = (
    "Airline stops Minsk flights\n\n"
    "The Syrian carrier Cham Wings said on Saturday it had suspended flights to Minsk. "
    "Polish officials said 3,000 migrants were camped at the border this week.\n"
)


def _doc():  # type: ignore[no-untyped-def]
    return make_document(
        TEXT.encode(),
        uri="file:///note.txt",
        media_type="text/plain",
        publisher="Test Wire",
        published="2021-11-15",
        retrieved_at=datetime(2021, 11, 16, tzinfo=UTC),
    )


def test_ingest_twice_changes_nothing(engine: Engine) -> None:
    store = EvidenceStore(engine)
    doc = _doc()
    first = store.ingest(doc, extract_claims(doc))
    claims = store.claims(document_id=doc.id)
    again = store.ingest(doc, extract_claims(doc))
    assert not first.unchanged and again.unchanged
    assert first.claims == again.claims == len(claims) > 0
    assert [c.id for c in store.claims(document_id=doc.id)] == [c.id for c in claims]
    stored = store.document(doc.id[:10])
    assert stored.text == TEXT and stored.original == TEXT.encode()
    assert stored.published_at == datetime(2021, 11, 15, tzinfo=UTC)


def test_claims_point_into_the_stored_text(engine: Engine) -> None:
    store = EvidenceStore(engine)
    doc = _doc()
    store.ingest(doc, extract_claims(doc))
    for claim in store.claims(document_id=doc.id):
        assert TEXT[claim.start : claim.end] == claim.text
        assert claim.status == "pending"
    figure = store.claims(kind="figure")[0]
    assert figure.value["value"] == 3000
    assert figure.value["metric"] == "stranded"


def test_review_accept_correct_reject(engine: Engine) -> None:
    store = EvidenceStore(engine)
    doc = _doc()
    store.ingest(doc, extract_claims(doc))
    figure = store.claims(kind="figure")[0]
    corrected = review_claim(engine, figure.id, "correct", reviewer="ana", value={"value": 2000})
    assert corrected.status == "corrected" and corrected.value["value"] == 2000
    assert store.reviews(figure.id)[0].value == {
        "previous": figure.value,
        "value": corrected.value,
    }
    with pytest.raises(ProcedureError):
        review_claim(engine, figure.id, "accept", reviewer="bo")
    evidence = as_evidence(engine, figure.id)
    assert evidence["source"]["span"] == f"{figure.start}:{figure.end}"
    assert evidence["source"]["publisher"] == "Test Wire"
    other = store.claims(kind="entity")[0]
    with pytest.raises(ProcedureError):
        as_evidence(engine, other.id)
    assert review_claim(engine, other.id, "reject", reviewer="bo").status == "rejected"
    with pytest.raises(InvalidData):
        review_claim(engine, figure.id, "approve", reviewer="bo")
    with pytest.raises(NotFound):
        store.claim("nope")
