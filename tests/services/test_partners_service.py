"""Opening a partner, and promoting reviewed diplomacy claims into engagements, on each backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.evidence.claim import Claim
from corridor.exc import InvalidData, NotFound, ProcedureError, RefusedOperation
from corridor.partners.model import CommitmentStatus
from corridor.partners.register import Register
from corridor.services.blacklist import seed_operators
from corridor.services.evidence import ingest_text
from corridor.services.partner_promote import (
    PROMOTABLE,
    partners_of,
    promote_claim,
    promote_reviewed,
)
from corridor.services.partners import (
    commitments_for_measure,
    get_register,
    list_commitments,
    load_register,
    partner_card,
    quoted_words,
    timeline,
)
from corridor.services.review import review_claim
from corridor.store.evidence import EvidenceStore

BELSAT = "evidence_corpus/c01_belsat_2021-06-28.txt"


def test_open_iraq(engine: Engine) -> None:
    card = partner_card(engine, "IQ")
    assert card["partner"]["name"] == "Iraq"
    assert [c["id"] for c in card["carriers"]] == ["air:IA"]
    assert len(card["engagements"]) >= 10
    assert {"C03", "C05"} <= {c["id"] for c in card["commitments"]}
    assert [m["id"] for m in card["measures"]] == ["M03", "M04", "M05"]
    assert all(m["title"] for m in card["measures"])
    assert all(e["source"] for e in card["engagements"] + card["humanitarian"])
    assert any(h["kind"] == "returns" for h in card["humanitarian"])


def test_commitments_by_status_and_measure(engine: Engine) -> None:
    ended = list_commitments(engine, status=[CommitmentStatus.REVERSED, CommitmentStatus.LAPSED])
    assert {c["status"] for c in ended} == {"reversed", "lapsed"}
    assert {"C01", "C02", "C04"} <= {c["id"] for c in ended}
    assert [c["id"] for c in commitments_for_measure(engine, "M11")] == ["C14"]
    with pytest.raises(NotFound):
        commitments_for_measure(engine, "M99")
    with pytest.raises(NotFound):
        list_commitments(engine, partner="ZZ")


def test_timeline_has_a_chart(engine: Engine) -> None:
    data = timeline(engine, "UZ")
    assert data["events"][0]["date"] <= data["events"][-1]["date"]
    assert data["chart"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_quoted_words_come_from_shared(engine: Engine, shared_dir: Path) -> None:
    commitment = get_register(engine).commitment("C08")
    words = quoted_words(commitment, shared_dir)
    assert words is not None and "tickets" in words
    assert quoted_words(commitment, None) is None


def _belsat_claims(engine: Engine, shared_dir: Path) -> EvidenceStore:
    text = (shared_dir / BELSAT).read_text(encoding="utf-8").split("---\n", 1)[1]
    ingest_text(
        engine,
        text,
        uri="https://redakcja.belsat.cloud/en/news/28-06-2021-backlash-attempt",
        published="2021-06-28",
        publisher="Belsat TV",
    )
    return EvidenceStore(engine)


def test_promote_a_reviewed_statement(engine: Engine, shared_dir: Path) -> None:
    load_register(engine)
    evidence = _belsat_claims(engine, shared_dir)
    statement = next(c for c in evidence.claims(kind="event") if c.type == "statement")
    with pytest.raises(ProcedureError, match="accept or correct"):
        promote_claim(engine, statement.id)
    review_claim(engine, statement.id, "accept", reviewer="analyst1")
    done = promote_claim(engine, statement.id)
    assert done.status == "added"
    engagement = done.engagement
    assert engagement.partners == ("BY",)
    assert engagement.date.isoformat() == "2021-06-28"
    assert engagement.provenance == f"evidence:{statement.id}"
    assert engagement.source_url is not None and engagement.source_url.startswith(
        "https://redakcja"
    )
    assert "analyst1" in engagement.inferred
    assert promote_claim(engine, statement.id).status == "unchanged"
    load_register(engine)  # reloading the reviewed files keeps promoted engagements
    assert engagement in get_register(engine).engagements_of("BY")


def _names_no_partner(claim: Claim, register: Register) -> bool:
    try:
        partners_of(claim, register)
    except InvalidData:
        return True
    return False


def test_a_claim_naming_no_partner_is_refused_until_corrected(
    engine: Engine, shared_dir: Path
) -> None:
    evidence = _belsat_claims(engine, shared_dir)
    register = get_register(engine)
    vague = [
        c
        for c in evidence.claims()
        if (c.kind == "quote" or (c.kind == "event" and c.type in PROMOTABLE))
        and _names_no_partner(c, register)
    ]
    assert len(vague) >= 2  # "the ministry" said..., quotes with no actor
    review_claim(engine, vague[0].id, "accept", reviewer="analyst1")
    with pytest.raises(InvalidData) as info:
        promote_claim(engine, vague[0].id)
    assert info.value.errors[0].field == "partners"
    review_claim(
        engine,
        vague[1].id,
        "correct",
        reviewer="analyst1",
        value={**vague[1].value, "partners": "BY"},
    )
    assert promote_claim(engine, vague[1].id).engagement.partners == ("BY",)


def test_other_claims_are_refused(engine: Engine, shared_dir: Path) -> None:
    evidence = _belsat_claims(engine, shared_dir)
    listing = next(c for c in evidence.claims(kind="event") if c.type == "sanctions_listing")
    review_claim(engine, listing.id, "accept", reviewer="analyst1")
    with pytest.raises(RefusedOperation, match="engagements come from"):
        promote_claim(engine, listing.id)


def test_the_card_lists_operators_registered_in_the_country(engine: Engine) -> None:
    seed_operators(engine)
    syria = partner_card(engine, "SY", outcomes=[])
    assert "Cham Wings Airlines" in {o["name"] for o in syria["operators"]}
    assert all(str(o["country"]).upper() == "SY" for o in syria["operators"])
    assert "C14" in {c["id"] for c in syria["commitments"]}  # Cham Wings is a carrier of Syria


def test_promote_every_reviewed_claim(engine: Engine, shared_dir: Path) -> None:
    evidence = _belsat_claims(engine, shared_dir)
    register = get_register(engine)
    statement = next(c for c in evidence.claims(kind="event") if c.type == "statement")
    vague = next(
        c
        for c in evidence.claims()
        if (c.kind == "quote" or (c.kind == "event" and c.type in PROMOTABLE))
        and _names_no_partner(c, register)
    )  # (#12: the article's diplomacy events now all name Belarus; a quote may name no partner)
    for claim in (statement, vague):
        review_claim(engine, claim.id, "accept", reviewer="analyst1")
    done, refused = promote_reviewed(engine)
    assert [d.claim_id for d in done] == [statement.id]
    assert [r.claim_id for r in refused] == [vague.id]
    assert "names no partner" in refused[0].reason
