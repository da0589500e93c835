"""Readings of #12 on sentences written for this test (facts of the 2021-2025 border crisis)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from corridor.evidence.claim import Claim
from corridor.evidence.extract.pipeline import extract_text

PUB = date(2023, 11, 20)


def _claims(text: str, kind: str, published: date = PUB) -> list[Claim]:
    return [c for c in extract_text(text, published) if c.kind == kind]


def _figures(text: str) -> list[tuple[Any, ...]]:
    out = []
    for c in _claims(text, "figure"):
        period = c.value["period"] or {}
        out.append(
            (c.value["value"], c.value["metric"], period.get("start_date"), period.get("end_date"))
        )
    return out


def test_a_range_gives_both_ends() -> None:
    found = _figures("Smugglers charged from 3,000 to 15,000 euros per person for the crossing.")
    assert [(v, m) for v, m, *_ in found] == [(3000, "price"), (15000, "price")]


def test_a_month_list_gives_one_figure_per_month_and_no_day() -> None:
    found = _figures(
        "October saw 17,300 attempts to cross the border, September 7,700 and August 3,500."
    )
    assert found == [
        (17300, "attempts", "2023-10-01", "2023-10-31"),
        (7700, "attempts", "2023-09-01", "2023-09-30"),
        (3500, "attempts", "2023-08-01", "2023-08-31"),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Border guards recorded 450 attempts between March 21–24.", "2023-03-21", "2023-03-24"),
        ("Between 14 and 16 October, police made 11 arrests.", "2023-10-14", "2023-10-16"),
        ("This past autumn, 1,200 migrants tried to cross.", "2022-09-01", "2022-11-30"),
        ("In 2022, border guards recorded 15,700 attempts.", "2022-01-01", "2022-12-31"),
        ("From January 1 to June 5, 2023, guards detained 585 people.", "2023-01-01", "2023-06-05"),
        ("Over the past six months, 555 migrants tried to enter Lithuania.", "2023-05-20", "2023-11-20"),
    ],
)  # fmt: skip
def test_periods(text: str, start: str, end: str) -> None:
    (figure,) = _figures(text)
    assert figure[2:] == (start, end)


def test_thousands_grouped_by_spaces_and_currency_codes() -> None:
    assert _figures("Officers seized PLN 80 000 in cash.")[0][:2] == (80000, "money")
    assert _figures("Almost 11 200 attempts were recorded.")[0][:2] == (11200, "attempts")


def test_the_verb_decides_prevented_entry_or_attempt() -> None:
    found = _figures("Finnish guards turned back 60 people and 40 others tried to cross.")
    assert [(v, m) for v, m, *_ in found] == [(60, "prevented_entries"), (40, "attempts")]
    found = _figures("More than 100 migrants were not allowed into Lithuania.")
    assert found[0][:2] == (100, "prevented_entries")


@pytest.mark.parametrize(
    "text",
    [
        "Humanitarian assistance should accompany any measures taken at the border.",
        '"We are committed to assisting people in need," the IOM statement said.',
        "Poland did not close the border crossing at Kuźnica.",
    ],
)
def test_trigger_words_alone_make_no_event(text: str) -> None:
    events = {c.type for c in _claims(text, "event")} - {"statement"}
    assert events == set()


def test_passive_voice_names_the_carrier() -> None:
    (event,) = _claims(
        "Citizens of Iraq, Syria and Yemen are not accepted on Belavia flights from Istanbul.",
        "event",
    )
    assert (event.type, event.value["actor"]) == ("nationality_boarding_ban", "Belavia")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("«The border will stay closed for two more weeks,» Interior Minister Mari Rantanen said.", "Mari Rantanen"),
        ("„We have stopped all transit of these nationals,” the General Command wrote.", "General Command"),
        ("“The network smuggled hundreds of people,” the Europol statement said.", "Europol"),
        ("“Our border is not a gate,” BelTA quotes the ministry.", "ministry"),
    ],
)  # fmt: skip
def test_quote_marks_and_organisation_speakers(text: str, speaker: str) -> None:
    (quote,) = _claims(text, "quote")
    assert quote.value["speaker"] == speaker


def test_a_quote_running_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "The minister spoke in Warsaw.\n\n"
        '"We will not change course. The fence stays where it is.\n\n'
        '"It protects Poland and the whole of Europe," Interior Minister Mariusz Kaminski said.'
    )
    quotes = _claims(text, "quote", date(2022, 6, 30))
    assert [q.value["speaker"] for q in quotes] == ["Mariusz Kaminski", "Mariusz Kaminski"]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Polish police arrested three drivers suspected of smuggling migrants.", "arrest"),
        ("Europol said a smuggling network had been dismantled in Poland.", "network_dismantled"),
        ("Finland closed all crossing points on its border with Russia.", "crossing_closure"),
        ("Poland completed the construction of a steel wall on the border.", "border_barrier"),
        ("Iraq organised a repatriation flight from Minsk to Erbil.", "repatriation_flight"),
        ("Belarus suspended the readmission agreement with the EU.", "agreement"),
    ],
)
def test_the_new_event_types(text: str, etype: str) -> None:
    assert etype in {c.type for c in _claims(text, "event")}


def test_page_furniture_makes_no_claims() -> None:
    story = "Polish border guards arrested three drivers near Hajnówka on Tuesday.\n"
    furniture = (
        "Read more: Lithuania pushes back 180 migrants to Belarus\n"
        "Polish border guards arrest three Belarusians …\n"
        "Photo: Polish soldiers detain 12 migrants at the fence.\n"
        "© 2021 All rights reserved\n"
    )
    alone = [c for c in extract_text(story, PUB) if c.kind in ("event", "figure")]
    with_furniture = [
        c for c in extract_text(story + furniture, PUB) if c.kind in ("event", "figure")
    ]
    assert alone and [(c.kind, c.type, c.start) for c in with_furniture] == [
        (c.kind, c.type, c.start) for c in alone
    ]
