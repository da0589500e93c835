from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corridor.ids.aircraft import (
    display_registration,
    nationality_marks,
    normalise_serial,
    registration_country,
)


def test_display_puts_the_hyphen_back() -> None:
    assert display_registration("EW78843") == "EW-78843"
    assert display_registration("ew 301pj") == "EW-301PJ"
    assert display_registration("YKAKA") == "YK-AKA"
    assert display_registration("VPBAB") == "VP-BAB"
    assert display_registration("N123AB") == "N123AB"


def test_country_of_mark() -> None:
    assert registration_country("EW-78843") == "by"
    assert registration_country("RA-64050") == "ru"
    assert registration_country("YK-AKA") == "sy"
    assert registration_country("QQ") is None


def test_marks_table_is_valid() -> None:
    marks = nationality_marks()
    assert len({m.canonical for m in marks}) == len(marks)
    assert all(len(m.country) == 2 for m in marks)


def test_serial() -> None:
    assert normalise_serial("MSN 1003403109") == "1003403109"
    assert normalise_serial("(MSN) 8057") == "8057"
    assert normalise_serial("26-03") == "26-03"


@given(st.text(max_size=20))
def test_display_is_stable(value: str) -> None:
    shown = display_registration(value)
    assert display_registration(shown) == shown
