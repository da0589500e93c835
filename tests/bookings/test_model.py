from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.bookings.model import Booking
from corridor.exc import InvalidData


def booking(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "PNR1",
        "sale_time": "2021-11-01T10:00:00+03:00",
        "ticket_type": "one_way",
        "segments": [
            {
                "operating_carrier": "hy",
                "origin": "IST",
                "destination": "TAS",
                "departure": "2021-11-20T08:00:00Z",
            },
            {
                "operating_carrier": "HY",
                "origin": "TAS",
                "destination": "MSQ",
                "departure": "2021-11-20T14:00:00Z",
            },
        ],
        "passengers": [{"nationalities": ["sy"], "residence_permits": "BY"}],
    }
    data.update(changes)
    return data


def test_passenger_segments_mark_connections_and_normalise() -> None:
    rows = Booking.from_dict(booking()).passenger_segments()
    assert [r.is_connection for r in rows] == [False, True]
    assert rows[1].origin_country == "UZ"
    assert rows[1].destination_country == "BY"
    assert rows[0].nationalities == ("SY",)
    assert rows[0].residence_permits == ("BY",)
    assert rows[0].marketing_carrier == "HY"
    assert rows[0].sale_time.isoformat() == "2021-11-01T07:00:00+00:00"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ticket_type": "open_jaw"}, "ticket_type"),
        ({"sale_time": "yesterday"}, "sale_time"),
        ({"passengers": [{"nationalities": []}]}, "passengers.0.nationalities"),
        (
            {"passengers": [{"nationalities": ["SY"], "document_type": "x"}]},
            "passengers.0.document_type",
        ),
    ],
)
def test_invalid_bookings_name_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidData) as info:
        Booking.from_dict(booking(**changes), file="b.json")
    assert info.value.errors[0].field == field


@given(st.text(min_size=1, max_size=4))
def test_unknown_airports_are_refused(code: str) -> None:
    segment = {
        "operating_carrier": "TK",
        "origin": code,
        "destination": "MSQ",
        "departure": "2021-11-20T08:00:00Z",
    }
    try:
        parsed = Booking.from_dict(booking(segments=[segment]))
    except InvalidData as error:
        assert error.errors[0].field in {"segments.0.origin", "segments.0.operating_carrier"}
    else:
        assert len(parsed.segments[0].origin) == 3
