from __future__ import annotations

from datetime import date

from corridor.evidence.cluster import cluster_claims
from corridor.evidence.extract.pipeline import extract_text

A = "Cham Wings suspended flights from Damascus to Minsk on Saturday, the airline said.\n"
B = "On Saturday Cham Wings suspended its flights from Damascus to Minsk, a statement said.\n"
C = "Guards said 400 migrants tried to cross into Poland on Sunday.\n"


def _claims(text: str, doc: str):  # type: ignore[no-untyped-def]
    return extract_text(text, date(2021, 11, 15), document_id=doc)


def test_same_event_from_two_articles_clusters_with_both_sources() -> None:
    claims = _claims(A, "a") + _claims(B, "b") + _claims(C, "c")
    sentences = {
        c.id: (A if c.document_id == "a" else B if c.document_id == "b" else C)[
            c.sentence_start : c.sentence_end
        ]
        for c in claims
    }
    clusters = cluster_claims(claims, sentences)
    events = [c for c in clusters if c.kind == "event"]
    assert len(events) == 1
    assert events[0].type == "flight_suspension"
    assert events[0].documents == ["a", "b"]
    assert all("c" not in c.documents for c in clusters if c.kind != "entity")


def test_one_document_alone_is_not_a_cluster() -> None:
    assert cluster_claims(_claims(A, "a")) == []
