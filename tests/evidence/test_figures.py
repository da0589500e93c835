from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.evidence.extract.pipeline import extract_text

PUB = date(2022, 6, 15)

# Texts written for these tests in the register of border reporting.
TOTALS = (
    "Border guards said 1,200 migrants tried to cross into the EU so far this year. "
    "Of them 700 crossed into Lithuania, 300 into Latvia and 200 into Poland.\n"
)


def figures(text: str):  # type: ignore[no-untyped-def]
    return [c for c in extract_text(text, PUB) if c.kind == "figure"]


def test_total_is_linked_to_its_parts_and_parts_inherit_the_period() -> None:
    found = figures(TOTALS)
    assert [c.value["value"] for c in found] == [1200, 700, 300, 200]
    total = found[0]
    assert total.value["metric"] == "attempts"
    assert total.value["period"]["rule"] == "so_far_this_year"
    assert total.value["parts"] == [700, 300, 200]
    assert set(total.links["parts"]) == {c.id for c in found[1:]}
    assert found[1].value["place"] == "Lithuania"
    assert found[1].value["period_inherited"] is True
    assert all(TOTALS[c.start : c.end] == c.text for c in found)


def test_troops_money_deaths_and_arrests() -> None:
    text = (
        "Warsaw deployed more than 15,000 soldiers to the frontier. "
        "The EU pledged €25 million in aid. "
        "At least 8 people have died in the forest. "
        "Police arrested 20 smugglers last week.\n"
    )
    got = {(c.value["value"], c.value["metric"]) for c in figures(text)}
    assert (15000, "troops") in got
    assert (25_000_000, "money") in got
    assert (8, "deaths") in got
    assert (20, "arrests") in got
    troops = next(c for c in figures(text) if c.value["metric"] == "troops")
    assert troops.value["qualifier"] == "more_than"


def test_prevented_entries() -> None:
    found = figures("Lithuanian guards prevented 150 migrants from entering on Sunday.")
    assert [(c.value["value"], c.value["metric"]) for c in found] == [(150, "prevented_entries")]
    assert found[0].value["period"]["start_date"] == "2022-06-12"


def test_years_dates_and_legal_references_are_not_figures() -> None:
    text = "Regulation 2021/2124 of 2 December 2021 listed the airline in 2021 under Article 4."
    assert figures(text) == []


@given(
    st.lists(
        st.sampled_from(
            [
                "1,200",
                "migrants",
                "crossed",
                "into",
                "Poland",
                ",",
                "€3 million",
                "troops",
                "2021",
                "last year",
                "of them",
                "400",
                "and",
                "so far this year",
                "on Monday",
                ".",
                "\n",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
@settings(deadline=None)  # the first example loads the spaCy model
def test_figures_are_well_formed_on_any_text(text: str) -> None:
    for claim in figures(text):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert claim.value["value"] >= 0
        for part in claim.links.get("parts", []):
            assert part != claim.id


def test_ranges_coordination_and_statement_dates() -> None:
    text = (
        "The agency said on Friday that it had stopped 900 people this year, of whom 500 were "
        "Syrians. Between 1,000 to 1,200 are camped nearby. "
        "Sanctions hit 12 people and 4 companies.\n"
    )
    got = {c.value["value"]: c.value for c in figures(text)}
    assert got[900]["metric"] == "prevented_entries"
    assert got[900]["period"]["rule"] == "this_year"  # not the day the agency spoke
    assert got[500]["metric"] == "prevented_entries"
    assert (got[1000]["metric"], got[1200]["metric"]) == ("stranded", "stranded")
    assert (got[12]["metric"], got[4]["metric"]) == ("sanctioned", "sanctioned")
    assert got[4]["unit"] == "entities"


def test_numbers_in_words_are_figures_with_their_bound() -> None:
    text = (
        "Dozens of migrants were detained near Kuznica overnight. "
        "At least eleven people have died in the forest since the summer. "
        "Syrian Air cancelled two of its weekly flights to Minsk.\n"
    )
    got = [(c.value["value"], c.value["metric"], c.value["qualifier"]) for c in figures(text)]
    assert got == [(24, "arrests", "at_least"), (11, "deaths", "more_than"), (2, "flights", None)]


def test_the_verb_says_what_happened_to_the_noun() -> None:
    found = figures(
        "Its officers prevented 161 crossings on Thursday. After that, 8,106 attempts were "
        "prevented. Guards recorded 599 attempts to cross on Tuesday.\n"
    )
    got = [(c.value["value"], c.value["metric"]) for c in found]
    assert got == [(161, "prevented_entries"), (8106, "prevented_entries"), (599, "attempts")]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Two groups of 100 people pushed through the fence.", "attempts"),
        ("Hundreds of migrants tried to force their way across.", "attempts"),
        ("Washington added 20 individuals to its own list.", "sanctioned"),
        ("At least 13 had lost their lives, officials said.", "deaths"),
        ("Nine people were detained later.", "arrests"),
        ("Police have detained 19 suspected members of a network.", "arrests"),
        ("Fewer than 100 foreigners were still sleeping in the centre.", "stranded"),
        ("Hundreds more are living in hotels in Minsk.", "stranded"),
        (
            "Officials said 7,000 had been sent home.",
            "returned",
        ),  # (#12) people sent home are returned
    ],
)
def test_metric_from_the_verb(text: str, metric: str) -> None:
    assert [c.value["metric"] for c in figures(text)] == [metric]


def test_multipliers_and_numbers_of_another_sentence_are_not_linked() -> None:
    text = (
        "Police charged eleven men. The suspects, aged between 22 and 51, drove the cars. "
        "Arrivals reached 7,000, six times more than in 2020.\n"
    )
    assert [c.value["value"] for c in figures(text)] == [11, 7000]


def test_currencies_as_words_periods_and_datelines() -> None:
    text = (
        "WARSAW, June 30 - The wall cost about 1.6 billion zlotys. Guards recorded 2,900 "
        "attempts to cross in the first half of the year, compared with more than 39,000 in "
        "2021. Lithuania recorded 4,000 arrivals last year, ten times as many as in 2020.\n"
    )
    got = {c.value["value"]: c.value for c in extract_text(text, date(2022, 6, 30))}
    assert (got[1_600_000_000]["currency"], got[1_600_000_000]["metric"]) == ("PLN", "money")
    assert got[2900]["period"]["start_date"] == "2022-01-01"
    assert got[2900]["period"]["end_date"] == "2022-06-30"
    assert got[39000]["period"]["start_date"] == "2021-01-01"
    assert got[4000]["period"]["rule"] == "last_year"  # not "in 2020", the year compared with


def test_a_count_after_a_falling_trend_takes_the_noun_before_it() -> None:
    found = figures(
        "Police recorded up to 250 arrivals a day in October; arrivals have fallen below 30."
    )
    assert [(c.value["value"], c.value["metric"]) for c in found] == [
        (250, "attempts"),
        (30, "attempts"),
    ]
