from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.settings import Settings

BOOKING = {
    "id": "PNR-SY-1",
    "sale_time": "2021-11-01T09:00:00Z",
    "ticket_type": "return",
    "segments": [
        {
            "operating_carrier": "HY",
            "origin": "IST",
            "destination": "TAS",
            "departure": "2021-11-20T06:00:00Z",
        },
        {
            "operating_carrier": "HY",
            "origin": "TAS",
            "destination": "MSQ",
            "departure": "2021-11-20T12:00:00Z",
        },
    ],
    "passengers": [{"id": "P1", "nationalities": ["SY"]}],
}


def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(home=tmp_path)))


def test_post_check_denies_transit_and_explains(tmp_path: Path) -> None:
    response = client(tmp_path).post("/check", json=BOOKING)
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "deny"
    first, second = body["decisions"]
    assert first["decision"] == "allow"
    assert second["decision"] == "deny"
    assert {f["measure"] for f in second["fired"]} == {"M15"}
    assert second["fired"][0]["sources"]


def test_post_check_resident_is_allowed(tmp_path: Path) -> None:
    booking = {**BOOKING, "passengers": [{"nationalities": ["SY"], "residence_permits": ["BY"]}]}
    assert client(tmp_path).post("/check", json=booking).json()["decision"] == "allow"


def test_post_check_invalid_booking_is_a_client_error(tmp_path: Path) -> None:
    response = client(tmp_path).post("/check", json={**BOOKING, "ticket_type": "open"})
    assert 400 <= response.status_code < 500


def test_get_rules_lists_measures_with_sources(tmp_path: Path) -> None:
    measures = client(tmp_path).get("/rules").json()
    by_id = {m["id"]: m for m in measures}
    assert len(by_id["M06"]["rules"]) == 2
    assert by_id["M15"]["sources"][0]["url"].startswith("https://www.aoinform.com")


def test_post_check_fails_closed_with_422_never_500(tmp_path: Path) -> None:
    api = client(tmp_path)
    for change in (
        {"segments": []},
        {"passengers": []},
        {"segments": "IST-MSQ"},
        {"passengers": [{"nationalities": 42}]},
        {"passengers": [{"nationalities": ["SY"], "visas": 7}]},
        {"sale_time": "not a date"},
        {"segments": [{**BOOKING["segments"][0], "origin": "ZZZ"}]},  # type: ignore[index]
    ):
        response = api.post("/check", json={**BOOKING, **change})
        assert response.status_code == 422, (change, response.text)
    assert (
        api.post(
            "/check", content=b"\xff\xfe", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
