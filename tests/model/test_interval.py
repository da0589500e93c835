from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.model.interval import Interval, IntervalCollection
from corridor.model.time import to_datetime as d

CHAM_WINGS_EU = Interval.from_dates("2021-12-02", "2022-07-17")  # listed until 18 Jul 2022


def test_inclusive_end_date() -> None:
    assert CHAM_WINGS_EU.contains(d("2022-07-17T23:59:59"))
    assert not CHAM_WINGS_EU.contains(d("2022-07-18"))
    assert CHAM_WINGS_EU.last_day is not None
    assert CHAM_WINGS_EU.last_day.isoformat() == "2022-07-17"


def test_open_interval_contains_the_future() -> None:
    belavia_eu = Interval.from_dates("2021-12-02", None)
    assert belavia_eu.is_open
    assert belavia_eu.contains(d("2030-01-01"))
    assert not belavia_eu.contains(d("2021-12-01"))


def test_naive_bounds_are_refused() -> None:
    with pytest.raises(ValueError):
        Interval(datetime(2021, 1, 1), None)


def test_reversed_bounds_are_refused() -> None:
    with pytest.raises(ValueError):
        Interval(d("2022-01-01"), d("2021-01-01"))


def test_intersection_union_difference() -> None:
    a = Interval(d("2021-01-01"), d("2021-12-31"))
    b = Interval(d("2021-06-01"), None)
    both = a & b
    assert both == Interval(d("2021-06-01"), d("2021-12-31"))
    assert list(a | b) == [Interval(d("2021-01-01"), None)]
    assert list(a - b) == [Interval(d("2021-01-01"), d("2021-06-01"))]
    assert (a & Interval(d("2022-01-01"), None)) is None


def test_collection_merges_touching_pieces() -> None:
    c = IntervalCollection(
        [Interval(d("2021-03-01"), d("2021-04-01")), Interval(d("2021-01-01"), d("2021-03-01"))]
    )
    assert list(c) == [Interval(d("2021-01-01"), d("2021-04-01"))]


instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    start = draw(instants)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=3000)))
    end = None if length is None else start + timedelta(days=length)
    return Interval(start, end)


@given(intervals(), intervals(), instants)
def test_set_algebra_agrees_with_membership(a: Interval, b: Interval, t: datetime) -> None:
    assert (a | b).contains(t) == (a.contains(t) or b.contains(t))
    inter = a & b
    assert (inter is not None and inter.contains(t)) == (a.contains(t) and b.contains(t))
    assert (a - b).contains(t) == (a.contains(t) and not b.contains(t))
