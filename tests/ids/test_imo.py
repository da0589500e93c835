from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corridor.ids.imo import is_valid_imo, normalise_imo


def test_normalise() -> None:
    assert normalise_imo("IMO 9187629") == "9187629"
    assert normalise_imo("imo no. 9187629") == "9187629"
    assert normalise_imo("9187629") == "9187629"


def test_check_digit() -> None:
    assert is_valid_imo("IMO 9187629")
    assert is_valid_imo("9074729")
    assert not is_valid_imo("9187628")
    assert not is_valid_imo("918762")


@given(st.integers(min_value=0, max_value=999_999))
def test_exactly_one_check_digit_fits(stem: int) -> None:
    digits = f"{stem:06d}"
    assert sum(is_valid_imo(digits + str(d)) for d in range(10)) == 1


@given(st.text(max_size=20))
def test_idempotent(value: str) -> None:
    assert normalise_imo(normalise_imo(value)) == normalise_imo(value)
