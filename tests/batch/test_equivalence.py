"""Property: the compiled SQL and the reference evaluator decide every row the same way."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.batch.local import decide_table
from corridor.bookings.model import PassengerSegment
from corridor.rules.evaluate import evaluate_row
from corridor.rules.spec import Effect, Rule

AIRPORTS = ["IST", "SAW", "DXB", "TAS", "MSQ", "BEY", "FRA"]
PLACES = [*AIRPORTS, "country:TR", "country:BY", "country:UZ", "country:DE"]
CARRIERS = ["TK", "B2", "FZ", "HY"]
COUNTRIES = ["IQ", "SY", "AF", "BY", "TR", "DE"]
EXEMPTIONS = ["document:diplomatic", "residence:BY", "visa:BY", "citizen:BY", "citizen:TR"]
DAY0 = date(2021, 11, 10)


def subset(items: list[str], max_size: int = 2) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), max_size=max_size, unique=True)


@st.composite
def rules(draw: st.DrawFn, index: int) -> Rule:
    start = DAY0 + timedelta(days=draw(st.integers(0, 6)))
    until = draw(st.none() | st.integers(0, 5).map(lambda d: start + timedelta(days=d)))
    return Rule(
        id=f"R{index}",
        measure_id=f"R{index}",
        effect=draw(st.sampled_from(list(Effect))),
        effective_from=start,
        effective_until=until,
        origins=tuple(draw(subset(PLACES))),
        destinations=tuple(draw(subset(PLACES))),
        transit_only=draw(st.booleans()),
        operating_carriers=tuple(draw(subset(CARRIERS, 1))),
        marketing_carriers=tuple(draw(subset(CARRIERS, 1))),
        carriers=tuple(draw(subset(CARRIERS))),
        ticket_types=tuple(draw(st.lists(st.sampled_from(["one_way", "return"]), max_size=1))),
        points_of_sale=tuple(draw(subset(COUNTRIES, 1))),
        nationalities=tuple(draw(subset(COUNTRIES, 3))),
        nationality_match=draw(st.sampled_from(["any", "all"])),
        exemptions=tuple(draw(subset(EXEMPTIONS))),
        explanation="random",
    )


def moment(draw: st.DrawFn) -> datetime:
    hours = draw(st.integers(0, 24 * 14))
    return datetime(2021, 11, 8, tzinfo=UTC) + timedelta(hours=hours)


@st.composite
def rows(draw: st.DrawFn, index: int) -> PassengerSegment:
    return PassengerSegment(
        booking_id=f"B{index}",
        passenger_id="P1",
        segment_no=1,
        sale_time=moment(draw),
        ticket_type=draw(st.sampled_from(["one_way", "return"])),
        point_of_sale=draw(st.none() | st.sampled_from(COUNTRIES)),
        operating_carrier=draw(st.sampled_from(CARRIERS)),
        marketing_carrier=draw(st.sampled_from(CARRIERS)),
        flight_number="X1",
        origin=draw(st.sampled_from(AIRPORTS)),
        destination=draw(st.sampled_from(AIRPORTS)),
        departure=moment(draw),
        is_connection=draw(st.booleans()),
        nationalities=tuple(draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=2))),
        document_type=draw(st.sampled_from(["passport", "diplomatic"])),
        residence_permits=tuple(draw(subset(["BY", "TR"], 1))),
        visas=tuple(draw(subset(["BY"], 1))),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_compiled_sql_agrees_with_reference(data: st.DataObject) -> None:
    rule_list = [data.draw(rules(i)) for i in range(data.draw(st.integers(1, 4)))]
    row_list = [data.draw(rows(i)) for i in range(data.draw(st.integers(1, 25)))]
    table = pa.Table.from_pylist([r.to_row() for r in row_list])
    got = {r["booking_id"]: r for r in decide_table(rule_list, table).to_pylist()}
    for row in row_list:
        expected = evaluate_row(rule_list, row)
        result = got[row.booking_id]
        assert result["decision"] == expected.outcome, (row, rule_list)
        assert result["rules"] == expected.rule_ids
