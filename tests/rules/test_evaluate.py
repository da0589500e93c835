from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the scenario table beside this file
from rules_scenarios import SCENARIOS, Scenario

from corridor.bookings.model import Booking
from corridor.rules.evaluate import check_booking
from corridor.rules.spec import load_measures, select_rules


def test_at_least_forty_scenarios_covering_every_checkable_measure() -> None:
    assert len(SCENARIOS) >= 40
    checkable = {m.id for m in load_measures() if m.rules}
    assert checkable <= {s.measure for s in SCENARIOS}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(scenario: Scenario) -> None:
    rules = select_rules(load_measures(), scenario.variants)
    decisions = check_booking(Booking.from_dict(scenario.booking()), rules)
    decision = decisions[scenario.segment]
    assert decision.outcome == scenario.outcome, decision.to_dict()
    if scenario.outcome == "deny":
        assert scenario.measure in decision.measure_ids
        firing = next(f for f in decision.fired if f.measure_id == scenario.measure)
        assert firing.explanation
        assert firing.sources
    else:
        assert scenario.measure not in decision.measure_ids
