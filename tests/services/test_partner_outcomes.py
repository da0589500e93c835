"""Did the 2021 commitments hold? Outcomes on the bundled Frontex figures and returns records."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from corridor.partners.model import Indicator
from corridor.services.partner_outcomes import outcome_summary, outcomes
from corridor.store.db import create_schema, make_engine


@pytest.fixture(scope="module")
def found_2021() -> dict[str, dict[str, object]]:
    engine: Engine = make_engine("sqlite://")
    create_schema(engine)
    return {o.commitment_id: o.to_dict() for o in outcomes(engine, None, year=2021)}


def test_every_2021_commitment_with_an_indicator_is_answered(
    found_2021: dict[str, dict[str, object]],
) -> None:
    # 21 of the register's 2021 commitments name a flows indicator; none is dropped
    assert len(found_2021) == 21
    assert all(
        o["verdict"] in ("fell", "rose", "no_clear_change", "no_data") for o in found_2021.values()
    )
    assert all(o["caveats"] or o["indicator"] == "returns" for o in found_2021.values())


def test_the_turkish_ban_with_its_interval(found_2021: dict[str, dict[str, object]]) -> None:
    turkey = found_2021["C08"]
    assert turkey["before"] == {"month": "2021-10", "value": 582.0}  # IRQ+SYR+YEM detections
    assert turkey["after"] == {"month": "2021-12", "value": 102.0}
    impact = turkey["impact"]
    assert isinstance(impact, dict)
    assert impact["level_ratio_low"] < impact["level_ratio"] < impact["level_ratio_high"] < 1
    assert turkey["verdict"] == "fell" and not turkey["flagged"]
    assert any("Eastern Borders Route holds every land border" in c for c in turkey["caveats"])
    assert any("other measures within 31 days" in c for c in turkey["caveats"])


def test_commitments_that_did_not_move_are_flagged(
    found_2021: dict[str, dict[str, object]],
) -> None:
    # August 2021: the Iraqi suspension came as crossings peaked; the level change's interval
    # includes no change, so it is flagged rather than counted as held
    for cid in ("C02", "C03", "C04"):
        assert found_2021[cid]["verdict"] == "no_clear_change"
        assert found_2021[cid]["flagged"] is True


def test_repatriation_flights_counted_as_a_range(found_2021: dict[str, dict[str, object]]) -> None:
    iraq = found_2021["C05"]
    assert iraq["indicator"] == Indicator.RETURNS.value
    assert (iraq["after_low"], iraq["after_high"]) == (1135.0, 1166.0)  # 400 or 431 on 18 Nov
    assert any("sources disagree" in c for c in iraq["caveats"])


def test_summary_counts_flags() -> None:
    engine = make_engine("sqlite://")
    create_schema(engine)
    found = outcomes(engine, None, year=2021, partner="IQ")
    summary = outcome_summary(found)
    assert summary["commitments"] == len(found)
    assert set(summary["flagged"]) >= {"C02", "C03", "C04"}
