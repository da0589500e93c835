"""Actor and target of events from the dependency parse, with word order as the fallback."""

from __future__ import annotations

from datetime import date
from typing import Any

from corridor.evidence.extract.pipeline import extract_text

PUB = date(2021, 11, 20)


def event(text: str, kind: str, *, ner: bool = True) -> dict[str, Any]:
    found = [c for c in extract_text(text, PUB, ner=ner) if c.kind == "event" and c.type == kind]
    assert found, f"no {kind} event in {text!r}"
    return found[0].value


def test_passive_agent_is_the_actor_and_subject_the_target() -> None:
    value = event("Belavia was placed on the sanctions list by the Council.", "sanctions_listing")
    assert (value["actor"], value["target"]) == ("Council of the European Union", "Belavia")
    assert value["roles_rule"] == "syntax:passive"


def test_word_order_would_take_the_wrong_actor() -> None:
    text = "Flights from Erbil to Minsk were suspended by Iraqi Airways after talks with Belarus."
    parsed = event(text, "flight_suspension")
    assert parsed["actor"] == "Iraqi Airways"
    assert parsed["roles_rule"].startswith("syntax:passive")
    ordered = event(text, "flight_suspension", ner=False)
    # (#12) without the parse, word order finds no actor before the verb; the carrier named
    # after it acts on its own flights
    assert ordered["roles_rule"] == "passive_agent"
    assert ordered["actor"] == "Iraqi Airways"


def test_pronoun_subject_resolves_to_the_speaker_clause() -> None:
    value = event(
        "Turkish Airlines said on Friday that it would stop selling tickets to Iraqi nationals.",
        "ticket_sales_ban",
    )
    assert value["actor"] == "Turkish Airlines"
    assert value["nationalities"] == ["iq"]


def test_target_stays_inside_the_clause() -> None:
    value = event(
        "Fly Baghdad announced it would halt its Minsk flights, while Turkish Airlines cut its "
        "own schedule.",
        "flight_suspension",
    )
    assert value["actor"] == "Fly Baghdad"
    assert value["target"] is None


def test_object_of_the_trigger_preposition_is_the_target() -> None:
    value = event(
        "On Monday the European Union imposed sanctions against Belavia and Tsentrkurort.",
        "sanctions_listing",
    )
    assert (value["actor"], value["target"]) == ("European Union", "Belavia")
    assert value["roles_rule"] == "syntax:active"


def test_without_the_model_roles_come_from_word_order() -> None:
    value = event("The Council imposed sanctions on Belavia.", "sanctions_listing", ner=False)
    assert (value["actor"], value["target"]) == ("Council of the European Union", "Belavia")
    assert value["roles_rule"] == "order"
