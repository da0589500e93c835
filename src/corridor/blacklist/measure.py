"""Measures from COM(2021) 753 art. 3 and their scope; the 12-month limit.

>>> from corridor.model.time import to_datetime as d
>>> max_end(d("2021-12-02")).date().isoformat()
'2022-12-02'
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from corridor.exc import InvalidData, ProcedureError
from corridor.model.time import to_datetime

MAX_MONTHS = 12


class MeasureKind(StrEnum):
    LIMIT_OPERATIONS = "limit_operations"
    SUSPEND_OPERATIONS = "suspend_operations"
    SUSPEND_LICENCE = "suspend_licence"
    SUSPEND_REFUELLING = "suspend_refuelling"
    SUSPEND_MAINTENANCE = "suspend_maintenance"
    BAN_TRANSIT = "ban_transit"
    BAN_OVERFLIGHT = "ban_overflight"
    BAN_TECHNICAL_STOPS = "ban_technical_stops"
    BAN_PORT_CALLS = "ban_port_calls"


class Mode(StrEnum):
    AIR = "air"
    SEA = "sea"
    INLAND_WATERWAY = "inland_waterway"
    ROAD = "road"
    RAIL = "rail"


@dataclass(frozen=True, slots=True)
class Measure:
    """What a case proposes: kinds, scope (modes, airports/ports, routes) and a period."""

    kinds: tuple[MeasureKind, ...]
    start: datetime
    end: datetime
    modes: tuple[Mode, ...] = (Mode.AIR,)
    places: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": [k.value for k in self.kinds],
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "modes": [m.value for m in self.modes],
            "places": list(self.places),
            "routes": list(self.routes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Measure:
        try:
            kinds = tuple(MeasureKind(k) for k in data["kinds"])
            modes = tuple(Mode(m) for m in data.get("modes") or ["air"])
            start = to_datetime(data["start"])
            end = to_datetime(data["end"])
        except (KeyError, ValueError) as exc:
            raise InvalidData.at(f"invalid measure: {exc}", field="measure") from exc
        if not kinds:
            raise InvalidData.at("a measure needs at least one kind", field="measure.kinds")
        if end <= start:
            raise InvalidData.at("a measure must end after it starts", field="measure.end")
        return cls(
            kinds=kinds,
            start=start,
            end=end,
            modes=modes,
            places=tuple(data.get("places") or ()),
            routes=tuple(data.get("routes") or ()),
        )


def max_end(start: datetime) -> datetime:
    """The latest end (exclusive) of a measure entering into force at ``start``."""
    return add_months(start, MAX_MONTHS)


def add_months(when: datetime, months: int) -> datetime:
    """Same day ``months`` later; the month's last day when that day does not exist."""
    index = when.month - 1 + months
    year, month = when.year + index // 12, index % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def check_duration(start: datetime, end: datetime) -> None:
    """Refuse a measure longer than 12 months from entry into force."""
    limit = max_end(start)
    if end > limit:
        raise ProcedureError(
            f"a measure lasts at most {MAX_MONTHS} months from entry into force: "
            f"{start.date()} to {end.date()} ends after {limit.date()}"
        )
