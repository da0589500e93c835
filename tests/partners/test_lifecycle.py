"""The commitment lifecycle: announced → in effect → lapsed / reversed, and nothing back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.exc import ProcedureError
from corridor.partners import Commitment, CommitmentStatus, Register, move, status_on

BASE = {
    "id": "C99",
    "partner": "IQ",
    "actor": "Iraq Civil Aviation Authority",
    "kind": "flight_suspension",
    "summary": "flights to Minsk suspended",
    "status": "announced",
    "announced": "2021-08-06",
    "publisher": "Shafaq News",
    "source_url": "https://www.shafaq.com/en/Iraq-News/Iraq-s-Civil-Aviation-Authority-halt-flights-to-Belarus",
}


def test_announced_to_in_effect_to_lapsed() -> None:
    pledged = Commitment.model_validate(BASE)
    live = move(pledged, CommitmentStatus.IN_EFFECT, date(2021, 8, 7), "suspension applied")
    assert live.status is CommitmentStatus.IN_EFFECT and live.in_effect_from == date(2021, 8, 7)
    over = move(live, CommitmentStatus.LAPSED, date(2022, 3, 1), "flights resumed")
    assert over.status is CommitmentStatus.LAPSED and over.ended == date(2022, 3, 1)
    assert over.status_basis == "flights resumed"
    assert pledged.status is CommitmentStatus.ANNOUNCED  # moves return a new commitment


def test_a_pledge_may_be_reversed_before_it_took_effect() -> None:
    pledged = Commitment.model_validate(BASE)
    assert move(pledged, CommitmentStatus.REVERSED, date(2021, 8, 10), "withdrawn").ended == date(
        2021, 8, 10
    )


def test_nothing_comes_back_from_reversed() -> None:
    reversed_ = move(
        Commitment.model_validate(BASE), CommitmentStatus.REVERSED, date(2021, 9, 1), "withdrawn"
    )
    with pytest.raises(ProcedureError, match="can move to nothing"):
        move(reversed_, CommitmentStatus.IN_EFFECT, date(2021, 10, 1), "renewed")


def test_a_move_cannot_predate_the_commitment() -> None:
    with pytest.raises(ProcedureError, match="before 2021-08-06"):
        move(Commitment.model_validate(BASE), CommitmentStatus.IN_EFFECT, date(2021, 8, 1), "early")


def test_a_move_needs_a_reason() -> None:
    with pytest.raises(ProcedureError, match="say why"):
        move(Commitment.model_validate(BASE), CommitmentStatus.IN_EFFECT, date(2021, 8, 7), " ")


def test_status_on_a_day(register: Register) -> None:
    readmission = register.commitment("C01")  # in force 2020-07-01, suspended 2021-06-28
    assert status_on(readmission, date(2019, 1, 1)) is None
    assert status_on(readmission, date(2020, 3, 1)) is CommitmentStatus.ANNOUNCED
    assert status_on(readmission, date(2021, 1, 1)) is CommitmentStatus.IN_EFFECT
    assert status_on(readmission, date(2021, 7, 1)) is CommitmentStatus.REVERSED


def test_end_status_needs_an_end_date() -> None:
    with pytest.raises(ValueError, match="needs the date it ended"):
        Commitment.model_validate({**BASE, "status": "lapsed"})
    with pytest.raises(ValueError, match="end date"):
        Commitment.model_validate({**BASE, "ended": "2021-09-01"})


@settings(deadline=None, max_examples=80)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(CommitmentStatus)), st.integers(min_value=-5, max_value=60)),
        max_size=5,
    )
)
def test_random_moves_never_leave_an_ended_commitment(
    moves: list[tuple[CommitmentStatus, int]],
) -> None:
    commitment = Commitment.model_validate(BASE)
    day = date(2021, 8, 6)
    for target, step in moves:
        day = day + timedelta(days=step)
        try:
            commitment = move(commitment, target, day, "reviewed")
        except ProcedureError:
            continue
        assert commitment.status is target
    if commitment.status.is_ended:
        assert commitment.ended is not None
        assert commitment.ended >= (
            commitment.in_effect_from or commitment.announced or commitment.ended
        )
