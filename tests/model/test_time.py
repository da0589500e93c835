from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.model.time import to_date, to_datetime


def test_naive_datetime_is_taken_as_utc() -> None:
    assert to_datetime(datetime(2021, 11, 12, 10, 0)) == datetime(2021, 11, 12, 10, 0, tzinfo=UTC)


def test_aware_datetime_is_converted_to_utc() -> None:
    minsk = timezone(timedelta(hours=3))
    assert to_datetime(datetime(2021, 11, 12, 10, 0, tzinfo=minsk)).hour == 7


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("2021-12-02", False, date(2021, 12, 2)),
        ("02/12/2021", True, date(2021, 12, 2)),
        ("12/02/2021", False, date(2021, 12, 2)),
        ("2.12.2021", True, date(2021, 12, 2)),
        ("2021-11-12T10:00:00Z", False, date(2021, 11, 12)),
    ],
)
def test_text_dates(text: str, dayfirst: bool, expected: date) -> None:
    assert to_date(text, dayfirst=dayfirst) == expected


def test_garbage_is_refused() -> None:
    with pytest.raises(ValueError):
        to_datetime("so far this year")


@given(st.datetimes(timezones=st.timezones()))
def test_round_trip_keeps_the_instant(value: datetime) -> None:
    result = to_datetime(value)
    assert result.tzinfo is UTC
    # Compare instants: PEP 495 makes ambiguous wall times (DST folds) unequal across zones.
    assert result.timestamp() == value.timestamp()


@given(st.dates())
def test_iso_date_text_round_trips(value: date) -> None:
    assert to_date(value.isoformat()) == value
