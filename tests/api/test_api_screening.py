"""``POST /screen`` and yente's ``POST /match/{dataset}`` on a store holding real entries."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screening"))

from screening_helpers import sample

from corridor.api.app import create_app
from corridor.model.listing import Jurisdiction
from corridor.settings import Settings
from corridor.store.lists import ListStore, SnapshotInfo


def _snapshot(sha: str, day: int) -> SnapshotInfo:
    when = datetime(2024, 5, day, tzinfo=UTC)
    return SnapshotInfo("ofac_sdn", sha * 64, "sdn.csv", when, when)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(home=tmp_path))
    logging.disable(logging.CRITICAL)
    try:
        ListStore(app.state.engine).load(sample(), _snapshot("a", 3), Jurisdiction.US)
    finally:
        logging.disable(logging.NOTSET)
    return TestClient(app)


def test_screen_batch_explains_hits(client: TestClient) -> None:
    body = {
        "queries": [
            {"name": "Белавиа", "country": ["by"]},
            {"names": ["Some aircraft"], "identifier": ["EW 78843"]},
            {"name": "Turkish Airlines"},
        ],
        "limit": 3,
    }
    resp = client.post("/screen", json=body)
    assert resp.status_code == 200
    data = resp.json()
    first, second, third = data["results"]
    hit = first["hits"][0]
    assert hit["entity_id"] == "ofac-44541" and hit["match"] is True
    assert hit["name"]["query_normalised"] == "belavia"
    assert hit["in_force"] is True and hit["listed"][0]["jurisdiction"] == "US"
    assert second["hits"][0]["entity_id"] == "ofac-33399"
    assert third["hits"] == []
    assert data["index"]["entities"] == 6
    assert hit["sample"] is False  # an OFAC snapshot, not a hand-made sample


def test_screen_rejects_empty_query(client: TestClient) -> None:
    resp = client.post("/screen", json={"queries": [{"name": " "}]})
    assert resp.status_code in (400, 422)
    assert client.post("/screen", json={"queries": []}).status_code == 422


def test_index_rebuilt_when_store_changes(client: TestClient, tmp_path: Path) -> None:
    query = {"queries": [{"name": "Tsentrkurort"}]}
    before = client.post("/screen", json=query).json()
    assert before["results"][0]["hits"]
    app = client.app
    logging.disable(logging.CRITICAL)
    try:
        remaining = [e for e in sample() if e.id != "ofac-33171"]
        ListStore(app.state.engine).load(remaining, _snapshot("b", 9), Jurisdiction.US)  # type: ignore[attr-defined]
    finally:
        logging.disable(logging.NOTSET)
    after = client.post("/screen", json=query).json()
    assert after["index"]["fingerprint"] != before["index"]["fingerprint"]
    assert after["results"][0]["hits"] == []


def test_yente_match_shape(client: TestClient) -> None:
    body = {
        "queries": {
            "q1": {
                "schema": "Person",
                "properties": {
                    "name": ["Alexander Lukashenko"],
                    "birthDate": ["1954-08-30"],
                    "nationality": ["by"],
                },
            },
            "q2": {"schema": "Company", "properties": {"name": ["Cham Wings"]}},
        }
    }
    resp = client.post("/match/default", json=body, params={"limit": 2})
    assert resp.status_code == 200
    data = resp.json()
    assert data["limit"] == 2
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"]["relation"] == "eq"
    top = q1["results"][0]
    assert top["id"] == "eu-lukashenka" and top["schema"] == "Person"
    assert top["match"] is True and top["datasets"] == ["eu_journal"]
    assert top["explanations"]["birth_date"]["score"] > 0 and "name" in top["properties"]
    assert q1["query"]["properties"]["name"] == ["Alexander Lukashenko"]
    assert data["responses"]["q2"]["results"][0]["caption"] == "CHAM WINGS AIRLINES"


def test_yente_match_limited_to_a_dataset(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Cham Wings"]}}}}
    data = client.post("/match/uk_ofsi", json=body).json()
    assert data["responses"]["q"]["results"] == []


def test_yente_match_reads_identifier_properties_with_their_scheme(client: TestClient) -> None:
    # an Airplane's registrationNumber is read as an aircraft registration
    body = {"queries": {"q": {"schema": "Airplane",
                              "properties": {"registrationNumber": ["EW 78843"]}}}}  # fmt: skip
    results = client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    assert results and results[0]["id"] == "ofac-33399"
    assert results[0]["explanations"]["identifier"]["score"] > 0
    # FtM has no airline designator on a Company: yente skips the property, leaving an empty
    # query, which is a 400
    body = {"queries": {"q": {"schema": "Company", "properties": {"icaoCode": ["BRU"]}}}}
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 400 and "no name" in resp.json()["detail"]


def test_hits_from_a_hand_made_sample_say_so(tmp_path: Path) -> None:
    app = create_app(Settings(home=tmp_path))
    when = datetime(2024, 5, 3, tzinfo=UTC)
    info = SnapshotInfo("ofac_sdn", "c" * 64, "sample-2024-05-03/sdn_sample.csv", when, when)
    logging.disable(logging.CRITICAL)
    try:
        ListStore(app.state.engine).load(sample(), info, Jurisdiction.US)
    finally:
        logging.disable(logging.NOTSET)
    resp = TestClient(app).post("/screen", json={"queries": [{"name": "Belavia"}], "limit": 1})
    (hit,) = resp.json()["results"][0]["hits"]
    assert hit["sample"] is True
