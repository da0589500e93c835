"""Many documents at once give the claims each gives alone."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.evidence.extract.pipeline import extract_many, extract_text

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
    assert [c.value.get("roles_rule") for c in batched[0] if c.kind == "event"] == [
        "passive_agent"
    ]  # (#12) "suspended by Iraqi Airways": the agent acts


WORDS = [
    "Belavia", "suspended", "flights", "to", "Minsk", "by", "the", "Council", ",", "Anna Nowak",
    "said", "“We will stop this now”", "he", "told", "reporters", ".", "\n", "1,200", "migrants",
    "were", "stranded", "Iraqi", "nationals", "Ü", "  ",
]  # fmt: skip


@settings(deadline=None, max_examples=40)  # the first example may load the spaCy model
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_any_text_gives_well_formed_claims(text: str) -> None:
    for claim in extract_many([(text, date(2021, 11, 20), "x")])[0]:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert 0 <= claim.sentence_start <= claim.sentence_end <= len(text)
        if claim.kind == "event":
            assert claim.value["roles_rule"].split(":")[0] in (
                "order",
                "syntax",
                "carrier_flights",
                "passive_agent",
                "carrier_noun",
                "context",
                "capital",
                "antecedent",
            )
