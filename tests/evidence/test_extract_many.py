"""Many documents at once give the claims each gives alone."""

from __future__ import annotations

from datetime import date

from corridor.evidence.extraction import extract_many, extract_text

TEXTS = [
    (
        "Flights from Erbil to Minsk were suspended by Iraqi Airways on Monday. "
        "Olga Marchenko, who runs a travel agency, said 40 bookings had been cancelled.",
        date(2021, 11, 10),
        "a",
    ),
    (
        "“We will not accept this,” Lithuanian foreign minister Gabrielius Landsbergis said. "
        "Guards turned back 120 migrants on Sunday.",
        date(2021, 11, 16),
        "b",
    ),
    ("No names, no figures, nothing to see here.", date(2021, 11, 16), "c"),
]


def _flat(claims: list) -> list[tuple[str, str, int, int, str]]:  # type: ignore[type-arg]
    return [(c.id, c.kind, c.start, c.end, str(c.value)) for c in claims]


def test_batched_extraction_equals_one_at_a_time() -> None:
    batched = extract_many(TEXTS)
    assert len(batched) == len(TEXTS)
    for (text, published, doc_id), claims in zip(TEXTS, batched, strict=True):
        assert _flat(claims) == _flat(extract_text(text, published, document_id=doc_id))
    assert batched[2] == []
    assert {c.value["actor"] for c in batched[0] if c.kind == "event"} == {"Iraqi Airways"}


def test_batched_extraction_without_the_model() -> None:
    batched = extract_many(TEXTS, ner=False)
    assert [c.value.get("roles_rule") for c in batched[0] if c.kind == "event"] == ["order"]
