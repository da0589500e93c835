"""Look-ups by partner, links to route measures both ways, and the timeline."""

from __future__ import annotations

import pytest

from corridor.exc import NotFound
from corridor.partners import Register
from corridor.partners.charts import timeline_chart


def test_iraq_sees_its_carriers_and_measures(register: Register) -> None:
    assert [p.id for p in register.carriers_of("IQ")] == ["air:IA"]
    ids = {c.id for c in register.commitments_of("IQ")}
    assert {"C02", "C03", "C05"} <= ids  # C02 is Iraqi Airways', a carrier registered in Iraq
    assert register.measures_of("IQ") == ["M03", "M04", "M05"]
    assert register.get("iq") is register["IQ"]


def test_measure_links_read_both_ways(register: Register) -> None:
    links = register.measure_links()
    for measure, commitment_ids in links.items():
        for cid in commitment_ids:
            assert measure in register.commitment(cid).measures
        assert {c.id for c in register.commitments_for_measure(measure)} == set(commitment_ids)
    assert set(links["M06"]) == {"C09", "C10"}


def test_group_members_share_group_commitments(register: Register) -> None:
    assert "C22" in {c.id for c in register.commitments_of("UZ")}  # Central Asia's pledge


def test_unknown_partner(register: Register) -> None:
    with pytest.raises(NotFound, match="no partner 'ZZ'"):
        register["ZZ"]


def test_timeline_is_dated_and_sourced(register: Register) -> None:
    events = register.timeline("IQ")
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert {"engagement", "commitment_in_effect", "returns"} <= {e.kind for e in events}
    assert all(e.source for e in events)


def test_timeline_chart_is_vega_lite(register: Register) -> None:
    spec = timeline_chart(register.timeline("TR"), register.commitments_of("TR"), "Türkiye")
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    values = [v for d in spec["datasets"].values() for v in d]
    assert any(v.get("ref") == "C08" for v in values)
