"""``POST /check`` (one booking, as a check-in system would call it) and ``GET /rules``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from corridor.exc import InvalidData
from corridor.rules.spec import Measure, parse_variants
from corridor.services.rules import check_booking_data, list_measures

router = APIRouter(tags=["rules"])


Code = Annotated[str, Field(min_length=1, max_length=8)]


class SegmentBody(BaseModel):
    """One flight of the booking."""

    model_config = ConfigDict(extra="ignore")

    operating_carrier: str = Field(min_length=1, max_length=8, description="IATA code, e.g. HY")
    marketing_carrier: str | None = Field(None, max_length=8)
    flight_number: str | None = Field(None, max_length=16)
    origin: str = Field(min_length=1, max_length=8, description="IATA airport, e.g. IST")
    destination: str = Field(min_length=1, max_length=8, description="IATA airport, e.g. MSQ")
    departure: str = Field(min_length=1, max_length=40, description="ISO 8601 instant")


class PassengerBody(BaseModel):
    """One traveller: nationalities and documents (ISO country codes)."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = Field(None, max_length=64)
    nationalities: list[Code] = Field(min_length=1, max_length=20)
    document_type: str | None = Field(None, max_length=32)
    residence_permits: list[Code] = Field(default_factory=list, max_length=20)
    visas: list[Code] = Field(default_factory=list, max_length=20)


class BookingBody(BaseModel):
    """A booking as a check-in or reservation system holds it; nothing is allowed by default:
    a booking without segments or passengers is refused (422) with the field named."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=64)
    sale_time: str = Field(min_length=1, max_length=40, description="ISO 8601 instant")
    ticket_type: str = Field("return", max_length=16, description="one_way or return")
    point_of_sale: str | None = Field(None, max_length=8)
    segments: list[SegmentBody] = Field(min_length=1, max_length=100)
    passengers: list[PassengerBody] = Field(min_length=1, max_length=100)


class FiringResponse(BaseModel):
    rule: str
    measure: str
    effect: str
    explanation: str
    sources: list[str]


class DecisionResponse(BaseModel):
    booking_id: str
    passenger_id: str
    segment_no: int
    decision: str
    fired: list[FiringResponse]


class CheckResponse(BaseModel):
    decision: str
    decisions: list[DecisionResponse]


@router.post(
    "/check",
    responses={422: {"description": "The booking is malformed or incomplete (field named)"}},
)
def check(
    booking: BookingBody,
    variant: Annotated[
        list[str], Query(description="Reading of a disputed measure, e.g. M06=b", max_length=20)
    ] = [],  # noqa: B006 - FastAPI copies defaults
) -> CheckResponse:
    """Decide every passenger-segment of one booking; the booking's decision is the strictest.

    Fails closed: the answer is "allow" only when every passenger-segment was decided allow.
    """
    data = booking.model_dump(exclude_none=True)
    decisions = check_booking_data(data, variants=parse_variants(variant))
    overall = overall_decision([d.outcome for d in decisions])
    return CheckResponse.model_validate(
        {"decision": overall, "decisions": [d.to_dict() for d in decisions]}
    )


def overall_decision(outcomes: list[str]) -> str:
    """The strictest outcome; nothing decided is no "allow" (fail closed)."""
    if not outcomes:
        raise InvalidData.at("nothing to decide: no passenger-segment", field="segments")
    for outcome in ("deny", "refer"):
        if outcome in outcomes:
            return outcome
    if any(o != "allow" for o in outcomes):
        return "refer"
    return "allow"


@router.get("/rules")
def rules() -> list[Measure]:
    """The bundled route measures with their sources and rules."""
    return [Measure.model_validate(m) for m in list_measures()]
