"""The plain reference evaluator: one passenger-segment at a time, in Python.

It states the meaning of a rule; the compiled SQL of :mod:`corridor.rules.compile` must agree
with it on every row (the property tests check that).
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.bookings.model import Booking, PassengerSegment
from corridor.rules.result import Decision, make_decision
from corridor.rules.spec import Rule


def is_place(places: Sequence[str], airport: str, country: str | None) -> bool:
    """Empty means anywhere; otherwise the airport or ``country:XX`` must be listed."""
    if not places:
        return True
    return airport in places or (country is not None and f"country:{country}" in places)


def is_exempt(rule: Rule, row: PassengerSegment) -> bool:
    """Whether one of the rule's exemptions (document, residence, visa, citizenship) applies."""
    for exemption in rule.exemptions:
        kind, _, value = exemption.partition(":")
        if kind == "document" and row.document_type == value:
            return True
        if kind == "residence" and value in row.residence_permits:
            return True
        if kind == "visa" and value in row.visas:
            return True
        if kind == "citizen" and value in row.nationalities:
            return True
    return False


def is_covered_passenger(rule: Rule, row: PassengerSegment) -> bool:
    """Whether the passenger's nationalities fall under the rule (any or all of them)."""
    if not rule.nationalities:
        return True
    if rule.nationality_match == "all":
        return bool(row.nationalities) and all(n in rule.nationalities for n in row.nationalities)
    return any(n in rule.nationalities for n in row.nationalities)


def is_in_force(rule: Rule, row: PassengerSegment) -> bool:
    """Whether the rule is in force at the row's sale time (deny-sale) or departure (others)."""
    moment = row.sale_time if rule.checks_sale else row.departure
    end = rule.end
    return rule.start <= moment and (end is None or moment < end)


def is_match(rule: Rule, row: PassengerSegment) -> bool:
    """Whether ``rule`` fires on ``row``."""
    if not is_in_force(rule, row):
        return False
    if not is_place(rule.origins, row.origin, row.origin_country):
        return False
    if not is_place(rule.destinations, row.destination, row.destination_country):
        return False
    if rule.transit_only and not row.is_connection:
        return False
    if rule.operating_carriers and row.operating_carrier not in rule.operating_carriers:
        return False
    if rule.marketing_carriers and row.marketing_carrier not in rule.marketing_carriers:
        return False
    if rule.carriers and not (
        row.operating_carrier in rule.carriers or row.marketing_carrier in rule.carriers
    ):
        return False
    if rule.ticket_types and row.ticket_type not in rule.ticket_types:
        return False
    if rule.points_of_sale and row.point_of_sale not in rule.points_of_sale:
        return False
    if not is_covered_passenger(rule, row):
        return False
    return not is_exempt(rule, row)


def evaluate_row(rules: Sequence[Rule], row: PassengerSegment) -> Decision:
    """The decision for one passenger-segment: every rule that fires, and the outcome."""
    return make_decision(
        row.booking_id, row.passenger_id, row.segment_no, [r for r in rules if is_match(r, row)]
    )


def check_booking(booking: Booking, rules: Sequence[Rule]) -> list[Decision]:
    """A decision for each passenger on each segment of ``booking``."""
    return [evaluate_row(rules, row) for row in booking.passenger_segments()]
