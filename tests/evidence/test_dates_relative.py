"""Relative periods (the one resolver of vague periods: ``flows`` has none of its own) start by
the publication day and never reach back more than two years."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from corridor.evidence.extract.dates import find_dates

PHRASES = [
    "so far this year", "this year", "last month", "last year", "last week", "yesterday", "today",
]  # fmt: skip


def test_last_month_is_the_previous_calendar_month() -> None:
    (mention,) = find_dates("Arrivals rose last month.", date(2021, 11, 17))
    assert (mention.start_date, mention.end_date) == (date(2021, 10, 1), date(2021, 10, 31))
    assert mention.rule == "last_month"


@given(phrase=st.sampled_from(PHRASES), published=st.dates(date(1990, 1, 1), date(2100, 1, 1)))
def test_relative_periods_start_by_publication(phrase: str, published: date) -> None:
    (mention,) = find_dates(f"Arrivals rose {phrase}.", published)
    assert mention.start_date <= published
    assert mention.end_date is None or mention.start_date <= mention.end_date
    assert published - timedelta(days=731) <= mention.start_date
