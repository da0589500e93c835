from __future__ import annotations

from datetime import date

from corridor.evidence.extraction import extract_text

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
