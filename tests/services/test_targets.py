"""Targets across lists on the bundled real lists: proposed, judged, reversed, shown once."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from corridor.api.app import create_app
from corridor.resources import data_dir
from corridor.services import targets
from corridor.services.lists import load_path
from corridor.settings import Settings

LISTS = data_dir("lists")


def _load(engine: Engine) -> None:
    logging.disable(logging.WARNING)
    try:
        load_path(engine, "ofac_sdn", LISTS / "ofac_sdn" / "2024-05-03")
        load_path(engine, "eu_journal", LISTS / "eu_journal" / "2026-08-22" / "32006R0765.csv")
        load_path(engine, "eu_fsf", LISTS / "eu_fsf" / "sample-2022-07-20" / "eu_fsf_sample.xml")
    finally:
        logging.disable(logging.NOTSET)


def test_resolve_judge_and_reverse(engine: Engine) -> None:
    _load(engine)
    report = targets.resolve(engine)
    assert report.new == report.proposed > 50
    again = targets.resolve(engine)
    assert again.new == 0  # stored once
    groups = targets.targets(engine)
    # Tsentrkurort: EU annex, EU FSF and OFAC share the registration number 100726604
    assert groups["ofac_sdn-33171"] == ["eu_fsf-900102", "eu_journal-I.B-18", "ofac_sdn-33171"]
    link = targets.judge(engine, "ofac_sdn-33171", "eu_fsf-900102", confirm=False, user="ana")
    assert link.judgement == "rejected" and link.decided_by == "ana"
    assert targets.resolve(engine).new == 0  # the resolver never overrides an analyst
    assert "eu_fsf-900102" not in targets.targets(engine).get("ofac_sdn-33171", [])
    targets.judge(engine, "ofac_sdn-33171", "eu_fsf-900102", confirm=True, user="ana")
    assert "eu_fsf-900102" in targets.targets(engine)["ofac_sdn-33171"]


def test_match_shows_a_target_once(tmp_path: object) -> None:
    app = create_app(Settings(home=tmp_path))  # type: ignore[arg-type]
    engine = app.state.engine
    _load(engine)
    client = TestClient(app)
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": "Tsentrkurort"}}}}
    before = client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    targets.resolve(engine)
    after = client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    assert len(before) == 3 and len(after) == 1
    (hit,) = after
    assert set(hit["datasets"]) == {"ofac_sdn", "eu_journal", "eu_fsf"}
    assert len(hit["referents"]) == 2
    entity = client.get(f"/entities/{hit['id']}").json()
    assert sorted(entity["referents"]) == sorted(hit["referents"])
