"""A booking as an airline holds it (PNR-like) and the passenger-segment rows rules look at.

A :class:`Booking` has a sale time, a ticket type, optionally the country of sale, segments
(operating and marketing carrier, flight number, origin, destination, departure) and passengers
(nationalities, document type, residence permits, visas). Rules decide per
:class:`PassengerSegment`: one passenger on one segment. The flat row form (``to_row``) is the
column layout batch files use; lists are joined with ``;``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, cast

from corridor.exc import InvalidData
from corridor.model.time import to_datetime

TicketType = Literal["one_way", "return"]
TICKET_TYPES: tuple[str, ...] = ("one_way", "return")
DOCUMENT_TYPES: tuple[str, ...] = (
    "passport",
    "diplomatic",
    "service",
    "travel_document",
    "id_card",
)

ROW_COLUMNS: tuple[str, ...] = (
    "booking_id",
    "passenger_id",
    "segment_no",
    "sale_time",
    "ticket_type",
    "point_of_sale",
    "operating_carrier",
    "marketing_carrier",
    "flight_number",
    "origin",
    "destination",
    "departure",
    "is_connection",
    "nationalities",
    "document_type",
    "residence_permits",
    "visas",
)

_IATA = re.compile(r"^[A-Z]{3}$")
_CARRIER = re.compile(r"^[A-Z0-9]{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@lru_cache(maxsize=1)
def airport_countries() -> dict[str, str]:
    """IATA airport code -> ISO country (upper case), from airportsdata."""
    import airportsdata

    return {code: str(row["country"]).upper() for code, row in airportsdata.load("IATA").items()}


@dataclass(frozen=True, slots=True)
class Segment:
    operating_carrier: str
    marketing_carrier: str
    flight_number: str
    origin: str
    destination: str
    departure: datetime


@dataclass(frozen=True, slots=True)
class Passenger:
    id: str
    nationalities: tuple[str, ...]
    document_type: str = "passport"
    residence_permits: tuple[str, ...] = ()
    visas: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Booking:
    id: str
    sale_time: datetime
    ticket_type: TicketType
    segments: tuple[Segment, ...]
    passengers: tuple[Passenger, ...]
    point_of_sale: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, file: str | None = None) -> Booking:
        """Validate a booking; problems raise :class:`InvalidData` naming the field.

        Fails closed: a booking without segments or passengers, or with a field of the wrong
        type (``segments`` as text, ``nationalities: 42``), is refused with the field named,
        never decided as if it were allowed.
        """
        if not isinstance(data, dict):
            raise InvalidData.at("a booking is a JSON object", file=file)

        def need(obj: dict[str, Any], key: str, where: str) -> Any:
            if key not in obj or obj[key] in (None, ""):
                raise InvalidData.at(f"{where}{key} is missing", file=file, field=where + key)
            return obj[key]

        booking_id = str(need(data, "id", ""))
        try:
            sale_time = to_datetime(str(need(data, "sale_time", "")))
        except (ValueError, OverflowError) as exc:
            raise InvalidData.at(f"bad sale_time: {exc}", file=file, field="sale_time") from exc
        ticket = str(data.get("ticket_type", "return"))
        if ticket not in TICKET_TYPES:
            raise InvalidData.at(f"ticket_type {ticket!r} unknown", file=file, field="ticket_type")
        pos = data.get("point_of_sale")
        if pos is not None:
            pos = _country(str(pos), file, "point_of_sale")
        segments = tuple(
            _segment(s, f"segments.{i}.", file)
            for i, s in enumerate(_objects(need(data, "segments", ""), "segments", file))
        )
        passengers = tuple(
            _passenger(p, f"passengers.{i}.", file, i)
            for i, p in enumerate(_objects(need(data, "passengers", ""), "passengers", file))
        )
        return cls(booking_id, sale_time, cast(TicketType, ticket), segments, passengers, pos)

    def passenger_segments(self) -> list[PassengerSegment]:
        """One row per passenger and segment, in segment order."""
        out: list[PassengerSegment] = []
        for passenger in self.passengers:
            for number, segment in enumerate(self.segments, start=1):
                previous = self.segments[number - 2] if number > 1 else None
                connection = previous is not None and previous.destination == segment.origin
                out.append(
                    PassengerSegment(
                        booking_id=self.id,
                        passenger_id=passenger.id,
                        segment_no=number,
                        sale_time=self.sale_time,
                        ticket_type=self.ticket_type,
                        point_of_sale=self.point_of_sale,
                        operating_carrier=segment.operating_carrier,
                        marketing_carrier=segment.marketing_carrier,
                        flight_number=segment.flight_number,
                        origin=segment.origin,
                        destination=segment.destination,
                        departure=segment.departure,
                        is_connection=connection,
                        nationalities=passenger.nationalities,
                        document_type=passenger.document_type,
                        residence_permits=passenger.residence_permits,
                        visas=passenger.visas,
                    )
                )
        return out


@dataclass(frozen=True, slots=True)
class PassengerSegment:
    """What a rule looks at: one passenger on one segment of one booking."""

    booking_id: str
    passenger_id: str
    segment_no: int
    sale_time: datetime
    ticket_type: str
    point_of_sale: str | None
    operating_carrier: str
    marketing_carrier: str
    flight_number: str
    origin: str
    destination: str
    departure: datetime
    is_connection: bool
    nationalities: tuple[str, ...]
    document_type: str
    residence_permits: tuple[str, ...]
    visas: tuple[str, ...]

    @property
    def origin_country(self) -> str | None:
        return airport_countries().get(self.origin)

    @property
    def destination_country(self) -> str | None:
        return airport_countries().get(self.destination)

    def to_row(self) -> dict[str, object]:
        """The flat column form batch files use (lists joined with ``;``)."""
        return {
            "booking_id": self.booking_id,
            "passenger_id": self.passenger_id,
            "segment_no": self.segment_no,
            "sale_time": self.sale_time,
            "ticket_type": self.ticket_type,
            "point_of_sale": self.point_of_sale,
            "operating_carrier": self.operating_carrier,
            "marketing_carrier": self.marketing_carrier,
            "flight_number": self.flight_number,
            "origin": self.origin,
            "destination": self.destination,
            "departure": self.departure,
            "is_connection": self.is_connection,
            "nationalities": ";".join(self.nationalities),
            "document_type": self.document_type,
            "residence_permits": ";".join(self.residence_permits),
            "visas": ";".join(self.visas),
        }


# a booking with more than this many segments or passengers is refused (a PNR holds at most 9
# passengers and 16 or so segments; group bookings go into several PNRs)
MAX_ITEMS = 100


def _objects(value: object, field: str, file: str | None) -> list[dict[str, Any]]:
    """A non-empty list of JSON objects, or InvalidData naming ``field``."""
    if not isinstance(value, list):
        raise InvalidData.at(
            f"{field} must be a list of objects, not {type(value).__name__}", file=file, field=field
        )
    if not value:
        raise InvalidData.at(f"{field} is empty: nothing to check", file=file, field=field)
    if len(value) > MAX_ITEMS:
        raise InvalidData.at(f"more than {MAX_ITEMS} {field}", file=file, field=field)
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise InvalidData.at(
                f"{field}.{i} must be an object, not {type(item).__name__}",
                file=file,
                field=f"{field}.{i}",
            )
    return cast(list[dict[str, Any]], value)


def _country(value: str, file: str | None, field: str) -> str:
    code = value.strip().upper()
    if not _COUNTRY.match(code):
        raise InvalidData.at(f"{value!r} is not an ISO country code", file=file, field=field)
    return code


def _countries(value: object, file: str | None, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = list(value.split(";"))
    elif isinstance(value, list):
        items = list(value)
    else:
        raise InvalidData.at(
            f"expected country codes (a list or ';'-joined text), not {type(value).__name__}",
            file=file,
            field=field,
        )
    if len(items) > MAX_ITEMS:
        raise InvalidData.at(f"more than {MAX_ITEMS} country codes", file=file, field=field)
    for v in items:
        if not isinstance(v, str):
            raise InvalidData.at(f"country code {v!r} is not text", file=file, field=field)
    return tuple(_country(str(v), file, field) for v in items if str(v).strip())


def _segment(data: dict[str, Any], where: str, file: str | None) -> Segment:
    fields: dict[str, str] = {}
    for key in ("operating_carrier", "origin", "destination", "departure"):
        if not data.get(key):
            raise InvalidData.at(f"{where}{key} is missing", file=file, field=where + key)
        if not isinstance(data[key], str):
            raise InvalidData.at(f"{where}{key} must be text", file=file, field=where + key)
        fields[key] = str(data[key]).strip().upper()
    for key in ("origin", "destination"):
        if not _IATA.match(fields[key]) or fields[key] not in airport_countries():
            raise InvalidData.at(
                f"{fields[key]!r} is not a known IATA airport", file=file, field=where + key
            )
    operating = fields["operating_carrier"]
    marketing = str(data.get("marketing_carrier") or operating).strip().upper()
    for key, code in (("operating_carrier", operating), ("marketing_carrier", marketing)):
        if not _CARRIER.match(code):
            raise InvalidData.at(f"{code!r} is not an IATA carrier", file=file, field=where + key)
    try:
        departure = to_datetime(str(data["departure"]))
    except (ValueError, OverflowError) as exc:
        raise InvalidData.at(f"bad departure: {exc}", file=file, field=where + "departure") from exc
    flight = str(data.get("flight_number") or "").strip().upper()
    return Segment(operating, marketing, flight, fields["origin"], fields["destination"], departure)


def _passenger(data: dict[str, Any], where: str, file: str | None, index: int) -> Passenger:
    nationalities = _countries(data.get("nationalities"), file, where + "nationalities")
    if not nationalities:
        raise InvalidData.at(
            f"{where}nationalities is missing", file=file, field=where + "nationalities"
        )
    document = str(data.get("document_type") or "passport")
    if document not in DOCUMENT_TYPES:
        raise InvalidData.at(
            f"document_type {document!r} unknown", file=file, field=where + "document_type"
        )
    return Passenger(
        id=str(data.get("id") or f"P{index + 1}"),
        nationalities=nationalities,
        document_type=document,
        residence_permits=_countries(
            data.get("residence_permits"), file, where + "residence_permits"
        ),
        visas=_countries(data.get("visas"), file, where + "visas"),
    )
