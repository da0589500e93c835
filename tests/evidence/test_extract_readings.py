"""Readings the extractor used to get wrong, each pinned by sentences written for this test:
metric from "returned/sent back", parts introduced by "including", relative periods in hours,
days, the year and the weekend, capitals acting as their state, pledges and help that are not
the act, aid handed out by officials, and injured officers that are not troops."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from corridor.evidence.claim import Claim
from corridor.evidence.extract.dates import find_dates
from corridor.evidence.extract.pipeline import extract_text

SATURDAY = date(2021, 11, 20)
MONDAY = date(2021, 11, 22)


def _claims(text: str, published: date = SATURDAY) -> list[Claim]:
    return extract_text(text, published)


def _figures(text: str, published: date = SATURDAY) -> list[dict[str, Any]]:
    return [c.value for c in _claims(text, published) if c.kind == "figure"]


def _events(text: str) -> dict[str, dict[str, Any]]:
    return {c.type: c.value for c in _claims(text) if c.kind == "event"}


@pytest.mark.parametrize(
    "text",
    [
        "Lithuanian guards returned 57 people to the Belarusian side on Sunday night.",
        "The patrol sent 31 migrants back across the frontier.",
        "Over the night, 80 people were pushed back into the forest on the other side.",
    ],
)
def test_people_returned_at_the_border_are_prevented_entries(text: str) -> None:
    (figure,) = _figures(text)
    assert figure["metric"] == "prevented_entries"


def test_people_returned_home_on_flights_stay_a_count() -> None:
    (figure,) = _figures("Around 400 Iraqis returned home on a flight from Minsk to Erbil.")
    assert figure["metric"] != "prevented_entries"


def test_including_makes_a_part_of_the_same_metric() -> None:
    claims = _claims(
        "Officers said 23 were detained near the fence, including four Syrians and "
        "three Yemenis who tried to cross."
    )
    figures = [c for c in claims if c.kind == "figure"]
    assert [(f.value["value"], f.type) for f in figures] == [
        (23, "arrests"),
        (4, "arrests"),
        (3, "arrests"),
    ]
    whole, *parts = figures
    assert whole.value["parts"] == [4, 3]
    assert all(p.links["total"] == [whole.id] for p in parts)
    assert all(p.value["rule"] == "part" for p in parts)
    assert whole.value["reporter"] is None  # "said 23": the number is not who reported it


def test_a_number_after_including_never_exceeds_its_whole() -> None:
    figures = _figures("Guards stopped 40 people, including 120 children, the ministry said.")
    assert [f["value"] for f in figures] == [40, 120]
    assert figures[1].get("parts") is None


@pytest.mark.parametrize(
    ("phrase", "published", "start", "end", "rule"),
    [
        ("in the past 24 hours", SATURDAY, "2021-11-19", "2021-11-20", "past_hours"),
        ("over the previous 48 hours", MONDAY, "2021-11-20", "2021-11-22", "past_hours"),
        ("during the last seven days", SATURDAY, "2021-11-13", "2021-11-20", "past_days"),
        ("during the year", MONDAY, "2021-01-01", "2021-11-22", "during_the_year"),
        ("over the weekend", MONDAY, "2021-11-20", "2021-11-21", "weekend"),
        ("over the weekend", SATURDAY, "2021-11-20", "2021-11-20", "weekend"),
    ],
)
def test_relative_periods_resolve_against_publication(
    phrase: str, published: date, start: str, end: str, rule: str
) -> None:
    (found,) = find_dates(f"Figures {phrase} were higher.", published)
    assert (found.start_date.isoformat(), found.end_date and found.end_date.isoformat()) == (
        start,
        end,
    )
    assert found.rule == rule


def test_a_figure_takes_the_relative_period() -> None:
    (figure,) = _figures("Guards recorded 212 attempted crossings in the past 24 hours.", MONDAY)
    assert figure["period"]["rule"] == "past_hours"
    assert figure["period"]["start_date"] == "2021-11-21"


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Ankara has now suspended flights of Iraqi nationals to Minsk.", "country", "Türkiye"),
        ("Washington imposed sanctions on the state airline.", "country", "United States"),
        ("Brussels adopted new sanctions against the regime.", "authority", "European Union"),
        ("Vilnius closed its consulate in the Iraqi city.", "country", "Lithuania"),
        ("London froze the assets of the tour operator.", "country", "United Kingdom"),
    ],
)
def test_a_capital_as_subject_acts_for_its_state(text: str, kind: str, actor: str) -> None:
    (event,) = _events(text).values()
    assert (event["actor"], event["actor_kind"]) == (actor, kind)
    assert event["roles_rule"] == "capital"


def test_a_capital_after_a_preposition_stays_a_place() -> None:
    events = _events("Flights from Beirut were halted by the carrier last week.")
    assert events["flight_suspension"]["actor"] != "Lebanon"


@pytest.mark.parametrize(
    "text",
    [
        "Baghdad pledged to keep flights to Belarus suspended for the winter.",
        "Turkey said it would help cut off the air routes used by the smugglers.",
        "The minister promised to halt flights to Minsk soon.",
    ],
)
def test_a_pledge_or_help_is_not_the_suspension(text: str) -> None:
    assert "flight_suspension" not in _events(text)


def test_a_pledge_is_still_a_commitment() -> None:
    assert "diplomatic_commitment" in _events("Iraq pledged to halt flights to Minsk.")


@pytest.mark.parametrize(
    "text",
    [
        "EU ambassadors agreed the wording of the new regulation on Friday.",
        "Member states reached agreement on the text of the statement late at night.",
    ],
)
def test_agreeing_on_a_text_is_not_a_commitment(text: str) -> None:
    assert "diplomatic_commitment" not in _events(text)


def test_agreeing_to_act_is_a_commitment() -> None:
    events = _events("The two governments agreed to stop charter flights carrying migrants.")
    assert "diplomatic_commitment" in events


def test_officials_handing_out_water_is_not_access() -> None:
    assert "humanitarian_access" not in _events(
        "Soldiers were handing out water and bread at the camp."
    )


def test_an_aid_group_handing_out_food_is_access() -> None:
    assert "humanitarian_access" in _events(
        "A Polish charity was handing out food to families near the crossing."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Three officers were injured in the scuffle at the crossing.",
        "Two guards were slightly hurt by thrown stones.",
    ],
)
def test_injured_officers_are_not_troops(text: str) -> None:
    assert all(f["unit"] != "troops" for f in _figures(text))


def test_troops_deployed_stay_troops() -> None:
    (figure,) = _figures("Poland deployed 15,000 soldiers along the border.")
    assert (figure["unit"], figure["metric"]) == ("troops", "troops")


def test_during_the_year_points_back_to_the_year_named_before() -> None:
    text = (
        "Latvia counted 3,100 irregular arrivals last year, twice as many as in 2019. "
        "Patrols detained 40 drivers during the year."
    )
    found = find_dates(text, date(2022, 1, 7))
    year = next(d for d in found if d.rule == "during_the_year")
    assert (year.start_date.isoformat(), year.end_date and year.end_date.isoformat()) == (
        "2021-01-01",
        "2021-12-31",
    )


def test_a_capital_before_the_verb_beats_an_earlier_mention() -> None:
    events = _events(
        "Smugglers sold trips to Germany until Ankara barred Syrians and Yemenis from flying "
        "to Belarus."
    )
    assert events["nationality_boarding_ban"]["actor"] == "Türkiye"


def test_a_request_to_act_is_read_as_the_event_asked_for() -> None:
    events = _events("The ministry asked the carrier to halt the sale of tickets to Minsk.")
    assert "ticket_sales_ban" in events
