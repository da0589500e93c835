"""Numbers in digits and in words (:mod:`corridor.evidence.extract.numbers`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.evidence.extract.numbers import find_numbers

UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("eleven men were charged", 11, None),
        ("Dozens of migrants", 24, "at_least"),
        ("hundreds of police officers", 200, "at_least"),
        ("thousands more troops", 2000, "at_least"),
        ("tens of thousands of euros", 20000, "at_least"),
        ("more than a thousand Iraqis", 1000, None),
        ("two hundred people", 200, None),
        ("a dozen flights", 12, "approximately"),
        ("€1.5 million", 1_500_000, None),
        ("4,216 crossed", 4216, None),
    ],
)
def test_values_and_bounds(text: str, value: float, qualifier: str | None) -> None:
    found = find_numbers(text)
    assert [(n.value, n.qualifier) for n in found] == [(value, qualifier)]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text", ["one of them said", "a three-kilometre zone", "someone", "often", "a group of"]
)
def test_words_that_are_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_only_bare_four_digit_numbers_may_be_years() -> None:
    found = find_numbers("in 2021 some 2,021 people and 2021 thousand")
    assert [n.maybe_year for n in found] == [True, False, False]


@given(st.integers(0, 7), st.integers(0, 7), st.booleans())
def test_compound_numbers_in_words(tens: int, units: int, scaled: bool) -> None:
    word = f"{TENS[tens]}-{UNITS[units]}" + (" thousand" if scaled else "")
    expected = ((tens + 2) * 10 + units + 2) * (1000 if scaled else 1)
    found = find_numbers(f"Police said {word} migrants were stopped.")
    assert [n.value for n in found] == [expected]
    assert found[0].text == word


@given(st.integers(0, 10**9))
def test_digits_with_thousands_separators_read_back(value: int) -> None:
    text = f"about {value:,} people"
    found = find_numbers(text)
    assert [n.value for n in found] == [value]
