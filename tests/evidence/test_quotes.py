from __future__ import annotations

from datetime import date

from corridor.evidence.extract.pipeline import extract_text

TEXT = (
    "Lithuanian Interior Minister Agnė Bilotaitė visited the border on Monday.\n"
    "“We will not let anyone cross illegally,” Bilotaitė said.\n"
    "“The pressure is organised by the regime,” she added.\n"
    "Frontex spokesperson Chris Borowski and the minister met guards. "
    "“We are sending more officers next week,” he said.\n"
    "The agency called it a “hybrid attack”.\n"
)


def quotes():  # type: ignore[no-untyped-def]
    return [c for c in extract_text(TEXT, date(2021, 8, 4)) if c.kind == "quote"]


def test_named_and_pronoun_speakers_with_roles() -> None:
    found = quotes()
    assert [c.value["speaker"] for c in found] == [
        "Agnė Bilotaitė",
        "Agnė Bilotaitė",
        "Chris Borowski",
    ]
    assert found[0].value["role"] == "Lithuanian Interior Minister"
    assert found[2].value["role"] == "Frontex spokesperson"
    assert [c.rule for c in found] == [
        "quote:named_after",
        "quote:pronoun_previous_speaker",
        "quote:pronoun_last_named",
    ]
    for c in found:
        assert TEXT[c.start - 1] == "“" and TEXT[c.end] == "”"


def test_two_word_scare_quotes_are_not_quotes() -> None:
    assert all("hybrid" not in c.text for c in quotes())


def test_a_quote_that_continues_the_last_one_and_a_carrier_speaking() -> None:
    text = (
        '"We saw a state turn tourist flights into a weapon," Ursula von der Leyen said in a '
        'speech. "We need a tool that lets us act in days."\n'
        'In a statement, Belavia said it had "always complied with the rules of aviation".\n'
        '"Nobody will be forced to go home," the spokesman, Ahmed al-Sahaf, told reporters.\n'
    )
    quotes = [c for c in extract_text(text, date(2021, 11, 24)) if c.kind == "quote"]
    assert [q.value["speaker"] for q in quotes] == [
        "Ursula von der Leyen",
        "Ursula von der Leyen",
        "Belavia",
        "Ahmed al-Sahaf",
    ]
    assert quotes[1].rule == "quote:continued"
