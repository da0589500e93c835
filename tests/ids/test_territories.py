"""The committed territory table answers as rigour does, and is what rigour generates today."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import version

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rigour.territories import lookup_territory

from corridor.ids.territories import (
    TABLE,
    TerritoryTable,
    build_table,
    load_table,
    lookup_code,
)

# What the bundled list excerpts (src/corridor/data/lists) give the country lookup after pycountry fails:
# names, nationalities, regions, and address fragments that are no country.
LIST_VALUES = [
    "Afghan", "Belarusian", "Belarussian", "Burma", "Congo (Democratic Republic)",
    "Congo, Democratic Republic of the", "Connecticut", "Democratic Republic of the Congo",
    "Filipino", "Florida", "Iran (Islamic Republic of)", "Korea, North", "Korea, South",
    "Myanmar (Burma)", "Palestinian Territories", "Region: Crimea", "Region: Gaza", "Russia",
    "Russian and Belarusian", "St. Kitts and Nevis", "State of Palestine", "The Gambia",
    "Turkey", "of Registration Man, Isle of", "room 304 Minsk 220004 Belarus", "220116",
    "Belarus (Minsk Free Economic Zone)", "Q184", "BLR", "us-ct", "sh-ac",
    "Беларусь", "Россия", "سوريا", "中国", "Ελλάδα",
]  # fmt: skip


def rigour_code(text: str) -> str | None:
    territory = lookup_territory(text)
    if territory is None or len(territory.code) != 2:
        return None
    return territory.code


def test_committed_table_is_what_rigour_generates() -> None:
    committed = resources.files("corridor.ids").joinpath(TABLE).read_text("utf-8")
    fresh = build_table()
    assert TerritoryTable.from_text(committed) == fresh, (
        f"{TABLE} is stale for rigour {version('rigour')}: regenerate it with "
        '.venv/bin/python -c "from corridor.ids.territories import main; main()"'
    )
    assert TerritoryTable.from_text(fresh.to_text("x")) == fresh


@pytest.mark.parametrize("text", LIST_VALUES)
def test_answers_as_rigour(text: str) -> None:
    assert lookup_code(text) == rigour_code(text)


def test_real_answers() -> None:
    assert lookup_code("Korea, North") == "kp"
    assert lookup_code("Belarussian") is None
    assert lookup_code("Region: Gaza") == "ps"
    assert lookup_code("Connecticut") is None  # us-ct: not a country
    assert lookup_code("Беларусь") == "by"  # a transliterated key, from the table
    assert lookup_code("سوريا") == "sy"  # a key in Arabic script: asks rigour


def test_table_covers_what_rigour_knows() -> None:
    table = load_table()
    assert len(table.names) > 10_000
    assert table.names["belarus"] == "by"
    assert table.identifiers["q184"] == "by"


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(LIST_VALUES),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    st.sampled_from(["", " ", ".", "  -", "(", ","]),
)
def test_spelling_variants_answer_as_rigour(text: str, case: object, extra: str) -> None:
    assert callable(case)
    variant = f"{extra}{case(text)}{extra}"
    assert lookup_code(variant) == rigour_code(variant)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30))
def test_any_text_answers_as_rigour(text: str) -> None:
    assert lookup_code(text) == rigour_code(text)
