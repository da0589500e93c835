"""``POST /check`` (one booking, as a check-in system would call it) and ``GET /rules``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel

from corridor.rules.spec import parse_variants
from corridor.services.rules import check_booking_data, list_measures

router = APIRouter(tags=["rules"])


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


@router.post("/check", response_model=CheckResponse)
def check(
    booking: dict[str, Any] = Body(..., description="A booking: id, sale_time, segments..."),
    variant: list[str] = Query([], description="Reading of a disputed measure, e.g. M06=b"),
) -> dict[str, Any]:
    """Decide every passenger-segment of one booking; the booking's decision is the strictest."""
    decisions = check_booking_data(booking, variants=parse_variants(variant))
    outcomes = {d.outcome for d in decisions}
    overall = "deny" if "deny" in outcomes else "refer" if "refer" in outcomes else "allow"
    return {"decision": overall, "decisions": [d.to_dict() for d in decisions]}


@router.get("/rules")
def rules() -> list[dict[str, Any]]:
    """The bundled route measures with their sources and rules."""
    return list_measures()
