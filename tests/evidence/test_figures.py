from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.evidence.extraction import extract_text

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
