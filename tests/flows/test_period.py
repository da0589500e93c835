from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.flows.period import resolve_period

PHRASES = [
    "so far this year", "this year", "so far this month", "this month", "last month",
    "last year", "last week", "yesterday", "today",
]  # fmt: skip


def test_known_phrases() -> None:
    published = date(2021, 11, 17)
    period, how = resolve_period("Last  month", published)
    assert (period.start.date(), period.last_day) == (date(2021, 10, 1), date(2021, 10, 31))
    assert "previous calendar month" in how and "2021-11-17" in how
    period, _ = resolve_period("since 2021-08-03", published)
    assert (period.start.date(), period.last_day) == (date(2021, 8, 3), published)
    with pytest.raises(InvalidData):
        resolve_period("recently", published)
    with pytest.raises(InvalidData):
        resolve_period("since 2022-01-01", published)


@given(phrase=st.sampled_from(PHRASES), published=st.dates(date(1990, 1, 1), date(2100, 1, 1)))
def test_resolved_periods_never_pass_publication(phrase: str, published: date) -> None:
    period, how = resolve_period(phrase, published)
    assert period.last_day is not None and period.last_day <= published
    assert period.start.date() <= period.last_day
    assert published - timedelta(days=731) <= period.start.date()
    assert published.isoformat() in how
